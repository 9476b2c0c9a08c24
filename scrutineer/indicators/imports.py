"""Import indicator values and benchmarks from a CSV or Excel file, all of it or nothing.

The file is long: one value a row, with columns `indicator` (the number, "22.2"), `period`
("2020-12", "2020-21-Q3", "2020-21", "2020") and `value` as the index prints it ("86%", "328",
"Data suppressed, see part 2 report", "100% (initial) 99% (review)"). Optional columns: `split`
(one part of a split value), `comparator` (England, London, Statistical neighbours or National: the
row is a benchmark) and `part` (1 public, the default; 2 exempt, never shown in Part 1).

Every row is checked before anything is written; any problem rejects the whole file with every
problem listed by line and column (check B1 in `../shared/reliability.md`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from scrutineer.core import page_cache
from scrutineer.core.models import Portfolio
from scrutineer.core.tabular import ImportRejected, RowError, Table, require_columns
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Period, PeriodError, parse_period

from .models import Benchmark, Indicator, IndicatorValue
from .services import ValueProblem, benchmark_set, cell_figures

REQUIRED = ("indicator", "period", "value")
TEMPLATE_HEADERS = ("indicator", "period", "value", "split", "comparator", "part")
COMPARATORS = {
    "england": Benchmark.Comparator.ENGLAND,
    "london": Benchmark.Comparator.LONDON,
    "statistical neighbours": Benchmark.Comparator.STATISTICAL_NEIGHBOURS,
    "statistical_neighbours": Benchmark.Comparator.STATISTICAL_NEIGHBOURS,
    "national": Benchmark.Comparator.NATIONAL,
}
PARTS = {"": Part.ONE, "1": Part.ONE, "part 1": Part.ONE, "2": Part.TWO, "part 2": Part.TWO}
COMPARED_FIELDS = ("text", "state", "number", "rate", "part")
UPDATED_FIELDS = (*COMPARED_FIELDS, "source")
BATCH = 2000


@dataclass
class ImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    benchmarks: int = 0

    @property
    def summary(self) -> str:
        return (
            f"{self.created + self.changed + self.unchanged} values read: {self.created} new, "
            f"{self.changed} changed, {self.unchanged} unchanged; {self.benchmarks} benchmarks."
        )


@dataclass
class _Row:
    line: int
    indicator: Indicator
    period: Period
    text: str
    split: str
    comparator: str
    part: Part


def values_import(*, portfolio: Portfolio, table: Table, source: str = "") -> ImportResult:
    """Check every row, then write them all in one transaction. Raises ImportRejected."""
    require_columns(table, REQUIRED)
    indicators = {indicator.number: indicator for indicator in Indicator.objects.filter(portfolio=portfolio)}
    errors: list[RowError] = []
    rows = [row for line, cells in table.rows if (row := _check(line, cells, indicators, errors)) is not None]
    values, benchmark_rows = _values(rows, source, errors)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.line))
    return _write(values, benchmark_rows, source)


def _check(line: int, cells: dict[str, str], indicators: dict[str, Indicator], errors: list[RowError]) -> _Row | None:
    found = len(errors)
    number = cells.get("indicator", "").strip()
    indicator = indicators.get(number)
    if not number:
        errors.append(RowError(line, "indicator", "Give the indicator number, e.g. 22.2."))
    elif indicator is None:
        errors.append(RowError(line, "indicator", f"There is no indicator {number} in the index."))
    period = _period(line, cells.get("period", ""), indicator, errors)
    if not cells.get("value", "").strip():
        errors.append(RowError(line, "value", "Give the value, or a marker such as Not Available."))
    comparator = cells.get("comparator", "").strip().lower()
    if comparator and comparator not in COMPARATORS:
        errors.append(
            RowError(line, "comparator", f"{comparator!r} is not England, London, Statistical neighbours or National.")
        )
    part = cells.get("part", "").strip().lower()
    if part not in PARTS:
        errors.append(RowError(line, "part", f"{part!r} is not a part: write 1 (public) or 2 (exempt)."))
    if len(errors) > found or indicator is None or period is None:
        return None
    return _Row(line, indicator, period, cells["value"], cells.get("split", ""), comparator, PARTS[part])


def _period(line: int, text: str, indicator: Indicator | None, errors: list[RowError]) -> Period | None:
    if not text.strip():
        errors.append(RowError(line, "period", "Give the period, e.g. 2020-12, 2020-21-Q3, 2020-21 or 2020."))
        return None
    try:
        return parse_period(text.strip(), indicator.basis) if indicator else parse_period(text.strip())
    except PeriodError as error:
        errors.append(RowError(line, "period", str(error)))
        return None


def _values(
    rows: list[_Row], source: str, errors: list[RowError]
) -> tuple[list[tuple[_Row, IndicatorValue]], list[_Row]]:
    seen: dict[tuple[object, ...], int] = {}
    values, benchmark_rows = [], []
    for row in rows:
        try:
            figures = cell_figures(row.indicator, row.text, split=row.split, benchmark=bool(row.comparator))
        except ValueProblem as error:
            column = "split" if row.split and "split" in str(error) else "value"
            errors.append(RowError(row.line, column, str(error)))
            continue
        for figure in figures:
            key = (row.indicator.pk, row.comparator, row.period.kind, row.period.start, figure.split)
            if key in seen:
                errors.append(RowError(row.line, "period", f"Line {seen[key]} already gives this value."))
                continue
            seen[key] = row.line
            if row.comparator:
                benchmark_rows.append(row)
                continue
            value = IndicatorValue(
                indicator=row.indicator,
                split=figure.split,
                text=figure.text,
                state=figure.state,
                number=figure.number,
                rate=figure.rate,
                part=row.part,
                source=f"{source} line {row.line}".strip()[:200],
            )
            value.set_period(row.period)
            values.append((row, value))
    return values, benchmark_rows


@transaction.atomic
def _write(values: list[tuple[_Row, IndicatorValue]], benchmark_rows: list[_Row], source: str) -> ImportResult:
    result = ImportResult()
    existing = {
        (v.indicator_id, v.period_kind, v.period_start, v.period_end, v.split): v
        for v in IndicatorValue.objects.filter(indicator_id__in={row.indicator.pk for row, _ in values})
    }
    new, changed = [], []
    for _, value in values:
        current = existing.get(
            (value.indicator_id, value.period_kind, value.period_start, value.period_end, value.split)
        )
        if current is None:
            new.append(value)
        elif _differs(current, value):
            for name in UPDATED_FIELDS:
                setattr(current, name, getattr(value, name))
            changed.append(current)
        else:
            result.unchanged += 1
    bulk_create_with_history(new, IndicatorValue, batch_size=BATCH)
    if changed:
        bulk_update_with_history(changed, IndicatorValue, fields=list(UPDATED_FIELDS), batch_size=BATCH)
    result.created, result.changed = len(new), len(changed)
    for row in benchmark_rows:
        benchmark_set(
            indicator=row.indicator,
            comparator=COMPARATORS[row.comparator],
            text=row.text,
            period=row.period,
            source=source,
        )
    result.benchmarks = len(benchmark_rows)
    page_cache.content_changed()  # bulk writes send no save signals
    return result


def _differs(current: IndicatorValue, new: IndicatorValue) -> bool:
    for name in COMPARED_FIELDS:
        old, fresh = getattr(current, name), getattr(new, name)
        if isinstance(old, Decimal) and isinstance(fresh, Decimal):
            if old.compare(fresh) != 0:
                return True
        elif old != fresh:
            return True
    return False
