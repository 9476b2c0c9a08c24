"""`scrutineer export budget` and `scrutineer export capital`, for a quarter such as 2020-21-Q3.

The budget export has one row per line and per total, in the order the summary prints them, with
total rows named as the report names them; the capital export one row per scheme and per total,
with one column per year's estimate. Amounts are £'000, credits negative; every total is the
product's own sum. Budget and capital monitoring are Part 1 (public) reports, so `--part` changes
nothing here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from scrutineer.core.exports import ExportError, ExportOptions
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import write_csv, write_xlsx
from scrutineer.domain import budget as b
from scrutineer.domain import capital as c
from scrutineer.domain.periods import FinancialQuarter, PeriodError

from . import selectors
from .models import BudgetMonitoring

BUDGET_COLUMNS = ("line", "classification", *b.COLUMNS)
PROGRESS_COLUMNS = selectors.PROGRESS_COLUMNS
PORTFOLIO = "portfolio"


def _quarter(options: ExportOptions) -> FinancialQuarter:
    if not options.period:
        raise ExportError("Say which quarter with --period, such as --period 2020-21-Q3.")
    try:
        return FinancialQuarter.parse(options.period)
    except PeriodError as error:
        raise ExportError(str(error)) from None


def _write(
    options: ExportOptions, headers: tuple[str, ...], rows: list[list[object]], stream: IO[bytes], title: str
) -> None:
    if options.format == "csv":
        text = io.StringIO()
        write_csv(headers, rows, text)
        stream.write(text.getvalue().encode("utf-8"))
    elif options.format == "xlsx":
        write_xlsx(headers, rows, stream, title=title)
    else:
        raise ExportError(f"Unknown format {options.format!r}: use csv or xlsx.")


# --- budget ---------------------------------------------------------------------------------


def budget_rows(view: selectors.BudgetView) -> Iterator[list[object]]:
    """Lines and totals in the summary's order; non-controllable and recharge lines before their totals."""
    summary, totals = view.summary, view.totals

    def row(name: str, classification: str, figures: b.Figures) -> list[object]:
        return [name, classification, *(figures.get(column) for column in b.COLUMNS)]

    for department in summary.departments:
        for division in department.divisions:
            for line in division.lines:
                yield row(line.name, line.classification.value, line.figures)
            total = totals[b.division_key(department.name, division.name)]
            yield row(total.label, b.Classification.CONTROLLABLE.value, total.figures)
        if f"department:{department.name}" in totals:
            total = totals[f"department:{department.name}"]
            yield row(total.label, b.Classification.CONTROLLABLE.value, total.figures)
    total = totals[b.Classification.CONTROLLABLE.value]
    yield row(total.label, total.classification or "", total.figures)
    for group in (summary.non_controllable, summary.excluded_recharges):
        for line in group.lines:
            yield row(line.name, line.classification.value, line.figures)
        classification = (
            b.Classification.NON_CONTROLLABLE
            if group is summary.non_controllable
            else b.Classification.EXCLUDED_RECHARGES
        )
        total = totals[classification.value]
        yield row(total.label, classification.value, total.figures)
    yield row(totals[PORTFOLIO].label, PORTFOLIO, totals[PORTFOLIO].figures)
    for group in summary.memoranda:
        for line in group.lines:
            yield row(line.name, line.classification.value, line.figures)
        total = totals[f"memorandum:{group.name}"]
        yield row(total.label, b.Classification.MEMORANDUM.value, total.figures)


def export_budget(options: ExportOptions, stream: IO[bytes]) -> None:
    quarter = _quarter(options)
    monitorings = list(selectors.budget_monitorings_for_period(quarter=quarter, organisation=default_organisation()))
    if not monitorings:
        raise ExportError(f"There is no budget monitoring for {quarter.long_label}.")
    rows = [r for monitoring in monitorings for r in budget_rows(_budget_view(monitoring))]
    _write(options, BUDGET_COLUMNS, rows, stream, title=f"Budget {quarter.slug}")


def _budget_view(monitoring: BudgetMonitoring) -> selectors.BudgetView:
    return selectors.budget_view(monitoring=monitoring)


# --- capital --------------------------------------------------------------------------------


def capital_columns(years: list[int]) -> tuple[str, ...]:
    return (
        "row_type",
        "category",
        "scheme",
        "total_approved_estimate",
        "actual_to_date",
        *(c.estimate_column(year) for year in years),
        "responsible_officer",
        "remarks",
        *PROGRESS_COLUMNS,
        "progress_remarks",
    )


def capital_rows(view: selectors.CapitalView) -> Iterator[list[object]]:
    years = view.years

    def figures(totals: dict[str, int]) -> list[object]:
        return [
            totals["total_approved_estimate"],
            totals["actual_to_date"],
            *(totals[c.estimate_column(y)] for y in years),
        ]

    for category in view.categories:
        for scheme in category.schemes:
            record = scheme.ref
            yield [
                "scheme",
                category.name,
                scheme.name,
                scheme.total_approved_estimate,
                scheme.actual_to_date,
                *(scheme.estimates.get(year) for year in years),
                record.responsible_officer,
                record.remarks,
                *(getattr(record, column) for column in PROGRESS_COLUMNS),
                record.progress_remarks,
            ]
        label = _printed_label(view, f"category:{category.name}", f"TOTAL {category.name}")
        progress = selectors.progress_totals([s.ref for s in category.schemes])
        yield ["total", category.name, label, *figures(category.totals(years)), "", "", *progress.values(), ""]
    label = _printed_label(view, "schemes", view.programme.portfolio_total_label)
    progress = selectors.progress_totals(view.schemes)
    yield ["total", "", label, *figures(view.scheme_totals), "", "", *progress.values(), ""]


def _printed_label(view: selectors.CapitalView, key: str, default: str) -> str:
    printed = view.published_row(key)
    return next(iter(printed.values()))[0] if printed else default


def export_capital(options: ExportOptions, stream: IO[bytes]) -> None:
    quarter = _quarter(options)
    programmes = list(selectors.capital_programmes_for_period(quarter=quarter, organisation=default_organisation()))
    if not programmes:
        raise ExportError(f"There is no capital programme for {quarter.long_label}.")
    views = [selectors.capital_view(programme=programme) for programme in programmes]
    years = sorted({year for view in views for year in view.years})
    rows = []
    for view in views:
        for row in capital_rows(view):
            rows.append(_spread(row, view.years, years))
    _write(options, capital_columns(years), rows, stream, title=f"Capital {quarter.slug}")


def _spread(row: list[object], own: list[int], years: list[int]) -> list[object]:
    """A row laid out for the export's years (several programmes may cover different years)."""
    if own == years:
        return row
    by_year = dict(zip(own, row[5 : 5 + len(own)], strict=True))
    return [*row[:5], *(by_year.get(year) for year in years), *row[5 + len(own) :]]


EXPORTS = {"budget": export_budget, "capital": export_capital}
