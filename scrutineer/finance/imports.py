"""Budget lines and capital schemes from a CSV or Excel file, as a finance system exports them.

All or nothing: every problem in the file is collected as a RowError (line, column, message) and
the file is refused with ImportRejected unless there are none. Amounts are £'000 and may be written
the council's way ("Cr 61"), with a minus sign or in brackets. Total rows are optional; when given,
they are kept as the printed totals the product checks its own sums against, never as figures.

Budget columns: service_area (or line), classification, latest_approved, projected_outturn; and
optionally row_type (line or total), department, division, memorandum_group, prior_year_actuals,
original_budget, variation, note, variation_last_reported, full_year_effect.

Capital columns: category, scheme, total_approved_estimate, actual_to_date and one
estimate_YYYY_YY column per year; optionally row_type (scheme or total), responsible_officer,
remarks, previous_estimate, actual_in_year, current_estimate, progress_remarks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from scrutineer.core.tabular import ImportRejected, RowError, Table, require_columns
from scrutineer.domain.budget import TYPED_COLUMNS, Classification, Figures, division_key
from scrutineer.domain.capital import estimate_column
from scrutineer.domain.money import MoneyError, parse_thousands_or_blank

from .inputs import LineInput, PublishedInput, SchemeInput

MAX_ROWS = 50_000
LARGEST = 2_000_000_000  # £'000: £2 trillion, and what a database integer column holds
# What the database holds for each text column (scrutineer.finance.models).
TEXT_LIMITS = {
    "service_area": 300,
    "department": 200,
    "division": 200,
    "memorandum_group": 200,
    "note": 20,
    "category": 200,
    "scheme": 300,
    "responsible_officer": 200,
}
BUDGET_REQUIRED = ("service_area", "classification", "latest_approved", "projected_outturn")
_ALIASES = {"line": "service_area", "notes": "note"}
_CLASSIFICATIONS = {
    "controllable": Classification.CONTROLLABLE,
    "non_controllable": Classification.NON_CONTROLLABLE,
    "excluded_recharges": Classification.EXCLUDED_RECHARGES,
    "memorandum": Classification.MEMORANDUM,
    "memorandum_item": Classification.MEMORANDUM,
}
PORTFOLIO = "portfolio"
_ESTIMATE_RE = re.compile(r"^estimate_(\d{4})_(\d{2})$")


def _normalise(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _alias(table: Table) -> Table:
    headers = [_ALIASES.get(h, h) for h in table.headers]
    rows = [(line, {_ALIASES.get(k, k): v for k, v in row.items()}) for line, row in table.rows]
    return Table(headers=headers, rows=rows)


@dataclass
class BudgetFile:
    lines: list[LineInput] = field(default_factory=list)
    published: list[PublishedInput] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class _Row:
    """One row's cells read, with the problems found in it."""

    line: int
    cells: dict[str, str]
    errors: list[RowError]
    too_long: set[str] = field(default_factory=set)

    def text(self, column: str) -> str:
        value = self.cells.get(column, "").strip()
        limit = TEXT_LIMITS.get(column)
        if limit is not None and len(value) > limit and column not in self.too_long:
            self.too_long.add(column)
            self.errors.append(RowError(self.line, column, f"This is longer than {limit} characters."))
        return value

    def amount(self, column: str) -> int | None:
        try:
            value = parse_thousands_or_blank(self.text(column))
        except MoneyError:
            self.errors.append(RowError(self.line, column, f"{self.text(column)!r} is not an amount in £'000."))
            return None
        if value is not None and abs(value) > LARGEST:
            self.errors.append(RowError(self.line, column, f"{value:,} thousand pounds is more than a ledger holds."))
            return None
        return value

    def require(self, column: str, message: str) -> str:
        value = self.text(column)
        if not value:
            self.errors.append(RowError(self.line, column, message))
        return value


