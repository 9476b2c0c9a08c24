from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.procurement import (
    DEFAULT_MATRIX,
    MATRIX_COLOURS,
    ProcurementMatrix,
    ProcurementStatus,
    RuleConfigError,
    add_months,
    months_to_expiry,
    term_months,
)

AS_AT = date(2021, 1, 21)  # the February 2021 register, "as at 21st January 2021" (004_...:3728)
R, A, Y, G, IMMINENT = (
    ProcurementStatus.RED,
    ProcurementStatus.AMBER,
    ProcurementStatus.YELLOW,
    ProcurementStatus.GREEN,
    ProcurementStatus.IMMINENT,
)


def pounds(amount: int) -> int:
    return amount * 100


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2021, 1, 21), 3, date(2021, 4, 21)),
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2021, 11, 30), 2, date(2022, 1, 30)),
        (date(2021, 1, 21), 18, date(2022, 7, 21)),
    ],
)
def test_add_months_keeps_the_day_or_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "printed"),
    [
        # Rows of the February 2021 register (contracts_register_feb2021.csv): printed term, and ours.
        (date(2019, 4, 1), date(2022, 3, 31), 36),  # 4909
        (date(2006, 5, 6), date(2022, 3, 31), 191),  # 270
        (date(2019, 11, 1), date(2024, 4, 30), 54),  # 4946
        (date(2020, 9, 19), date(2025, 8, 31), 59),  # 5018
    ],
)
def test_term_months_matches_the_printed_months_duration(start, end, printed):
    assert term_months(start=start, end=end) == printed


def test_term_of_contract_5029_is_thirteen_months_though_twelve_is_printed():
    """01/11/2020 to 30/11/2021 is printed as 12 months (004_...:3945; inconsistency 39)."""
    assert term_months(start=date(2020, 11, 1), end=date(2021, 11, 30)) == 13


@pytest.mark.parametrize(
    ("end", "months"),
    [
        (date(2021, 1, 31), 0),  # 312 ends ten days after the as-at date
        (date(2021, 3, 31), 2),  # 1464
        (date(2022, 3, 31), 14),  # 270
        (date(2022, 7, 21), 18),
        (date(2022, 7, 20), 17),
        (date(2020, 12, 31), 0),  # already ended
    ],
)
def test_months_to_expiry_counts_whole_months(end, months):
    assert months_to_expiry(as_at=AS_AT, end=end) == months


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        # Within 3 months every contract is red, whatever its value.
        (pounds(60_000), date(2021, 4, 21), R),
        (pounds(2_854_328), date(2021, 3, 31), R),  # 1464
        # 7 months: £88,500 (3810) is amber, £402,676 (3690) red.
        (pounds(88_500), date(2021, 8, 31), A),
        (pounds(402_676), date(2021, 8, 31), R),
        # 10 months: £97,576 (5029) yellow, £155,000 (3826) amber.
        (pounds(97_576), date(2021, 11, 30), Y),
        (pounds(155_000), date(2021, 11, 30), A),
        # 14 months: £81,500 (3732) green, £120,000 (4849) yellow, £374,000 (4854) amber, £3.3m (270) red.
        (pounds(81_500), date(2022, 3, 31), G),
        (pounds(120_000), date(2022, 3, 31), Y),
        (pounds(374_000), date(2022, 3, 31), A),
        (pounds(3_313_863), date(2022, 3, 31), R),
        # Beyond 18 months everything is green, even £49m (5018).
        (pounds(49_000_000), date(2025, 8, 31), G),
        (pounds(250_179), date(2022, 7, 31), G),  # 4905: 18 months and 10 days
        # Boundaries: exactly 18 months is inside the row; £500,000 is in £173k-£500k.
        (pounds(600_000), date(2022, 7, 21), R),
        (pounds(500_000), date(2022, 7, 21), A),
        (pounds(500_001), date(2022, 7, 21), R),
        # A value under £5k is read in the first band.
        (pounds(1_000), date(2021, 6, 1), A),
        # Past its end date, a contract is red.
        (pounds(60_000), date(2020, 12, 31), R),
    ],
)
def test_default_matrix(value, end, expected):
    status = DEFAULT_MATRIX.status(total_value_pence=value, start=date(2019, 4, 1), end=end, as_at=AS_AT)
    assert status is expected


@pytest.mark.parametrize("start", [date(2021, 4, 1), date(2022, 6, 1), date(2021, 1, 22)])
def test_a_contract_not_yet_started_is_imminent(start):
    """5035 starts 01/04/2021 and 5000 starts 01/06/2022: the two "Imminent contracts" (004_...:3814)."""
    status = DEFAULT_MATRIX.status(total_value_pence=pounds(666_000), start=start, end=date(2025, 6, 30), as_at=AS_AT)
    assert status is IMMINENT


