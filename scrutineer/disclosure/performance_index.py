"""The performance index through the disclosure engine: the rule behind every Part 1 rendering of it.

`disclosure_rule` is registered with the indicators app's Part 1 seam (`indicators/part1.py`) when
this app is ready, so every Part 1 page, download, export and report of the index shows what the
engine allows (`../shared/disclosure.md` 2.3): small counts and whatever would give them away as
`c`, missing figures as `x`, figures that cannot exist as `z`, counts rounded where the policy
rounds. Part 2 reads the same decision to mark each cell Part 1 withholds as primary or secondary.

The index is turned into the engine's table here (`index_table`):

* one engine cell per figure the index shows; a cell that repeats another's figure (the latest
  value is its month's; a year to date taken as the latest value) is not a figure of its own, and
  follows the cell it repeats;
* every sum the index shows (year to date = sum of the months) as a constraint, unless it does not
  hold on the true values (a printed year to date that disagrees with its months is a data-quality
  issue, listed there, and no equation a reader could use);
* earlier Part 1 publications from the ledger, so this month's year to date minus last month's
  is covered (rules 5 and 6), and each indicator's own policy where it overrides the council's.

A page view writes nothing: only a publication does (`services_index.performance_index_publish`).
If the engine cannot read the table, Part 1 fails closed: every figure about individuals is
withheld, and the officer is told why.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from scrutineer.domain.disclosure import (
    Cell,
    CellKind,
    CellState,
    Constraint,
    ConstraintKind,
    Disclosure,
    Policy,
    PriorPublication,
    ShownCell,
    Suppression,
    Symbol,
    Table,
    TableError,
    cell_key,
    commentary_check,
    disclose,
)
from scrutineer.domain.parts import Part
from scrutineer.domain.printed_values import ValueState, format_number
from scrutineer.indicators import part1
from scrutineer.indicators.index_view import Cell as IndexCell
from scrutineer.indicators.index_view import IndexRow, IndexView
from scrutineer.indicators.models import Indicator, ManagementCommentary, ytd_slug
from scrutineer.indicators.selectors import disclosure_threshold

from .selectors import ledger_prior, policy_for

KIND = {
    Suppression.PRIMARY: "primary",
    Suppression.SECONDARY: "secondary",
    Suppression.AT_SOURCE: part1.AT_SOURCE,
}
MISSING = {ValueState.NOT_AVAILABLE, ValueState.NOT_PUBLISHED, ValueState.AWAITING}
FAILED_CLOSED = "withheld: the figures could not be checked for disclosure"


@dataclass
class IndexTable:
    """The index as the engine reads it, and the way back to the index's cells.

    refs: engine key -> the index cells showing that figure (the cell itself, then its copies).
    dropped: sums left out because they do not hold on the true values, in words.
    """

    table: Table
    refs: dict[str, list[part1.CellRef]] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)  # by engine key
    dropped: list[str] = field(default_factory=list)

    def key_of(self, ref: part1.CellRef) -> str | None:
        for key, refs in self.refs.items():
            if ref in refs:
                return key
        return None


@dataclass
class IndexDisclosure:
    """What the engine decided for one index: the table it read and its answer."""

    index: IndexTable
    disclosure: Disclosure

    @property
    def table(self) -> Table:
        return self.index.table


def index_key(view: IndexView, cell: IndexCell) -> str:
    """A key stable between publications: "22.1|2020-12|value", "1.1|2020-12-ytd|value",
    "14|2020-09|initial", "26|england:2019|value"."""
    column = cell.column
    if column == "ytd":
        period = ytd_slug(view.as_at)
    elif column in ("england", "london", "statistical_neighbours", "national"):
        period = f"{column}:{cell.period}" if cell.period else column
    elif column == "latest":
        period = f"latest@{view.as_at.slug}"
    else:
        period = column
    return cell_key(cell.indicator, period, cell.split or "value")


def index_table(view: IndexView, *, policy: Policy, prior: Iterable[PriorPublication] = ()) -> IndexTable:
    """The engine's table of `view` (a Part 2 view: true values)."""
    atoms = {cell.ref: cell for cell in view.cells() if not cell.is_blank}
    rows = {row.indicator.number: row for row in view.rows}
    copies = _copies(view, atoms)
    hidden = _always_hidden(view, atoms)
    built = IndexTable(Table(()))
    cells: list[Cell] = []
    for ref, cell in atoms.items():
        if ref in copies:
            continue
        key = index_key(view, cell)
        built.refs[key] = [ref]
        built.indicators[key] = rows[cell.indicator].indicator
        cells.append(_engine_cell(key, cell, rows[cell.indicator], hidden=ref in hidden))
    for copy, original in copies.items():
        built.refs[index_key(view, atoms[original])].append(copy)
    keys = {ref: key for key, refs in built.refs.items() for ref in refs}
    values = {c.key: c for c in cells}
    constraints = []
    for cell_sum in view.sums:
        if cell_sum.total is None or (len(cell_sum.parts) < 2 and cell_sum.total in copies):
            continue  # a total not shown tells nothing; a copy follows its cell
        if cell_sum.total not in keys or any(part not in keys for part in cell_sum.parts):
            continue
        constraint = Constraint(
            keys[cell_sum.total], tuple(keys[part] for part in cell_sum.parts), ConstraintKind.YEAR_TO_DATE
        )
        if _holds(constraint, values):
            constraints.append(constraint)
        else:
            built.dropped.append(
                f"{cell_sum.label}: the printed total does not equal the sum of its parts, so it is not used "
                "as a sum (see the data-quality page)"
            )
    built.table = Table(tuple(cells), tuple(constraints), policy, tuple(prior))
    return built


