"""Exact linear algebra for the audit (disclosure.md 2.3 rule 5): no floating point, no scipy.

Numbers are Python ints while divisions come out whole and `Fraction`s only when they do not: the
tables are sums with coefficients 0 and +-1, so most pivots stay in whole numbers and run at integer
speed. Rows are sparse: {column: coefficient}.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

Num = int | Fraction
Row = dict[int, Num]

MAX_PIVOTS = 20_000  # far beyond any table we publish; reaching it counts as "not shown to be safe"


def _norm(x: Num) -> Num:
    if type(x) is Fraction and x.denominator == 1:
        return x.numerator
    return x


def _div(a: Num, b: Num) -> Num:
    if type(a) is int and type(b) is int:
        quotient, remainder = divmod(a, b)
        return quotient if remainder == 0 else Fraction(a, b)
    return _norm(Fraction(a) / b)


def _subtract_multiple(target: Row, source: Row, factor: Num) -> None:
    """target -= factor * source, dropping entries that become zero."""
    get, pop = target.get, target.pop
    for column, coefficient in source.items():
        value = get(column, 0) - factor * coefficient
        if type(value) is Fraction and value.denominator == 1:
            value = value.numerator
        if value:
            target[column] = value
        else:
            pop(column, None)


def _scaled(row: Row, scale: Num) -> Row:
    """row / scale; the common scales 1 and -1 without any division."""
    if scale == 1:
        return dict(row)
    if scale == -1:
        return {c: -v for c, v in row.items()}
    return {c: _div(v, scale) for c, v in row.items()}


def reduced_echelon(rows: Sequence[Row]) -> tuple[list[int], list[Row]]:
    """Reduced row echelon form: pivot columns, and rows with 1 at their pivot and 0 at other pivots."""
    reduced: list[Row] = []
    pivots: list[int] = []
    for original in rows:
        row = dict(original)
        for pivot, basis_row in zip(pivots, reduced, strict=True):
            if pivot in row:
                _subtract_multiple(row, basis_row, row[pivot])
        if not row:
            continue
        pivot = min(row)
        row = _scaled(row, row[pivot])
        for other in reduced:
            if pivot in other:
                _subtract_multiple(other, row, other[pivot])
        reduced.append(row)
        pivots.append(pivot)
    return pivots, reduced


def determined_columns(rows: Sequence[Row]) -> set[int]:
    """Columns whose unknown the equations fix: e_j lies in the row space of `rows`.

    In reduced row echelon form, e_j is in the row space exactly when j is a pivot column and its
    row has no other entry.
    """
    pivots, reduced = reduced_echelon(rows)
    return {pivot for pivot, row in zip(pivots, reduced, strict=True) if len(row) == 1}


def reach_along_null_space(
    pivots: Sequence[int],
    reduced: Sequence[Row],
    point: Sequence[Num],
    lower: Sequence[Num],
    upper: Sequence[Num | None],
) -> list[tuple[Num | None, Num | None]]:
    """For each column, values it provably takes: a cheap inner bound on its feasible range.

    `point` satisfies the equations and bounds. Each free column f gives a null-space direction
    (1 at f, minus the column of f at each pivot); moving the point along it, as far as the bounds
    allow, stays feasible. The union of these segments is an interval of values each column can
    really take (None: unbounded that way). The simplex is needed only where this is not enough.
    """
    reach: list[tuple[Num | None, Num | None]] = [(p, p) for p in point]
    pivot_set = set(pivots)
    columns: dict[int, list[tuple[int, Num]]] = {}
    for pivot, row in zip(pivots, reduced, strict=True):
        for column, coefficient in row.items():
            if column != pivot:
                columns.setdefault(column, []).append((pivot, -coefficient))
    for free in range(len(point)):
        if free in pivot_set:
            continue
        direction = [(free, 1), *columns.get(free, [])]
        t_low, t_high = _step_range(direction, point, lower, upper)
        for column, z in direction:
            ends = [None if t is None else _norm(point[column] + t * z) for t in (t_low, t_high)]
            low_end, high_end = (ends[0], ends[1]) if z > 0 else (ends[1], ends[0])
            low, high = reach[column]
            reach[column] = (
                None if low is None or low_end is None else min(low, low_end),
                None if high is None or high_end is None else max(high, high_end),
            )
    return reach


def _step_range(
    direction: list[tuple[int, Num]], point: Sequence[Num], lower: Sequence[Num], upper: Sequence[Num | None]
) -> tuple[Num | None, Num | None]:
    """How far the point can move along the direction: t from t_low <= 0 to t_high >= 0 (None: no limit)."""
    t_low: Num | None = None
    t_high: Num | None = None
    for column, z in direction:
        at_lower = _div(lower[column] - point[column], z)  # where this column meets its lower bound
        top = upper[column]
        at_upper = None if top is None else _div(top - point[column], z)
        backward, forward = (at_lower, at_upper) if z > 0 else (at_upper, at_lower)
        if backward is not None:
            t_low = backward if t_low is None else max(t_low, backward)
        if forward is not None:
            t_high = forward if t_high is None else min(t_high, forward)
    return t_low, t_high


class Infeasible(ValueError):
    """The equations and bounds have no solution: the table's sums do not hold."""