def test_a_contract_starting_on_the_as_at_date_is_not_imminent():
    status = DEFAULT_MATRIX.status(total_value_pence=pounds(80_000), start=AS_AT, end=date(2024, 1, 1), as_at=AS_AT)
    assert status is G


values = st.integers(min_value=0, max_value=pounds(100_000_000))
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(value=values, start=days, end=days, as_at=days)
def test_every_contract_gets_exactly_one_status(value, start, end, as_at):
    status = DEFAULT_MATRIX.status(total_value_pence=value, start=start, end=end, as_at=as_at)
    assert status in ProcurementStatus
    assert (status is IMMINENT) == (start > as_at)


@given(value=values, end=days, as_at=days, later=st.integers(min_value=0, max_value=400))
def test_status_never_gets_less_urgent_as_expiry_nears(value, end, as_at, later):
    """All contracts will ultimately be ragged red (004_...:3892): time passing only raises urgency."""
    start = date(1999, 1, 1)
    now = DEFAULT_MATRIX.status(total_value_pence=value, start=start, end=end, as_at=as_at)
    after = DEFAULT_MATRIX.status(total_value_pence=value, start=start, end=end, as_at=as_at + timedelta(days=later))
    assert after.rank <= now.rank
    far_later = DEFAULT_MATRIX.status(total_value_pence=value, start=start, end=end, as_at=end)
    assert far_later is R


@given(low=values, high=values, end=days, as_at=days)
def test_a_bigger_contract_is_never_less_urgent_under_the_default_matrix(low, high, end, as_at):
    low, high = sorted((low, high))
    start = date(1999, 1, 1)
    small = DEFAULT_MATRIX.status(total_value_pence=low, start=start, end=end, as_at=as_at)
    big = DEFAULT_MATRIX.status(total_value_pence=high, start=start, end=end, as_at=as_at)
    assert big.rank <= small.rank


def test_the_matrix_round_trips_through_configuration():
    assert ProcurementMatrix.from_config(DEFAULT_MATRIX.to_config()) == DEFAULT_MATRIX


def test_a_council_can_configure_its_own_matrix():
    config = {
        "value_bands": [
            {"label": "Up to £100k", "up_to_pence": pounds(100_000)},
            {"label": "More", "up_to_pence": None},
        ],
        "rows": [
            {"within_months": 6, "statuses": ["red", "red"]},
            {"within_months": 24, "statuses": ["green", "amber"]},
        ],
        "beyond": "green",
    }
    matrix = ProcurementMatrix.from_config(config)
    assert matrix.status(total_value_pence=pounds(80_000), start=AS_AT, end=date(2022, 1, 1), as_at=AS_AT) is G
    assert matrix.status(total_value_pence=pounds(800_000), start=AS_AT, end=date(2022, 1, 1), as_at=AS_AT) is A
    assert matrix.status(total_value_pence=pounds(800_000), start=AS_AT, end=date(2021, 5, 1), as_at=AS_AT) is R


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c["rows"][0].update(statuses=["red"] * 4), "has 4 colours for 5 value bands"),
        (lambda c: c["rows"][0].update(statuses=["red"] * 4 + ["pink"]), "'pink' is not red"),
        (lambda c: c["rows"][0].update(statuses=["imminent"] * 5), "not a matrix colour"),
        (lambda c: c["rows"].reverse(), "Expiry rows must go up"),
        (lambda c: c["value_bands"][1].update(up_to_pence=pounds(10)), "Value band limits must go up"),
        (lambda c: c["value_bands"][-1].update(up_to_pence=pounds(10**9)), "Only the last value band"),
        (lambda c: c.pop("rows"), "missing 'rows'"),
        (lambda c: c["rows"][0].update(within_months="3"), "not a whole number"),
    ],
)
def test_a_matrix_that_cannot_work_is_refused_with_a_reason(change, message):
    config = DEFAULT_MATRIX.to_config()
    change(config)
    with pytest.raises(RuleConfigError, match=message):
        ProcurementMatrix.from_config(config)


def test_colours_say_what_they_mean_as_the_register_key_does():
    assert [s.meaning for s in MATRIX_COLOURS] == [
        "Requires an agreed plan",
        "Develop / test options",
        "Consider options",
        "No action required",
    ]
    assert [s.needs_action for s in ProcurementStatus] == [True, True, True, False, False]