def index_disclosure(view: IndexView) -> IndexDisclosure:
    """The engine's answer for `view`, under the council's policy and against its ledger."""
    organisation = view.portfolio.organisation
    built = index_table(view, policy=policy_for(organisation=organisation))
    prior = ledger_prior(organisation=organisation, keys=[cell.key for cell in built.table.cells])
    built.table = dataclasses.replace(built.table, prior=prior)
    return IndexDisclosure(built, disclose(built.table))


def disclosure_rule(view: IndexView) -> part1.Decision:
    """The Part 1 seam's rule: what the engine withholds, restates and says about `view`."""
    try:
        found = index_disclosure(view)
    except TableError as error:
        return _failed_closed(view, error)
    return decision_of(found)


def decision_of(found: IndexDisclosure) -> part1.Decision:
    disclosure, index = found.disclosure, found.index
    decision = part1.Decision(
        footnotes=list(disclosure.footnotes),
        warnings=[*index.dropped, *disclosure.warnings],
        policy=_policy_words(found),
        threshold=disclosure.policy.threshold,
    )
    for key, shown in disclosure.items():
        for ref in index.refs.get(key, ()):
            item = _item(ref, shown)
            if item is not None:
                decision.add(item)
    return decision


# --- the index as engine cells ------------------------------------------------------------------


def _copies(view: IndexView, atoms: dict[part1.CellRef, IndexCell]) -> dict[part1.CellRef, part1.CellRef]:
    """Cells that repeat another cell's figure (a one-part sum whose two cells agree): copy -> original."""
    copies: dict[part1.CellRef, part1.CellRef] = {}
    for cell_sum in view.sums:
        if cell_sum.total is None or len(cell_sum.parts) != 1:
            continue
        copy, original = atoms.get(cell_sum.total), atoms.get(cell_sum.parts[0])
        if copy is None or original is None or copy.ref == original.ref:
            continue
        same = copy.state is original.state and copy.part is original.part and _equal(copy.number, original.number)
        if same:
            copies[copy.ref] = copies.get(original.ref, original.ref)
    return copies


def _always_hidden(view: IndexView, atoms: dict[part1.CellRef, IndexCell]) -> set[part1.CellRef]:
    """Cells Part 1 withholds whatever the engine says (the seam's safety net): suppressed at source,
    marked Part 2, and totals Scrutineer formed from them. The engine protects them as it protects a
    small count, and knows they are not shown when it chooses complements."""
    hidden = {ref for ref, cell in atoms.items() if cell.state is ValueState.SUPPRESSED or cell.part is Part.TWO}
    changed = True
    while changed:
        changed = False
        for cell_sum in view.sums:
            total = cell_sum.total
            formed = total is not None and cell_sum.total_derived and total not in hidden
            if formed and any(part in hidden for part in cell_sum.parts):
                hidden.add(total)  # type: ignore[arg-type]
                changed = True
    return hidden


def _equal(a: Decimal | None, b: Decimal | None) -> bool:
    return a == b if a is None or b is None else a.compare(b) == 0


def _engine_cell(key: str, cell: IndexCell, row: IndexRow, *, hidden: bool = False) -> Cell:
    indicator = row.indicator
    policy = indicator.disclosure_override()
    if cell.state is ValueState.SUPPRESSED:
        return Cell(key, state=CellState.SUPPRESSED_AT_SOURCE, policy=policy)
    if cell.state in MISSING:
        return Cell(key, state=CellState.NOT_AVAILABLE, relates_to_individuals=False)
    if cell.state is ValueState.NOT_APPLICABLE:
        return Cell(key, state=CellState.NOT_APPLICABLE, relates_to_individuals=False)
    if cell.number is None:
        return Cell(key, kind=CellKind.TEXT, text=cell.text)  # words or a rate as printed: "Rate: 0.02"
    state = CellState.SUPPRESSED_AT_SOURCE if hidden else CellState.VALUE
    if _is_count(cell, indicator):
        return Cell(key, int(cell.number), state=state, policy=policy)
    figure = cell.number * 100 if cell.percent else cell.number
    exponent = figure.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return Cell(
        key, figure, kind=CellKind.MEASURE, state=state, relates_to_individuals=False, decimals=decimals, policy=policy
    )


