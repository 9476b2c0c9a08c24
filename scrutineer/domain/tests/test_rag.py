"""The RAG rule, checked against the rows of the December 2020 index that follow from their own target."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.printed_values import parse_target, parse_value
from scrutineer.domain.rag import (
    DEFAULT_TOLERANCE,
    NoRating,
    NoRatingReason,
    Polarity,
    Rating,
    Target,
    TargetKind,
    Tolerance,
    rate,
    worst,
)

# (number, polarity, target, latest value, rating printed) from 004_5a7191a0a14e1e5f.txt:4116-4161
FOLLOWS_FROM_TARGET = [
    ("3", "High", "95-90%", "97%", "GREEN"),
    ("4", "Low", "0", "0", "GREEN"),
    ("10", "High", "95 - 83%", "86%", "GREEN"),
    ("13", "High", "100%", "100%", "GREEN"),
    ("15", "High", "100 - 95%", "100%", "GREEN"),
    ("16", "Low", "20- 15%", "14%", "GREEN"),
    ("20", "High", "100%", "100%", "GREEN"),
    ("21", "High", "100- 95%", "95%", "GREEN"),
    ("24", "Low", "12-0%", "4%", "GREEN"),
    ("25", "High", "70% (In line with national or above)", "71%", "GREEN"),
    ("26", "High", "52-47%", "38%", "RED"),
    ("27", "High", "84-76%", "79%", "GREEN"),
    ("30", "Low", "1.7%-1.9%", "1.8%", "GREEN"),
    ("33", "Low", "42% - 35%", "22%", "GREEN"),
    ("35.1", "High", "75 - 65%", "62%", "AMBER"),
]


def _rate(polarity: str, target: str, value: str, **kwargs) -> Rating | NoRating:
    return rate(
        value=parse_value(value).number, target=parse_target(target), polarity=Polarity.parse(polarity), **kwargs
    )


@pytest.mark.parametrize(("number", "polarity", "target", "value", "printed"), FOLLOWS_FROM_TARGET)
def test_rule_gives_the_rating_the_index_prints(number, polarity, target, value, printed):
    assert _rate(polarity, target, value).label == printed


def test_indicator_17_does_not_follow_from_its_own_target():
    """28 weeks against 26, lower is better: the rule says AMBER; the index printed GREEN (section 8, #1)."""
    assert _rate("Low", "26 weeks", "28") is Rating.AMBER


def test_indicator_29_with_polarity_na_gets_no_rating_from_the_rule():
    """A range but no better side (section 8, #2): the printed AMBER cannot follow from the rule."""
    assert _rate("n/a", "12 - 15", "18") == NoRating(NoRatingReason.NO_POLARITY)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("This is not a target measure", NoRatingReason.NOT_A_TARGET),
        ("TBC", NoRatingReason.TARGET_TBC),
    ],
)
def test_targets_that_are_not_targets_give_no_colour(target, reason):
    assert _rate("High", target, "50%") == NoRating(reason)


def test_no_target_and_no_value_give_no_rating():
    assert rate(value=Decimal(1), target=None, polarity=Polarity.HIGH) == NoRating(NoRatingReason.NO_TARGET)
    assert _rate("High", "20", "Not Available") == NoRating(NoRatingReason.NO_VALUE)


def test_a_withheld_value_cannot_be_rated():
    rating = rate(value=None, target=parse_target("20"), polarity=Polarity.HIGH, withheld=True)
    assert rating == NoRating(NoRatingReason.VALUE_WITHHELD)
    assert rating.label == "The latest value is suppressed"


def test_amber_band_is_a_tenth_of_the_bound_by_default():
    target = parse_target("52-47%")
    assert DEFAULT_TOLERANCE.band(target.lower) == Decimal("0.047")
    at_edge = target.lower - Decimal("0.047")
    assert rate(value=at_edge, target=target, polarity=Polarity.HIGH) is Rating.AMBER
    assert rate(value=at_edge - Decimal("0.0001"), target=target, polarity=Polarity.HIGH) is Rating.RED


