"""Import indicator values and benchmarks from a CSV or Excel file, all of it or nothing.

The file is long: one value a row, with columns `indicator` (the number, "22.2"), `period`
("2020-12", "2020-21-Q3", "2020-21", "2020") and `value` as the index prints it ("86%", "328",
"Data suppressed, see part 2 report", "100% (initial) 99% (review)"). Optional columns: `split`
(one part of a split value), `comparator` (England, London, Statistical neighbours or National: the
row is a benchmark) and `part` (1 public, the default; 2 exempt, never shown in Part 1).

Every row is checked before anything is written; any problem rejects the whole file with every
problem listed by line and column (check B1 in `../shared/reliability.md`).

Legacy marks (`../shared/disclosure.md` 2.4, `domain.disclosure.legacy_mark`): "x", "X", "x (rate:
0.01)" and "Data suppressed, see part 2 report" are imported as suppressed at source (Part 1 shows
`c`); "Not Available" and "Data Not Published" as not available (`x`). Under GSS an `x` now means
not available, but old documents also wrote it for a small number, so every `x` mapped to `c` is
listed in the import report for an officer to re-mark as "Not Available" where the figure was
simply missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from scrutineer.accounts.models import User
from scrutineer.core import page_cache
from scrutineer.core.models import Portfolio
from scrutineer.core.tabular import ImportRejected, RowError, Table, require_columns
from scrutineer.domain.disclosure import CellState, legacy_mark
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Period, PeriodError, parse_period

from .models import Benchmark, Indicator, IndicatorValue
from .services import CellFigure, ValueProblem, benchmark_set, cell_figures

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
    review: list[str] = field(default_factory=list)  # every legacy "x" imported as suppressed (c)

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


def values_import(*, portfolio: Portfolio, table: Table, source: str = "", by: User | None = None) -> ImportResult:
    """Check every row, then write them all in one transaction. Raises ImportRejected."""
    require_columns(table, REQUIRED)
    indicators = {indicator.number: indicator for indicator in Indicator.objects.filter(portfolio=portfolio)}
    errors: list[RowError] = []
    reader = _Reader(indicators)
    rows = [row for line, cells in table.rows if (row := reader.check(line, cells, errors)) is not None]
    figures, benchmark_rows = _figures(rows, reader, source, errors)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.line))
    result = _write(figures, benchmark_rows, source, by)
    result.review = legacy_review(rows)
    return result


def legacy_review(rows: list[_Row]) -> list[str]:
    """One line per legacy `x` imported as suppressed, for the officer to check (disclosure.md 2.4)."""
    review = []
    for row in rows:
        mark = legacy_mark(row.text)
        if mark is not None and mark.review and mark.state is CellState.SUPPRESSED_AT_SOURCE:
            where = f"{row.comparator.title()} benchmark, " if row.comparator else ""
            review.append(
                f"Line {row.line}: indicator {row.indicator.number}, {where}{row.period.label}: printed "
                f"“{row.text.strip()}”, imported as c (suppressed). If the figure was simply missing, "
                "import it again as Not Available."
            )
    return review


class _Reader:
    """Reads cells, remembering what it read: a file repeats the same periods and values many times."""

    def __init__(self, indicators: dict[str, Indicator]) -> None:
        self.indicators = indicators
        self.periods: dict[tuple[str, str], Period | str] = {}
        self.cells: dict[tuple[int, str, str, bool], tuple[CellFigure, ...] | str] = {}

    def check(self, line: int, cells: dict[str, str], errors: list[RowError]) -> _Row | None:
        return _check(line, cells, self, errors)

    def period(self, text: str, indicator: Indicator | None) -> Period:
        key = (text, indicator.year_basis if indicator else "")
        if key not in self.periods:
            try:
                self.periods[key] = parse_period(text, indicator.basis) if indicator else parse_period(text)
            except PeriodError as error:
                self.periods[key] = str(error)
        found = self.periods[key]
        if isinstance(found, str):
            raise PeriodError(found)
        return found

    def figures(self, row: _Row) -> tuple[CellFigure, ...]:
        key = (row.indicator.pk, row.text, row.split, bool(row.comparator))
        if key not in self.cells:
            try:
                self.cells[key] = tuple(
                    cell_figures(row.indicator, row.text, split=row.split, benchmark=bool(row.comparator))
                )
            except ValueProblem as error:
                self.cells[key] = str(error)
        found = self.cells[key]
        if isinstance(found, str):
            raise ValueProblem(found)
        return found


def _check(line: int, cells: dict[str, str], reader: _Reader, errors: list[RowError]) -> _Row | None:
    found = len(errors)
    number = cells.get("indicator", "").strip()
    indicator = reader.indicators.get(number)
    if not number:
        errors.append(RowError(line, "indicator", "Give the indicator number, e.g. 22.2."))
    elif indicator is None:
        errors.append(RowError(line, "indicator", f"There is no indicator {number} in the index."))
    period = _period(line, cells.get("period", ""), indicator, reader, errors)
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


def _period(
    line: int, text: str, indicator: Indicator | None, reader: _Reader, errors: list[RowError]
) -> Period | None:
    if not text.strip():
        errors.append(RowError(line, "period", "Give the period, e.g. 2020-12, 2020-21-Q3, 2020-21 or 2020."))
        return None
    try:
        return reader.period(text.strip(), indicator)
    except PeriodError as error:
        errors.append(RowError(line, "period", str(error)))
        return None


@dataclass(slots=True)
class _Figure:
    """A value to write, as plain fields (model instances are too slow by the hundred thousand)."""

    indicator_id: int
    period_kind: str
    period_start: date
    period_end: date
    period: str
    split: str
    text: str
    state: str
    number: Decimal | None
    rate: Decimal | None
    part: int
    source: str

    @property
    def key(self) -> tuple[object, ...]:
        return (self.indicator_id, self.period_kind, self.period_start, self.period_end, self.split)

    def row(self, updated_at: object) -> tuple[object, ...]:
        return (*(getattr(self, name) for name in COLUMNS[:-1]), updated_at)


COLUMNS = (
    "indicator_id",
    "period_kind",
    "period_start",
    "period_end",
    "period",
    "split",
    "text",
    "state",
    "number",
    "rate",
    "part",
    "source",
    "updated_at",
)


def _figures(
    rows: list[_Row], reader: _Reader, source: str, errors: list[RowError]
) -> tuple[list[_Figure], list[_Row]]:
    seen: dict[tuple[object, ...], int] = {}
    figures, benchmark_rows = [], []
    for row in rows:
        try:
            cell = reader.figures(row)
        except ValueProblem as error:
            column = "split" if row.split and "split" in str(error) else "value"
            errors.append(RowError(row.line, column, str(error)))
            continue
        for figure in cell:
            key = (row.indicator.pk, row.comparator, row.period.kind, row.period.start, figure.split)
            if key in seen:
                errors.append(RowError(row.line, "period", f"Line {seen[key]} already gives this value."))
                continue
            seen[key] = row.line
            if row.comparator:
                benchmark_rows.append(row)
                continue
            figures.append(
                _Figure(
                    row.indicator.pk,
                    row.period.kind,
                    row.period.start,
                    row.period.end,
                    row.period.slug,
                    figure.split,
                    figure.text,
                    figure.state.value,
                    figure.number,
                    figure.rate,
                    int(row.part),
                    f"{source} line {row.line}".strip()[:200],
                )
            )
    return figures, benchmark_rows


@transaction.atomic
def _write(figures: list[_Figure], benchmark_rows: list[_Row], source: str, by: User | None) -> ImportResult:
    result = ImportResult()
    existing = _existing({figure.indicator_id for figure in figures})
    new, changed = [], {}
    for figure in figures:
        current = existing.get(figure.key)
        if current is None:
            new.append(figure)
        elif _differs(current[1], figure):
            changed[current[0]] = figure
        else:
            result.unchanged += 1
    _insert(new, source, by)
    _update(changed, by)
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


def _existing(indicator_ids: set[int]) -> dict[tuple[object, ...], tuple[int, tuple[object, ...]]]:
    """Stored values of these indicators: key -> (pk, the compared fields)."""
    rows = IndicatorValue.objects.filter(indicator_id__in=indicator_ids).values_list(
        "pk", "indicator_id", "period_kind", "period_start", "period_end", "split", *COMPARED_FIELDS
    )
    return {tuple(row[1:6]): (row[0], tuple(row[6:])) for row in rows}


def _insert(figures: list[_Figure], source: str, by: User | None) -> None:
    """Insert new values and their history rows ("+", created), a batch to a statement."""
    ops = connection.ops
    now = timezone.now()
    updated_at = ops.adapt_datetimefield_value(now)
    table, history = IndicatorValue._meta.db_table, IndicatorValue.history.model._meta.db_table  # type: ignore[attr-defined]
    names = ", ".join(ops.quote_name(column) for column in COLUMNS)
    history_names = ", ".join(
        ops.quote_name(column)
        for column in ("id", *COLUMNS, "history_date", "history_change_reason", "history_type", "history_user_id")
    )
    placeholders = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    reason = f"Imported from {source}"[:100] if source else "Imported"
    with connection.cursor() as cursor:
        for start in range(0, len(figures), BATCH):
            rows = [_adapted(figure.row(updated_at)) for figure in figures[start : start + BATCH]]
            cursor.execute(
                f"INSERT INTO {ops.quote_name(table)} ({names}) VALUES {', '.join([placeholders] * len(rows))} "
                f"RETURNING {ops.quote_name('id')}",
                [param for row in rows for param in row],
            )
            ids = [found[0] for found in cursor.fetchall()]
            cursor.executemany(
                f"INSERT INTO {ops.quote_name(history)} ({history_names}) "
                f"VALUES ({', '.join(['%s'] * (len(COLUMNS) + 5))})",
                [(pk, *row, updated_at, reason, "+", by.pk if by else None) for pk, row in zip(ids, rows, strict=True)],
            )


def _adapted(row: tuple[object, ...]) -> tuple[object, ...]:
    """Dates as the database backend stores them (the raw cursor does not adapt them)."""
    return tuple(_adapt_date(value) if isinstance(value, date) else value for value in row)


@lru_cache(maxsize=4096)
def _adapt_date(value: date) -> object:
    return connection.ops.adapt_datefield_value(value)


def _update(changed: dict[int, _Figure], by: User | None) -> None:
    if not changed:
        return
    values = IndicatorValue.objects.in_bulk(list(changed))
    for pk, figure in changed.items():
        for name in UPDATED_FIELDS:
            setattr(values[pk], name, getattr(figure, name))
    bulk_update_with_history(
        list(values.values()), IndicatorValue, fields=list(UPDATED_FIELDS), batch_size=BATCH, default_user=by
    )


def _differs(current: tuple[object, ...], new: _Figure) -> bool:
    for old, name in zip(current, COMPARED_FIELDS, strict=True):
        fresh = getattr(new, name)
        if isinstance(old, Decimal) and isinstance(fresh, Decimal):
            if old.compare(fresh) != 0:
                return True
        elif old != fresh:
            return True
    return False
