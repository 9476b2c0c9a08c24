from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.periods import FinancialQuarter, FinancialYear, Month, PeriodError


def test_financial_year_runs_april_to_march():
    year = FinancialYear(2020)
    assert (year.start, year.end) == (date(2020, 4, 1), date(2021, 3, 31))
    assert year.label == "2020/21"
    assert year.slug == "2020-21"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 3, 31), 2020),
        (date(2021, 4, 1), 2021),
        (date(2020, 12, 31), 2020),
        (date(2000, 1, 1), 1999),
    ],
)
def test_financial_year_containing_a_day(day, expected):
    assert FinancialYear.containing(day).start_year == expected


@pytest.mark.parametrize("text", ["2020/21", "2020-21", "2020/2021", "FY2020/21", " 2020 / 21 "])
def test_financial_year_parses_the_usual_forms(text):
    assert FinancialYear.parse(text) == FinancialYear(2020)


@pytest.mark.parametrize("text", ["2020/22", "2020", "20/21", "2019/2021", "2099/00x"])
def test_financial_year_refuses_what_is_not_one(text):
    with pytest.raises(PeriodError):
        FinancialYear.parse(text)


def test_century_boundary_year():
    assert FinancialYear.parse("1999/00") == FinancialYear(1999)
    assert FinancialYear(1999).label == "1999/00"


def test_quarter_three_is_october_to_december():
    q3 = FinancialQuarter(2020, 3)
    assert [m.slug for m in q3.months] == ["2020-10", "2020-11", "2020-12"]
    assert (q3.start, q3.end) == (date(2020, 10, 1), date(2020, 12, 31))
    assert q3.label == "2020/21 Q3"
    assert q3.long_label == "Quarter 3 2020/21"
    assert q3.slug == "2020-21-Q3"


def test_quarter_four_falls_in_the_next_calendar_year():
    assert [m.slug for m in FinancialQuarter(2020, 4).months] == ["2021-01", "2021-02", "2021-03"]


@pytest.mark.parametrize("text", ["2020-21-Q3", "2020/21 Q3", "Q3 2020/21", "Quarter 3 2020/21", "q3 2020-21"])
def test_quarter_parses_the_usual_forms(text):
    assert FinancialQuarter.parse(text) == FinancialQuarter(2020, 3)


