"""The one seam where the performance index is filtered for Part 1 (public) pages and exports.

Every Part 1 rendering of the index (the index, indicator and exceptions pages, the data-quality
page, downloads and `scrutineer export performance-index --part 1`) is built by
`selectors.performance_index(part=Part.ONE)`, and that asks here which cells Part 1 may not show.

A rule is a function from the full index (true values, as Part 2 sees it) to the cells Part 1
must withhold, each with the symbol to show. The index gives a rule what it needs
(`IndexView.cells()` and `IndexView.sums`): each cell's figure and state, whether it relates to
individuals, whether it is a total Scrutineer formed (a year to date summed from the months), and
which cells add up to which (year to date = sum of the months; variants of one measure, such as
22.1 and 22.2, where they add up to the measure's total).

The disclosure engine (issue 5) registers its rule when its app is ready:

    from scrutineer.indicators.part1 import register_rule
    register_rule(disclosure_rule)

Whatever the rules say, the safety net in `withheld_cells` always holds: a value suppressed at
source or marked Part 2 never reaches Part 1, nor does a total formed from one. Rules can only add
to what is withheld. Management commentary in Part 2 never reaches Part 1 either; Part 1 says
"See Part 2 report" in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrutineer.domain.parts import Part
from scrutineer.domain.printed_values import ValueState

if TYPE_CHECKING:
    from .index_view import IndexView

CellRef = tuple[str, str, str]  # (indicator number, column, split): ("22.2", "2020-12", "")
SUPPRESSED = "c"
LEGEND = {
    "c": "suppressed to protect confidentiality (see Part 2 report)",
    "x": "not available",
    "z": "not applicable",
}


@dataclass(frozen=True)
class Withholding:
    """A cell Part 1 may not show, the symbol it shows instead, and why."""

    ref: CellRef
    symbol: str = SUPPRESSED
    reason: str = ""


Rule = Callable[["IndexView"], Iterable[Withholding]]
_rules: list[Rule] = []


def register_rule(rule: Rule) -> None:
    """Add a rule deciding what Part 1 withholds (the disclosure engine's). Safe to call twice."""
    if rule not in _rules:
        _rules.append(rule)


def unregister_rule(rule: Rule) -> None:
    if rule in _rules:
        _rules.remove(rule)


def withheld_cells(view: IndexView) -> dict[CellRef, Withholding]:
    """Every cell Part 1 may not show: the safety net, then whatever the registered rules add."""
    withheld: dict[CellRef, Withholding] = {}
    for cell in view.cells():
        if cell.state is ValueState.SUPPRESSED:
            withheld[cell.ref] = Withholding(cell.ref, reason="suppressed at source")
        elif cell.part is Part.TWO:
            withheld[cell.ref] = Withholding(cell.ref, reason="Part 2 only")
    for rule in _rules:
        for withholding in rule(view):
            withheld.setdefault(withholding.ref, withholding)
    _withhold_totals_of_withheld(view, withheld)
    return withheld


def _withhold_totals_of_withheld(view: IndexView, withheld: dict[CellRef, Withholding]) -> None:
    """A total Scrutineer formed from a withheld cell would give it away: withhold the total too."""
    changed = True
    while changed:
        changed = False
        for cell_sum in view.sums:
            if cell_sum.total is None or not cell_sum.total_derived or cell_sum.total in withheld:
                continue
            if any(part in withheld for part in cell_sum.parts):
                withheld[cell_sum.total] = Withholding(cell_sum.total, reason="formed from a suppressed value")
                changed = True
