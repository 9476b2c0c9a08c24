"""Earlier publications: what the ledger records of a Part 1 table, and how the engine reads it back.

A figure is its key and its true value: last month's figure, unrevised, is the same figure this
month; a revised figure is a new one (disclosure.md 2.3 rule 6, 2.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .display import rounding_interval
from .exact import Num
from .policy import Symbol
from .table import Cell, CellKind, Disclosure, PriorCell, PriorPublication, Table

Ident = tuple[str, Num | None]


def exact_number(value: int | Decimal | Fraction | None) -> Num | None:
    """Exact, and a plain int when whole (ints hash and compare far faster than Fractions)."""
    if value is None or type(value) is int:
        return value
    exact = Fraction(value)
    return exact.numerator if exact.denominator == 1 else exact


@dataclass
class PriorFigure:
    """One figure of an earlier publication, as the engine matches it: its key and true value."""

    reference: str
    cell: PriorCell
    ident: Ident = ("", None)

    def __post_init__(self) -> None:
        self.ident = (self.cell.key, exact_number(self.cell.true_value))

    @property
    def exact(self) -> Num | None:
        shown = self.cell.shown_value
        if self.cell.symbol is Symbol.NOT_APPLICABLE:
            return 0
        return None if shown is None or self.cell.symbol or self.cell.rounding_base > 1 else exact_number(shown)

    @property
    def interval(self) -> tuple[int, int] | None:
        shown = self.cell.shown_value
        if shown is None or self.cell.symbol or self.cell.rounding_base <= 1:
            return None
        return rounding_interval(int(shown), self.cell.rounding_base)


def true_value(cell: Cell) -> int | Fraction | None:
    """The figure Part 2 shows for a cell: its value, or the exact rate for a rate cell."""
    if cell.kind is CellKind.TEXT:
        return None
    if cell.kind is CellKind.RATE and cell.rate is not None:
        return exact_number(cell.rate.value)
    return exact_number(cell.value)


def published(reference: str, table: Table, disclosure: Disclosure) -> PriorPublication:
    """The publication as the ledger records it and later tables read it back (disclosure.md 2.5):
    one PriorCell per public cell (true value, what was shown, primary or secondary) and the sums."""
    cells = tuple(
        PriorCell(
            key=cell.key,
            true_value=true_value(cell),
            shown_value=disclosure[cell.key].value,
            symbol=disclosure[cell.key].symbol,
            suppression=disclosure[cell.key].suppression,
            rounding_base=disclosure[cell.key].rounding_base,
        )
        for cell in table.cells
        if cell.kind is not CellKind.TEXT
    )
    return PriorPublication(reference, cells, tuple(table.constraints))
