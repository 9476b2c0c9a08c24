"""Which papers an item takes into the pack: the report framework's report once published, an
upload, or a "not available" page that says why."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from scrutineer.committees import services
from scrutineer.committees.papers import NOT_MADE, NOT_PUBLISHED, NOTHING_TO_REPORT, Source, papers_for
from scrutineer.reports.models import Report
from scrutineer.reports.registry import report_kinds

from . import factories
from .conftest import tiny_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo):
    return factories.meeting(factories.committee(), date(2021, 3, 10))


def test_items_without_papers_have_none(meeting):
    assert papers_for(factories.item(meeting, 1, "APOLOGIES", item_type="standard")) is None


def test_a_published_generated_report_is_pulled_in(meeting):
    item = factories.item(meeting, 7, report_kind="plan-update", report_period="2020-21-Q3")
    got = papers_for(item)
    assert got.source is Source.REPORT
    assert got.report == Report.objects.get(kind="plan-update", period="2020-21-Q3")


def test_a_draft_report_is_pulled_in_only_when_drafts_are_asked_for(meeting):
    Report.objects.filter(kind="plan-update", period="2020-21-Q3").update(status=Report.Status.DRAFT)
    item = factories.item(meeting, 7, report_kind="plan-update", report_period="2020-21-Q3")
    assert (papers_for(item).source, papers_for(item).reason) == (Source.UNAVAILABLE, NOT_PUBLISHED)
    assert papers_for(item, include_drafts=True).source is Source.REPORT
    assert papers_for(item, include_drafts=True).draft


def test_a_report_kind_scrutineer_does_not_make_yet_is_not_available(meeting):
    item = factories.item(meeting, 8, report_kind="budget-monitoring-not-a-kind", report_period="2020-21-Q3")
    assert (papers_for(item).source, papers_for(item).reason) == (Source.UNAVAILABLE, NOT_MADE)


def test_a_period_with_nothing_to_report(meeting):
    item = factories.item(meeting, 7, report_kind="plan-update", report_period="2031-32-Q1")
    assert papers_for(item).reason == NOTHING_TO_REPORT


def test_an_upload_stands_in_for_a_kind_not_made_yet(meeting):
    item = factories.item(meeting, 8, report_kind="budget-monitoring-not-a-kind", report_period="2020-21-Q3")
    services.agenda_report_attach_pdf(item=item, content=tiny_pdf("Budget"), name="budget.pdf")
    item.refresh_from_db()
    assert papers_for(item).source is Source.UPLOAD


def test_a_report_kind_registered_later_is_pulled_in_without_changing_the_agenda(meeting):
    """The agenda links kinds by name: once a kind of that name is registered, it is used."""
    item = factories.item(meeting, 13, report_kind="contracts-later", report_period="2020-21-Q3")
    assert papers_for(item).reason == NOT_MADE
    kinds = dict(report_kinds())
    kinds["contracts-later"] = dataclasses.replace(kinds["plan-update"], slug="contracts-later")
    Report.objects.filter(kind="plan-update").update(kind="contracts-later")
    got = papers_for(item, kinds=kinds)
    assert (got.source, got.kind.slug) == (Source.REPORT, "contracts-later")


def test_minutes_items_take_the_minutes(meeting):
    earlier = factories.meeting(meeting.committee, date(2021, 1, 26))
    item = factories.item(meeting, 3, item_type="minutes", minutes_of=earlier)
    assert papers_for(item).source is Source.MINUTES
