from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.money import (
    MoneyError,
    format_pounds,
    format_thousands,
    parse_amount,
    parse_pence,
    parse_thousands,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,583", 1583),
        ("Cr 61", -61),
        ("Cr61", -61),
        ("61 Cr", -61),
        ("cr 1,315", -1315),
        ("(61)", -61),
        ("-61", -61),
        ("Dr 131", 131),
        ("0", 0),
        ("42,207", 42207),
    ],
)
def test_thousands_as_budget_tables_print_them(text, expected):
    assert parse_thousands(text) == expected


@pytest.mark.parametrize(
    ("text", "pence"),
    [("3,313,863", 331386300), ("£4,127,636.66", 412763666), ("£1.2m", 120000000), ("£165k", 16500000)],
)
def test_pounds_and_pence(text, pence):
    assert parse_pence(text) == pence


@pytest.mark.parametrize("text", ["", "abc", "1,58,3", "Cr -61", "£", "12.345.6", "1e9", "nan", "inf"])
def test_what_is_not_money_is_refused(text):
    with pytest.raises(MoneyError):
        parse_amount(text)


def test_a_fraction_of_a_penny_is_refused():
    with pytest.raises(MoneyError):
        parse_pence("£1.005")


def test_thousands_must_be_whole():
    with pytest.raises(MoneyError):
        parse_thousands("61.5")


def test_formatting_the_council_way():
    assert format_thousands(-61) == "Cr 61"
    assert format_thousands(1583) == "1,583"
    assert format_pounds(331386300) == "£3,313,863"
    assert format_pounds(412763666) == "£4,127,636.66"
    assert format_pounds(-6100) == "-£61"


@given(st.integers(-(10**12), 10**12))
def test_cr_formatting_round_trips(value):
    assert parse_thousands(format_thousands(value)) == value


@given(st.integers(-(10**14), 10**14))
def test_pounds_formatting_round_trips(pence):
    assert parse_pence(format_pounds(pence).replace("-£", "-")) == pence


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_amount_is_exact(value):
    assert parse_amount(f"{value:,.2f}") == Decimal(f"{value:.2f}")


def test_a_blank_cell_is_no_figure_not_zero():
    from scrutineer.domain.money import parse_thousands_or_blank

    assert parse_thousands_or_blank("  ") is None
    assert parse_thousands_or_blank("0") == 0
    assert parse_thousands_or_blank("Cr 1,528") == -1528


@pytest.mark.parametrize(("value", "text"), [(263, "Dr 263"), (-61, "Cr 61"), (0, "0"), (1583, "Dr 1,583")])
def test_variations_read_dr_and_cr(value, text):
    from scrutineer.domain.money import format_dr_cr

    assert format_dr_cr(value) == text


@given(st.integers(-(10**12), 10**12))
def test_dr_cr_formatting_round_trips(value):
    from scrutineer.domain.money import format_dr_cr

    assert parse_thousands(format_dr_cr(value)) == value
