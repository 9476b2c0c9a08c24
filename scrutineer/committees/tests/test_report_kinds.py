"""The two committee reports on the report framework: matters outstanding and work programme, and
the risk register information report."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from scrutineer.committees import services
from scrutineer.committees.models import Committee, MatterOutstanding, Meeting, Risk
from scrutineer.committees.report_kinds import NO_MATTERS, RISK_REGISTER_KIND, WORK_PROGRAMME_KIND
from scrutineer.core.models import Portfolio
from scrutineer.domain.parts import Part
from scrutineer.reports.document import Paragraph, Table
from scrutineer.reports.models import Report
from scrutineer.reports.selectors import report_for

pytestmark = pytest.mark.django_db


def _texts(document) -> list[str]:
    found = []
    for block in document.walk():
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Table):
            found += [cell.plain for row in block.rows for cell in row.cells]
    return found


def _programme_report() -> Report:
    return Report.objects.get(kind="work-programme", period="2021-03-10")


def test_item_5_says_there_are_no_matters_and_lists_the_programme(demo):
    document = WORK_PROGRAMME_KIND.build(_programme_report(), Part.ONE)
    commentary = next(section for section in document.sections if section.number == "3")
    first = commentary.blocks[0]
    assert (first.number, first.title) == ("3.1", "Matters Outstanding from Previous Meetings")
    assert first.blocks == (Paragraph(NO_MATTERS),)
    assert commentary.blocks[1].number == "3.2"  # the officers' text follows, numbered on
    texts = _texts(document)
    assert "Expenditure on Consultants 2020/21 and 2021/22" in texts
    assert "Schools' Forum, 24 June 2021" in texts
    assert "Postponed" in texts
    assert document.appendices[0].title.endswith("Work Programme 2021/22")


def test_a_matter_outstanding_is_in_the_report(demo):
    meeting = Meeting.objects.get(committee__slug="children-education-families-pds", date=date(2021, 3, 10))
    january = Meeting.objects.get(committee=meeting.committee, date=date(2021, 1, 26))
    services.matter_save(
        matter=MatterOutstanding(committee=meeting.committee, raised_at=january),
        values={"action": "Send details of the Drive launch", "owner": "Head of Early Intervention", "due": meeting},
    )
    texts = _texts(WORK_PROGRAMME_KIND.build(_programme_report(), Part.ONE))
    assert "Send details of the Drive launch" in texts
    assert NO_MATTERS not in texts


def test_the_quarter_lists_each_meeting_s_report(demo, performance_officer, client):
    portfolio = Portfolio.objects.get(slug="children-education-families")
    from scrutineer.domain.periods import FinancialQuarter

    assert WORK_PROGRAMME_KIND.periods_for(portfolio, FinancialQuarter.parse("2020-21-Q4")) == [
        "2021-01-26",
        "2021-03-10",
    ]
    url = reverse("reports:period", args=[portfolio.slug, "2020-21-Q4"])
    public = client.get(url).content.decode()
    assert "Matters outstanding and work programme: meeting of 10 March 2021" in public
    assert "meeting of 26 January 2021" not in public  # not started: officers only
    client.force_login(performance_officer)
    assert "Matters outstanding and work programme: meeting of 26 January 2021" in client.get(url).content.decode()


def test_a_work_programme_period_must_be_a_meeting(demo):
    portfolio = Portfolio.objects.get(slug="children-education-families")
    assert WORK_PROGRAMME_KIND.available(portfolio, "2021-03-10")
    assert not WORK_PROGRAMME_KIND.available(portfolio, "2021-03-11")
    assert not WORK_PROGRAMME_KIND.available(portfolio, "2020-21-Q4")


def _risks() -> Portfolio:
    portfolio = Portfolio.objects.get(slug="children-education-families")
    common = dict(
        owner="Director", cause="Demand", effect="Cost", existing_controls="Panel", review_date=date(2021, 6, 30)
    )
    services.risk_save(
        risk=Risk(portfolio=portfolio),
        values=dict(
            common,
            review_date=date(2021, 2, 28),
            reference="CEF1",
            title="Placement sufficiency",
            likelihood=4,
            impact=4,
            target_likelihood=2,
            target_impact=3,
            previous_likelihood=3,
            previous_impact=4,
        ),
    )
    services.risk_save(
        risk=Risk(portfolio=portfolio),
        values=dict(
            common,
            reference="CEF2",
            title="CANARY named provider failing",
            likelihood=2,
            impact=5,
            target_likelihood=1,
            target_impact=5,
            part=2,
            schedule_12a_paragraph=3,
        ),
    )
    return portfolio


def test_the_risk_register_report(demo):
    portfolio = _risks()
    assert RISK_REGISTER_KIND.available(portfolio, "2020-21-Q4")
    report = report_for(portfolio=portfolio, kind=RISK_REGISTER_KIND, period="2020-21-Q4")
    part1 = _texts(RISK_REGISTER_KIND.build(report, Part.ONE))
    part2 = _texts(RISK_REGISTER_KIND.build(report, Part.TWO))
    assert "4 x 4 = 16 (High)" in part1 and "Increased" in part1
    assert not any("CANARY" in text for text in part1)
    assert any("CANARY" in text for text in part2)
    gaps = RISK_REGISTER_KIND.gaps(report)
    assert [gap.field for gap in gaps if gap.blocking] == ["schedule_12a_paragraph"]
    assert any("CEF1" in gap.message for gap in gaps if not gap.blocking)  # review due before the quarter ends


def test_no_risks_no_report(demo):
    portfolio = Portfolio.objects.get(slug="children-education-families")
    Risk.objects.filter(portfolio=portfolio).delete()
    assert not RISK_REGISTER_KIND.available(portfolio, "2020-21-Q4")
    assert Committee.objects.filter(portfolio=portfolio).exists()