def read_budget(table: Table) -> BudgetFile:
    """The lines and printed totals of a budget file. Raises ImportRejected listing every problem."""
    table = _alias(table)
    require_columns(table, BUDGET_REQUIRED)
    if len(table.rows) > MAX_ROWS:
        raise ImportRejected([RowError(0, "", f"The file has more than {MAX_ROWS:,} rows.")])
    result = BudgetFile()
    errors: list[RowError] = []
    totals: list[tuple[_Row, str, str, Classification | None]] = []
    for line, cells in table.rows:
        row = _Row(line, cells, errors)
        kind = _normalise(row.text("row_type") or "line")
        classification_text = _normalise(row.text("classification"))
        if kind == "line":
            _budget_line(row, classification_text, result)
        elif kind in ("total", "subtotal"):
            totals.append(_budget_total_key(row, classification_text))
        else:
            errors.append(RowError(line, "row_type", f"{row.text('row_type')!r}: a row is a line or a total."))
    if not result.lines and not errors:
        errors.append(RowError(0, "", "The file has no budget lines."))
    _budget_totals(totals, result, errors)
    if errors:
        raise ImportRejected(errors)
    return result


def _budget_line(row: _Row, classification_text: str, result: BudgetFile) -> None:
    name = row.require("service_area", "Each line needs its service area.")
    classification = _CLASSIFICATIONS.get(classification_text)
    if classification is None:
        row.errors.append(
            RowError(
                row.line,
                "classification",
                f"{row.text('classification')!r}: a line is controllable, non-controllable, "
                "excluded recharges or memorandum.",
            )
        )
        return
    if classification is Classification.CONTROLLABLE:
        row.require("division", "A controllable line needs its division.")
    if classification is Classification.MEMORANDUM:
        row.require("memorandum_group", "A memorandum item needs its group (such as Sold Services).")
    figures = Figures(**{column: row.amount(column) for column in TYPED_COLUMNS})
    for column in ("latest_approved", "projected_outturn"):
        if getattr(figures, column) is None and row.text(column) == "":
            row.errors.append(RowError(row.line, column, "A line needs this figure (0 if there is none)."))
    printed = {c: row.text(c) for c in (*TYPED_COLUMNS, "variation") if row.text(c)}
    result.lines.append(
        LineInput(
            name=name,
            classification=classification,
            figures=figures,
            department=row.text("department") if classification is Classification.CONTROLLABLE else "",
            division=row.text("division") if classification is Classification.CONTROLLABLE else "",
            memorandum_group=row.text("memorandum_group") if classification is Classification.MEMORANDUM else "",
            note_ref=row.text("note"),
            published_variation=row.amount("variation"),
            printed=printed,
            source_line=row.line,
        )
    )


def _budget_total_key(row: _Row, classification_text: str) -> tuple[_Row, str, str, Classification | None]:
    """Which total a total row prints: by its classification, division, department or group."""
    if classification_text == PORTFOLIO:
        return row, PORTFOLIO, "portfolio_total_label", None
    classification = _CLASSIFICATIONS.get(classification_text)
    if classification is None:
        row.errors.append(
            RowError(row.line, "classification", f"{row.text('classification')!r}: not a total this report has.")
        )
        return row, "", "", None
    if classification is Classification.MEMORANDUM:
        group = row.require("memorandum_group", "A memorandum total needs its group.")
        return row, f"memorandum:{group}", "", classification
    if classification is Classification.CONTROLLABLE and row.text("division"):
        return row, division_key(row.text("department"), row.text("division")), "", classification
    if classification is Classification.CONTROLLABLE and row.text("department"):
        return row, f"department:{row.text('department')}", "", classification
    return row, classification.value, f"{classification.value}_total_label", classification


def _budget_totals(
    totals: Sequence[tuple[_Row, str, str, Classification | None]], result: BudgetFile, errors: list[RowError]
) -> None:
    divisions = {division_key(line.department, line.division) for line in result.lines}
    departments = {f"department:{line.department}" for line in result.lines}
    groups = {f"memorandum:{line.memorandum_group}" for line in result.lines if line.memorandum_group}
    seen: set[str] = set()
    for row, key, label_field, _ in totals:
        if not key:
            continue
        if key in seen:
            errors.append(RowError(row.line, "service_area", "This total is given twice."))
            continue
        seen.add(key)
        if key.startswith("division:") and key not in divisions:
            errors.append(RowError(row.line, "division", "No lines in the file belong to this division."))
        if key.startswith("department:") and key not in departments:
            errors.append(RowError(row.line, "department", "No lines in the file belong to this department."))
        if key.startswith("memorandum:") and key not in groups:
            errors.append(RowError(row.line, "memorandum_group", "No lines in the file belong to this group."))
        label = row.require("service_area", "A total needs its name, as the report prints it.")
        if label_field and label:
            result.labels[label_field] = label
        for column in (*TYPED_COLUMNS, "variation"):
            value = row.amount(column)
            if value is not None:
                result.published.append(PublishedInput(key, label, column, value, row.text(column), row.line))


