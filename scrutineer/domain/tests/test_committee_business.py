import csv
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.committee_business import (
    AgendaNumber,
    AgendaSection,
    ItemType,
    MinuteNumber,
    MunicipalYear,
    ProgrammeNote,
    is_outstanding_at,
    parse_decision_type,
    printed_date,
    schedule_12a_paragraph,
)
from scrutineer.domain.cover_sheets import Executive, KeyDecision, Urgency
from scrutineer.domain.periods import PeriodError

FIXTURES = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures"
PROGRAMME = list(csv.DictReader((FIXTURES / "work_programme_2021_22.csv").open(encoding="utf-8")))
MEETING = json.loads((FIXTURES / "committee_meeting_2021_03_10.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", PROGRAMME, ids=lambda row: row["source_line"])
def test_every_work_programme_line_reads(row):
    assert printed_date(row["meeting_date_text"]).year in {2021, 2022}
    if row["kind"] == "agenda item":
        item_type = ItemType.from_printed(row["column_3_text"])
        assert item_type is None or item_type.label.lower() == row["column_3_text"].lower()
        note = ProgrammeNote.parse(row["column_2_text"])
        assert note.text == row["column_2_text"]


def test_work_programme_notes_as_the_document_means_them():
    notes = {row["source_line"]: ProgrammeNote.parse(row["column_2_text"]) for row in PROGRAMME}
    assert notes["523"].annual and notes["523"].postponed and not notes["523"].provenance
    assert notes["524"].postponed and not notes["524"].annual
    assert notes["529"].annual and notes["529"].provenance == "as per email JG 05.08.2020"
    assert notes["530"].provenance == "Referred from ERC PDS"
    assert notes["512"].information_report
    postponed = [line for line, note in notes.items() if note.postponed]
    assert postponed == ["523", "524"]


def test_agenda_headings_of_the_seed_are_sections():
    headings = {item["agenda_section"] for item in MEETING["meeting"]["agenda_items"] if item["part"] == 1}
    assert {AgendaSection.from_heading(h) for h in headings} == {
        AgendaSection.STANDARD,
        AgendaSection.PORTFOLIO_HOLDER,
        AgendaSection.EXECUTIVE,
        AgendaSection.POLICY,
    }
    with pytest.raises(ValueError):
        AgendaSection.from_heading("PART 2 (CLOSED) AGENDA")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15th June 2021", date(2021, 6, 15)),
        ("1st December 2021", date(2021, 12, 1)),
        ("10 March 2021", date(2021, 3, 10)),
    ],
)
def test_printed_dates(text, expected):
    assert printed_date(text) == expected


@pytest.mark.parametrize("text", ["31st June 2021", "15th Juneish 2021", "June 2021", ""])
def test_not_dates(text):
    with pytest.raises(PeriodError):
        printed_date(text)


def test_numbers_sort_as_the_agenda_runs():
    labels = ["10", "8b", "4", "8", "4a", "8a", "9"]
    assert [n.label for n in sorted(AgendaNumber.parse(x) for x in labels)] == ["4", "4a", "8", "8a", "8b", "9", "10"]
    assert MinuteNumber.parse("39A") > MinuteNumber.parse("39")
    assert MinuteNumber.parse("39A") < MinuteNumber.parse("40")
    with pytest.raises(ValueError):
        AgendaNumber.parse("8-a")


def test_every_minute_number_of_the_fixture_reads():
    numbers = [MinuteNumber.parse(m["minute_number"]) for m in MEETING["previous_minutes"]["minutes"]]
    assert numbers == sorted(numbers)
    assert numbers[0].label == "34" and numbers[-1].label == "50A"


def test_municipal_year():
    assert MunicipalYear.containing(date(2021, 3, 10)).label == "2020/21"
    assert MunicipalYear.containing(date(2021, 6, 15)).label == "2021/22"
    assert MunicipalYear.containing(date(2022, 3, 15)).slug == "2021-22"
    assert MunicipalYear.parse("2021/22") == MunicipalYear(2021)
    with pytest.raises(PeriodError):
        MunicipalYear.parse("2021/23")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_a_municipal_year_contains_its_days(day):
    year = MunicipalYear.containing(day)
    assert year.start <= day <= year.end
    assert year.next().start.toordinal() == year.end.toordinal() + 1


def test_decision_types_of_the_seed():
    sheets = {sheet["item"]: sheet["decision_type"] for sheet in MEETING["report_cover_sheets"]}
    parsed = {item: parse_decision_type(text) for item, text in sheets.items()}
    assert all(parsed.values()), sheets
    assert parsed["5"].executive is Executive.NON_EXECUTIVE
    assert parsed["8b"].executive is Executive.LEADER
    assert parsed["8c"].executive is None and parsed["8c"].key is KeyDecision.KEY
    assert parsed["9a"].urgency is Urgency.NON_URGENT and parsed["9a"].executive is Executive.EXECUTIVE
    assert parse_decision_type("Key") is None


def test_schedule_12a_descriptions_of_the_seed():
    described = [i for i in MEETING["meeting"]["agenda_items"] if i.get("schedule_12a_description")]
    assert [schedule_12a_paragraph(i["schedule_12a_description"]) for i in described] == [3, 3, 1, 1]
    assert schedule_12a_paragraph("Something else") is None


def test_matters_outstanding_are_carried_until_done():
    raised, done = date(2021, 1, 26), date(2021, 6, 15)
    assert not is_outstanding_at(raised, None, raised)
    assert is_outstanding_at(raised, None, date(2021, 3, 10))
    assert is_outstanding_at(raised, done, date(2021, 3, 10))
    assert is_outstanding_at(raised, done, done)  # reported done at the meeting that hears it
    assert not is_outstanding_at(raised, done, date(2021, 9, 14))
