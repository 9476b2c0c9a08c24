"""Rules 1 to 11 of disclosure.md 2.3, one at a time, and checks D1, D5 and D6 (reliability.md)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.domain.disclosure import (
    DEFAULT_POLICY,
    LEGEND,
    Cell,
    CellKind,
    CellState,
    Constraint,
    ConstraintKind,
    Policy,
    PolicyError,
    Preset,
    PriorCell,
    PriorPublication,
    RateOf,
    Suppression,
    Symbol,
    Table,
    TableError,
    cell_key,
    disclose,
    published,
    rate_may_be_shown,
    split_cell_key,
)


def shown(cells, constraints=(), policy=DEFAULT_POLICY, prior=()):
    result = disclose(Table(cells, constraints, policy, prior))
    return {key: cell.text for key, cell in result.items()}, result


# --- rule 1 and D1: primary suppression under each preset ----------------------------------


@pytest.mark.parametrize(
    ("policy", "value", "text"),
    [
        (Policy(), 0, "0"),  # DfE shows a true zero
        (Policy(), 1, "c"),
        (Policy(), 5, "c"),
        (Policy(), 6, "6"),
        (Policy.for_preset("dfe-la", threshold=3), 4, "4"),
        (Policy.for_preset("dfe-la", threshold=10), 10, "c"),
        (Policy.for_preset("dfe-la", zeros_are_disclosive=True), 0, "c"),
        (Policy.for_preset("nhs"), 7, "c"),
        (Policy.for_preset("nhs"), 8, "10"),
        (Policy.for_preset("nhs"), 12, "10"),
        (Policy.for_preset("nhs"), 13, "15"),
        (Policy.for_preset("ons-10-5"), 9, "c"),
        (Policy.for_preset("ons-10-5"), 10, "10"),
        (Policy.for_preset("ons-10-5"), 12, "10"),
        (Policy.for_preset("ons-10-5"), 23, "25"),
    ],
)
def test_primary_suppression_and_rounding_by_preset(policy, value, text):
    texts, _ = shown([Cell("a", value)], policy=policy)
    assert texts["a"] == text


def test_a_count_that_does_not_relate_to_individuals_is_shown_as_it_is():
    texts, _ = shown([Cell("schools", 3, relates_to_individuals=False)])
    assert texts["schools"] == "3"


@pytest.mark.parametrize("threshold", [2, 11, 0])
def test_threshold_outside_3_to_10_is_refused(threshold):
    with pytest.raises(PolicyError):
        Policy.for_preset("dfe-la", threshold=threshold)


@pytest.mark.parametrize("preset", ["nhs", "ons-10-5"])
def test_only_the_dfe_preset_lets_the_council_set_t(preset):
    with pytest.raises(PolicyError):
        Policy.for_preset(preset, threshold=5)


def test_presets_carry_their_published_rules():
    assert (Policy().preset, Policy().threshold, Policy().rounding_base) == (Preset.DFE_LA, 5, 1)
    assert (Policy.for_preset("nhs").threshold, Policy.for_preset("nhs").rounding_base) == (7, 5)
    assert (Policy.for_preset("ons-10-5").threshold, Policy.for_preset("ons-10-5").rounding_base) == (9, 5)
    assert (
        Policy.for_preset("dfe-la", version=3).description == "dfe-la, T = 5, zeros shown, unrounded (policy version 3)"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=1, max_size=30),
    st.sampled_from(list(Preset)),
    st.integers(3, 10),
    st.booleans(),
)
def test_d1_no_count_from_1_to_t_is_ever_shown(values, preset, threshold, zeros):
    threshold = threshold if preset is Preset.DFE_LA else None
    policy = Policy.for_preset(preset, threshold=threshold, zeros_are_disclosive=zeros)
    threshold = policy.threshold
    cells = [Cell(f"k{i}", v) for i, v in enumerate(values)]
    result = disclose(Table(cells, policy=policy))
    for cell in cells:
        out = result[cell.key]
        if out.symbol is Symbol.CONFIDENTIAL:
            assert out.text == "c" and out.value is None
            continue
        assert not 1 <= out.value <= threshold
        if preset is Preset.ONS_10_5:
            assert out.value % 5 == 0 and (out.value == 0 or out.value >= 10)
        if zeros:
            assert out.value != 0


def test_a_per_indicator_override_wins_over_the_table_policy_and_is_recorded():
    strict = Policy.for_preset("ons-10-5")
    texts, result = shown([Cell("adoptions", 8, policy=strict), Cell("referrals", 8)])
    assert texts == {"adoptions": "c", "referrals": "8"}
    assert result["adoptions"].policy == strict
    assert result["referrals"].policy == Policy()
    assert result.policy == Policy()


# --- rules 2 and 3: class disclosure and complements -----------------------------------------


def test_rule_2_a_small_total_all_in_one_category_hides_the_category():
    cells = [Cell("boys", 8), Cell("girls", 0), Cell("all", 8)]
    texts, result = shown(cells, [Constraint("all", ("boys", "girls"))])
    assert texts["boys"] == "c"
    assert result["boys"].suppression is Suppression.PRIMARY
    assert "rule 2" in result["boys"].reasons[0]
    assert texts["all"] == "c"  # otherwise boys = all - 0
    assert texts["girls"] == "0"


def test_rule_2_does_not_apply_above_the_class_threshold():
    cells = [Cell("boys", 12), Cell("girls", 0), Cell("all", 12)]
    texts, _ = shown(cells, [Constraint("all", ("boys", "girls"))])
    assert texts == {"boys": "12", "girls": "0", "all": "12"}


@pytest.mark.parametrize(("count", "out_of", "text"), [(19, 20, "c"), (15, 20, "c"), (14, 20, "14"), (20, 20, "20")])
def test_rule_3_nineteen_of_twenty_reveals_one(count, out_of, text):
    texts, result = shown([Cell("eet", count, out_of=out_of)])
    assert texts["eet"] == text
    if text == "c":
        assert "rule 3" in result["eet"].reasons[0]


# --- rule 4 and D5: rates and percentages ------------------------------------------------------


def _rate_table(numerator, denominator, *, per=100, decimals=0, count=True):
    cells = [Cell("rate", kind=CellKind.RATE, rate=RateOf(numerator, denominator, per, "count" if count else None))]
    cells[0] = Cell("rate", kind=CellKind.RATE, decimals=decimals, rate=cells[0].rate)
    if count:
        cells.append(Cell("count", numerator))
    return shown(cells)


def test_d5_a_rate_whose_count_is_suppressed_is_suppressed():
    texts, result = _rate_table(3, 40)
    assert texts == {"rate": "c", "count": "c"}
    assert result["rate"].suppression is Suppression.PRIMARY


def test_d5_a_rate_on_a_denominator_below_10_is_suppressed():
    texts, _ = _rate_table(6, 8)
    assert texts == {"rate": "c", "count": "6"}


def test_d5_a_percentage_that_leaves_1_to_t_is_suppressed():
    texts, _ = _rate_table(19, 20)
    assert texts["rate"] == "c"


def test_d5_a_percentage_of_a_large_cohort_is_shown():
    texts, _ = _rate_table(150, 400)
    assert texts == {"rate": "38", "count": "150"}


def test_d5_a_rate_per_10000_survives_only_where_t_plus_1_counts_fit_it():
    # 5 of 6,000,000 per 10,000 prints 0.01, as do counts 3 to 8: six counts, T + 1 = 6
    texts, result = _rate_table(5, 6_000_000, per=10_000, decimals=2)
    assert texts == {"rate": "0.01", "count": "c"}
    assert result.unprotected == ()
    # 4 of 5,000,000 also prints 0.01, but only counts 3 to 7 do: five, so the rate would pin it
    texts, _ = _rate_table(4, 5_000_000, per=10_000, decimals=2)
    assert texts == {"rate": "c", "count": "c"}
    assert rate_may_be_shown(numerator=5, denominator=6_000_000, per=10_000, decimals=2, threshold=5) is True
    assert rate_may_be_shown(numerator=4, denominator=5_000_000, per=10_000, decimals=2, threshold=5) is False


def test_d5_a_rate_without_its_count_in_the_table_still_follows_rule_4():
    texts, _ = _rate_table(3, 40, count=False)
    assert texts == {"rate": "c"}


def test_a_rate_whose_count_becomes_a_complement_is_suppressed_too():
    cells = [
        Cell("a", 3),
        Cell("b", 20),
        Cell("all", 23),
        Cell("b%", kind=CellKind.RATE, rate=RateOf(20, 40, 100, "b")),
    ]
    texts, result = shown(cells, [Constraint("all", ("a", "b"))])
    assert texts == {"a": "c", "b": "c", "all": "23", "b%": "c"}
    assert result["b%"].suppression is Suppression.SECONDARY


# --- D6 and rules 8, 10: symbols, zero, low, legend -------------------------------------------


def test_d6_symbols_zero_low_and_legend():
    cells = [
        Cell("zero", 0),
        Cell("share", kind=CellKind.RATE, rate=RateOf(30, 10_000)),  # 0.3% prints as 0
        Cell("deaths", kind=CellKind.RATE, rate=RateOf(30, 10_000), sensitive=True),
        Cell("missing", state=CellState.NOT_AVAILABLE),
        Cell("boys at a girls' school", state=CellState.NOT_APPLICABLE),
        Cell("imported x", state=CellState.SUPPRESSED_AT_SOURCE),
        Cell("weeks", Decimal("0.3"), kind=CellKind.MEASURE, relates_to_individuals=False),
        Cell("rag", kind=CellKind.TEXT, text="AMBER"),
    ]
    texts, result = shown(cells)
    assert texts == {
        "zero": "0",
        "share": "low",
        "deaths": "k",
        "missing": "x",
        "boys at a girls' school": "z",
        "imported x": "c",
        "weeks": "low",
        "rag": "AMBER",
    }
    assert result["imported x"].suppression is Suppression.AT_SOURCE
    assert result.legend == LEGEND + "; k = a low figure that shows as zero when rounded"


def test_d6_a_table_without_symbols_has_no_legend_and_one_with_has_it():
    assert disclose(Table([Cell("a", 10), Cell("b", 0)])).legend == ""
    assert disclose(Table([Cell("a", 10), Cell("b", 2)])).legend == LEGEND


def test_rounding_presets_footnote_that_figures_may_not_sum():
    _, result = shown(
        [Cell("a", 12), Cell("b", 13), Cell("t", 25)], [Constraint("t", ("a", "b"))], Policy.for_preset("nhs")
    )
    assert [result[k].text for k in "abt"] == ["10", "15", "25"]
    assert result.footnotes == (
        "Counts are rounded to the nearest 5, and totals are rounded separately, so figures may not sum.",
    )


# --- rule 5: secondary suppression --------------------------------------------------------------


def test_rule_5_complement_is_the_smallest_non_zero_inner_cell():
    cells = [Cell("a", 3), Cell("b", 10), Cell("c", 7), Cell("d", 0), Cell("all", 20)]
    texts, result = shown(cells, [Constraint("all", ("a", "b", "c", "d"))])
    assert texts == {"a": "c", "b": "10", "c": "c", "d": "0", "all": "20"}
    assert result["a"].suppression is Suppression.PRIMARY
    assert result["c"].suppression is Suppression.SECONDARY


def test_rule_5_two_small_cells_together_are_not_enough_so_a_third_is_hidden():
    # 3 and 1 hidden alone: both lie in 0..4, narrower than T = 5
    cells = [Cell("a", 3), Cell("b", 1), Cell("c", 30), Cell("all", 34)]
    texts, result = shown(cells, [Constraint("all", ("a", "b", "c"))])
    assert texts == {"a": "c", "b": "c", "c": "c", "all": "34"}
    assert result.audit_rounds == 1
    assert "rule 5 (audit)" in result["c"].reasons[0]


def test_rule_5_year_to_date_is_a_sum_of_the_months():
    months = [cell_key("9", f"2020-{m:02d}") for m in range(4, 13)]
    values = [224, 213, 259, 3, 269, 412, 423, 372, 304]
    ytd = cell_key("9", "2020-12", "ytd")
    cells = [Cell(k, v) for k, v in zip(months, values, strict=True)] + [Cell(ytd, sum(values))]
    texts, _ = shown(cells, [Constraint(ytd, tuple(months), ConstraintKind.YEAR_TO_DATE)])
    assert [texts[k] for k in months].count("c") == 2
    assert texts[months[1]] == "c"  # 213 is the smallest other month
    assert texts[ytd] == str(sum(values))


def test_a_sum_that_does_not_hold_is_refused_with_every_problem():
    with pytest.raises(TableError) as error:
        disclose(Table([Cell("a", 3), Cell("t", 5), Cell("a", 1)], [Constraint("t", ("a",)), Constraint("u", ("a",))]))
    assert "a: the key is used twice" in error.value.problems
    assert any(p.startswith("u: named in a sum") for p in error.value.problems)


def test_a_count_must_be_whole():
    with pytest.raises(TableError, match="whole number"):
        disclose(Table([Cell("a", Decimal("2.5"))]))


# --- rule 6: over time ---------------------------------------------------------------------------


def _publish(reference, cells, constraints=(), policy=DEFAULT_POLICY, prior=()):
    table = Table(cells, constraints, policy, prior)
    return published(reference, table, disclose(table))


def test_rule_6_a_cell_hidden_before_stays_hidden():
    first = _publish("Q1", [Cell("a", 3), Cell("b", 20), Cell("t", 23)], [Constraint("t", ("a", "b"))])
    assert [c.symbol for c in first.cells] == [Symbol.CONFIDENTIAL, Symbol.CONFIDENTIAL, None]
    # next quarter "a" has grown past T, but b (unchanged) must stay hidden or Q1's a = 23 - b
    texts, result = shown([Cell("a", 9), Cell("b", 20), Cell("t", 29)], [Constraint("t", ("a", "b"))], prior=[first])
    assert texts["b"] == "c"
    assert "rule 6: suppressed in Q1" in result["b"].reasons


def test_rule_6_a_figure_already_shown_is_never_hidden_silently():
    first = _publish("Q1", [Cell("a", 4)], policy=Policy.for_preset("dfe-la", threshold=3))
    texts, result = shown([Cell("a", 4)], prior=[first])
    assert texts["a"] == "c"
    assert result.unprotected == ("a",)
    assert "Q1 already showed it" in result.warnings[0]


def test_rule_6_a_revised_figure_is_a_new_figure():
    first = _publish("Q1", [Cell("a", 3)])
    texts, result = shown([Cell("a", 30)], prior=[first])
    assert texts["a"] == "30"
    assert result.warnings == ()


def test_rule_6_this_months_year_to_date_minus_last_months_is_covered():
    """D4 by hand: July published YTD 100; August's month is 3. Showing August's YTD would give it away."""
    july = _publish(
        "July",
        [Cell("m4", 25), Cell("m5", 25), Cell("m6", 25), Cell("m7", 25), Cell("ytd@7", 100)],
        [Constraint("ytd@7", ("m4", "m5", "m6", "m7"), ConstraintKind.YEAR_TO_DATE)],
    )
    cells = [Cell("m4", 25), Cell("m5", 25), Cell("m6", 25), Cell("m7", 25), Cell("m8", 3), Cell("ytd@8", 103)]
    texts, _ = shown(
        cells, [Constraint("ytd@8", ("m4", "m5", "m6", "m7", "m8"), ConstraintKind.YEAR_TO_DATE)], prior=[july]
    )
    assert texts["m8"] == "c"
    assert texts["ytd@8"] == "c"  # the months before are already public, so only the total can protect it
    assert [texts[k] for k in ("m4", "m5", "m6", "m7")] == ["25"] * 4


def test_a_sum_may_name_a_figure_only_an_earlier_publication_showed():
    july = _publish("July", [Cell("ytd@7", 100)])
    cells = [Cell("m8", 3), Cell("ytd@8", 103)]
    texts, _ = shown(cells, [Constraint("ytd@8", ("ytd@7", "m8"), ConstraintKind.YEAR_TO_DATE)], prior=[july])
    assert texts == {"m8": "c", "ytd@8": "c"}


def test_prior_cells_read_back_from_a_ledger_work_as_well_as_fresh_ones():
    ledger = PriorPublication(
        "CEF21007A",
        [
            PriorCell("a", 3, None, Symbol.CONFIDENTIAL, Suppression.PRIMARY),
            PriorCell("b", 20, None, Symbol.CONFIDENTIAL, Suppression.SECONDARY),
            PriorCell("t", 23, 23),
        ],
        [Constraint("t", ("a", "b"))],
    )
    texts, _ = shown([Cell("b", 20)], prior=[ledger])
    assert texts == {"b": "c"}  # else a = 23 - 20
    texts, _ = shown([Cell("b", 21)], prior=[ledger])
    assert texts == {"b": "21"}  # a revised b says nothing about the old one


# --- keys ----------------------------------------------------------------------------------------


def test_cell_keys_are_generic_and_round_trip():
    key = cell_key("22.1", "2020-12", "value")
    assert key == "22.1|2020-12|value"
    assert split_cell_key(key) == ("22.1", "2020-12", "value")
    with pytest.raises(ValueError):
        cell_key("22|1")
