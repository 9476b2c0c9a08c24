"""Secondary suppression and the exact audit (disclosure.md 2.3 rules 5 and 6).

The reader of Part 1 sees a set of sums (row, column and grand totals, year to date = sum of the
months, 22 = 22.1 + 22.2) and the sums of every earlier Part 1 publication. Each figure is a
variable; a shown figure is a known (exact, or an interval when rounded); a suppressed figure is
an unknown. A suppressed figure is safe when no combination of those sums fixes it (rank test)
and, for a primary one, when its feasible range over non-negative values is at least T wide
(linear programming). Both checks are exact (`exact.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from .exact import Infeasible, LinearProgram, Num, Row, reach_along_null_space, reduced_echelon
from .ledger import Ident


@dataclass(eq=False)
class Variable:
    """One figure as the reader of Part 1 knows it."""

    ident: Ident
    order: int  # table order, for steady choices
    value: Num | None  # the true value, when the engine has it
    threshold: int
    current: bool = False  # a cell of the table being published
    suppressible: bool = False  # may be hidden as a complement
    individuals: bool = True
    is_total: bool = False
    exact: Num | None = None  # a figure the reader knows exactly
    lower: Num = 0  # what the reader knows when they do not know it exactly
    upper: Num | None = None
    rate_bounds: tuple[int, int] | None = None  # from a shown rate whose count is hidden
    suppressed: bool = False  # hidden now, or hidden in an earlier publication
    primary: bool = False  # needs the protection interval, not only the rank test
    exposed_by: str = ""  # an earlier publication that showed it exactly

    @property
    def key(self) -> str:
        return self.ident[0]

    @property
    def known(self) -> bool:
        return self.exact is not None

    @property
    def needs_protection(self) -> bool:
        return self.suppressed and not self.known

    def narrow(self, lower: Num, upper: Num) -> None:
        """Add what a rounded figure tells the reader: lower <= value <= upper."""
        self.lower = max(self.lower, lower)
        self.upper = upper if self.upper is None else min(self.upper, upper)

    def bounds(self) -> tuple[Num, Num | None]:
        lower, upper = max(self.lower, 0), self.upper
        if self.rate_bounds is not None:
            lower = max(lower, self.rate_bounds[0])
            upper = self.rate_bounds[1] if upper is None else min(upper, self.rate_bounds[1])
        return lower, upper

    def choice_key(self) -> tuple[bool, bool, bool, Num, int]:
        """Rule 5: the smallest non-zero cell that relates to individuals, an inner cell before a total."""
        value = self.value if self.value is not None else 0
        return (value == 0, not self.individuals, self.is_total, value, self.order)


def _num(x: Num) -> Num:
    return x.numerator if type(x) is Fraction and x.denominator == 1 else x


@dataclass
class Failure:
    variable: Variable
    reason: str


Suppress = Callable[[Variable, str], None]


@dataclass
class System:
    """Every published sum, over every figure any publication mentions."""

    variables: dict[Ident, Variable] = field(default_factory=dict)
    equations: list[dict[Ident, int]] = field(default_factory=list)
    of_variable: dict[Ident, list[int]] = field(default_factory=dict)

    def add_equation(self, coefficients: dict[Ident, int]) -> None:
        index = len(self.equations)
        self.equations.append(coefficients)
        for ident in coefficients:
            self.of_variable.setdefault(ident, []).append(index)

    # --- greedy step --------------------------------------------------------------------------

    def greedy(self, suppress: Suppress, *, start: Iterable[Ident] | None = None) -> None:
        """Any sum with exactly one hidden figure and the rest known gets a complement; until nothing changes."""
        pending = list(range(len(self.equations))) if start is None else self._equations_of(start)
        queued = set(pending)
        while pending:
            index = pending.pop()
            queued.discard(index)
            members = [self.variables[i] for i in self.equations[index]]
            unknown = [v for v in members if not v.known]
            if len(unknown) != 1 or not unknown[0].needs_protection:
                continue
            candidates = [v for v in members if self._can_complement(v)]
            if not candidates:
                continue  # the audit reports it
            chosen = min(candidates, key=Variable.choice_key)
            suppress(chosen, f"rule 5: so that {unknown[0].key} cannot be worked out from a sum")
            for other in self.of_variable[chosen.ident]:
                if other not in queued:
                    queued.add(other)
                    pending.append(other)

    def _equations_of(self, idents: Iterable[Ident]) -> list[int]:
        return sorted({i for ident in idents for i in self.of_variable.get(ident, [])})

    @staticmethod
    def _can_complement(variable: Variable) -> bool:
        return variable.suppressible and not variable.suppressed and not variable.exposed_by

    # --- audit --------------------------------------------------------------------------------

    def components(self) -> list[tuple[list[Variable], list[int]]]:
        """Groups of unknown figures linked by sums, each with its sums."""
        parent: dict[Ident, Ident] = {}

        def find(ident: Ident) -> Ident:
            while parent.setdefault(ident, ident) != ident:
                parent[ident] = parent[parent[ident]]
                ident = parent[ident]
            return ident

        for equation in self.equations:
            unknown = [i for i in equation if not self.variables[i].known]
            for ident in unknown[1:]:
                parent[find(ident)] = find(unknown[0])
            if unknown:
                find(unknown[0])
        groups: dict[Ident, list[Variable]] = {}
        for ident in parent:
            groups.setdefault(find(ident), []).append(self.variables[ident])
        for variable in self.variables.values():
            if variable.needs_protection and variable.ident not in parent:
                groups[variable.ident] = [variable]  # in no sum at all
        result = []
        for members in groups.values():
            members.sort(key=lambda v: v.order)
            equations = self._equations_of(v.ident for v in members)
            result.append((members, equations))
        return result

    def audit(self, members: list[Variable], equations: list[int]) -> list[Failure]:
        """Exact checks of one group: the rank test for every hidden figure, the interval for primary ones."""
        if not any(v.needs_protection for v in members):
            return []
        column = {v.ident: j for j, v in enumerate(members)}
        rows: list[Row] = []
        rhs: list[Num] = []
        for index in equations:
            row: Row = {}
            constant: Num = 0
            for ident, coefficient in self.equations[index].items():
                variable = self.variables[ident]
                if variable.exact is not None:
                    constant += coefficient * variable.exact
                else:
                    row[column[ident]] = coefficient
            if row:
                rows.append(row)
                rhs.append(_num(-constant))
        pivots, reduced = reduced_echelon(rows)
        determined = {pivot for pivot, row in zip(pivots, reduced, strict=True) if len(row) == 1}
        failures = [
            Failure(v, "the published sums determine it")
            for v in members
            if v.needs_protection and column[v.ident] in determined
        ]
        interval_checks = [
            v
            for v in members
            if v.needs_protection and v.primary and v.value is not None and column[v.ident] not in determined
        ]
        remaining = _not_cleared_by_directions(members, pivots, reduced, interval_checks)
        if remaining:
            failures += self._interval_failures(members, rows, rhs, remaining)
        return failures

    def _interval_failures(
        self, members: list[Variable], rows: list[Row], rhs: list[Num], checks: list[Variable]
    ) -> list[Failure]:
        bounds = [v.bounds() for v in members]
        try:
            program = LinearProgram(rows, rhs, [b[0] for b in bounds], [b[1] for b in bounds])
        except Infeasible as error:
            raise Infeasible(f"the sums around {members[0].key} do not hold: {error}") from error
        failures = []
        for variable in checks:
            index = members.index(variable)
            width = _protection(program, index, variable)
            if width is not None:
                failures.append(Failure(variable, f"its range under the published sums is only {width} wide"))
        return failures


def _not_cleared_by_directions(
    members: list[Variable], pivots: list[int], reduced: list[Row], checks: list[Variable]
) -> list[Variable]:
    """The checks the cheap certificate cannot clear: moving the true figures along null-space
    directions reaches a range at least T wide for most hidden cells without any simplex."""
    if not checks or any(v.value is None for v in members):
        return checks
    bounds = [v.bounds() for v in members]
    point = [_num(v.value) for v in members if v.value is not None]
    reach = reach_along_null_space(pivots, reduced, point, [b[0] for b in bounds], [b[1] for b in bounds])
    remaining = []
    for variable in checks:
        low, high = reach[members.index(variable)]
        if low is not None and high is not None and high - low < variable.threshold:
            remaining.append(variable)
    return remaining


def _protection(program: LinearProgram, index: int, variable: Variable) -> Num | None:
    """None when the feasible range is at least T wide; otherwise its width. Stops as soon as it knows."""
    assert variable.value is not None
    true_value = _num(variable.value)  # always feasible, so the range contains it
    threshold = variable.threshold
    try:
        highest = program.bound(index, maximise=True, goal=true_value + threshold)
        if highest is None or highest >= true_value + threshold:
            return None
        lowest = program.bound(index, maximise=False, goal=highest - threshold)
    except ArithmeticError:
        return 0  # not shown to be safe: treat as unsafe
    assert lowest is not None  # bounded below by zero
    width = highest - lowest
    return None if width >= threshold else width