# --- capital --------------------------------------------------------------------------------

CAPITAL_REQUIRED = ("category", "scheme", "total_approved_estimate", "actual_to_date")
_PROGRESS = ("previous_estimate", "actual_in_year", "current_estimate")


@dataclass
class CapitalFile:
    schemes: list[SchemeInput] = field(default_factory=list)
    published: list[PublishedInput] = field(default_factory=list)


def estimate_years(headers: Sequence[str]) -> dict[str, int]:
    """Estimate columns by name, with the financial year each is for."""
    years = {}
    for header in headers:
        match = _ESTIMATE_RE.match(header)
        if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
            years[header] = int(match.group(1))
    return years


def read_capital(table: Table, *, years: Sequence[int] | None = None) -> CapitalFile:
    """Schemes and printed totals of a capital file. `years`, when given, are the programme's."""
    require_columns(table, CAPITAL_REQUIRED)
    columns = estimate_years(table.headers)
    errors: list[RowError] = []
    if not columns:
        errors.append(RowError(1, "", "The file needs an estimate column per year, such as estimate_2020_21."))
    if years is not None:
        errors += [
            RowError(1, column, "This year is outside the programme's years.")
            for column, year in columns.items()
            if year not in years
        ]
    result = CapitalFile()
    seen: set[str] = set()
    for line, cells in table.rows:
        row = _Row(line, cells, errors)
        kind = _normalise(row.text("row_type") or "scheme")
        if kind == "scheme":
            result.schemes.append(_scheme(row, columns))
        elif kind == "total":
            _capital_total(row, columns, result, seen)
        else:
            errors.append(RowError(line, "row_type", f"{row.text('row_type')!r}: a row is a scheme or a total."))
    if not result.schemes and not errors:
        errors.append(RowError(0, "", "The file has no schemes."))
    categories = {s.category for s in result.schemes}
    for p in result.published:
        if p.key.startswith("category:") and p.key.removeprefix("category:") not in categories:
            errors.append(RowError(p.source_line or 0, "category", "No schemes in the file are in this category."))
    if errors:
        raise ImportRejected(_unique(errors))
    return result


def _unique(errors: list[RowError]) -> list[RowError]:
    return list(dict.fromkeys(errors))


def _scheme(row: _Row, columns: dict[str, int]) -> SchemeInput:
    category = row.require("category", "Each scheme needs its category.")
    name = row.require("scheme", "Each scheme needs its name.")
    approved = row.amount("total_approved_estimate")
    actual = row.amount("actual_to_date")
    for column, value in (("total_approved_estimate", approved), ("actual_to_date", actual)):
        if value is None and not row.text(column):
            row.errors.append(RowError(row.line, column, "A scheme needs this figure (0 if there is none)."))
    estimates = {year: value for column, year in columns.items() if (value := row.amount(column)) is not None}
    progress = {column: row.amount(column) for column in _PROGRESS}
    printed = {c: row.text(c) for c in (*CAPITAL_REQUIRED[2:], *columns, *_PROGRESS) if row.text(c)}
    return SchemeInput(
        category=category,
        name=name,
        total_approved_estimate=approved or 0,
        actual_to_date=actual or 0,
        estimates=estimates,
        responsible_officer=row.text("responsible_officer"),
        remarks=row.text("remarks"),
        progress_remarks=row.text("progress_remarks"),
        printed=printed,
        source_line=row.line,
        **progress,
    )


def _capital_total(row: _Row, columns: dict[str, int], result: CapitalFile, seen: set[str]) -> None:
    category = row.text("category")
    key = f"category:{category}" if category else "schemes"
    label = row.require("scheme", "A total needs its name, as the report prints it.")
    if key in seen:
        row.errors.append(RowError(row.line, "scheme", "This total is given twice."))
        return
    seen.add(key)
    names = {"total_approved_estimate": "total_approved_estimate", "actual_to_date": "actual_to_date"}
    names.update({column: estimate_column(year) for column, year in columns.items()})
    names.update({column: column for column in _PROGRESS})
    for source, column in names.items():
        value = row.amount(source)
        if value is not None:
            result.published.append(PublishedInput(key, label, column, value, row.text(source), row.line))
