"""Checks D1 to D4 (reliability.md) over thousands of random tables, against an independent intruder.

The intruder (`disclosure_oracle.py`) reads only what Part 1 shows and the sums the reader knows,
and is written apart from the engine: its own exact elimination for D2, scipy's linprog for D3.
Set HYPOTHESIS_PROFILE=disclosure-thorough for 10,000 examples per property (D2's figure).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutineer.domain.disclosure import (
    Cell,
    CellKind,
    Constraint,
    ConstraintKind,
    Policy,
    RateOf,
    Suppression,
    Symbol,
    Table,
    disclose,
    published,
)

from .disclosure_oracle import intruder_view, narrow, possible_counts, printed_rate, recoverable

settings.register_profile("disclosure", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "disclosure-thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_chosen = os.environ.get("HYPOTHESIS_PROFILE", "")
PROFILE = settings.get_profile(_chosen if _chosen.startswith("disclosure") else "disclosure")

counts = st.one_of(st.integers(0, 8), st.integers(0, 60))
policies = st.one_of(
    st.builds(Policy.for_preset, st.just("dfe-la"), threshold=st.integers(3, 10), zeros_are_disclosive=st.booleans()),
    st.builds(Policy.for_preset, st.sampled_from(["nhs", "ons-10-5"]), zeros_are_disclosive=st.booleans()),
)


def grid_table(grid: list[list[int]], policy: Policy, *, subtotal_rows: int = 0, prefix: str = "") -> Table:
    """A table with row, column and grand totals, and optionally a sub-total row over the first rows."""
    rows, columns = len(grid), len(grid[0])
    cells, sums = [], []

    def key(i: object, j: object) -> str:
        return f"{prefix}{i},{j}"

    for i in range(rows):
        cells += [Cell(key(i, j), grid[i][j]) for j in range(columns)]
        cells.append(Cell(key(i, "T"), sum(grid[i])))
        sums.append(Constraint(key(i, "T"), tuple(key(i, j) for j in range(columns))))
    for j in range(columns):
        cells.append(Cell(key("T", j), sum(grid[i][j] for i in range(rows))))
        sums.append(Constraint(key("T", j), tuple(key(i, j) for i in range(rows))))
    cells.append(Cell(key("T", "T"), sum(map(sum, grid))))
    sums.append(Constraint(key("T", "T"), tuple(key("T", j) for j in range(columns))))
    sums.append(Constraint(key("T", "T"), tuple(key(i, "T") for i in range(rows))))
    if 0 < subtotal_rows < rows:
        for j in [*range(columns), "T"]:
            part = (
                [grid[i][j] for i in range(subtotal_rows)] if j != "T" else [sum(grid[i]) for i in range(subtotal_rows)]
            )
            cells.append(Cell(key("S", j), sum(part)))
            sums.append(Constraint(key("S", j), tuple(key(i, j) for i in range(subtotal_rows))))
        sums.append(Constraint(key("S", "T"), tuple(key("S", j) for j in range(columns))))
    return Table(cells, sums, policy)


@st.composite
def two_way_tables(draw: st.DrawFn) -> Table:
    rows, columns = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    grid = [[draw(counts) for _ in range(columns)] for _ in range(rows)]
    return grid_table(grid, draw(policies), subtotal_rows=draw(st.integers(0, rows - 1)))


@st.composite
def one_way_tables(draw: st.DrawFn) -> Table:
    return grid_table([draw(st.lists(counts, min_size=1, max_size=12))], draw(policies))


def assert_safe(table: Table, *, republished: bool = False) -> None:
    """D1 to D3 for one table (earlier publications included).

    Republished, a figure an earlier Part 1 already showed cannot be protected now, whatever this
    publication hides (rule 6): the engine must say so in a warning, never leave it silently.
    """
    result = disclose(table)
    assert_primary_rule(table, result)
    view = intruder_view(table, result)
    assert recoverable(view) == []
    assert narrow(view) == []
    shown_before = {w.split(":", 1)[0] for w in result.warnings if "already showed it in Part 1" in w}
    allowed = shown_before if republished else set()
    assert set(result.unprotected) <= allowed, (result.unprotected, result.warnings)


def assert_primary_rule(table: Table, result) -> None:
    """D1: no count relating to individuals shows 1 to T; rounded counts are multiples of the base."""
    for cell in table.cells:
        shown = result[cell.key]
        assert cell.kind is not CellKind.COUNT or shown.symbol is not None or shown.value is not None
        if cell.kind is not CellKind.COUNT or shown.symbol is not None:
            assert shown.symbol is not Symbol.CONFIDENTIAL or (shown.value is None and shown.text == "c")
            continue
        policy = cell.policy or table.policy
        assert not 1 <= shown.value <= policy.threshold, f"{cell.key} shows {shown.value}"
        if policy.zeros_are_disclosive:
            assert cell.value != 0
        if policy.rounding_base > 1:
            assert shown.value % policy.rounding_base == 0
            assert shown.value == 0 or shown.value > policy.threshold
        else:
            assert shown.value == cell.value
    if result.suppressed():
        assert result.legend.startswith("c = suppressed to protect confidentiality")


@PROFILE
@given(one_way_tables())
def test_d2_d3_one_way_tables_hide_every_suppressed_cell(table):
    assert_safe(table)


@PROFILE
@given(two_way_tables())
def test_d2_d3_two_way_tables_up_to_8_by_8_hide_every_suppressed_cell(table):
    assert_safe(table)


# --- D4: over time ---------------------------------------------------------------------------


def series_table(months: list[int], upto: int, policy: Policy, prior=()) -> Table:
    """An indicator's months to date and its year to date as at month `upto` (keys stable over time)."""
    keys = [f"23|m{m:02d}" for m in range(upto)]
    ytd = f"23|ytd@m{upto - 1:02d}"
    cells = [Cell(k, v) for k, v in zip(keys, months, strict=False)] + [Cell(ytd, sum(months[:upto]))]
    return Table(cells, [Constraint(ytd, tuple(keys), ConstraintKind.YEAR_TO_DATE)], policy, tuple(prior))


