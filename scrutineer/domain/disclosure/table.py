"""What the engine reads (a table of cells, its sums, earlier publications) and what it returns."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .policy import DEFAULT_POLICY, Policy, Suppression, Symbol, legend

Number = int | Decimal | Fraction


class CellKind(StrEnum):
    COUNT = "count"  # a whole number of people (or of anything: see relates_to_individuals)
    RATE = "rate"  # a rate or percentage worked out from a count: give `rate=RateOf(...)`
    MEASURE = "measure"  # any other figure (weeks, an average, money): no small-number rule, only `low`
    TEXT = "text"  # words shown as given, such as a RAG rating (rule 11): never suppressed


class CellState(StrEnum):
    VALUE = "value"
    SUPPRESSED_AT_SOURCE = "suppressed_at_source"  # imported as x, X, "Data suppressed, see part 2 report"
    NOT_AVAILABLE = "not_available"  # no figure: "Not Available", "Data Not Published"
    NOT_APPLICABLE = "not_applicable"  # no figure can exist (structurally zero in any sum)


class ConstraintKind(StrEnum):
    TOTAL = "total"  # a row, column or grand total, or a sub-total
    YEAR_TO_DATE = "year_to_date"  # year to date = sum of the months
    SUB_INDICATORS = "sub_indicators"  # 22 = 22.1 + 22.2


@dataclass(frozen=True)
class RateOf:
    """The count and population behind a rate: value = numerator * per / denominator.

    per is 100 for a percentage, 10_000 for a rate per 10,000. numerator_key and denominator_key
    name the count's and the population's own cells when the same table shows them.
    """

    numerator: int
    denominator: int
    per: int = 100
    numerator_key: str | None = None
    denominator_key: str | None = None

    @property
    def value(self) -> Fraction:
        return Fraction(self.numerator * self.per, self.denominator)


@dataclass(frozen=True)
class Cell:
    """One figure of a Part 1 table, with its true value (which only Part 2 may show).

    key: unique in the table, and stable between publications (see `cell_key`), so that the
        ledger can match this cell with what earlier Part 1 publications showed.
    out_of: for a count, the cohort it is part of, so "19 of 20" is caught (rule 3).
    decimals: the displayed precision of a rate or measure (counts are whole numbers).
    sensitive: show `k` rather than `low` (rule 8), for series such as deaths.
    policy: this indicator's own policy, where the council overrides the table's.

    Counts and rates may be suppressed; a measure never is (it may show `low`), and a measure named
    in a sum is taken as known exactly.
    """

    key: str
    value: Number | None = None
    kind: CellKind = CellKind.COUNT
    state: CellState = CellState.VALUE
    relates_to_individuals: bool = True
    out_of: int | None = None
    rate: RateOf | None = None
    decimals: int = 0
    sensitive: bool = False
    text: str = ""
    policy: Policy | None = None


@dataclass(frozen=True)
class Constraint:
    """A sum the reader can see: total = sum(parts). Every sum a Part 1 table implies must be given."""

    total: str
    parts: tuple[str, ...]
    kind: ConstraintKind = ConstraintKind.TOTAL

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class PriorCell:
    """What an earlier Part 1 publication showed for one cell, read back from the ledger (disclosure.md 2.5)."""

    key: str
    true_value: Number | None
    shown_value: Number | None  # None when a symbol was shown
    symbol: Symbol | None = None
    suppression: Suppression = Suppression.NONE
    rounding_base: int = 1


@dataclass(frozen=True)
class PriorPublication:
    """An earlier Part 1 publication: its cells and the sums it showed (its equations stay public)."""

    reference: str
    cells: Sequence[PriorCell]
    constraints: Sequence[Constraint] = ()


@dataclass(frozen=True)
class Table:
    """The engine's input: cells, the sums between them, the policy and earlier publications."""

    cells: Sequence[Cell]
    constraints: Sequence[Constraint] = ()
    policy: Policy = DEFAULT_POLICY
    prior: Sequence[PriorPublication] = ()


class TableError(ValueError):
    """The table cannot be disclosed as given; `problems` lists every reason."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class ShownCell:
    """What Part 1 shows for one cell.

    text: exactly what to print ("25", "0.01", "c", "x", "z", "low", "AMBER").
    value: the figure shown (after any rounding), or None when a symbol is shown.
    suppression: primary or secondary when `c` is shown; Part 2 uses it to mark the cell.
    reasons: the rules that applied, in words, for Part 2 and the ledger.
    policy: the policy this cell was built with (the table's, or the indicator's override).
    """

    key: str
    text: str
    value: int | Decimal | None
    symbol: Symbol | None
    suppression: Suppression
    reasons: tuple[str, ...]
    policy: Policy
    rounding_base: int = 1

    @property
    def is_suppressed(self) -> bool:
        return self.suppression is not Suppression.NONE


@dataclass(frozen=True)
class Disclosure(Mapping[str, ShownCell]):
    """The engine's output: a ShownCell per key (in table order), the legend, and what to tell the officer.

    legend: empty unless a shown cell carries a symbol (rule 10).
    footnotes: for example that rounded figures may not sum (rule 7).
    warnings: cells that cannot be fully protected, such as a value an earlier publication already
        showed (rule 6); never empty silently: the officer must see these before publishing.
    unprotected: keys of suppressed cells the audit could not protect.
    """

    cells: Mapping[str, ShownCell]
    policy: Policy
    footnotes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unprotected: tuple[str, ...] = ()
    audit_rounds: int = 0
    legend: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "legend", legend(c.symbol for c in self.cells.values() if c.symbol))

    def __getitem__(self, key: str) -> ShownCell:
        return self.cells[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def suppressed(self, suppression: Suppression | None = None) -> tuple[str, ...]:
        """Keys of cells shown as `c` (of one kind of suppression, if given)."""
        return tuple(
            key
            for key, cell in self.cells.items()
            if cell.is_suppressed and (suppression is None or cell.suppression is suppression)
        )


def cell_key(subject: str, period: str = "", position: str = "value") -> str:
    """A stable, generic cell key: indicator reference, period and position ("22.1|2020-12|value")."""
    for part in (subject, period, position):
        if "|" in part:
            raise ValueError(f"{part!r}: a cell key part cannot contain '|'.")
    return f"{subject}|{period}|{position}"


def split_cell_key(key: str) -> tuple[str, str, str]:
    """The (subject, period, position) of a key made by `cell_key`; other keys are all subject."""
    parts = key.split("|")
    if len(parts) != 3:
        return key, "", ""
    return parts[0], parts[1], parts[2]
