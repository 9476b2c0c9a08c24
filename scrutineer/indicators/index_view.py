"""The performance index as pages and exports read it: tables of rows of cells.

`selectors.performance_index` builds an `IndexView`; nothing here touches the database. Each
`Cell` keeps the text as printed beside its figure and state, says whether it relates to
individuals and whether Scrutineer formed it, and `IndexView.sums` says which cells add up to
which: what a disclosure rule needs to decide what Part 1 may show (`part1.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from scrutineer.core.models import Portfolio
from scrutineer.domain.outturns import Outturn
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month, Year
from scrutineer.domain.printed_values import ValueState
from scrutineer.domain.rag import NoRating, Rating

from . import part1
from .models import Indicator, IndicatorTarget, PerformanceIndex, RagOverride

SEE_PART_2 = "See Part 2 report"


@dataclass
class Cell:
    """One cell of the index. A split cell has `parts`, one per split label, and no figure itself."""

    indicator: str
    column: str  # "2020-12", "2019-20", "ytd", "latest", "england"
    text: str = ""
    state: ValueState | None = None  # None: a blank cell, no entry
    number: Decimal | None = None
    percent: bool = False
    split: str = ""
    part: Part = Part.ONE
    relates_to_individuals: bool = False
    derived: bool = False  # formed by Scrutineer (a year to date summed from the months), not printed
    period: str = ""  # the period the figure is for ("2020-06" for a latest value)
    label: str = ""  # what the cell is, for a heading: "2019/20", "England 2019"
    period_label: str = ""  # "June 2020", "2020/21 Q3"
    parts: list[Cell] = field(default_factory=list)
    withheld: bool = False  # Part 1: not shown; `text` is the symbol
    symbol: str = ""  # Part 1: the GSS symbol shown in place of a figure (c, x, z, low, k, u)
    withheld_in_part1: bool = False  # Part 2: Part 1 shows the symbol instead
    part1_kind: str = ""  # Part 2: how Part 1 withholds it ("primary", "secondary", "at source", ...)

    @property
    def ref(self) -> part1.CellRef:
        return (self.indicator, self.column, self.split)

    @property
    def atoms(self) -> list[Cell]:
        return self.parts or [self]

    @property
    def is_blank(self) -> bool:
        return self.state is None and not self.parts

    @property
    def shown(self) -> str:
        """The text a page or export shows: the cell as printed, a symbol, or parts joined."""
        if self.parts:
            if all(part.withheld for part in self.parts):
                return part1.SUPPRESSED
            return " ".join(f"{part.shown} ({part.split})" for part in self.parts)
        return self.text


@dataclass(frozen=True)
class CellSum:
    """`total` is the sum of `parts`: a year to date of its months, or a measure of its variants.

    `total` is None where the index shows no total (22.1 + 22.2 add up to a measure not shown).
    """

    label: str
    total: part1.CellRef | None
    parts: tuple[part1.CellRef, ...]
    total_derived: bool = False


@dataclass
class CommentaryView:
    """Management commentary as a page may show it: Part 2 text never reaches a Part 1 view."""

    part: Part
    paragraph: str
    rating_text: str
    text: str | None  # None in Part 1 when the commentary is in Part 2

    moved: bool = False  # written for Part 1, but the indicator is suppressed there: Part 2 only

    @property
    def in_part_2(self) -> bool:
        return self.part is Part.TWO or self.moved


@dataclass
class IndexRow:
    indicator: Indicator
    year: Year
    target: IndicatorTarget | None
    prior_years: list[Cell]
    benchmarks: dict[str, Cell]  # England and London always; other comparators where there are figures
    months: list[Cell]
    latest: Cell
    ytd: Cell
    ytd_computed: Outturn
    computed: Rating | NoRating
    override: RagOverride | None
    commentary: CommentaryView | None
    late: list[Cell] = field(default_factory=list)  # values dated after the index
    suppressed_in_part1: bool = False  # Part 1 withholds a figure of the year (a month, latest or year to date)

    @property
    def rating(self) -> Rating | None:
        """The rating in force: the override where there is one, else what the rule gives."""
        if self.override is not None:
            return self.override.rating_enum
        return self.computed if isinstance(self.computed, Rating) else None

    @property
    def rating_colour(self) -> str:
        """The GOV.UK tag colour of the rating in force; the tag's text always names the rating too."""
        return {Rating.GREEN: "green", Rating.AMBER: "orange", Rating.RED: "red"}.get(self.rating, "grey")  # type: ignore[arg-type]

    @property
    def computed_rating(self) -> Rating | None:
        return self.computed if isinstance(self.computed, Rating) else None

    @property
    def rating_text(self) -> str:
        """As the index's RAG column reads: "AMBER", "This is not a target measure", "Annual measure"."""
        if self.override is not None:
            return self.override.rating_label if self.override.rating else self.override.printed_text or "No rating"
        return self.computed_text

    @property
    def computed_text(self) -> str:
        if isinstance(self.computed, Rating):
            return self.computed.label
        if self.indicator.frequency == Indicator.Frequency.ANNUAL and self.latest.is_blank:
            return "Annual measure"  # as the index puts it for 6, 7 and 8 (`004_5a7191a0a14e1e5f.txt:4119-4121`)
        return self.computed.label

    @property
    def is_exception(self) -> bool:
        """Performing below expectation (`004_5a7191a0a14e1e5f.txt:4047`): AMBER or RED."""
        return self.rating in (Rating.AMBER, Rating.RED)

    def cells(self) -> Iterator[Cell]:
        for cell in (*self.prior_years, *self.benchmarks.values(), *self.months, self.latest, self.ytd, *self.late):
            yield from cell.atoms

    def year_cells(self) -> Iterator[Cell]:
        """The figures of the index's year: the months, the latest value and the year to date."""
        for cell in (*self.months, self.latest, self.ytd):
            yield from cell.atoms

    @property
    def symbols(self) -> dict[str, str]:
        return symbols_of(self.cells())


