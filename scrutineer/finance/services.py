"""Writes to budget monitoring and the capital programme. Every write goes through here, atomically.

Lines come in as plain dataclasses (from an import, or the demo's data files) and are written in
bulk with their history. Only lines are ever written: totals are computed when read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.core.page_cache import content_changed
from scrutineer.core.tabular import Table
from scrutineer.domain.budget import TYPED_COLUMNS, Classification
from scrutineer.domain.periods import FinancialYear

from .imports import read_budget, read_capital
from .inputs import (
    BudgetDocument,
    CapitalDocument,
    ImportResult,
    LineInput,
    PublishedInput,
    SchemeInput,
    json_years,
)
from .models import (
    BudgetLine,
    BudgetMonitoring,
    BudgetNote,
    BudgetPublishedFigure,
    CapitalProgramme,
    CapitalPublishedFigure,
    CapitalScheme,
    CapitalVariation,
    CapitalVariationItem,
    FinancialRisk,
    FullYearEffectNote,
    GrantBalanceStep,
    GrantVariation,
    NoteAnalysisItem,
    PostCompletionReview,
    ReconciliationItem,
)

# Published figures of the summary table, which an import of lines replaces; the others (the DSG
# table, the carry forward, the reconciliation) belong to the report's explanations.
SUMMARY_KEY_PREFIXES = ("division:", "department:", "memorandum:")
SUMMARY_KEYS = {c.value for c in Classification if c is not Classification.MEMORANDUM} | {"portfolio"}


def is_summary_key(key: str) -> bool:
    return key in SUMMARY_KEYS or key.startswith(SUMMARY_KEY_PREFIXES)


LABEL_FIELDS = (
    "controllable_total_label",
    "non_controllable_total_label",
    "excluded_recharges_total_label",
    "portfolio_total_label",
)


@transaction.atomic
def budget_monitoring_create_from_document(
    *, portfolio: Portfolio, period: ReportingPeriod, document: BudgetDocument, **details: Any
) -> BudgetMonitoring:
    """A budget monitoring report with its lines and explanations, all of it or nothing."""
    monitoring = BudgetMonitoring(portfolio=portfolio, period=period, **details)
    for name, value in document.labels.items():
        setattr(monitoring, name, value)
    monitoring.full_clean()
    monitoring.save()
    _lines_write(monitoring, document.lines, document.published)
    _explanations_write(monitoring, document)
    return monitoring


@transaction.atomic
def budget_lines_import(
    *,
    monitoring: BudgetMonitoring,
    lines: Sequence[LineInput],
    published: Sequence[PublishedInput] = (),
    labels: dict[str, str] | None = None,
) -> ImportResult:
    """Replace a report's lines (and the summary totals printed with them) by those imported.

    Importing the same lines again changes nothing. The explanations (notes, the DSG table and
    so on) are kept.
    """
    current = [_line_values(line) for line in monitoring.lines.order_by("position")]
    current_published = {
        (f.key, f.column): f.value for f in monitoring.published_figures.all() if is_summary_key(f.key)
    }
    incoming_published = {(p.key, p.column): p.value for p in published}
    label_changes = {k: v for k, v in (labels or {}).items() if getattr(monitoring, k) != v}
    if current == [line.values() for line in lines] and current_published == incoming_published and not label_changes:
        return ImportResult(lines=len(lines), changed=False)
    for name, value in label_changes.items():
        setattr(monitoring, name, value)
    if label_changes:
        monitoring.save(update_fields=list(label_changes))
    monitoring.lines.all().delete()
    keys = [f.pk for f in monitoring.published_figures.all() if is_summary_key(f.key)]
    BudgetPublishedFigure.objects.filter(pk__in=keys).delete()
    _lines_write(monitoring, lines, published)
    content_changed()
    return ImportResult(lines=len(lines), changed=True)


def _line_values(line: BudgetLine) -> tuple[object, ...]:
    return (
        line.name,
        line.classification,
        line.department,
        line.division,
        line.memorandum_group,
        line.note_ref,
        line.published_variation,
        *(getattr(line, c) for c in TYPED_COLUMNS),
    )


def _lines_write(monitoring: BudgetMonitoring, lines: Sequence[LineInput], published: Sequence[PublishedInput]) -> None:
    rows = [
        BudgetLine(
            monitoring=monitoring,
            position=position,
            department=line.department,
            division=line.division,
            name=line.name,
            printed_label=line.printed_label,
            classification=line.classification.value,
            memorandum_group=line.memorandum_group,
            note_ref=line.note_ref,
            published_variation=line.published_variation,
            printed=line.printed,
            source_line=line.source_line,
            remark=line.remark,
            **{column: getattr(line.figures, column) for column in TYPED_COLUMNS},
        )
        for position, line in enumerate(lines, start=1)
    ]
    bulk_create_with_history(rows, BudgetLine, batch_size=1000)
    BudgetPublishedFigure.objects.bulk_create(
        BudgetPublishedFigure(
            monitoring=monitoring,
            key=p.key,
            label=p.label,
            column=p.column,
            value=p.value,
            printed=p.printed,
            source_line=p.source_line,
        )
        for p in published
    )


def _explanations_write(monitoring: BudgetMonitoring, document: BudgetDocument) -> None:
    for position, note in enumerate(document.notes, start=1):
        saved = BudgetNote.objects.create(
            monitoring=monitoring,
            position=position,
            number=note.number,
            heading=note.heading,
            text=note.text,
            line_name=note.line_name,
            grant=note.grant,
            source_line=note.source_line,
        )
        NoteAnalysisItem.objects.bulk_create(
            NoteAnalysisItem(note=saved, position=i, **item) for i, item in enumerate(note.analysis, start=1)
        )
    for model, items in (
        (GrantVariation, document.grant_variations),
        (GrantBalanceStep, document.grant_balance_steps),
        (ReconciliationItem, document.reconciliation),
        (FinancialRisk, document.risks),
    ):
        model.objects.bulk_create(
            model(monitoring=monitoring, position=i, **item) for i, item in enumerate(items, start=1)
        )
    FullYearEffectNote.objects.bulk_create(
        FullYearEffectNote(monitoring=monitoring, **item) for item in document.full_year_effects
    )


# --- capital -------------------------------------------------------------------------------


@transaction.atomic
def capital_programme_create_from_document(
    *,
    portfolio: Portfolio,
    period: ReportingPeriod,
    document: CapitalDocument,
    base_amounts: dict[int, int],
    **details: Any,
) -> CapitalProgramme:
    programme = CapitalProgramme(portfolio=portfolio, period=period, base_amounts=json_years(base_amounts), **details)
    programme.full_clean()
    programme.save()
    _schemes_write(programme, document.schemes, document.published)
    for position, variation in enumerate(document.variations, start=1):
        saved = CapitalVariation.objects.create(
            programme=programme,
            position=position,
            description=variation.description,
            kind=variation.kind,
            agreed_by=variation.agreed_by,
            amounts=json_years(variation.amounts),
            printed=variation.printed,
            source_line=variation.source_line,
        )
        CapitalVariationItem.objects.bulk_create(
            CapitalVariationItem(
                variation=saved,
                position=i,
                label=item["label"],
                amounts=json_years(item["amounts"]),
                printed=item.get("printed", {}),
                source_line=item.get("source_line"),
            )
            for i, item in enumerate(variation.items, start=1)
        )
    PostCompletionReview.objects.bulk_create(
        PostCompletionReview(programme=programme, position=i, **item)
        for i, item in enumerate(document.reviews_due, start=1)
    )
    return programme


CAPITAL_SUMMARY_PREFIXES = ("category:", "schemes")


@transaction.atomic
def capital_schemes_import(
    *, programme: CapitalProgramme, schemes: Sequence[SchemeInput], published: Sequence[PublishedInput] = ()
) -> ImportResult:
    """Replace a programme's schemes (and the scheme totals printed with them) by those imported."""
    current = [_scheme_values(s) for s in programme.schemes.order_by("position")]
    current_published = {
        (f.key, f.column): f.value
        for f in programme.published_figures.all()
        if f.key.startswith(CAPITAL_SUMMARY_PREFIXES)
    }
    if current == [s.values() for s in schemes] and current_published == {
        (p.key, p.column): p.value for p in published
    }:
        return ImportResult(lines=len(schemes), changed=False)
    programme.schemes.all().delete()
    programme.published_figures.filter(
        pk__in=[f.pk for f in programme.published_figures.all() if f.key.startswith(CAPITAL_SUMMARY_PREFIXES)]
    ).delete()
    _schemes_write(programme, schemes, published)
    content_changed()
    return ImportResult(lines=len(schemes), changed=True)


