"""The plan update report (CEF21009) as data, from the demo plan and its Quarter 3 2020/21 updates."""

from datetime import date

import pytest

from scrutineer.core.models import ReportingPeriod
from scrutineer.domain.parts import Part
from scrutineer.plans.models import SubAction, Update
from scrutineer.reports.document import Chart, Section, Table
from scrutineer.reports.kinds.plan_update import NO_UPDATE, PAST_TARGET
from scrutineer.reports.models import Report
from scrutineer.reports.registry import ReportUnavailable, report_kind
from scrutineer.reports.selectors import report_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind():
    return report_kind("plan-update")


@pytest.fixture
def report(demo):
    return Report.objects.get(kind="plan-update", period="2020-21-Q3")


def _appendix(document) -> Section:
    (appendix,) = document.appendices
    return appendix


def _tables(document) -> list[Table]:
    return [block for block in document.walk() if isinstance(block, Table)]


def test_cover_and_numbered_sections_follow_the_councils_form(kind, report):
    document = kind.build(report, Part.ONE)
    assert document.cover.report_number == "CEF21009A"
    assert dict((f.label, f.value) for f in document.cover.fields)["Date"] == "Wednesday 10 March 2021"
    assert [s.heading for s in document.sections if s.number] == [
        "1 Reason for report",
        "2 RECOMMENDATION(S)",
        "3 COMMENTARY",
        "4 Impact on Vulnerable Adults and Children",
        "5 Policy Implications",
        "6 Financial Implications",
        "7 Legal Implications",
    ]
    commentary = next(s for s in document.sections if s.number == "3")
    assert [b.number for b in commentary.blocks if getattr(b, "number", "")] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    closing = dict((f.label, f.value) for f in document.closing)
    assert closing["Non-Applicable Sections"] == "Personnel Implications, Procurement Implications"


def test_appendix_has_each_priority_with_ambitions_links_and_action_table(kind, report, demo):
    appendix = _appendix(kind.build(report, Part.ONE))
    assert appendix.title == "Appendix 1: Children, Education and Families Portfolio Plan for 2020/21 Quarter 3 Update"
    assert appendix.landscape and appendix.page_break_before
    priorities = [b for b in appendix.blocks if isinstance(b, Section) and b.title.startswith("Priority ")]
    assert [p.title for p in priorities] == [str(p) for p in demo.priorities.order_by("position")]
    first = priorities[0]
    assert [s.title for s in first.blocks] == ["Our Ambitions", "Strategic links", "What are we going to do?"]
    links = first.blocks[1].blocks[-1].items
    assert links.count("The Roadmap to Excellence") == 2  # printed twice in the plan, kept twice


def test_action_tables_have_one_row_per_sub_action_and_keep_printed_numbers(kind, report):
    tables = _tables(kind.build(report, Part.ONE))[1:]
    assert sum(len(table.rows) for table in tables) == 32
    assert [c.plain for c in tables[0].header_rows[0]] == [
        "ACTION", "DETAIL", "MEASURES OF SUCCESS", "TARGET DATE", "LEAD", "UPDATES",
    ]  # fmt: skip
    priority3 = [group.rows[0].cells[0].plain for group in tables[2].groups]
    assert [title.split(" ", 1)[0] for title in priority3] == ["1.", "2.", "4.", "5.", "6.", "7."]


def test_a_cell_shared_by_lettered_sub_actions_is_printed_once_across_them(kind, report):
    # 004_5a7191a0a14e1e5f.txt:790: one measures cell and one lead for A, B and C; three dates.
    table = _tables(kind.build(report, Part.ONE))[3]
    group = table.groups[1]
    first = group.rows[0].cells
    assert first[0].rowspan == 3  # the action
    assert first[2].rowspan == 3 and "Take up of targeted childcare" in first[2].plain  # measures
    assert first[3].rowspan == 1  # target dates differ
    assert [len(row.cells) for row in group.rows] == [6, 3, 3]


