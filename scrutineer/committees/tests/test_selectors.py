"""Reads: matters carried until done, the forward programme a meeting sees, and fixed query counts."""

from __future__ import annotations

from datetime import date

import pytest

from scrutineer.committees import selectors, services
from scrutineer.committees.models import Committee, MatterOutstanding, Meeting, WorkProgrammeItem

from . import factories

pytestmark = pytest.mark.django_db


def test_a_matter_is_reported_to_each_meeting_until_it_is_done(demo):
    owner = factories.committee()
    january, march, june, september = (
        factories.meeting(owner, day)
        for day in (date(2021, 1, 26), date(2021, 3, 10), date(2021, 6, 15), date(2021, 9, 14))
    )
    matter = services.matter_save(
        matter=MatterOutstanding(committee=owner, raised_at=january),
        values={"action": "Circulate the Drive launch details", "owner": "Head of Early Intervention", "due": march},
    )
    assert selectors.matters_outstanding(committee=owner, meeting=january) == []
    assert selectors.matters_outstanding(committee=owner, meeting=march) == [matter]
    services.matter_save(matter=matter, values={"status": MatterOutstanding.Status.COMPLETED, "completed_at": june})
    assert selectors.matters_outstanding(committee=owner, meeting=june) == [matter]  # told it is done
    assert selectors.matters_outstanding(committee=owner, meeting=september) == []
    assert selectors.matters_outstanding(committee=owner) == []


def test_the_forward_programme_of_10_march_2021_is_the_next_year_s(demo):
    meeting = Meeting.objects.get(committee__slug="children-education-families-pds", date=date(2021, 3, 10))
    programme = selectors.forward_programme(meeting=meeting)
    assert programme[0].meeting.date == date(2021, 6, 15)
    assert programme[-1].meeting.date == date(2022, 3, 15)
    assert sum(len(entry.items) for entry in programme) == 34


def test_the_work_programme_takes_the_same_queries_however_long(demo, django_assert_num_queries):
    committee = Committee.objects.get(slug="children-education-families-pds")
    year = selectors.programme_years(committee=committee)[0]
    with django_assert_num_queries(2) as short:
        selectors.work_programme(committee=committee, year=year)
    meeting = Meeting.objects.get(committee=committee, date=date(2021, 6, 15))
    for number in range(30):
        services.programme_item_save(item=WorkProgrammeItem(meeting=meeting), values={"title": f"Extra {number}"})
    with django_assert_num_queries(len(short.captured_queries)):
        selectors.work_programme(committee=committee, year=year)


def test_the_agenda_takes_the_same_queries_however_long(demo, django_assert_num_queries):
    meeting = Meeting.objects.get(committee__slug="children-education-families-pds", date=date(2021, 3, 10))

    def read():
        items = selectors.agenda(meeting=meeting)
        return [(item.label, getattr(item, "paper", None), item.minutes_of) for item in items]

    with django_assert_num_queries(2):
        assert len(read()) == 31
    for number in range(40, 60):
        item = factories.item(meeting, number)
        services.agenda_report_save(item=item, values={"title": f"Report {number}"})
    with django_assert_num_queries(2):
        assert len(read()) == 51


def test_the_membership_groups_as_the_front_sheet_prints_them(demo):
    committee = Committee.objects.get(slug="children-education-families-pds")
    groups = selectors.membership_groups(selectors.members(committee=committee))
    assert [seat.name for seat in groups.chairman] == ["Nicky Dykes"]
    assert list(groups.co_opted) == [
        "Church Representatives with Voting Rights",
        "Parent Governor Members with Voting Rights",
        "Non-Voting Co-opted Members",
    ]