def _is_count(cell: IndexCell, indicator: Indicator) -> bool:
    """A whole number of people: the engine's small-number rules apply to it."""
    number = cell.number
    return (
        number is not None
        and cell.relates_to_individuals
        and indicator.unit == Indicator.Unit.COUNT
        and not cell.percent
        and number >= 0
        and number == number.to_integral_value()
    )


def _holds(constraint: Constraint, cells: dict[str, Cell]) -> bool:
    """True unless every figure of the sum is known and they do not add up."""
    figures = []
    for key in constraint.keys:
        cell = cells.get(key)
        if cell is None or cell.value is None:
            return True
        figures.append(Fraction(cell.value))
    total, *parts = figures
    return total == sum(parts)


# --- the engine's answer as the seam's ----------------------------------------------------------


def _item(ref: part1.CellRef, shown: ShownCell) -> part1.Withholding | part1.Restatement | None:
    if shown.symbol is Symbol.CONFIDENTIAL:
        return part1.Withholding(
            ref, symbol=shown.text, reason="; ".join(shown.reasons), kind=KIND.get(shown.suppression, "")
        )
    if shown.symbol is not None:
        return part1.Restatement(ref, shown.text)
    if shown.rounding_base > 1 and shown.value is not None:
        number = Decimal(shown.value)
        return part1.Restatement(ref, format_number(number, percent=False), number)
    return None


def _policy_words(found: IndexDisclosure) -> str:
    words = found.disclosure.policy.description
    overrides = sorted(
        {
            f"indicator {indicator.number}: {policy.description}"
            for indicator in found.index.indicators.values()
            if (policy := indicator.disclosure_override()) is not None
        },
        key=_natural,
    )
    return f"{words}; {'; '.join(overrides)}" if overrides else words


def _natural(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _failed_closed(view: IndexView, error: TableError) -> part1.Decision:
    """The engine could not read the index: withhold every figure about individuals, and say why."""
    decision = part1.Decision(warnings=[f"Disclosure check failed, so Part 1 withholds every count: {error}"])
    for cell in view.cells():
        if not cell.is_blank and cell.relates_to_individuals:
            decision.add(part1.Withholding(cell.ref, reason=FAILED_CLOSED, kind="withheld (check failed)"))
    return decision


# --- before publishing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something to put right before the Part 1 index is published (`blocking`), or to know about."""

    indicator: str
    message: str
    blocking: bool = True


def commentary_problems(view: IndexView) -> list[Problem]:
    """Part 1 commentary on an indicator Part 1 suppresses may not state a whole number from 1 to T
    (`../shared/disclosure.md` 2.3 rule 9): it is printed in Part 2 now, but it was written for the
    public, and would reach them if the figures stopped being suppressed."""
    problems = []
    for row in view.rows:
        commentary = row.commentary
        if commentary is None or commentary.part is not Part.ONE or not row.suppressed_in_part1:
            continue
        text = _commentary_text(view, row)
        check = commentary_check(text, indicator_suppressed=True, threshold=disclosure_threshold(view, row.indicator))
        if not check.allowed:
            problems.append(Problem(row.indicator.number, f"Indicator {row.indicator.number}: {check.message}"))
    return problems


def publication_problems(view: IndexView) -> list[Problem]:
    """Everything to know before publishing the Part 1 index: blocking problems first, then warnings."""
    decision = view.part1_decision
    warnings = [Problem("", warning, blocking=False) for warning in (decision.warnings if decision else [])]
    return [*commentary_problems(view), *warnings]


def _commentary_text(view: IndexView, row: IndexRow) -> str:
    """The stored text, whichever part the view was built for (a Part 1 view hides it)."""
    assert row.commentary is not None
    if row.commentary.text is not None:
        return row.commentary.text
    found = ManagementCommentary.objects.filter(indicator=row.indicator, as_at=view.as_at.first_day).first()
    return found.text if found else ""


@dataclass(frozen=True)
class WithheldCell:
    """A cell Part 1 withholds, as the officer checks it before publishing (Part 2 material)."""

    indicator: str
    name: str
    where: str  # "December 2020", "Year to date", "2019/20", "England 2019"
    kind: str
    reason: str
    true_text: str


def withheld_cells(view: IndexView) -> list[WithheldCell]:
    """Every cell Part 1 withholds, in index order (from a Part 2 view: the true text is shown)."""
    decision = view.part1_decision
    if decision is None:
        return []
    found = []
    for row in view.rows:
        for cell in row.cells():
            hit = decision.withheld.get(cell.ref)
            if hit is not None and not cell.is_blank:
                found.append(
                    WithheldCell(
                        row.indicator.number, row.indicator.name, _where(cell), hit.kind, hit.reason, cell.text
                    )
                )
    return found


def _where(cell: IndexCell) -> str:
    if cell.column == "ytd":
        where = "Year to date"
    elif cell.column == "latest":
        where = f"Latest ({cell.period_label})" if cell.period_label else "Latest"
    else:
        where = cell.label or cell.period_label or cell.column
    return f"{where} ({cell.split})" if cell.split else where
