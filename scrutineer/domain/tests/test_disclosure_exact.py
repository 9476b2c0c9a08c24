"""The engine's exact solver (no scipy at run time) against scipy and numpy, on random problems."""

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import null_space
from scipy.optimize import linprog

from scrutineer.domain.disclosure.exact import (
    LinearProgram,
    determined_columns,
    reach_along_null_space,
    reduced_echelon,
)


@st.composite
def problems(draw):
    """Equations with small whole coefficients, satisfied by a known non-negative point, and bounds around it."""
    n, m = draw(st.integers(1, 8)), draw(st.integers(1, 6))
    point = [draw(st.integers(0, 12)) for _ in range(n)]
    rows = []
    for _ in range(m):
        row = {j: draw(st.sampled_from([-2, -1, 0, 0, 1, 1, 2])) for j in range(n)}
        rows.append({j: c for j, c in row.items() if c})
    rhs = [sum(c * point[j] for j, c in row.items()) for row in rows]
    lower = [draw(st.sampled_from([0, max(0, p - draw(st.integers(0, 3)))])) for p in point]
    upper = [draw(st.sampled_from([None, p + draw(st.integers(0, 4))])) for p in point]
    return rows, rhs, lower, upper, point


def _dense(rows, n):
    return [[float(row.get(j, 0)) for j in range(n)] for row in rows]


@settings(max_examples=150, deadline=None)
@given(problems())
def test_exact_bounds_match_scipy(problem):
    rows, rhs, lower, upper, point = problem
    n = len(point)
    program = LinearProgram(rows, rhs, lower, upper)
    for j in range(n):
        for maximise in (True, False):
            exact = program.bound(j, maximise=maximise)
            c = [0.0] * n
            c[j] = -1.0 if maximise else 1.0
            result = linprog(c, A_eq=_dense(rows, n), b_eq=rhs, bounds=list(zip(lower, upper, strict=True)))
            if result.status == 3:
                assert exact is None
            else:
                assert exact is not None and abs(float(exact) - result.x[j]) < 1e-7


@settings(max_examples=300, deadline=None)
@given(problems(), st.integers(0, 6))
def test_a_goal_stops_early_without_passing_the_optimum(problem, gap):
    rows, rhs, lower, upper, point = problem
    program = LinearProgram(rows, rhs, lower, upper)
    for j in range(len(point)):
        best = program.bound(j, maximise=True)
        reached = program.bound(j, maximise=True, goal=point[j] + gap)
        if best is None:
            assert reached is None or reached >= point[j] + gap
        else:
            assert reached == best or point[j] + gap <= reached <= best


@settings(max_examples=300, deadline=None)
@given(problems())
def test_determined_columns_match_the_rank_test(problem):
    rows, _, _, _, point = problem
    kernel = null_space(_dense(rows, len(point)))  # e_j is in the row space iff it is orthogonal to the kernel
    determined = determined_columns(rows)
    for j in range(len(point)):
        in_row_space = all(abs(x) < 1e-9 for x in kernel[j])
        assert (j in determined) == in_row_space


@settings(max_examples=300, deadline=None)
@given(problems())
def test_null_space_reach_lies_inside_the_true_range(problem):
    rows, rhs, lower, upper, point = problem
    program = LinearProgram(rows, rhs, lower, upper)
    pivots, reduced = reduced_echelon(rows)
    for j, (low, high) in enumerate(reach_along_null_space(pivots, reduced, point, lower, upper)):
        best_low, best_high = program.bound(j, maximise=False), program.bound(j, maximise=True)
        assert best_low <= low <= point[j]
        if high is None:
            assert best_high is None
        else:
            assert point[j] <= high and (best_high is None or high <= best_high)