def test_an_absolute_tolerance_wins_over_the_fraction():
    target = parse_target("0")
    assert rate(value=Decimal(1), target=target, polarity=Polarity.LOW) is Rating.RED
    lenient = Tolerance(absolute=Decimal(2))
    assert rate(value=Decimal(1), target=target, polarity=Polarity.LOW, tolerance=lenient) is Rating.AMBER
    assert rate(value=Decimal(3), target=target, polarity=Polarity.LOW, tolerance=lenient) is Rating.RED


def test_a_tolerance_cannot_be_negative():
    with pytest.raises(ValueError):
        Tolerance(fraction=Decimal("-0.1"))


def test_a_split_value_takes_the_worst_colour_of_its_parts():
    assert worst([Rating.GREEN, Rating.AMBER]) is Rating.AMBER
    assert worst([Rating.RED, Rating.GREEN]) is Rating.RED
    assert worst([Rating.GREEN, NoRating(NoRatingReason.NO_VALUE)]) == NoRating(NoRatingReason.NO_VALUE)
    assert worst([]) == NoRating(NoRatingReason.NO_VALUE)


@pytest.mark.parametrize(("text", "polarity"), [("High", Polarity.HIGH), ("low", Polarity.LOW), ("n/a", Polarity.NONE)])
def test_polarity_reads_the_index_words(text, polarity):
    assert Polarity.parse(text) is polarity


def test_rating_reads_only_colours():
    assert Rating.parse("AMBER") is Rating.AMBER
    assert Rating.parse("Annual measure") is None


def test_a_range_cannot_run_backwards():
    with pytest.raises(ValueError):
        Target(kind=TargetKind.RANGE, lower=Decimal(2), upper=Decimal(1))


# --- properties -----------------------------------------------------------------------------

numbers = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=3)
fractions = st.decimals(min_value=0, max_value=1, places=2)


@st.composite
def ranges(draw):
    a, b = draw(numbers), draw(numbers)
    return Target(kind=TargetKind.RANGE, lower=min(a, b), upper=max(a, b))


@given(ranges(), st.data(), st.sampled_from([Polarity.HIGH, Polarity.LOW]), fractions)
def test_within_the_range_is_always_green(target, data, polarity, fraction):
    value = data.draw(st.decimals(min_value=target.lower, max_value=target.upper, places=3))
    assert rate(value=value, target=target, polarity=polarity, tolerance=Tolerance(fraction)) is Rating.GREEN


@given(ranges(), numbers, numbers, fractions)
def test_higher_is_better_never_rates_a_higher_value_worse(target, a, b, fraction):
    low, high = min(a, b), max(a, b)
    tolerance = Tolerance(fraction)
    worse = rate(value=low, target=target, polarity=Polarity.HIGH, tolerance=tolerance)
    better = rate(value=high, target=target, polarity=Polarity.HIGH, tolerance=tolerance)
    assert better.severity <= worse.severity


@given(ranges(), numbers, fractions)
def test_lower_is_better_mirrors_higher_is_better(target, value, fraction):
    mirrored = Target(kind=TargetKind.RANGE, lower=-target.upper, upper=-target.lower)
    tolerance = Tolerance(fraction)
    high = rate(value=value, target=target, polarity=Polarity.HIGH, tolerance=tolerance)
    low = rate(value=-value, target=mirrored, polarity=Polarity.LOW, tolerance=tolerance)
    assert high is low


@given(ranges(), numbers, fractions)
def test_a_wider_tolerance_never_makes_a_rating_worse(target, value, fraction):
    narrow = rate(value=value, target=target, polarity=Polarity.HIGH, tolerance=Tolerance(fraction))
    wide = rate(value=value, target=target, polarity=Polarity.HIGH, tolerance=Tolerance(fraction + 1))
    assert wide.severity <= narrow.severity
