"""Latest values and years to date, from the months of the December 2020 index."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.outturns import Entry, YtdMethod, as_at, latest, year_to_date
from scrutineer.domain.periods import Month
from scrutineer.domain.printed_values import ValueState, parse_value

INDEX = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures" / "performance_index_dec2020.csv"
MONTHS = ["apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DECEMBER = date(2020, 12, 31)


def _entries(row: dict[str, str]) -> list[Entry]:
    entries = []
    for offset, column in enumerate(MONTHS):
        if row[column].strip():
            value = parse_value(row[column])
            entries.append(Entry(Month(2020, 4 + offset).last_day, value.state, value.number))
    return entries


def _row(number: str) -> dict[str, str]:
    with INDEX.open(encoding="utf-8") as stream:
        return next(row for row in csv.DictReader(stream) if row["number"] == number)


@pytest.mark.parametrize("number", ["1.1", "1.2", "2", "9"])
def test_sum_of_the_months_is_the_printed_year_to_date(number):
    """1.1: 55 + 79 + ... + 101 = 715 (004_5a7191a0a14e1e5f.txt:4113), and so for 1.2, 2 and 9."""
    row = _row(number)
    outturn = year_to_date(_entries(row), YtdMethod.SUM, period_end=DECEMBER)
    assert outturn.number == parse_value(row["ytd"]).number
    assert len(outturn.sources) == 9


def test_a_cumulative_measure_takes_its_latest_value():
    row = _row("10")
    assert year_to_date(_entries(row), YtdMethod.LATEST, period_end=DECEMBER).number == Decimal("0.86")


def test_the_latest_figure_stands_when_later_months_are_not_published():
    """17: 28 weeks in June, then "Data Not Published" in September and December (004_...:4131)."""
    outturn = latest(_entries(_row("17")))
    assert (outturn.number, outturn.withheld, outturn.sources) == (Decimal(28), False, (date(2020, 6, 30),))


def test_a_later_suppressed_month_withholds_the_latest_figure():
    entries = [Entry(date(2020, 4, 1), ValueState.VALUE, Decimal(25)), Entry(date(2020, 5, 1), ValueState.SUPPRESSED)]
    assert latest(entries).withheld is True
    assert latest(entries).number is None


def test_a_sum_with_a_suppressed_month_is_withheld_never_summed_without_it():
    entries = [Entry(date(2020, 4, 1), ValueState.VALUE, Decimal(3)), Entry(date(2020, 5, 1), ValueState.SUPPRESSED)]
    outturn = year_to_date(entries, YtdMethod.SUM, period_end=date(2020, 5, 1))
    assert (outturn.number, outturn.withheld) == (None, True)
    assert outturn.sources == (date(2020, 4, 1), date(2020, 5, 1))


def test_a_sum_with_a_month_not_available_is_incomplete():
    entries = [Entry(date(2020, 4, 1), ValueState.VALUE, Decimal(3)), Entry(date(2020, 5, 1), ValueState.NOT_AVAILABLE)]
    outturn = year_to_date(entries, YtdMethod.SUM, period_end=date(2020, 5, 1))
    assert (outturn.number, outturn.withheld) == (None, False)


def test_as_at_takes_only_the_period_itself():
    row = _row("18")  # values April to November, December blank
    assert as_at(_entries(row), period_end=DECEMBER).number is None
    assert as_at(_entries(row), period_end=date(2020, 11, 30)).number == Decimal(43)


def test_average_and_reported():
    entries = [Entry(date(2020, m, 1), ValueState.VALUE, Decimal(v)) for m, v in [(3, "0.48"), (6, "0.60")]]
    assert year_to_date(entries, YtdMethod.AVERAGE, period_end=DECEMBER).number == Decimal("0.54")
    assert year_to_date(entries, YtdMethod.REPORTED, period_end=DECEMBER).number is None


values = st.lists(st.integers(0, 10_000), min_size=1, max_size=12)


@given(values, st.randoms())
def test_a_sum_does_not_depend_on_the_order_of_the_months(numbers, random):
    entries = [Entry(date(2020, 1 + i, 1), ValueState.VALUE, Decimal(n)) for i, n in enumerate(numbers)]
    shuffled = list(entries)
    random.shuffle(shuffled)
    assert year_to_date(shuffled, YtdMethod.SUM, period_end=DECEMBER).number == sum(numbers)
    assert latest(shuffled).number == numbers[-1]


@given(values, st.data())
def test_one_suppressed_month_always_withholds_the_sum(numbers, data):
    entries = [Entry(date(2020, 1 + i, 1), ValueState.VALUE, Decimal(n)) for i, n in enumerate(numbers)]
    hidden = data.draw(st.integers(0, len(entries) - 1))
    entries[hidden] = Entry(entries[hidden].end, ValueState.SUPPRESSED)
    outturn = year_to_date(entries, YtdMethod.SUM, period_end=DECEMBER)
    assert outturn.withheld is True and outturn.number is None
