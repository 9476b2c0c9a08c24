"""The cover sheet: gaps before publication, publishing, and saving without losing anyone's text."""

from datetime import date

import pytest

from scrutineer.core.models import ReportingPeriod
from scrutineer.domain.parts import Part
from scrutineer.reports.checks import blocking, report_gaps
from scrutineer.reports.models import Report
from scrutineer.reports.registry import report_kind
from scrutineer.reports.selectors import report_for
from scrutineer.reports.services import (
    ReportChanged,
    ReportIncomplete,
    report_cover_save,
    report_publish,
    report_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind():
    return report_kind("plan-update")


@pytest.fixture
def report(demo):
    return Report.objects.get(kind="plan-update", period="2020-21-Q3")


def test_the_published_cef21009_cover_sheet_has_one_unfinished_box(kind, report):
    # 004_5a7191a0a14e1e5f.txt:617: "Total current budget for this head: £"
    gaps = report_gaps(report, kind)
    assert [(gap.field, gap.blocking) for gap in gaps] == [("total_current_budget", True)]
    assert "template text" in gaps[0].message


def test_a_new_report_lists_every_gap_before_it_can_be_published(kind, demo):
    ReportingPeriod.objects.get_or_create(organisation=demo.portfolio.organisation, year=2020, quarter=4)
    Report.objects.all().delete()  # no earlier report to carry officers over from
    report = report_for(portfolio=demo.portfolio, kind=kind, period="2020-21-Q4")
    fields = {gap.field for gap in blocking(report_gaps(report, kind))}
    assert {"report_number", "meeting_date", "chief_officer", "contact_1_name", "period"} <= fields
    assert "title" not in fields and "reason" not in fields  # the kind's defaults fill these


def test_publishing_is_refused_with_every_gap_then_allowed_once_they_are_fixed(
    kind, report, performance_officer, quick_drawing
):
    report.status = Report.Status.DRAFT
    report.save()
    with pytest.raises(ReportIncomplete) as refused:
        report_publish(report=report, kind=kind, user=performance_officer)
    assert [gap.field for gap in refused.value.gaps] == ["total_current_budget"]
    report_cover_save(
        report=report, values={"total_current_budget": "N/A"}, user=performance_officer, expected_version=report.version
    )
    published = report_publish(report=report, kind=kind, user=performance_officer)
    assert published.status == Report.Status.PUBLISHED
    assert published.published_by == performance_officer
    assert published.history.first().history_change_reason == "published"


def test_exempt_commentary_needs_a_schedule_12a_paragraph(kind, report):
    report.total_current_budget = "N/A"
    report.part2_commentary = "About a named child."
    gaps = report_gaps(report, kind)
    assert [(gap.field, gap.part) for gap in gaps] == [("schedule_12a_paragraph", Part.TWO)]
    report.schedule_12a_paragraph = 1
    assert report_gaps(report, kind) == []


def test_changing_a_published_cover_sheet_makes_it_a_draft_again(report, performance_officer):
    assert report.is_published
    saved = report_cover_save(
        report=report, values={"ward": "All"}, user=performance_officer, expected_version=report.version
    )
    assert saved.status == Report.Status.DRAFT and saved.published_at is None
    assert saved.history.first().history_change_reason.startswith("cover sheet changed after publication")


def test_a_save_over_someone_elses_save_is_refused_and_writes_nothing(report, performance_officer, administrator):
    opened_at = report.version
    report_cover_save(report=report, values={"ward": "All"}, user=administrator, expected_version=opened_at)
    stale = Report.objects.get(pk=report.pk)
    with pytest.raises(ReportChanged) as changed:
        report_cover_save(
            report=stale, values={"ward": "Bromley Town"}, user=performance_officer, expected_version=opened_at
        )
    assert changed.value.current.ward == "All"
    assert Report.objects.get(pk=report.pk).ward == "All"
    assert Report.objects.get(pk=report.pk).version == opened_at + 1


def test_withdrawing_takes_a_report_back_to_draft(report, performance_officer):
    withdrawn = report_withdraw(report=report, user=performance_officer)
    assert withdrawn.status == Report.Status.DRAFT


def test_the_first_save_creates_the_report_with_its_defaults(kind, demo, performance_officer):
    ReportingPeriod.objects.get_or_create(organisation=demo.portfolio.organisation, year=2020, quarter=4)
    report = report_for(portfolio=demo.portfolio, kind=kind, period="2020-21-Q4")
    saved = report_cover_save(
        report=report,
        values={"report_number": "CEF21020", "meeting_date": date(2021, 6, 9)},
        user=performance_officer,
        expected_version=None,
    )
    assert saved.pk is not None and saved.version == 1
    assert saved.title.endswith("Update – Quarter 4 2020/21")


def test_a_report_started_by_someone_else_meanwhile_is_not_overwritten(kind, demo, performance_officer):
    ReportingPeriod.objects.get_or_create(organisation=demo.portfolio.organisation, year=2020, quarter=4)
    mine = report_for(portfolio=demo.portfolio, kind=kind, period="2020-21-Q4")
    theirs = report_for(portfolio=demo.portfolio, kind=kind, period="2020-21-Q4")
    report_cover_save(report=theirs, values={"ward": "All"}, user=performance_officer, expected_version=None)
    with pytest.raises(ReportChanged):
        report_cover_save(report=mine, values={"ward": "Mine"}, user=performance_officer, expected_version=None)
    assert Report.objects.get(period="2020-21-Q4").ward == "All"


def test_a_kinds_on_publish_runs_in_the_same_transaction(kind, report, performance_officer, quick_drawing):
    """`ReportKind.on_publish`: called once the report is published; if it refuses, nothing is."""
    import dataclasses

    report.status, report.total_current_budget = Report.Status.DRAFT, "N/A"
    report.save()
    seen = []
    recording = dataclasses.replace(kind, on_publish=lambda r, user: seen.append((r.pk, r.status, user)))
    report_publish(report=report, kind=recording, user=performance_officer)
    assert seen == [(report.pk, Report.Status.PUBLISHED, performance_officer)]
    report_withdraw(report=report, user=performance_officer)

    def refuse(r, user):
        from scrutineer.domain.cover_sheets import Gap

        raise ReportIncomplete([Gap("period", "The ledger refused it")])

    with pytest.raises(ReportIncomplete):
        report_publish(report=report, kind=dataclasses.replace(kind, on_publish=refuse), user=performance_officer)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
