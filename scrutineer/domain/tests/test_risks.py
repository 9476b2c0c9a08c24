import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.risks import RiskBand, RiskMatrix, RiskScore, RiskScoreError, Trend, trend

score = st.integers(min_value=1, max_value=5)


def test_rating_band_and_text():
    assert RiskScore(4, 3).text == "4 x 3 = 12 (Medium)"
    assert RiskScore(1, 4).band is RiskBand.LOW
    assert RiskScore(5, 3).band is RiskBand.HIGH


def test_scores_outside_the_matrix_are_refused():
    with pytest.raises(RiskScoreError):
        RiskScore(0, 3)
    with pytest.raises(RiskScoreError):
        RiskScore(3, 6)
    assert RiskScore(3, 6, RiskMatrix(scale=6)).rating == 18


@given(score, score, score, score)
def test_trend_follows_the_rating(l1, i1, l2, i2):
    before, after = RiskScore(l1, i1), RiskScore(l2, i2)
    got = trend(before, after)
    if after.rating > before.rating:
        assert got is Trend.INCREASED
    elif after.rating < before.rating:
        assert got is Trend.REDUCED
    else:
        assert got is Trend.UNCHANGED
    assert trend(None, after) is Trend.NEW


@given(score, score)
def test_bands_rise_with_the_rating(likelihood, impact):
    order = [RiskBand.LOW, RiskBand.MEDIUM, RiskBand.HIGH]
    here = RiskScore(likelihood, impact)
    if likelihood < 5:
        assert order.index(RiskScore(likelihood + 1, impact).band) >= order.index(here.band)
