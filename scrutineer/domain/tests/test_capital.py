"""Capital programme arithmetic against report FSD21015 (`004_5a7191a0a14e1e5f.txt:1346-1454`)."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.capital import (
    Scheme,
    Variation,
    VariationKind,
    add,
    by_category,
    estimate_column,
    grand_total,
    itemised,
    programme_disagreements,
    revise,
    scheme_totals,
    unphased,
    variation_problems,
)

FIXTURES = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures"
ROWS = list(csv.DictReader((FIXTURES / "capital_programme_q3_2020_21.csv").open(encoding="utf-8")))
YEARS = [2020, 2021, 2022, 2023, 2024]
APPROVED = {2020: 13040, 2021: 7966, 2022: 190, 2023: 10, 2024: 0}


def _k(text):
    return int(text.replace(",", "")) if text.strip() else 0


def _schemes():
    return [
        Scheme(
            row["scheme"],
            row["section"],
            _k(row["total_approved_estimate"]),
            _k(row["actual_to_31_3_20"]),
            {year: _k(row[estimate_column(year)]) for year in YEARS},
        )
        for row in ROWS
        if row["row_type"] == "scheme"
    ]


def _printed(name):
    row = next(row for row in ROWS if row["scheme"] == name)
    return {
        "total_approved_estimate": _k(row["total_approved_estimate"]),
        "actual_to_date": _k(row["actual_to_31_3_20"]),
        **{estimate_column(year): _k(row[estimate_column(year)]) for year in YEARS},
    }


REPHASING = [
    ("Basic Need", 2400),
    ("Glebe School Expansion", 382),
    ("Seed Challenge Fund", 100),
    ("Security Works", 46),
    ("Capital Maintenance", 200),
    ("School Access Initiative", 76),
]


def _variations():
    rephasing = itemised(
        "Rephasing from 2020/21 into 2021/22",
        VariationKind.REPHASING,
        [Variation(name, VariationKind.REPHASING, {2020: -amount, 2021: amount}) for name, amount in REPHASING],
    )
    return [
        Variation("s106 Education receipts", VariationKind.RECEIPTS, {2021: 135}),
        rephasing,
        Variation("New scheme", VariationKind.NEW_SCHEME, {2024: 10}),
    ]


def test_rephasing_is_the_sum_of_its_schemes_and_nets_to_zero():
    rephasing = _variations()[1]
    assert rephasing.amounts == {2020: -3204, 2021: 3204}
    assert rephasing.net == 0
    assert variation_problems(rephasing) == []


def test_variations_together_add_145():
    assert add(*(v.amounts for v in _variations())) == {2020: -3204, 2021: 3339, 2024: 10}
    assert sum(v.net for v in _variations()) == 145


def test_revised_programme_from_the_approved_one():
    revised = revise(APPROVED, _variations())
    assert revised == {2020: 9836, 2021: 11305, 2022: 190, 2023: 10, 2024: 10}
    assert grand_total(revised) == 21351


def test_printed_revised_programme_is_found_1k_off_its_own_arithmetic():
    printed = {2020: 9835, 2021: 11305, 2022: 190, 2023: 10, 2024: 10}
    found = programme_disagreements(
        "Revised programme", printed, revise(APPROVED, _variations()), published_total=21350
    )
    assert [(d.column, d.published, d.computed) for d in found] == [("2020/21", 9835, 9836), ("TOTAL", 21350, 21351)]


def test_revised_programme_years_match_the_sum_of_the_schemes():
    totals = scheme_totals(_schemes(), YEARS)
    assert [totals[estimate_column(y)] for y in YEARS] == [9835, 11305, 190, 10, 10]


def test_rephasing_that_does_not_net_to_zero_is_a_problem():
    bad = Variation("Basic Need", VariationKind.REPHASING, {2020: -2400, 2021: 2300})
    assert variation_problems(bad) == [
        "Basic Need: rephasing moves spend between years, so it should net to 0, not -100."
    ]


def test_category_totals_match_appendix_a_except_where_it_is_1k_off():
    categories = by_category(_schemes())
    assert [c.name for c in categories] == ["SPECIAL SCHOOLS", "OTHER EDUCATION SCHEMES"]
    assert categories[0].totals(YEARS) == _printed("TOTAL SPECIAL SCHOOLS")
    portfolio = scheme_totals(_schemes(), YEARS)
    printed = _printed("TOTAL CHILDREN, EDUCATION & FAMILIES PORTFOLIO")
    differing = {k: (printed[k], v) for k, v in portfolio.items() if printed[k] != v}
    assert differing == {"total_approved_estimate": (128887, 128886), "actual_to_date": (107537, 107536)}


def test_a_scheme_fully_phased_has_nothing_unphased():
    glebe = _schemes()[0]
    assert unphased(glebe, YEARS) == 0


@given(
    st.dictionaries(st.sampled_from(YEARS), st.integers(-(10**6), 10**6)),
    st.lists(st.dictionaries(st.sampled_from(YEARS), st.integers(-(10**6), 10**6)), max_size=8),
)
def test_the_revised_total_is_the_approved_total_plus_every_variation(approved, changes):
    variations = [Variation(f"v{i}", VariationKind.OTHER, amounts) for i, amounts in enumerate(changes)]
    revised = revise(approved, variations)
    assert grand_total(revised) == grand_total(approved) + sum(v.net for v in variations)


@given(st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(YEARS[:-1])), max_size=10))
def test_rephasing_never_changes_the_programme_total(moves):
    items = [Variation(f"s{i}", VariationKind.REPHASING, {y: -a, y + 1: a}) for i, (a, y) in enumerate(moves)]
    rephasing = itemised("Rephasing", VariationKind.REPHASING, items)
    assert grand_total(revise(APPROVED, [rephasing])) == grand_total(APPROVED)
    assert variation_problems(rephasing) == []


@pytest.mark.parametrize(("year", "column"), [(2020, "estimate_2020_21"), (2024, "estimate_2024_25")])
def test_estimate_columns_are_named_by_financial_year(year, column):
    assert estimate_column(year) == column
