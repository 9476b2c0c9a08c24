import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.periods import MONTH_NAMES
from scrutineer.domain.target_dates import TargetDate, is_due_between, is_overdue, parse

FIXTURES = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures"


def _fixture_target_dates():
    for name in ("portfolio_plan_q3_2020_21.json", "portfolio_plan_2018_22.json"):
        plan = json.loads((FIXTURES / name).read_text())
        for priority in plan["priorities"]:
            for action in priority["actions"]:
                for sub_action in action["sub_actions"]:
                    if sub_action["target_date"]:
                        yield sub_action["target_date"]


@pytest.mark.parametrize("expected", list(_fixture_target_dates()), ids=lambda d: d["text"])
def test_every_target_date_in_the_seed_plans_reads_as_the_fixture_says(expected):
    got = parse(expected["text"])
    assert got.text == expected["text"]
    assert (got.month, got.year) == (expected["month"], expected["year"])
    assert got.annual_programme is expected["annual_programme"]
    assert got.ongoing is expected["ongoing"]
    assert got.starts is expected["from"]
    assert got.marker == expected["marker"]
    assert got.recognised is True


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        ("April 2022 (annual programme)", 4, 2022),
        ("April 2022 [AP]", 4, 2022),
        ("Sept 2018", 9, 2018),
        ("Sept. 2018", 9, 2018),
        ("Dec 2018", 12, 2018),
        ("December 2018", 12, 2018),
        ("january 2021", 1, 2021),
        ("JANUARY 2021", 1, 2021),
        ("Jan-21", 1, 2021),
        ("Apr '22", 4, 2022),
        ("April, 2022", 4, 2022),
        ("31st March 2021", 3, 2021),
        ("31 March 2021", 3, 2021),
        ("March 31st, 2021", 3, 2021),
        ("31/03/2021", 3, 2021),
        ("03/2021", 3, 2021),
        ("2021-03", 3, 2021),
        ("2021-03-31", 3, 2021),
        ("by April 2022", 4, 2022),
        ("By end of March 2021", 3, 2021),
        ("End March 2021", 3, 2021),
        ("Deadline: June 2020", 6, 2020),
        ("Q3 2020/21", 12, 2020),
        ("2021/22", 3, 2022),
        ("2022", None, 2022),
    ],
)
def test_reads_the_ways_people_write_a_deadline(text, month, year):
    got = parse(text)
    assert got.recognised is True
    assert (got.month, got.year) == (month, year)
    assert got.text == text


@pytest.mark.parametrize(
    "text", ["April 2022 AP", "April 2022 (AP)", "Annual programme April 2022", "Annually, April 2022"]
)
def test_annual_programme_markers(text):
    got = parse(text)
    assert got.annual_programme is True
    assert (got.month, got.year) == (4, 2022)


@pytest.mark.parametrize("text", ["Ongoing", "On-going", "on going", "ONGOING", "Continuous"])
def test_ongoing_has_no_deadline(text):
    got = parse(text)
    assert got.ongoing is True
    assert got.recognised is True
    assert got.deadline is None


def test_ongoing_until_a_date_keeps_both():
    got = parse("Ongoing to April 2022")
    assert got.ongoing is True
    assert (got.month, got.year) == (4, 2022)


def test_from_is_a_start_date_not_a_deadline():
    got = parse("From April 2021")
    assert got.starts is True
    assert (got.month, got.year) == (4, 2021)
    assert got.deadline is None


@pytest.mark.parametrize("text", ["", "   ", "-", "N/A", "n/a"])
def test_empty_cells_are_missing_not_unreadable(text):
    got = parse(text)
    assert got.recognised is True
    assert got.is_missing is True


def test_to_be_confirmed():
    got = parse("TBC")
    assert got.to_be_confirmed is True
    assert got.is_missing is False


def test_trailing_note_is_kept_apart():
    got = parse("April 2022 (subject to funding)")
    assert (got.month, got.year) == (4, 2022)
    assert got.note == "subject to funding"


@pytest.mark.parametrize(
    "text", ["Spring term", "When funding allows", "31 February 2021", "13/2021", "April 2022 / March 2023"]
)
def test_unreadable_text_is_kept_and_flagged(text):
    got = parse(text)
    assert got.recognised is False
    assert got.text == text
    assert got.year is None


def test_deadline_is_the_end_of_the_month():
    assert parse("February 2024").deadline == date(2024, 2, 29)
    assert parse("2022").deadline == date(2022, 12, 31)


def test_september_and_june_2020_are_overdue_in_quarter_three_2020_21():
    """Priority 3 action 2, B and C (`004_5a7191a0a14e1e5f.txt:790`)."""
    q3_start = date(2020, 10, 1)
    assert is_overdue(parse("September 2020"), period_start=q3_start) is True
    assert is_overdue(parse("June 2020"), period_start=q3_start) is True
    assert is_overdue(parse("April 2022 [AP]"), period_start=q3_start) is False
    assert is_overdue(parse("January 2021"), period_start=q3_start) is False
    assert is_overdue(parse("Ongoing"), period_start=q3_start) is False
    assert is_overdue(parse(""), period_start=q3_start) is False


def test_due_in_a_quarter():
    assert is_due_between(parse("December 2020"), start=date(2020, 10, 1), end=date(2020, 12, 31)) is True
    assert is_due_between(parse("January 2021"), start=date(2020, 10, 1), end=date(2020, 12, 31)) is False


# --- properties -----------------------------------------------------------------------------

_month_styles = st.sampled_from(["full", "short", "sept", "upper", "iso", "slash", "dash2"])


def _write(month: int, year: int, style: str) -> str:
    name = MONTH_NAMES[month - 1]
    return {
        "full": f"{name} {year}",
        "short": f"{name[:3]} {year}",
        "sept": f"{'Sept' if month == 9 else name} {year}",
        "upper": f"{name.upper()} {year}",
        "iso": f"{year}-{month:02d}",
        "slash": f"{month:02d}/{year}",
        "dash2": f"{name[:3]}-{year % 100:02d}",
    }[style]


@given(
    month=st.integers(1, 12),
    year=st.integers(2000, 2099),
    style=_month_styles,
    marker=st.sampled_from(["", " [AP]", " (annual programme)", " (AP)"]),
    prefix=st.sampled_from(["", "by ", "By end of ", "From "]),
)
def test_any_way_of_writing_a_month_reads_back_the_same_meaning(month, year, style, marker, prefix):
    text = f"{prefix}{_write(month, year, style)}{marker}"
    got = parse(text)
    assert got.recognised is True, text
    assert (got.month, got.year) == (month, year)
    assert got.annual_programme is bool(marker)
    assert got.starts is (prefix == "From ")
    assert got.text == text


@given(
    month=st.one_of(st.none(), st.integers(1, 12)),
    year=st.integers(2000, 2099),
    annual_programme=st.booleans(),
    ongoing=st.booleans(),
    starts=st.booleans(),
)
def test_canonical_form_round_trips(month, year, annual_programme, ongoing, starts):
    original = TargetDate(
        text="", month=month, year=year, annual_programme=annual_programme, ongoing=ongoing, starts=starts
    )
    again = parse(original.canonical())
    assert (again.month, again.year) == (month, year)
    assert (again.annual_programme, again.ongoing, again.starts) == (annual_programme, ongoing, starts)
    assert parse(again.canonical()).canonical() == again.canonical()


@given(st.text(max_size=80))
def test_nothing_is_ever_lost(text):
    got = parse(text)
    assert got.text == text
    if not got.recognised:
        assert got.year is None and got.month is None
    assert got.canonical() == text or got.recognised