@pytest.mark.parametrize("text", ["2020-21-Q5", "Q3", "2020 Q3", "Q0 2020/21"])
def test_quarter_refuses_what_is_not_one(text):
    with pytest.raises(PeriodError):
        FinancialQuarter.parse(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_every_day_falls_in_exactly_the_quarter_that_contains_it(day):
    quarter = FinancialQuarter.containing(day)
    assert quarter.start <= day <= quarter.end
    assert quarter.financial_year == FinancialYear.containing(day)


@given(st.integers(1990, 2090), st.integers(1, 4))
def test_quarter_labels_round_trip(year, number):
    quarter = FinancialQuarter(year, number)
    assert FinancialQuarter.parse(quarter.slug) == quarter
    assert FinancialQuarter.parse(quarter.label) == quarter
    assert FinancialQuarter.parse(quarter.long_label) == quarter
    assert quarter.next().previous() == quarter


@given(st.integers(1990, 2090), st.integers(1, 12))
def test_month_slug_round_trips_and_last_day_is_in_the_month(year, number):
    month = Month(year, number)
    assert Month.parse(month.slug) == month
    assert month.last_day.month == number
    assert month.last_day.toordinal() + 1 == month.next().first_day.toordinal()


def test_month_labels_as_the_index_prints_them():
    assert Month(2020, 12).short_label == "Dec-20"
    assert Month(2020, 12).label == "December 2020"


def test_month_refuses_month_thirteen():
    with pytest.raises(PeriodError):
        Month.parse("2020-13")


# --- years on other bases: academic, calendar, rolling -----------------------------------------

from scrutineer.domain.periods import (  # noqa: E402
    AcademicYear,
    CalendarYear,
    YearBasis,
    months_between,
    parse_period,
    window_to,
    year_of,
)


def test_academic_year_runs_september_to_august():
    year = AcademicYear(2020)
    assert (year.start, year.end, year.label, year.slug) == (date(2020, 9, 1), date(2021, 8, 31), "2020/21", "2020-21")
    assert AcademicYear.containing(date(2020, 8, 31)) == AcademicYear(2019)
    assert AcademicYear.containing(date(2020, 9, 1)) == AcademicYear(2020)


def test_calendar_year():
    year = CalendarYear.parse("2020")
    assert (year.start, year.end, year.label) == (date(2020, 1, 1), date(2020, 12, 31), "2020")


@pytest.mark.parametrize(
    ("basis", "day", "expected"),
    [
        (YearBasis.FINANCIAL, date(2020, 12, 31), FinancialYear(2020)),
        (YearBasis.ROLLING, date(2021, 1, 1), FinancialYear(2020)),
        (YearBasis.ACADEMIC, date(2020, 12, 31), AcademicYear(2020)),
        (YearBasis.CALENDAR, date(2020, 12, 31), CalendarYear(2020)),
    ],
)
def test_year_of_a_day_on_each_basis(basis, day, expected):
    assert year_of(basis, day) == expected


def test_year_to_date_windows_as_at_december_2020():
    december = Month(2020, 12)
    assert window_to(YearBasis.FINANCIAL, december) == (date(2020, 4, 1), date(2020, 12, 31))
    assert window_to(YearBasis.ACADEMIC, december) == (date(2020, 9, 1), date(2020, 12, 31))
    assert window_to(YearBasis.CALENDAR, december) == (date(2020, 1, 1), date(2020, 12, 31))
    assert window_to(YearBasis.ROLLING, december) == (date(2020, 1, 1), date(2020, 12, 31))
    assert window_to(YearBasis.ROLLING, Month(2021, 2)) == (date(2020, 3, 1), date(2021, 2, 28))


@pytest.mark.parametrize(
    ("text", "basis", "expected"),
    [
        ("2020-12", YearBasis.FINANCIAL, Month(2020, 12)),
        ("2020-21-Q3", YearBasis.FINANCIAL, FinancialQuarter(2020, 3)),
        ("2020-21", YearBasis.FINANCIAL, FinancialYear(2020)),
        ("2020/21", YearBasis.ROLLING, FinancialYear(2020)),
        ("2020-21", YearBasis.ACADEMIC, AcademicYear(2020)),
        ("2020", YearBasis.CALENDAR, CalendarYear(2020)),
        ("2020-03", YearBasis.CALENDAR, Month(2020, 3)),
    ],
)
def test_periods_as_imports_write_them(text, basis, expected):
    assert parse_period(text, basis) == expected


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("2020", YearBasis.FINANCIAL),
        ("2020-21", YearBasis.CALENDAR),
        ("Dec 2020", YearBasis.FINANCIAL),
        ("", YearBasis.FINANCIAL),
    ],
)
def test_periods_that_do_not_fit_the_indicator_are_refused(text, basis):
    with pytest.raises(PeriodError):
        parse_period(text, basis)


def test_months_between():
    assert [m.slug for m in months_between(Month(2020, 11), Month(2021, 2))] == [
        "2020-11",
        "2020-12",
        "2021-01",
        "2021-02",
    ]
    assert months_between(Month(2021, 1), Month(2020, 1)) == []


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(list(YearBasis)))
def test_every_day_falls_in_the_year_of_its_basis(day, basis):
    year = year_of(basis, day)
    assert year.start <= day <= year.end
    assert parse_period(year.label, basis) == year


def test_a_month_wins_where_a_year_written_with_a_hyphen_would_read_the_same():
    """ "2010-11" is November 2010 (ISO); the year is written "2010/11"."""
    assert parse_period("2010-11") == Month(2010, 11)
    assert parse_period("2010/11") == FinancialYear(2010)
