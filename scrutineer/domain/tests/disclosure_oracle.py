"""An intruder's view of a Part 1 table, built independently of the engine, for checks D2 to D4.

It reads only what Part 1 shows (the ShownCells) and the sums the reader knows (this table's and
earlier publications'), sets up the equations itself, and asks:

* D2: can a suppressed figure be worked out? Exact: reduce its unit vector against a row echelon
  basis of the equations, in Fractions (the engine uses reduced echelon pivots instead).
* D3: how wide is the range of each primary suppressed figure, over non-negative values and the
  intervals rounded figures allow? `scipy.optimize.linprog` (HiGHS), minimum and maximum.

A figure is its key and its true value, as the threat model says: last month's figure, unrevised,
is the same figure this month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import gcd

from scipy import sparse
from scipy.optimize import linprog

from scrutineer.domain.disclosure import (
    CellKind,
    CellState,
    Disclosure,
    Suppression,
    Symbol,
    Table,
    true_value,
)


@dataclass
class Figure:
    key: str
    value: Fraction | None
    exact: Fraction | None = None
    lower: Fraction = Fraction(0)
    upper: Fraction | None = None
    hidden: bool = False
    primary_size: bool = False  # 1..T: must have a wide range (D3)
    threshold: int = 5
    where: str = "this table"


@dataclass
class IntruderView:
    figures: dict[tuple[str, Fraction | None], Figure] = field(default_factory=dict)
    sums: list[dict[tuple[str, Fraction | None], int]] = field(default_factory=list)

    def learn(self, ident, *, exact=None, interval=None, hidden=False):
        figure = self.figures[ident]
        if exact is not None:
            figure.exact = Fraction(exact)
        if interval is not None:
            figure.lower = max(figure.lower, Fraction(interval[0]))
            figure.upper = Fraction(interval[1]) if figure.upper is None else min(figure.upper, interval[1])
        figure.hidden = figure.hidden or hidden


def _interval(shown: int, base: int) -> tuple[int, int]:
    # nearest multiple of base, halves up: shown - floor(b/2) .. shown + ceil(b/2) - 1
    return max(0, shown - base // 2), shown + (base + 1) // 2 - 1


def _small(value, policy) -> bool:
    return value is not None and (1 <= value <= policy.threshold or (value == 0 and policy.zeros_are_disclosive))


def intruder_view(table: Table, result: Disclosure) -> IntruderView:
    view = IntruderView()
    policy = table.policy

    def add(key, value, where):
        ident = (key, None if value is None else Fraction(value))
        view.figures.setdefault(ident, Figure(key, ident[1], threshold=policy.threshold, where=where))
        return ident

    latest = {}
    for publication in table.prior:
        for prior in publication.cells:
            ident = add(prior.key, prior.true_value, publication.reference)
            latest[prior.key] = ident
            _learn_prior(view, ident, prior, policy)
    current = {}
    for cell in table.cells:
        if cell.kind not in (CellKind.COUNT, CellKind.MEASURE):
            continue
        ident = add(cell.key, true_value(cell), "this table")
        current[cell.key] = ident
        shown = result[cell.key]
        if cell.state is CellState.NOT_APPLICABLE:
            view.learn(ident, exact=0)
        elif shown.symbol is Symbol.CONFIDENTIAL:
            view.learn(ident, hidden=True)
            if (
                cell.kind is CellKind.COUNT
                and cell.relates_to_individuals
                and _small(cell.value, cell.policy or policy)
            ):
                view.figures[ident].primary_size = True
            if shown.suppression is Suppression.PRIMARY:
                view.figures[ident].primary_size = True
        elif shown.value is not None:
            if shown.rounding_base > 1:
                view.learn(ident, interval=_interval(int(shown.value), shown.rounding_base))
            else:
                view.learn(ident, exact=shown.value)
    for cell in table.cells:
        if cell.kind is CellKind.RATE and cell.rate and cell.rate.numerator_key in current:
            _learn_from_rate(view, current[cell.rate.numerator_key], cell, result[cell.key])
    for constraint in table.constraints:
        view.sums.append(_sum(constraint, lambda k: current.get(k) or latest[k]))
    for publication in table.prior:
        own = {p.key: (p.key, None if p.true_value is None else Fraction(p.true_value)) for p in publication.cells}
        for constraint in publication.constraints:
            view.sums.append(_sum(constraint, own.__getitem__))
    return view


def _learn_from_rate(view, ident, cell, shown):
    """A shown rate tells the intruder which counts are possible: every k that prints the same (brute force)."""
    if shown.symbol is Symbol.CONFIDENTIAL:
        return
    printed = Decimal(0) if shown.symbol in (Symbol.LOW, Symbol.LOW_SENSITIVE) else Decimal(shown.text)
    possible = possible_counts(cell.rate, cell.decimals, printed)
    view.learn(ident, interval=(min(possible), max(possible)))


def printed_rate(count: int, rate, decimals: int) -> Decimal:
    exponent = Decimal(1).scaleb(-decimals)
    return (Decimal(count * rate.per) / Decimal(rate.denominator)).quantize(exponent, ROUND_HALF_UP)


def possible_counts(rate, decimals: int, printed: Decimal) -> list[int]:
    """Every count 0..denominator that prints as `printed`, tried one by one."""
    return [k for k in range(rate.denominator + 1) if printed_rate(k, rate, decimals) == printed]


def _learn_prior(view, ident, prior, policy):
    if prior.symbol is Symbol.CONFIDENTIAL:
        view.learn(ident, hidden=True)
        if prior.suppression is Suppression.PRIMARY or _small(prior.true_value, policy):
            view.figures[ident].primary_size = True
    elif prior.symbol is Symbol.NOT_APPLICABLE:
        view.learn(ident, exact=0)
    elif prior.shown_value is not None and prior.symbol is None:
        if prior.rounding_base > 1:
            view.learn(ident, interval=_interval(int(prior.shown_value), prior.rounding_base))
        else:
            view.learn(ident, exact=prior.shown_value)


def _sum(constraint, resolve):
    coefficients: dict = {}
    for key, c in ((constraint.total, -1), *((p, 1) for p in constraint.parts)):
        ident = resolve(key)
        coefficients[ident] = coefficients.get(ident, 0) + c
    return {i: c for i, c in coefficients.items() if c}


def _system(view: IntruderView):
    unknown = [i for i, f in view.figures.items() if f.exact is None]
    column = {ident: j for j, ident in enumerate(unknown)}
    rows, rhs = [], []
    for equation in view.sums:
        row = [Fraction(0)] * len(unknown)
        constant = Fraction(0)
        for ident, c in equation.items():
            figure = view.figures[ident]
            if figure.exact is not None:
                constant += c * figure.exact
            else:
                row[column[ident]] += c
        if any(row):
            rows.append(row)
            rhs.append(-constant)
    return unknown, column, rows, rhs


def _primitive(row: list[int]) -> list[int]:
    divisor = 0
    for x in row:
        divisor = gcd(divisor, x)
    return row if divisor in (0, 1) else [x // divisor for x in row]


def _eliminate(row: list[int], lead: int, basis_row: list[int]) -> list[int]:
    """Fraction-free: row * b[lead] - row[lead] * b, which zeroes row[lead]; kept primitive."""
    a, b = basis_row[lead], row[lead]
    return _primitive([x * a - b * y for x, y in zip(row, basis_row, strict=True)])


def _echelon(rows):
    """Row echelon basis (not reduced), by fraction-free Gaussian elimination in whole numbers."""
    scale = 1
    for row in rows:
        for x in row:
            scale = scale * x.denominator // gcd(scale, x.denominator)
    basis: list[tuple[int, list[int]]] = []
    for original in rows:
        row = [int(x * scale) for x in original]
        for lead, b in basis:
            if row[lead]:
                row = _eliminate(row, lead, b)
        lead = next((j for j, x in enumerate(row) if x), None)
        if lead is not None:
            basis.append((lead, row))
    return basis


def recoverable(view: IntruderView) -> list[str]:
    """D2: hidden figures whose unit vector lies in the row space of the published sums."""
    unknown, column, rows, _ = _system(view)
    basis = _echelon(rows)  # in the order built: each row is zero at the leads of the rows before it
    found = []
    for ident in unknown:
        figure = view.figures[ident]
        if not figure.hidden:
            continue
        vector = [0] * len(unknown)
        vector[column[ident]] = 1
        for lead, b in basis:
            if vector[lead]:
                vector = _eliminate(vector, lead, b)
        if not any(vector):
            found.append(f"{figure.key} ({figure.where})")
    return found


def narrow(view: IntruderView) -> list[str]:
    """D3: primary-size hidden figures whose feasible range (scipy linprog) is narrower than T.

    One linprog call per table: for each target figure i, two copies x and y of all the unknowns,
    each satisfying the published sums, and the objective x_i - y_i. The blocks share nothing, so
    an optimum of their sum is an optimum of each block, and each block's value is max - min of
    figure i. Unbounded figures are capped far above every true value, which keeps the LP bounded
    and leaves their width far above T.
    """
    unknown, column, rows, rhs = _system(view)
    targets = [i for i in unknown if view.figures[i].hidden and view.figures[i].primary_size]
    if not targets:
        return []
    n = len(unknown)
    known = [abs(f.exact) for f in view.figures.values() if f.exact is not None]
    truth = [abs(f.value) for f in view.figures.values() if f.value is not None]
    cap = float(2 * (sum(known) + sum(truth)) + 1000)
    bounds = [
        (float(view.figures[i].lower), cap if view.figures[i].upper is None else float(view.figures[i].upper))
        for i in unknown
    ]
    copies = 2 * len(targets)
    a_eq = None
    if rows:
        block = sparse.csr_matrix([[float(x) for x in row] for row in rows])
        a_eq = sparse.block_diag([block] * copies, format="csr")
    b_eq = [float(x) for x in rhs] * copies if rows else None
    objective = [0.0] * (n * copies)
    for t, ident in enumerate(targets):
        objective[(2 * t) * n + column[ident]] = -1.0  # maximise x_i ...
        objective[(2 * t + 1) * n + column[ident]] = 1.0  # ... minus y_i
    result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds * copies, method="highs")
    assert result.status == 0, f"linprog failed: {result.message}"
    found = []
    for t, ident in enumerate(targets):
        width = result.x[(2 * t) * n + column[ident]] - result.x[(2 * t + 1) * n + column[ident]]
        figure = view.figures[ident]
        if width < figure.threshold - 1e-7:
            found.append(f"{figure.key} ({figure.where}): width {width:.3f}")
    return found
