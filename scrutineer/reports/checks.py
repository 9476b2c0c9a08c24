"""What stops a report being published: gaps in its cover sheet, and the kind's own checks.

The council's template has gone out half completed (`004_5a7191a0a14e1e5f.txt:3148-3271`, 4104),
so every gap is listed, each naming the field to fix.
"""

from __future__ import annotations

from scrutineer.domain.cover_sheets import (
    Executive,
    Gap,
    call_in_gaps,
    exempt_gaps,
    implication_gaps,
    missing_fields,
)

from .models import Report
from .registry import ReportKind

REQUIRED = (
    "report_number",
    "decision_maker",
    "meeting_date",
    "title",
    "chief_officer",
    "ward",
    "reason",
    "recommendations",
    "policy_status",
    "legal_requirement",
    "call_in",
    "commentary",
    "background_documents",
)
TEXT_FIELDS = (
    "agenda_item",
    "report_number",
    "decision_maker",
    "date_note",
    "title",
    "chief_officer",
    "ward",
    "reason",
    "recommendations",
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
    "commentary",
    "part2_commentary",
    "background_documents",
    *Report.IMPLICATIONS,
)


def report_gaps(report: Report, kind: ReportKind) -> list[Gap]:
    """Every gap, blocking or not: the cover sheet's first, then the kind's."""
    return [*cover_sheet_gaps(report, kind), *kind.gaps(report)]


def cover_sheet_gaps(report: Report, kind: ReportKind) -> list[Gap]:
    values = {name: str(getattr(report, name) or "") for name in TEXT_FIELDS}
    values["meeting_date"] = report.meeting_date.isoformat() if report.meeting_date else ""
    gaps = missing_fields(values, field_labels(), REQUIRED)
    if not any(officer.get("name", "").strip() for officer in report.contact_officers):
        gaps.append(Gap("contact_1_name", "Enter at least one contact officer"))
    gaps += implication_gaps(
        {key: getattr(report, key) for key in Report.IMPLICATIONS}, report.non_applicable_sections, field_labels()
    )
    gaps += call_in_gaps(Executive(report.executive), report.call_in)
    exempt = kind.part2_exempt_material or bool(report.part2_commentary.strip())
    gaps += exempt_gaps(report.schedule_12a_paragraph, has_exempt_material=exempt)
    return gaps


def blocking(gaps: list[Gap]) -> list[Gap]:
    return [gap for gap in gaps if gap.blocking]


def field_labels() -> dict[str, str]:
    labels = {
        field.name: str(field.verbose_name) for field in Report._meta.get_fields() if hasattr(field, "verbose_name")
    }
    labels.update(Report.IMPLICATIONS)
    return {name: label[:1].upper() + label[1:] for name, label in labels.items()}