def _scheme_values(scheme: CapitalScheme) -> tuple[object, ...]:
    return (
        scheme.category,
        scheme.name,
        scheme.total_approved_estimate,
        scheme.actual_to_date,
        scheme.estimates,
        scheme.responsible_officer,
        scheme.remarks,
        scheme.previous_estimate,
        scheme.actual_in_year,
        scheme.current_estimate,
        scheme.progress_remarks,
    )


def _schemes_write(
    programme: CapitalProgramme, schemes: Sequence[SchemeInput], published: Sequence[PublishedInput]
) -> None:
    rows = [
        CapitalScheme(
            programme=programme,
            position=position,
            category=s.category,
            name=s.name,
            total_approved_estimate=s.total_approved_estimate,
            actual_to_date=s.actual_to_date,
            estimates=json_years(s.estimates),
            responsible_officer=s.responsible_officer,
            remarks=s.remarks,
            previous_estimate=s.previous_estimate,
            actual_in_year=s.actual_in_year,
            current_estimate=s.current_estimate,
            progress_remarks=s.progress_remarks,
            printed=s.printed,
            source_line=s.source_line,
            remark=s.remark,
        )
        for position, s in enumerate(schemes, start=1)
    ]
    bulk_create_with_history(rows, CapitalScheme, batch_size=1000)
    CapitalPublishedFigure.objects.bulk_create(
        CapitalPublishedFigure(
            programme=programme,
            key=p.key,
            label=p.label,
            column=p.column,
            value=p.value,
            printed=p.printed,
            source_line=p.source_line,
        )
        for p in published
    )