@st.composite
def monthly_series(draw: st.DrawFn) -> tuple[list[int], Policy, list[int], dict[int, int]]:
    months = draw(st.lists(counts, min_size=12, max_size=12))
    points = sorted(draw(st.sets(st.integers(1, 12), min_size=2, max_size=5)))
    revisions = draw(st.dictionaries(st.integers(0, 11), counts, max_size=2))
    return months, draw(policies), points, revisions


@PROFILE
@given(monthly_series())
def test_d4_year_to_date_published_month_after_month_hides_increments(case):
    """Publications at several months, each reading the ledger of all earlier ones; a figure may be
    revised between publications. Neither the monthly increment nor an earlier hidden figure is ever
    recoverable from this publication plus the earlier ones."""
    months, policy, points, revisions = case
    prior = []
    for n, upto in enumerate(points):
        if n == len(points) - 1:
            for month, value in revisions.items():
                months = [*months[:month], value, *months[month + 1 :]]
        table = series_table(months, upto, policy, prior)
        assert_safe(table)
        prior.append(published(f"P{n}", table, disclose(table)))


@st.composite
def republished_grids(draw: st.DrawFn) -> tuple[Table, Table]:
    rows, columns = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    policy = draw(policies)
    first = [[draw(counts) for _ in range(columns)] for _ in range(rows)]
    second = [[draw(st.sampled_from([value, draw(counts)])) for value in row] for row in first]
    return grid_table(first, policy), grid_table(second, policy)


@PROFILE
@given(republished_grids())
def test_d4_a_table_published_again_with_some_cells_changed_stays_safe(case):
    """Quarter after quarter: the same table, some cells revised, with the first publication in the ledger."""
    first, second = case
    earlier = published("Q1", first, disclose(first))
    later = Table(second.cells, second.constraints, second.policy, (earlier,))
    assert_safe(later, republished=True)
    result = disclose(later)
    before = {c.key: c for c in earlier.cells}
    for cell in later.cells:
        # rule 6: a figure hidden before, unrevised, is hidden again
        was = before[cell.key]
        if was.symbol is Symbol.CONFIDENTIAL and was.true_value == cell.value:
            assert result[cell.key].suppression is not Suppression.NONE