class LinearProgram:
    """Bounds of single variables over {A y = b, lower <= y <= upper}, found exactly.

    A bounded-variable primal simplex with Bland's rule (so it cannot cycle). Phase 1 runs once in
    the constructor; each `bound` call starts from that feasible basis, and can stop as soon as the
    variable passes a goal, which is all the audit needs to know.
    """

    def __init__(self, rows: Sequence[Row], rhs: Sequence[Num], lower: Sequence[Num], upper: Sequence[Num | None]):
        n = len(lower)
        self.n = n
        self.lower = list(lower)
        # shift every variable to z = y - lower >= 0
        self.upper: list[Num | None] = [
            None if u is None else _norm(u - lo) for u, lo in zip(upper, lower, strict=True)
        ]
        if any(u is not None and u < 0 for u in self.upper):
            raise Infeasible("a lower bound is above its upper bound")
        self.rows: list[Row] = []
        self.beta: list[Num] = []
        self.basis: list[int] = []
        for r, (row, b) in enumerate(zip(rows, rhs, strict=True)):
            shifted = _norm(b - sum(c * self.lower[j] for j, c in row.items()))
            sign = -1 if shifted < 0 else 1
            tableau_row: Row = {j: sign * c for j, c in row.items() if c}
            tableau_row[n + r] = 1  # artificial
            self.rows.append(tableau_row)
            self.beta.append(sign * shifted)
            self.basis.append(n + r)
            self.upper.append(None)
        self.at_upper: set[int] = set()
        self._phase_one()

    def _phase_one(self) -> None:
        artificials = range(self.n, len(self.upper))
        objective: Row = {}
        for row in self.rows:
            for j, c in row.items():
                if j < self.n:
                    objective[j] = _norm(objective.get(j, 0) + c)
        reached = self._optimise(objective, _norm(-sum(self.beta)), goal=0)
        if reached is None or reached < 0:
            raise Infeasible("the published sums have no non-negative solution")
        for j in artificials:
            self.upper[j] = 0  # artificials stay at zero from here on

    def bound(self, variable: int, *, maximise: bool, goal: Num | None = None) -> Num | None:
        """The largest (or smallest) value of `variable`; None when unbounded.

        With a goal, stops as soon as the value reaches it (>= goal when maximising, <= when
        minimising) and returns the value reached, which may fall short of the optimum.
        """
        sign = 1 if maximise else -1
        saved = ([dict(r) for r in self.rows], list(self.beta), list(self.basis), set(self.at_upper))
        try:
            objective = self._objective_for(variable, sign)
            current = self._value_of(variable)
            shifted_goal = None if goal is None else sign * _norm(goal - self.lower[variable])
            best = self._optimise(objective, sign * current, goal=shifted_goal)
        finally:
            self.rows, self.beta, self.basis, self.at_upper = saved
        return None if best is None else _norm(sign * best + self.lower[variable])

    def _value_of(self, variable: int) -> Num:
        if variable in self.basis:
            return self.beta[self.basis.index(variable)]
        upper = self.upper[variable]
        return upper if variable in self.at_upper and upper is not None else 0

    def _objective_for(self, variable: int, sign: int) -> Row:
        if variable not in self.basis:
            return {variable: sign}
        row = self.rows[self.basis.index(variable)]
        return {j: _norm(-sign * c) for j, c in row.items() if j != variable}

    def _entering(self, objective: Row) -> int | None:
        candidates = [
            j
            for j, d in objective.items()
            if self.upper[j] != 0 and ((d > 0 and j not in self.at_upper) or (d < 0 and j in self.at_upper))
        ]
        return min(candidates) if candidates else None

    def _optimise(self, objective: Row, value: Num, *, goal: Num | None) -> Num | None:
        """Maximise; `objective` holds reduced costs of non-basic columns. Returns the value, None if unbounded."""
        for _ in range(MAX_PIVOTS):
            if goal is not None and value >= goal:
                return value
            entering = self._entering(objective)
            if entering is None:
                return value
            direction = -1 if entering in self.at_upper else 1
            step, leaving_row, leaving_to_upper = self._ratio_test(entering, direction)
            if step is None:
                return None
            value = _norm(value + objective[entering] * direction * step)
            for r, row in enumerate(self.rows):
                if entering in row:
                    self.beta[r] = _norm(self.beta[r] - row[entering] * direction * step)
            if leaving_row is None:
                self.at_upper ^= {entering}  # the entering column just moved to its other bound
            else:
                self._pivot(leaving_row, entering, direction, step, leaving_to_upper, objective)
        raise ArithmeticError("the simplex did not finish")

    def _ratio_test(self, entering: int, direction: int) -> tuple[Num | None, int | None, bool]:
        step = self.upper[entering]
        leaving_row: int | None = None
        to_upper = False
        for r, row in enumerate(self.rows):
            a = row.get(entering)
            if not a:
                continue
            change = -a * direction  # the basic variable moves by change * step
            basic = self.basis[r]
            basic_upper = self.upper[basic]
            if change < 0:
                limit, hits_upper = _div(self.beta[r], -change), False
            elif basic_upper is not None:
                limit, hits_upper = _div(basic_upper - self.beta[r], change), True
            else:
                continue
            better = step is None or limit < step
            tie = step is not None and limit == step and leaving_row is not None and basic < self.basis[leaving_row]
            if better or tie:
                step, leaving_row, to_upper = limit, r, hits_upper
        return step, leaving_row, to_upper

    def _pivot(self, r: int, entering: int, direction: int, step: Num, to_upper: bool, objective: Row) -> None:
        leaving = self.basis[r]
        was_at_upper = entering in self.at_upper
        start = self.upper[entering] if was_at_upper else 0
        self.at_upper.discard(entering)
        if to_upper:
            self.at_upper.add(leaving)
        row = _scaled(self.rows[r], self.rows[r][entering])
        self.rows[r] = row
        for other_index, other in enumerate(self.rows):
            if other_index != r and entering in other:
                _subtract_multiple(other, row, other[entering])
        if entering in objective:
            # the leaving column picks up a reduced cost; the entering one's becomes zero
            _subtract_multiple(objective, row, objective[entering])
        self.basis[r] = entering
        self.beta[r] = _norm((start or 0) + direction * step)
