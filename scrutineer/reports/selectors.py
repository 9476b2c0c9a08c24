"""Reads for reports: stored cover sheets, with defaults for a report not yet started, and the
stored files of published versions."""

from __future__ import annotations

from typing import Any

from scrutineer.core.models import Organisation, Portfolio, ReportingPeriod
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter

from .models import PublishedArtefact, Report, ReportPublication
from .registry import ReportKind
from .renderers import Format

# Cover-sheet fields that stay the same from one report of a kind to the next: a new report starts
# with the previous one's, so officers only change what changed.
STANDING_FIELDS = (
    "decision_maker",
    "urgency",
    "executive",
    "key_decision",
    "contact_officers",
    "chief_officer",
    "ward",
    "impact_summary",
    "policy_status",
    "corporate_priority",
    "cost_of_proposal",
    "ongoing_costs",
    "budget_head",
    "total_current_budget",
    "source_of_funding",
    "staff_number",
    "staff_hours",
    "legal_requirement",
    "call_in",
    "procurement_summary",
    "customer_impact",
    "ward_councillors_asked",
    "ward_councillors_comments",
    "implications_vulnerable",
    "implications_policy",
    "implications_financial",
    "implications_legal",
    "implications_personnel",
    "implications_procurement",
    "non_applicable_sections",
    "background_documents",
    "schedule_12a_paragraph",
)


def report_for(*, portfolio: Portfolio, kind: ReportKind, period: str) -> Report:
    """The stored report, or a new unsaved one filled with defaults.

    Defaults come from the kind (title, reason, recommendations, commentary for the period) and,
    for the standing fields, from the kind's most recent earlier report of the portfolio.
    """
    report = Report.objects.select_related("portfolio__organisation", "publication").filter(
        portfolio=portfolio, kind=kind.slug, period=period
    )
    found = report.first()
    if found is not None:
        return found
    return Report(portfolio=portfolio, kind=kind.slug, period=period, **report_defaults(portfolio, kind, period))


def report_defaults(portfolio: Portfolio, kind: ReportKind, period: str) -> dict[str, Any]:
    values = kind.defaults(portfolio, period)
    previous = Report.objects.filter(portfolio=portfolio, kind=kind.slug, period__lt=period).order_by("-period").first()
    if previous is not None:
        values.update({name: getattr(previous, name) for name in STANDING_FIELDS})
    return values


def reports_for_period(*, portfolio: Portfolio, period: str, kind_slug: str) -> Report | None:
    return Report.objects.filter(portfolio=portfolio, kind=kind_slug, period=period).first()


def reporting_period(*, organisation: Organisation, quarter: FinancialQuarter) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(
        organisation=organisation, year=quarter.start_year, quarter=quarter.quarter
    ).first()


def reporting_periods(*, organisation: Organisation) -> list[ReportingPeriod]:
    """The organisation's reporting periods, newest first."""
    return list(ReportingPeriod.objects.filter(organisation=organisation).order_by("-year", "-quarter"))


def portfolio_get(*, organisation: Organisation, slug: str) -> Portfolio | None:
    return Portfolio.objects.select_related("organisation").filter(organisation=organisation, slug=slug).first()


def portfolios(*, organisation: Organisation) -> list[Portfolio]:
    return list(Portfolio.objects.filter(organisation=organisation).order_by("name"))


def published_file(
    *, report: Report, part: Part, format: Format, number: int | None = None
) -> PublishedArtefact | None:
    """The stored file of the report's current publication (or of version `number`), bytes and
    all; None for a draft, or for a report recorded as published whose files are not stored."""
    if report.pk is None:
        return None
    files = PublishedArtefact.objects.select_related("publication").filter(
        publication__report=report, part=part.value, format=format.value
    )
    if number is not None:
        return files.filter(publication__number=number).first()
    if not report.is_published or report.publication_id is None:
        return None
    return files.filter(publication_id=report.publication_id).first()


def publications(*, report: Report) -> list[ReportPublication]:
    """Every stored publication of the report, newest first, each with its files' sizes and
    hashes (not their bytes)."""
    if report.pk is None:
        return []
    found = list(ReportPublication.objects.filter(report=report).select_related("published_by").order_by("-number"))
    files = PublishedArtefact.objects.filter(publication__in=found).defer("content").order_by("part", "format")
    by_publication: dict[int, list[PublishedArtefact]] = {}
    for file in files:
        by_publication.setdefault(file.publication_id, []).append(file)
    for publication in found:
        publication.files = by_publication.get(publication.pk, [])  # type: ignore[attr-defined]
    return found
