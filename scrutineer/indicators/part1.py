"""The one seam where the performance index is filtered for Part 1 (public) pages and exports.

Every Part 1 rendering of the index (the index, indicator and exceptions pages, the data-quality
page, downloads, `scrutineer export performance-index --part 1` and the Part 1 performance report)
is built by `selectors.performance_index(part=Part.ONE)`, and that asks here what Part 1 may show.

A rule is a function from the full index (true values, as Part 2 sees it) to a `Decision`: the
cells Part 1 must withhold, each with the symbol to show and how Part 2 marks it (primary,
secondary, ...); the cells Part 1 prints differently from the figure held (a count rounded, a
missing figure shown as `x`); and notes for the reader and the officer. The index gives a rule
what it needs (`IndexView.cells()` and `IndexView.sums`): each cell's figure and state, whether it
relates to individuals, whether it is a total Scrutineer formed (a year to date summed from the
months), and which cells add up to which (year to date = sum of the months; variants of one
measure, such as 22.1 and 22.2, where they add up to the measure's total). A rule may also return
plain `Withholding`s and `Restatement`s.

The disclosure engine (issue 5) registers its rule when its app is ready:

    from scrutineer.indicators.part1 import register_rule
    register_rule(disclosure_rule)

Whatever the rules say, the safety net in `part1_decision` always holds: a value suppressed at
source or marked Part 2 never reaches Part 1, nor does a total formed from one. Rules can only add
to what is withheld. Management commentary in Part 2, and any commentary on an indicator whose
figures for the year Part 1 withholds, never reaches Part 1 either; Part 1 says "See Part 2
report" in its place (`../shared/disclosure.md` 2.3 rule 9).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from scrutineer.domain.parts import Part
from scrutineer.domain.printed_values import ValueState

if TYPE_CHECKING:
    from .index_view import IndexView

CellRef = tuple[str, str, str]  # (indicator number, column, split): ("22.2", "2020-12", "")
SUPPRESSED = "c"
AT_SOURCE = "at source"
PART_2_ONLY = "Part 2 only"
FORMED_FROM_SUPPRESSED = "formed from a suppressed value"
# The GSS symbols and what they mean, as the legend of every Part 1 table that uses one prints them
# (`../shared/disclosure.md` 2.4): the whole legend, whichever of its symbols a table shows.
LEGEND = {
    "c": "suppressed to protect confidentiality (see Part 2 report)",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero but is not zero",
    "u": "low reliability",
}
LEGEND_K = {"k": "a low figure that shows as zero when rounded"}
SYMBOLS = frozenset({*LEGEND, *LEGEND_K})


@dataclass(frozen=True)
class Withholding:
    """A cell Part 1 may not show, the symbol it shows instead, why, and how Part 2 marks it.

    kind: "primary" (small in itself), "secondary" (hidden so that another cannot be worked out),
    "at source" (suppressed in the data as imported), "Part 2 only" (a figure marked exempt) or
    "formed from a suppressed value".
    """

    ref: CellRef
    symbol: str = SUPPRESSED
    reason: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Restatement:
    """A cell Part 1 prints differently from the figure held, hiding nothing: a count rounded
    (`number` is the figure shown), or a symbol for a figure that is missing or rounds to zero."""

    ref: CellRef
    text: str
    number: Decimal | None = None

    @property
    def symbol(self) -> str:
        return self.text if self.text in SYMBOLS else ""


@dataclass
class Decision:
    """What Part 1 may show of an index: withheld and restated cells, and notes.

    footnotes: for every reader of Part 1 (figures rounded so they may not sum, the policy used).
    warnings: for the officer before publishing (a cell an earlier publication showed, ...).
    policy: the rules it was built with, in words ("dfe-la, T = 5, zeros shown, unrounded").
    threshold: T, for the commentary check (whole numbers 1 to T on a suppressed indicator).
    """

    withheld: dict[CellRef, Withholding] = field(default_factory=dict)
    restated: dict[CellRef, Restatement] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    policy: str = ""
    threshold: int | None = None

    def add(self, item: Withholding | Restatement) -> None:
        if isinstance(item, Withholding):
            self.withheld.setdefault(item.ref, item)
        elif item.ref not in self.withheld:
            self.restated.setdefault(item.ref, item)

    def merge(self, other: Decision) -> None:
        for withholding in other.withheld.values():
            self.add(withholding)
        for restatement in other.restated.values():
            self.add(restatement)
        self.footnotes += [note for note in other.footnotes if note not in self.footnotes]
        self.warnings += [warning for warning in other.warnings if warning not in self.warnings]
        self.policy = self.policy or other.policy
        self.threshold = self.threshold if self.threshold is not None else other.threshold


Rule = Callable[["IndexView"], "Decision | Iterable[Withholding | Restatement]"]
_rules: list[Rule] = []


def register_rule(rule: Rule) -> None:
    """Add a rule deciding what Part 1 withholds (the disclosure engine's). Safe to call twice."""
    if rule not in _rules:
        _rules.append(rule)


def unregister_rule(rule: Rule) -> None:
    if rule in _rules:
        _rules.remove(rule)


def registered_rules() -> tuple[Rule, ...]:
    return tuple(_rules)


def part1_decision(view: IndexView) -> Decision:
    """What Part 1 may show: the safety net, then whatever the registered rules add."""
    decision = Decision()
    for cell in view.cells():
        if cell.state is ValueState.SUPPRESSED:
            decision.add(Withholding(cell.ref, reason="suppressed at source", kind=AT_SOURCE))
        elif cell.part is Part.TWO:
            decision.add(Withholding(cell.ref, reason="Part 2 only", kind=PART_2_ONLY))
    for rule in _rules:
        found = rule(view)
        if isinstance(found, Decision):
            decision.merge(found)
        else:
            for item in found:
                decision.add(item)
    _withhold_totals_of_withheld(view, decision)
    # a restated cell that is now withheld shows the withholding's symbol, never its figure
    for ref in list(decision.restated):
        if ref in decision.withheld:
            del decision.restated[ref]
    return decision


def withheld_cells(view: IndexView) -> dict[CellRef, Withholding]:
    """Every cell Part 1 may not show (see `part1_decision`)."""
    return part1_decision(view).withheld


def _withhold_totals_of_withheld(view: IndexView, decision: Decision) -> None:
    """A total Scrutineer formed from a withheld cell would give it away: withhold the total too."""
    withheld = decision.withheld
    changed = True
    while changed:
        changed = False
        for cell_sum in view.sums:
            if cell_sum.total is None or not cell_sum.total_derived or cell_sum.total in withheld:
                continue
            if any(part in withheld for part in cell_sum.parts):
                withheld[cell_sum.total] = Withholding(
                    cell_sum.total, reason=FORMED_FROM_SUPPRESSED, kind=_kind_of_parts(cell_sum.parts, withheld)
                )
                changed = True


def _kind_of_parts(parts: tuple[CellRef, ...], withheld: dict[CellRef, Withholding]) -> str:
    """A copy of one withheld cell (the latest value is its month's) is marked as that cell is."""
    kinds = {withheld[part].kind for part in parts if part in withheld}
    return kinds.pop() if len(parts) == 1 and len(kinds) == 1 else FORMED_FROM_SUPPRESSED