def test_target_dates_before_the_quarter_are_flagged(kind, report):
    document = kind.build(report, Part.ONE)
    cells = [cell.plain for table in _tables(document)[1:] for row in table.rows for cell in row.cells]
    assert sum(PAST_TARGET in cell for cell in cells) == 2
    summary = _appendix(document).blocks[0]
    assert summary.blocks[1].text == "2 sub-actions are past their target date: 3.2B, 3.2C."


def test_only_approved_updates_are_printed(kind, report):
    update = Update.objects.get(sub_action__action__priority__number=1, sub_action__action__number="1")
    update.status = Update.Status.SUBMITTED
    update.save()
    document = kind.build(report, Part.ONE)
    cells = [cell.plain for table in _tables(document)[1:] for row in table.rows for cell in row.cells]
    assert not any("MAPE (Multi Agency Partnership Event)" in cell for cell in cells)
    assert cells.count(NO_UPDATE) == 1
    chart = next(block for block in document.walk() if isinstance(block, Chart))
    assert [cell.plain for cell in chart.table.total_rows[0].cells] == ["Total", "31", "1"]
    (gap,) = kind.gaps(report)
    assert gap.blocking is False and "1 of 32 sub-actions have no approved update: 1.1" in gap.message


def test_any_period_with_a_plan_can_be_reported(kind, demo):
    q4, _ = ReportingPeriod.objects.get_or_create(  # the demo opens Quarter 4 itself
        organisation=demo.portfolio.organisation, year=2020, quarter=4, defaults={"deadline": date(2021, 4, 30)}
    )
    sub_action = SubAction.objects.get(action__priority__number=1, action__number="1")
    Update.objects.create(sub_action=sub_action, period=q4, text="MAPE held as a webinar.", status="approved")
    report = report_for(portfolio=demo.portfolio, kind=kind, period="2020-21-Q4")
    assert report.pk is None
    assert report.title == "Children, Education and Families Portfolio Plan 2018 to 2022 Update – Quarter 4 2020/21"
    # Standing fields come from the previous report of the kind.
    assert report.chief_officer == "Janet Bailey, Interim Director of Children's Services"
    document = kind.build(report, Part.ONE)
    assert document.draft is True
    cells = [cell.plain for table in _tables(document)[1:] for row in table.rows for cell in row.cells]
    assert "MAPE held as a webinar." in cells
    assert cells.count(NO_UPDATE) == 31
    assert _appendix(document).title.endswith("Plan for 2020/21 Quarter 4 Update")


def test_a_period_the_organisation_does_not_have_cannot_be_reported(kind, demo):
    report = report_for(portfolio=demo.portfolio, kind=kind, period="2019-20-Q1")
    assert kind.available(demo.portfolio, "2019-20-Q1") is False
    with pytest.raises(ReportUnavailable):
        kind.build(report, Part.ONE)


def test_building_the_report_takes_a_fixed_handful_of_queries(kind, report, django_assert_num_queries):
    """No query per priority, action or sub-action: the selectors own their queries (check L3)."""
    report = Report.objects.select_related("portfolio__organisation").get(pk=report.pk)
    with django_assert_num_queries(11):
        kind.build(report, Part.ONE)
    action = SubAction.objects.get(action__priority__number=1, action__number="1").action
    period = ReportingPeriod.objects.get(year=2020, quarter=3)
    for position in range(2, 12):
        sub_action = SubAction.objects.create(
            action=action, position=position, letter=chr(64 + position), detail="More"
        )
        sub_action.measures.create(position=1, text="Measured")
        Update.objects.create(sub_action=sub_action, period=period, text=f"Update {position}", status="approved")
    with django_assert_num_queries(11):
        document = kind.build(report, Part.ONE)
    assert sum(len(table.rows) for table in _tables(document)[1:]) == 42
