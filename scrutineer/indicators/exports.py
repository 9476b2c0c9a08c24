"""The performance index as a table file: `scrutineer export performance-index --period 2020-12`.

One row per indicator, both tables, in index order. Month columns are named as the index heads
them (`apr` ... `mar`; a calendar-year row fills `jan` ... `dec` of its own year). `rag` is the
rating in force, `rag_computed` what the rule gives (empty where it gives none), and
`override_reason` why they differ. Part 1 (the default) goes through the Part 1 seam like every
public page; Part 2 shows the true values and says which cells Part 1 withholds. Part 2 is made
only for `--user`, an account allowed Part 2, and the read is logged in the Part 2 access log.

A Part 1 table that shows a GSS symbol carries its legend (`../shared/disclosure.md` 2.4) in rows
of its own after the indicators: `table` is "key", `number` the symbol and `name` its meaning;
then "note" rows with the disclosure policy and any footnote (figures rounded). Filter on `table`
("financial", "calendar") for the indicators alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from scrutineer.accounts.services import Part2Refused, part2_account, part2_command_line_record
from scrutineer.core.exports import ExportError, ExportOptions
from scrutineer.core.tabular import write_csv, write_xlsx
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, Month, PeriodError

from . import selectors
from .index_view import SEE_PART_2, Cell, IndexRow, IndexView

MONTH_COLUMNS = ("apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar")
HEADERS = (
    "table", "section", "number", "name", "polarity", "unit", "year_basis", "target",
    "prior_year_1", "prior_year_2", "prior_year_3", "england", "london",
    "rag", "rag_text", "rag_computed", "override_reason", "latest", "latest_period", "ytd",
    *MONTH_COLUMNS, "commentary_part", "commentary", "relates_to_individuals", "withheld_in_part_1",
)  # fmt: skip
FORMATS = ("csv", "xlsx")


def performance_index_export(options: ExportOptions, stream: IO[bytes]) -> None:
    if options.format not in FORMATS:
        raise ExportError(f"Unknown format {options.format!r}: use csv or xlsx.")
    reader = None
    if options.part == 2:
        try:
            reader = part2_account(options.user)
        except Part2Refused as refused:
            raise ExportError(str(refused)) from None
    portfolio = selectors.index_portfolio()
    if portfolio is None:
        raise ExportError("There is no performance index to export.")
    as_at = _as_at(options.period) or selectors.index_default_month(portfolio=portfolio)
    if as_at is None:
        raise ExportError("There are no values yet: give --period.")
    view = selectors.performance_index(portfolio=portfolio, as_at=as_at, part=Part(options.part))
    if not view.rows:
        raise ExportError("The index has no indicators.")
    write_index(view, options.format, stream)
    if reader is not None:
        what = f"Performance index (Part 2) as at {as_at.label} ({options.format})"
        part2_command_line_record(user=reader, command=list(options.command), what=what)


def write_index(view: IndexView, file_format: str, stream: IO[bytes]) -> None:
    rows = list(index_rows(view))
    if file_format == "xlsx":
        write_xlsx(HEADERS, rows, stream, title=f"Index {view.as_at.slug} Part {int(view.part)}")
        return
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    write_csv(HEADERS, rows, text)
    text.flush()
    text.detach()


def index_rows(view: IndexView) -> Iterator[list[object]]:
    for table in view.tables:
        for row in table.rows:
            yield _line(view, table.key, row)
    for symbol, meaning in view.symbols.items():
        yield _note("key", symbol, meaning)
    decision = view.part1_decision
    if view.part is Part.ONE and decision is not None:
        if decision.policy:
            yield _note("note", "", f"Disclosure policy: {decision.policy}.")
        for footnote in decision.footnotes:
            yield _note("note", "", footnote)


def _note(table: str, number: str, text: str) -> list[object]:
    return [table, "", number, text, *([""] * (len(HEADERS) - 4))]


def _line(view: IndexView, table: str, row: IndexRow) -> list[object]:
    indicator = row.indicator
    columns = [MONTH_COLUMNS[(month.month - 4) % 12] for month in _months(view, table)]
    months = {column: _text(cell) for column, cell in zip(columns, row.months, strict=True)}
    commentary = row.commentary
    return [
        table,
        indicator.section,
        indicator.number,
        indicator.name,
        indicator.polarity_rule.label,
        indicator.get_unit_display(),
        indicator.basis.value,
        row.target.text if row.target else "",
        *(_text(cell) for cell in row.prior_years),
        _text(row.benchmarks["england"]),
        _text(row.benchmarks["london"]),
        row.rating.label if row.rating else "",
        row.rating_text,
        row.computed_rating.label if row.computed_rating else "",
        row.override.reason if row.override else "",
        _text(row.latest),
        row.latest.period if not row.latest.is_blank else "",
        _text(row.ytd),
        *(months.get(column, "") for column in MONTH_COLUMNS),
        f"Part {commentary.part.value}" if commentary else "",
        (commentary.text if commentary.text is not None else SEE_PART_2) if commentary else "",
        "yes" if indicator.relates_to_individuals else "no",
        " ".join(_where(cell) for cell in row.cells() if cell.withheld_in_part1),
    ]


def _where(cell: Cell) -> str:
    return f"{cell.column} ({cell.split})" if cell.split else cell.column


def _months(view: IndexView, table: str) -> list[Month]:
    return next(t.months for t in view.tables if t.key == table)


def _text(cell: Cell) -> str:
    return cell.shown


def _as_at(text: str | None) -> Month | None:
    """ "2020-12", or a quarter ("2020-21-Q3") meaning its last month."""
    if not text:
        return None
    try:
        return Month.parse(text)
    except PeriodError:
        pass
    try:
        return FinancialQuarter.parse(text).months[2]
    except PeriodError:
        raise ExportError(f"{text!r} is not a month such as 2020-12 or a quarter such as 2020-21-Q3.") from None


EXPORTS = {"performance-index": performance_index_export}
