"""The demo committee business against the fixtures it is loaded from (seed 004 lines 1-562)."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from scrutineer.committees.demo import load_committees, minute_text
from scrutineer.committees.models import (
    AgendaItem,
    AgendaReport,
    Committee,
    Meeting,
    Membership,
    Minute,
    WorkProgrammeItem,
)
from scrutineer.committees.selectors import work_programme
from scrutineer.core.models import Organisation
from scrutineer.domain.committee_business import MunicipalYear, printed_date
from scrutineer.reports.models import Report

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "demo" / "data"
FIXTURE = json.loads((DATA / "fixtures" / "committee_meeting_2021_03_10.json").read_text(encoding="utf-8"))
PROGRAMME = list(csv.DictReader((DATA / "fixtures" / "work_programme_2021_22.csv").open(encoding="utf-8")))
SEED = (DATA / "seeds" / "004_5a7191a0a14e1e5f.txt").read_text(encoding="utf-8").splitlines()
SLUG = "children-education-families-pds"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?m)^- ", "", text.replace("**", ""))).strip()


def test_the_committee_and_its_seats(demo):
    committee = Committee.objects.get(slug=SLUG)
    assert committee.portfolio.slug == "children-education-families"
    seats = list(committee.memberships.order_by("position"))
    roles = [seat.role for seat in seats]
    assert roles.count(Membership.Role.CHAIRMAN) == 1 and roles.count(Membership.Role.VICE_CHAIRMAN) == 1
    membership = FIXTURE["meeting"]["membership"]
    assert [s.name for s in seats if s.role == Membership.Role.COUNCILLOR] == membership["councillors"]
    voting = [s for s in seats if s.role == Membership.Role.CO_OPTED_VOTING]
    assert len(voting) == 5 and sum(s.vacant for s in voting) == 2
    non_voting = [s for s in seats if s.role == Membership.Role.CO_OPTED_NON_VOTING]
    assert [(s.name, s.representing, s.voting) for s in non_voting] == [
        ("Angela Leeves", "Early Years Representative", False),
        ("", "Young People's Representative", False),
    ]


def test_the_meeting_of_10_march_2021(demo):
    meeting = Meeting.objects.get(committee__slug=SLUG, date=date(2021, 3, 10))
    spec = FIXTURE["meeting"]
    assert meeting.time.strftime("%H:%M") == spec["time"]
    assert meeting.clerk_name == spec["clerk"]
    assert meeting.agenda_dispatched.isoformat() == spec["agenda_dispatch_date"]
    assert meeting.virtual and meeting.agenda_published
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number", "letter"))
    assert [(i.label, i.title, i.part) for i in items] == [
        (f"{e['number']}{e['sub'] or ''}", e["title"].replace(" (TO FOLLOW)", ""), e["part"])
        for e in spec["agenda_items"]
    ]
    paragraphs = {i.label: i.schedule_12a_paragraph for i in items if i.part == 2}
    assert paragraphs == {"18": None, "19": None, "19a": 3, "20": None, "20a": 3, "20b": 1, "20c": 1}
    assert next(i for i in items if i.label == "16").to_follow
    assert next(i for i in items if i.label == "3").minutes_of.date == date(2021, 1, 26)


def test_cover_sheets_are_kept_as_printed(demo):
    sheets = {sheet["item"]: sheet for sheet in FIXTURE["report_cover_sheets"]}
    recorded = {
        paper.item.label: paper
        for paper in AgendaReport.objects.select_related("item").filter(item__meeting__date=date(2021, 3, 10))
    }
    for label, sheet in sheets.items():
        paper = recorded[label]
        assert (paper.report_number, paper.decision_type, paper.title, paper.ward) == (
            sheet["report_no"] or "",
            sheet["decision_type"],
            sheet["title"],
            sheet["ward"],
        )
    financial = next(box for box in recorded["9a"].boxes if box["box"] == "Financial")
    assert ["Total current budget for this head", "£93,130k"] in financial["fields"]
    assert recorded["12"].date_text == "MeetingDate"  # the unfilled template, as printed (inconsistency 37)
    assert set(recorded) - set(sheets) == {"19a", "20c"}  # printed with pages, cover sheet not held


def test_the_minutes_of_26_january_2021(demo):
    minutes = list(Minute.objects.filter(meeting__date=date(2021, 1, 26)).order_by("sort_number", "sort_letter"))
    expected = FIXTURE["previous_minutes"]["minutes"]
    assert [m.number for m in minutes] == [e["minute_number"] for e in expected]
    assert [m.title for m in minutes] == [e["title"] for e in expected]
    for minute, entry in zip(minutes, expected, strict=True):
        if (entry["resolution"] or "").startswith("RESOLVED"):
            assert _flat(minute.resolution) == _flat(entry["resolution"]), minute.number
        elif entry["resolution"] and not entry["resolution"].startswith("("):
            assert _flat(entry["resolution"]) in _flat(minute.text), minute.number
    assert [m.number for m in minutes if m.part == 2] == ["48", "49", "49A", "50", "50A"]
    text = {m.number: m.text for m in minutes}
    assert "Referrals to the MASH (Multi Agency Safeguarding Hub) had increased by 24%." in text["39"]
    assert "The Meeting ended" not in text["50A"] and text["50A"].splitlines()[-1] != "Chairman"
    held = Meeting.objects.get(committee__slug=SLUG, date=date(2021, 1, 26))
    assert held.ended_at.strftime("%H:%M") == "20:10"
    present = held.attendance.filter(kind="present")
    assert present.filter(councillor=True).count() == 8 and present.filter(councillor=False).count() == 3


def test_a_paragraph_broken_by_a_page_is_joined():
    text, resolution = minute_text(SEED, 369, 377)  # minute 47: its resolution runs over a page break
    assert text == ""
    assert "that if members of the press and public were present" in resolution
    assert "\n" not in resolution


def test_the_work_programme_2021_22(demo):
    committee = Committee.objects.get(slug=SLUG)
    programme = work_programme(committee=committee, year=MunicipalYear(2021))
    items = [item for entry in programme for item in entry.items]
    rows = [row for row in PROGRAMME if row["kind"] == "agenda item"]
    assert [(i.title, i.note) for i in items] == [(r["item"], r["column_2_text"]) for r in rows]
    assert [i.get_item_type_display().lower() if i.item_type else "" for i in items] == [
        r["column_3_text"].lower() for r in rows
    ]
    assert [i.item_type for i in items].count("") == 1  # "Capital Programme Monitoring 2021/22 Q1" has none printed
    assert [i.title for i in items if i.status == "postponed"] == [
        "Annual CEF Compliments & Complaints Report",
        "Performance Management 2021/22",
    ]
    related = [(e.meeting.committee.name, e.meeting.date) for e in programme if e.related]
    expected = [
        (r["meeting_body"], printed_date(r["meeting_date_text"])) for r in PROGRAMME if r["kind"] != "agenda item"
    ]
    assert related == expected
    assert len(items) == 34 and len(related) == 7
    dates = [entry.meeting.date for entry in programme]
    assert dates == sorted(dates)


def test_loading_twice_changes_nothing(demo):
    organisation = Organisation.objects.get(slug="bromley")
    counts = [model.objects.count() for model in (Committee, Meeting, AgendaItem, Minute, WorkProgrammeItem, Report)]
    created, kept = load_committees(organisation=organisation, data_dir=DATA)
    assert created == []
    assert len(kept) == 3
    assert [
        model.objects.count() for model in (Committee, Meeting, AgendaItem, Minute, WorkProgrammeItem, Report)
    ] == counts