# --- imports from a finance system's file -----------------------------------------------------


def budget_import(
    *, portfolio: Portfolio, period: ReportingPeriod, table: Table
) -> tuple[BudgetMonitoring, ImportResult]:
    """Import a budget file into the portfolio's report for the period, creating the report if need be.

    Raises ImportRejected, listing every problem, and then writes nothing.
    """
    data = read_budget(table)
    with transaction.atomic():
        monitoring = BudgetMonitoring.objects.filter(portfolio=portfolio, period=period).first()
        if monitoring is None:
            monitoring = BudgetMonitoring.objects.create(
                portfolio=portfolio,
                period=period,
                title=f"Budget Monitoring {FinancialYear(period.year).label}",
                source="Imported from a finance system file",
            )
        result = budget_lines_import(
            monitoring=monitoring, lines=data.lines, published=data.published, labels=data.labels
        )
    return monitoring, result


def capital_import(
    *, portfolio: Portfolio, period: ReportingPeriod, table: Table
) -> tuple[CapitalProgramme, ImportResult]:
    """Import a capital file into the portfolio's programme for the period, creating it if need be."""
    programme = CapitalProgramme.objects.filter(portfolio=portfolio, period=period).first()
    data = read_capital(table, years=programme.years if programme else None)
    with transaction.atomic():
        if programme is None:
            years = sorted({year for scheme in data.schemes for year in scheme.estimates} or {period.year})
            programme = CapitalProgramme.objects.create(
                portfolio=portfolio,
                period=period,
                title=f"Capital Programme Monitoring {period.long_label}",
                first_year=years[0],
                year_count=years[-1] - years[0] + 1,
                base_label="Approved programme",
                source="Imported from a finance system file",
            )
        result = capital_schemes_import(programme=programme, schemes=data.schemes, published=data.published)
    return programme, result
