"""`disclose(table)`: rules 1 to 8 and 10 of disclosure.md 2.3, in order, over one Part 1 table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal

from .display import (
    counts_behind_rate,
    format_figure,
    round_count,
    rounding_interval,
    rounds_to_zero,
    shown_rate,
    to_decimal,
)
from .exact import Infeasible, Num
from .ledger import Ident, PriorFigure, exact_number
from .policy import ROUNDING_FOOTNOTE, Policy, Suppression, Symbol
from .secondary import Failure, System, Variable
from .table import (
    Cell,
    CellKind,
    CellState,
    Constraint,
    ConstraintKind,
    Disclosure,
    ShownCell,
    Table,
    TableError,
)

# Hidden for the figure's own sake (not as a complement): it must have a wide enough range (D3).
PROTECTED = (Suppression.PRIMARY, Suppression.AT_SOURCE)


def disclose(table: Table) -> Disclosure:
    """What Part 1 may show for every cell of `table`. See the package docstring for the rules."""
    return _Engine(table).run()


def _small(value: int, policy: Policy) -> bool:
    """Rule 1: a count from 1 to T (or a true zero, where the council treats zeros as disclosive)."""
    return 1 <= value <= policy.threshold or (value == 0 and policy.zeros_are_disclosive)


class _Engine:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.cells = {cell.key: cell for cell in table.cells}
        self.order = {cell.key: i for i, cell in enumerate(table.cells)}
        self.suppression: dict[str, Suppression] = {}
        self.reasons: dict[str, list[str]] = defaultdict(list)
        self.warnings: list[str] = []
        self.system = System()
        self.variable_of: dict[str, Variable] = {}  # current cells in the system
        self.priors: dict[str, list[PriorFigure]] = defaultdict(list)
        for publication in table.prior:
            for prior_cell in publication.cells:
                self.priors[prior_cell.key].append(PriorFigure(publication.reference, prior_cell))
        self.totals = {c.total for c in table.constraints}
        self.given_up: set[Ident] = set()
        self.exposed: dict[str, str] = {}  # key -> the earlier publication that showed it exactly
        self.rounds = 0

    def policy_of(self, cell: Cell) -> Policy:
        return cell.policy or self.table.policy

    def run(self) -> Disclosure:
        self._validate()
        self._primary()
        self._class_disclosure()
        self._over_time()
        self._build_system()
        try:
            self._secondary()
        except Infeasible as error:
            raise TableError([str(error)]) from error
        return self._result()

    # --- checks on the input -----------------------------------------------------------------

    def _validate(self) -> None:
        problems = []
        counted = Counter(cell.key for cell in self.table.cells)
        problems += [f"{key}: the key is used twice" for key, n in counted.items() if n > 1]
        for cell in self.table.cells:
            problems += self._cell_problems(cell)
        for constraint in self.table.constraints:
            problems += self._constraint_problems(constraint)
        if problems:
            raise TableError(problems)

    def _cell_problems(self, cell: Cell) -> list[str]:
        if cell.state is not CellState.VALUE or cell.kind is CellKind.TEXT:
            return []
        if cell.kind is CellKind.RATE:
            rate = cell.rate
            if rate is None or rate.denominator <= 0 or rate.numerator < 0:
                return [f"{cell.key}: a rate needs its count and a positive population (RateOf)"]
            return []
        if cell.value is None:
            return [f"{cell.key}: a figure is needed, or a state (suppressed at source, not available)"]
        if cell.kind is CellKind.COUNT and (type(exact_number(cell.value)) is not int or cell.value < 0):
            return [f"{cell.key}: a count must be a whole number, 0 or more, not {cell.value}"]
        return []

    def _constraint_problems(self, constraint: Constraint) -> list[str]:
        problems = []
        for key in constraint.keys:
            cell = self.cells.get(key)
            if cell is None and key not in self.priors:
                problems.append(f"{key}: named in a sum but neither in the table nor in an earlier publication")
            elif cell is not None and cell.kind in (CellKind.RATE, CellKind.TEXT):
                problems.append(f"{key}: a {cell.kind.value} cannot be part of a sum")
        values = [self.cells[k].value if k in self.cells else None for k in constraint.keys]
        states = [self.cells[k].state if k in self.cells else None for k in constraint.keys]
        if not problems and all(v is not None for v in values) and all(s is CellState.VALUE for s in states):
            total, *parts = (exact_number(v) or 0 for v in values)
            if total != sum(parts):
                problems.append(f"{constraint.total}: is {total} but its parts sum to {sum(parts)}")
        return problems

    # --- rules 1 to 3: primary suppression -----------------------------------------------------

    def _suppress(self, key: str, suppression: Suppression, reason: str) -> None:
        if self.suppression.get(key, Suppression.NONE) is Suppression.NONE:
            self.suppression[key] = suppression
        self.reasons[key].append(reason)

    def _primary(self) -> None:
        for cell in self.table.cells:
            if cell.state is CellState.SUPPRESSED_AT_SOURCE:
                self._suppress(cell.key, Suppression.AT_SOURCE, "suppressed in the data as imported")
            if cell.kind is not CellKind.COUNT or cell.state is not CellState.VALUE or not cell.relates_to_individuals:
                continue
            policy, value = self.policy_of(cell), int(cell.value)  # type: ignore[arg-type]
            if _small(value, policy):
                self._suppress(cell.key, Suppression.PRIMARY, f"rule 1: a count from 1 to {policy.threshold}")
            if cell.out_of is not None and _small(cell.out_of - value, policy) and cell.out_of > value:
                rest = cell.out_of - value
                self._suppress(cell.key, Suppression.PRIMARY, f"rule 3: it shows the other {rest} of {cell.out_of}")

    def _class_disclosure(self) -> None:
        """Rule 2: a small total that falls wholly in one category reveals that category for everyone in it."""
        for constraint in self.table.constraints:
            if constraint.kind is not ConstraintKind.TOTAL or len(constraint.parts) < 2:
                continue
            cells = [self.cells.get(key) for key in constraint.keys]
            if any(c is None or c.kind is not CellKind.COUNT or c.state is not CellState.VALUE for c in cells):
                continue
            total, *parts = cells
            assert total is not None
            limit = self.policy_of(total).class_threshold
            if not total.relates_to_individuals or not 0 < int(total.value) <= limit:  # type: ignore[arg-type]
                continue
            whole = [p for p in parts if p is not None and p.value == total.value]
            if len(whole) == 1 and all(p is whole[0] or p.value == 0 for p in parts if p is not None):
                reason = f"rule 2: all {total.value} of {constraint.total} fall in this one category"
                self._suppress(whole[0].key, Suppression.PRIMARY, reason)

    # --- rule 6: consistency with earlier publications -----------------------------------------

    def _over_time(self) -> None:
        """A cell an earlier Part 1 hid stays hidden; one it showed cannot be hidden again (warn, never silently)."""
        for cell in self.table.cells:
            ident = (cell.key, self._value_of(cell))
            for prior in self.priors.get(cell.key, []):
                if prior.ident != ident:
                    continue  # a revised figure is a new figure
                if prior.cell.symbol is Symbol.CONFIDENTIAL:
                    self._suppress(cell.key, Suppression.SECONDARY, f"rule 6: suppressed in {prior.reference}")
                elif prior.exact is not None:
                    self.exposed[cell.key] = prior.reference
        for key, reference in self.exposed.items():
            if self.suppression.get(key, Suppression.NONE) is not Suppression.NONE:
                self.warnings.append(
                    f"{key}: suppressed now, but {reference} already showed it in Part 1 (rule 6); "
                    "the earlier figure stays public, so this cell cannot be protected"
                )

    def _value_of(self, cell: Cell) -> Num | None:
        if cell.kind is CellKind.RATE and cell.rate is not None:
            return exact_number(cell.rate.value)
        return exact_number(cell.value)

    # --- the system of published sums ----------------------------------------------------------

    def _build_system(self) -> None:
        for cell in self.table.cells:
            if cell.kind in (CellKind.COUNT, CellKind.MEASURE):
                variable = self._current_variable(cell)
                self.variable_of[cell.key] = variable
                self.system.variables[variable.ident] = variable
        seen: set[frozenset[tuple[Ident, int]]] = set()
        for constraint in self.table.constraints:
            self._add_equation(constraint, self._resolve_current, seen)
        for publication in self.table.prior:
            own = {c.key: PriorFigure(publication.reference, c) for c in publication.cells}
            for constraint in publication.constraints:
                if not all(key in own for key in constraint.keys):
                    continue
                if not self._held(constraint, own):
                    self.warnings.append(
                        f"{publication.reference}: its sum for {constraint.total} did not hold; ignored"
                    )
                    continue
                self._add_equation(constraint, self._prior_resolver(own), seen)

    def _prior_resolver(self, own: dict[str, PriorFigure]) -> Callable[[str], Variable]:
        return lambda key: self._prior_variable(own[key])

    def _add_equation(
        self, constraint: Constraint, resolve: Callable[[str], Variable], seen: set[frozenset[tuple[Ident, int]]]
    ) -> None:
        coefficients: dict[Ident, int] = {}
        for key, coefficient in ((constraint.total, -1), *((p, 1) for p in constraint.parts)):
            variable = resolve(key)
            coefficients[variable.ident] = coefficients.get(variable.ident, 0) + coefficient
        coefficients = {i: c for i, c in coefficients.items() if c}
        signature = frozenset(coefficients.items())
        if coefficients and signature not in seen and frozenset((i, -c) for i, c in coefficients.items()) not in seen:
            seen.add(signature)
            self.system.add_equation(coefficients)

    @staticmethod
    def _held(constraint: Constraint, own: dict[str, PriorFigure]) -> bool:
        values = [exact_number(own[key].cell.true_value) for key in constraint.keys]
        if any(v is None for v in values):
            return True
        total, *parts = values
        return total == sum(parts)  # type: ignore[arg-type]

    def _resolve_current(self, key: str) -> Variable:
        if key in self.variable_of:
            return self.variable_of[key]
        return self._prior_variable(self.priors[key][-1])

    def _current_variable(self, cell: Cell) -> Variable:
        policy = self.policy_of(cell)
        value = exact_number(cell.value)
        suppression = self.suppression.get(cell.key, Suppression.NONE)
        variable = Variable(
            ident=(cell.key, value),
            order=self.order[cell.key],
            value=value,
            threshold=policy.threshold,
            current=True,
            suppressible=cell.kind is CellKind.COUNT and cell.state is CellState.VALUE,
            individuals=cell.relates_to_individuals,
            is_total=cell.key in self.totals,
            suppressed=suppression is not Suppression.NONE,
            primary=(suppression in PROTECTED or self._primary_before(cell.key, (cell.key, value)))
            and value is not None,
            exposed_by=self.exposed.get(cell.key, ""),
        )
        self._prior_knowledge(variable)
        if cell.state is CellState.NOT_APPLICABLE:
            variable.exact = 0
        elif cell.state is CellState.VALUE and not variable.suppressed:
            self._shown_knowledge(variable, cell)
        return variable

    def _primary_before(self, key: str, ident: tuple[str, Num | None]) -> bool:
        """An earlier Part 1 hid this very figure as primary: it keeps a primary figure's protection
        now, even where this publication hides it only for consistency (rule 6) and its value alone
        would not be suppressed (a class-disclosure cell, say)."""
        return any(
            prior.ident == ident and prior.cell.symbol is Symbol.CONFIDENTIAL and prior.cell.suppression in PROTECTED
            for prior in self.priors.get(key, [])
        )

    def _prior_knowledge(self, variable: Variable) -> None:
        """What earlier publications showed of this very figure: exact, or an interval when rounded."""
        for prior in self.priors.get(variable.key, []):
            if prior.ident != variable.ident:
                continue
            if prior.exact is not None:
                variable.exact = prior.exact
            elif prior.interval is not None:
                variable.narrow(*prior.interval)

    def _shown_knowledge(self, variable: Variable, cell: Cell) -> None:
        base = self._rounding_base(cell)
        assert variable.value is not None
        if base > 1 and variable.exact is None:
            variable.narrow(*rounding_interval(round_count(int(variable.value), base), base))
        elif base <= 1:
            variable.exact = variable.value

    def _rounding_base(self, cell: Cell) -> int:
        policy = self.policy_of(cell)
        return policy.rounding_base if cell.kind is CellKind.COUNT and cell.relates_to_individuals else 1

    def _prior_variable(self, prior: PriorFigure) -> Variable:
        ident = prior.ident
        if ident in self.system.variables:  # the same figure as a cell of this table, or met before
            return self.system.variables[ident]
        variable = Variable(
            ident=ident,
            order=len(self.order) + len(self.system.variables),
            value=ident[1],
            threshold=self.table.policy.threshold,
            suppressed=prior.cell.symbol is Symbol.CONFIDENTIAL,
            primary=prior.cell.suppression in PROTECTED and ident[1] is not None,
        )
        self._prior_knowledge(variable)
        self.system.variables[ident] = variable
        return variable

    # --- rules 4 and 5: rates, then secondary suppression and the audit -----------------------

    def _complement(self, variable: Variable, reason: str) -> None:
        self._suppress(variable.key, Suppression.SECONDARY, reason)
        variable.suppressed = True
        variable.exact = None
        variable.lower, variable.upper = 0, None
        self._prior_knowledge(variable)

    def _secondary(self) -> None:
        self.system.greedy(self._complement)
        cache: dict[object, list[Failure]] = {}
        while True:
            self._rates()
            pending = []
            for members, equations in self.system.components():
                signature = (tuple((v.ident, v.bounds(), v.suppressed, v.primary) for v in members), tuple(equations))
                if signature not in cache:
                    cache[signature] = self.system.audit(members, equations)
                failures = [f for f in cache[signature] if f.variable.ident not in self.given_up]
                if failures:
                    pending.append((equations, failures[0]))
            if not pending:
                return
            self.rounds += 1
            added = [a for a in (self._complement_for(eqs, failure) for eqs, failure in pending) if a is not None]
            self.system.greedy(self._complement, start=added)

    def _complement_for(self, equations: list[int], failure: Failure) -> Ident | None:
        variable = self.system.variables[failure.variable.ident]
        for scope in (self.system.of_variable.get(variable.ident, []), equations):
            candidates = {
                v.ident: v
                for index in scope
                for v in (self.system.variables[i] for i in self.system.equations[index])
                if self.system._can_complement(v)
            }
            if candidates:
                chosen = min(candidates.values(), key=Variable.choice_key)
                self._complement(chosen, f"rule 5 (audit): otherwise {variable.key}: {failure.reason}")
                return chosen.ident
        self.given_up.add(variable.ident)
        self.warnings.append(f"{variable.key}: cannot be protected: {failure.reason}, and no cell is left to hide")
        return None

    def _rates(self) -> None:
        """Rule 4, run again whenever counts are hidden: a rate shows only where it cannot pin its count."""
        for variable in self.system.variables.values():
            variable.rate_bounds = None
        for cell in self.table.cells:
            if cell.kind is CellKind.RATE and cell.state is CellState.VALUE and cell.relates_to_individuals:
                self._rate(cell)

    def _rate(self, cell: Cell) -> None:
        rate, policy = cell.rate, self.policy_of(cell)
        assert rate is not None
        numerator = self.variable_of.get(rate.numerator_key or "")
        denominator = self.variable_of.get(rate.denominator_key or "")
        if self.suppression.get(cell.key, Suppression.NONE) is not Suppression.NONE:
            return
        if denominator is not None and denominator.needs_protection:
            self._suppress(cell.key, Suppression.SECONDARY, "rule 4: its denominator is suppressed")
            return
        reasons, hidden_count = self._rate_reasons(cell, numerator, policy)
        if not reasons:
            return
        base = self._rounding_base(cell)
        run = counts_behind_rate(rate.numerator, rate.denominator, per=rate.per, decimals=cell.decimals, base=base)
        if run is None or run[1] - run[0] < policy.threshold:
            only_secondary = reasons == ["its count is suppressed"] and hidden_count is Suppression.SECONDARY
            kind = Suppression.SECONDARY if only_secondary else Suppression.PRIMARY
            self._suppress(cell.key, kind, "rule 4: " + "; ".join(reasons) + ", and the rate would pin it down")
        elif numerator is not None and numerator.needs_protection:
            numerator.rate_bounds = run

    def _rate_reasons(
        self, cell: Cell, numerator: Variable | None, policy: Policy
    ) -> tuple[list[str], Suppression | None]:
        rate = cell.rate
        assert rate is not None
        reasons, hidden = [], None
        if numerator is not None and numerator.needs_protection:
            reasons.append("its count is suppressed")
            hidden = self.suppression.get(numerator.key)
        elif numerator is None and _small(rate.numerator, policy):
            reasons.append(f"its count is from 1 to {policy.threshold}")
        if rate.denominator > rate.numerator and _small(rate.denominator - rate.numerator, policy):
            reasons.append(f"it shows the other {rate.denominator - rate.numerator} of {rate.denominator}")
        if rate.denominator < policy.minimum_denominator:
            reasons.append(f"its denominator is below {policy.minimum_denominator}")
        return reasons, hidden

    # --- what Part 1 prints --------------------------------------------------------------------

    def _result(self) -> Disclosure:
        shown = {cell.key: self._shown(cell) for cell in self.table.cells}
        bases = sorted({c.rounding_base for c in shown.values() if c.rounding_base > 1 and c.value is not None})
        footnotes = tuple(ROUNDING_FOOTNOTE.format(base=base) for base in bases)
        unprotected = [v.key for v in self.system.variables.values() if v.ident in self.given_up]
        unprotected += [k for k in self.exposed if shown[k].is_suppressed]
        return Disclosure(
            cells=shown,
            policy=self.table.policy,
            footnotes=footnotes,
            warnings=tuple(self.warnings),
            unprotected=tuple(dict.fromkeys(unprotected)),
            audit_rounds=self.rounds,
        )

    def _shown(self, cell: Cell) -> ShownCell:
        policy = self.policy_of(cell)
        suppression = self.suppression.get(cell.key, Suppression.NONE)
        reasons = tuple(self.reasons.get(cell.key, ()))

        def symbol(mark: Symbol) -> ShownCell:
            hidden = suppression if mark is Symbol.CONFIDENTIAL else Suppression.NONE
            return ShownCell(cell.key, mark.value, None, mark, hidden, reasons, policy)

        if cell.kind is CellKind.TEXT:
            return ShownCell(cell.key, cell.text, None, None, Suppression.NONE, (), policy)
        if cell.state is CellState.NOT_AVAILABLE:
            return symbol(Symbol.NOT_AVAILABLE)
        if cell.state is CellState.NOT_APPLICABLE:
            return symbol(Symbol.NOT_APPLICABLE)
        if suppression is not Suppression.NONE:
            return symbol(Symbol.CONFIDENTIAL)
        low = Symbol.LOW_SENSITIVE if cell.sensitive else Symbol.LOW
        base = self._rounding_base(cell)
        figure: int | Decimal | None
        if cell.kind is CellKind.COUNT:
            figure = round_count(int(cell.value), base)  # type: ignore[arg-type]
        elif cell.kind is CellKind.RATE:
            rate = cell.rate
            assert rate is not None
            figure = shown_rate(rate.numerator, rate.denominator, per=rate.per, decimals=cell.decimals, base=base)
            if figure is None:
                return symbol(Symbol.NOT_AVAILABLE)
            if figure == 0 and rate.numerator != 0:
                return symbol(low)
        else:
            assert cell.value is not None
            if rounds_to_zero(cell.value, cell.decimals):
                return symbol(low)
            figure = to_decimal(cell.value, cell.decimals)
        return ShownCell(cell.key, format_figure(figure), figure, None, suppression, reasons, policy, base)
