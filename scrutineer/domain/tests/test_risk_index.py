from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.procurement import RuleConfigError
from scrutineer.domain.risk_index import (
    CRITERIA,
    DEFAULT_RISK_RULES,
    DEFAULT_WEIGHTS,
    MAX_POINTS,
    ContractFacts,
    RiskBands,
    RiskColour,
    RiskRules,
    assess,
    weighted_score,
)

AS_AT = date(2021, 1, 21)

# Contract 270 as printed in the February 2021 register (004_...:3929).
CARE_FIRST = ContractFacts(
    total_value_pence=331_386_300,
    annual_value_pence=16_903_300,
    term_months=191,
    supplier="OLM Systems Ltd",
    budget_pence=None,
    projection_pence=None,
    capital=False,
    attention=False,
    concern=False,
    start=date(2006, 5, 6),
    end=date(2022, 3, 31),
    as_at=AS_AT,
)


def test_there_are_eight_criteria_and_the_default_weights_add_up_to_100():
    """ "eight automatically scored and weighted criteria providing a score (out of 100)" (004_...:3881)."""
    assert len(CRITERIA) == 8
    assert set(DEFAULT_WEIGHTS) == {c.key for c in CRITERIA}
    assert sum(DEFAULT_WEIGHTS.values()) == 100


def test_care_first_licence_scores_by_each_criterion():
    result = assess(CARE_FIRST)
    assert dict(result.points) == {
        "total_value": 4,  # £3.3m, above £1m
        "annual_value": 3,  # £169,033 a year
        "term": 4,  # 191 months
        "supplier": 0,
        "budget": 2,  # not recorded
        "funding": 0,
        "attention": 0,
        "stage": 0,
    }
    # (20*4 + 15*3 + 10*4 + 10*2) / 400 * 100 = 185 / 4 = 46.25
    assert result.score == 46
    assert result.colour is RiskColour.AMBER


@pytest.mark.parametrize(
    ("change", "criterion", "points"),
    [
        ({"supplier": ""}, "supplier", 4),  # 4909: no supplier printed
        ({"supplier": "Multiple Suppliers"}, "supplier", 2),  # 5018
        ({"supplier": "Various"}, "supplier", 2),  # 4849
        ({"budget_pence": 100, "projection_pence": 100}, "budget", 0),
        ({"budget_pence": 100, "projection_pence": 101}, "budget", 4),
        ({"capital": True}, "funding", 4),
        ({"attention": True}, "attention", 3),
        ({"concern": True, "attention": True}, "attention", 4),
        ({"start": date(2021, 4, 1)}, "stage", 4),  # not yet started
        ({"start": date(2020, 11, 1)}, "stage", 3),  # in its first six months
        ({"end": date(2021, 1, 20)}, "stage", 4),  # past its end date
        ({"total_value_pence": 10_000_000}, "total_value", 0),
        ({"total_value_pence": 10_000_001}, "total_value", 1),
        ({"term_months": 24}, "term", 0),
        ({"term_months": 25}, "term", 1),
    ],
)
def test_criterion_points(change, criterion, points):
    assert dict(assess(replace(CARE_FIRST, **change)).points)[criterion] == points


@pytest.mark.parametrize(
    ("score", "colour"),
    [(0, RiskColour.GREEN), (19, RiskColour.GREEN), (20, RiskColour.YELLOW), (39, RiskColour.YELLOW),
     (40, RiskColour.AMBER), (59, RiskColour.AMBER), (60, RiskColour.RED), (100, RiskColour.RED)],
)  # fmt: skip
def test_default_colour_cut_offs(score, colour):
    assert DEFAULT_RISK_RULES.bands.colour(score) is colour


def test_a_council_can_reweight_and_leave_criteria_out():
    rules = RiskRules(weights=(("total_value", 1), ("supplier", 0)), bands=RiskBands(90, 80, 70))
    result = assess(CARE_FIRST, rules)
    assert result.points == (("total_value", 4),)
    assert (result.score, result.colour) == (100, RiskColour.RED)


def test_rules_round_trip_through_configuration():
    assert RiskRules.from_config(DEFAULT_RISK_RULES.to_config()) == DEFAULT_RISK_RULES


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"weights": {"colour_of_logo": 5}}, "not a risk criterion"),
        ({"weights": {"term": -1}}, "0 or more"),
        ({"weights": {"term": 0}}, "At least one"),
        ({"weights": {"term": 1}, "bands": {"red_from": 30, "amber_from": 40, "yellow_from": 20}}, "must rise"),
        ({"weights": {"term": 1}, "bands": {"red_from": "60"}}, "whole numbers"),
        ({"weights": {"term": 1}, "bands": {"purple_from": 3}}, "cannot be read"),
        ({}, "cannot be read"),
    ],
)
def test_rules_that_cannot_work_are_refused(config, message):
    with pytest.raises(RuleConfigError, match=message):
        RiskRules.from_config(config)


points = st.integers(min_value=0, max_value=MAX_POINTS)
weights = st.dictionaries(st.sampled_from([c.key for c in CRITERIA]), st.integers(0, 50), min_size=1).filter(
    lambda w: sum(w.values()) > 0
)


@given(weights=weights, data=st.data())
def test_weighted_score_is_between_0_and_100_and_matches_exact_arithmetic(weights, data):
    scored = {key: data.draw(points) for key in weights}
    score = weighted_score(scored, weights)
    exact = 100 * sum(weights[k] * scored[k] for k in weights) / (MAX_POINTS * sum(weights.values()))
    assert 0 <= score <= 100
    assert abs(score - exact) <= 0.5


@given(weights=weights)
def test_all_maximum_points_score_100_and_none_score_0(weights):
    assert weighted_score(dict.fromkeys(weights, MAX_POINTS), weights) == 100
    assert weighted_score(dict.fromkeys(weights, 0), weights) == 0


@given(score=st.integers(0, 100), other=st.integers(0, 100))
def test_a_higher_score_never_gets_a_lower_risk_colour(score, other):
    low, high = sorted((score, other))
    bands = DEFAULT_RISK_RULES.bands
    assert bands.colour(high).rank <= bands.colour(low).rank