def test_d4_a_figure_hidden_as_primary_before_keeps_its_protection_when_hidden_again():
    """Found by hypothesis: 8 hidden in Q1 as a class disclosure (the whole row), unrevised in Q2 and
    hidden again by rule 6. Its neighbours' rounded figures once narrowed it to 5..10, under T = 7."""
    policy = Policy.for_preset("nhs", zeros_are_disclosive=False)
    first = grid_table([[0, 0, 0, 0], [0, 8, 0, 0]], policy)
    second = grid_table([[0, 13, 0, 0], [0, 8, 0, 35]], policy)
    earlier = published("Q1", first, disclose(first))
    assert earlier.cells[6].key == "1,1" and earlier.cells[6].symbol is Symbol.CONFIDENTIAL
    assert_safe(Table(second.cells, second.constraints, second.policy, (earlier,)), republished=True)


@st.composite
def sub_indicator_tables(draw: st.DrawFn) -> Table:
    """22 = 22.1 + 22.2 every month, each with its year to date (three indicators, twelve months)."""
    policy = draw(policies)
    months = draw(st.integers(1, 12))
    parts = {ref: draw(st.lists(counts, min_size=months, max_size=months)) for ref in ("22.1", "22.2")}
    values = {**parts, "22": [a + b for a, b in zip(parts["22.1"], parts["22.2"], strict=True)]}
    cells, sums = [], []
    for ref, series in values.items():
        keys = [f"{ref}|m{m}" for m in range(months)]
        cells += [Cell(k, v) for k, v in zip(keys, series, strict=True)] + [Cell(f"{ref}|ytd", sum(series))]
        sums.append(Constraint(f"{ref}|ytd", tuple(keys), ConstraintKind.YEAR_TO_DATE))
    for m in [*range(months), "ytd"]:
        where = f"m{m}" if m != "ytd" else "ytd"
        sums.append(Constraint(f"22|{where}", (f"22.1|{where}", f"22.2|{where}"), ConstraintKind.SUB_INDICATORS))
    return Table(cells, sums, policy)


@PROFILE
@given(sub_indicator_tables())
def test_d2_d3_sub_indicator_sums_and_year_to_date_hide_every_suppressed_cell(table):
    assert_safe(table)


@st.composite
def counts_with_percentages(draw: st.DrawFn) -> Table:
    """A row of counts and their total, each count beside its percentage of a cohort (rule 4 and rule 3)."""
    policy = draw(st.builds(Policy.for_preset, st.just("dfe-la"), threshold=st.integers(3, 10)))
    values = draw(st.lists(counts, min_size=1, max_size=6))
    table = grid_table([values], policy)
    rates = []
    for j, value in enumerate(values):
        cohort = value + draw(st.one_of(st.integers(0, 150), st.integers(0, 3000)))
        if cohort == 0:
            continue
        decimals = draw(st.integers(0, 1))
        rate = RateOf(value, cohort, 100, f"0,{j}")
        rates.append(Cell(f"0,{j}%", kind=CellKind.RATE, rate=rate, decimals=decimals))
    return Table([*table.cells, *rates], table.constraints, policy)


@PROFILE
@given(counts_with_percentages())
def test_d5_percentages_beside_counts_never_pin_a_hidden_count(table):
    """A shown percentage narrows its count to the counts that print the same; with the sums, no
    hidden count may be worked out or narrowed below T, and no percentage of a small count shows
    unless T + 1 counts fit it."""
    assert_safe(table)
    result = disclose(table)
    for cell in table.cells:
        if cell.kind is CellKind.RATE and result[cell.key].symbol is None:
            rate = cell.rate
            small = (
                1 <= rate.numerator <= table.policy.threshold
                or 1 <= rate.denominator - rate.numerator <= table.policy.threshold
            )
            if small or rate.denominator < 10:
                fits = possible_counts(rate, cell.decimals, printed_rate(rate.numerator, rate, cell.decimals))
                assert len(fits) >= table.policy.threshold + 1