@dataclass
class Section:
    name: str
    rows: list[IndexRow]
    key: str = ""  # unique on a page: "financial-2"

    @property
    def symbols(self) -> dict[str, str]:
        """The legend this section's table needs (empty when it shows no symbol)."""
        return symbols_of(cell for row in self.rows for cell in row.cells())


@dataclass
class IndexTable:
    key: str  # "financial" or "calendar"
    caption: str
    year: Year
    months: list[Month]
    prior_years: list[Year]
    sections: list[Section]

    @property
    def rows(self) -> list[IndexRow]:
        return [row for section in self.sections for row in section.rows]


@dataclass
class IndexView:
    portfolio: Portfolio
    as_at: Month
    part: Part
    edition: PerformanceIndex | None
    tables: list[IndexTable]
    sums: list[CellSum]
    part1_decision: part1.Decision | None = None  # what Part 1 shows, with its notes (set by the selector)

    @property
    def rows(self) -> list[IndexRow]:
        return [row for table in self.tables for row in table.rows]

    @property
    def exceptions(self) -> list[IndexRow]:
        return [row for row in self.rows if row.is_exception]

    @property
    def exception_symbols(self) -> dict[str, str]:
        return symbols_of(cell for row in self.exceptions for cell in (*row.latest.atoms, *row.ytd.atoms))

    @property
    def title(self) -> str:
        return self.edition.title if self.edition else f"Performance index as at {self.as_at.label}"

    def row(self, number: str) -> IndexRow | None:
        return next((row for row in self.rows if row.indicator.number == number), None)

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row.cells()

    @property
    def symbols(self) -> dict[str, str]:
        """The legend of the symbols this view shows."""
        return symbols_of(self.cells())


def symbols_of(cells: Iterable[Cell]) -> dict[str, str]:
    """The legend a table of `cells` needs: none if it shows no symbol, else the whole legend
    (`../shared/disclosure.md` 2.4), with `k` where it is used."""
    used = {cell.symbol for cell in cells if cell.symbol}
    if not used:
        return {}
    return {**part1.LEGEND, **(part1.LEGEND_K if "k" in used else {})}
