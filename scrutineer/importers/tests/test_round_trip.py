"""Word, Excel and CSV plans the product exports are read back as the same plan (issue 10, point 5)."""

import io

import pytest

from scrutineer.core.models import ReportingPeriod
from scrutineer.importers.exports import write_plan
from scrutineer.importers.readers import read_plan_file
from scrutineer.importers.selectors import plan_as_document
from scrutineer.importers.services import plan_import_new
from scrutineer.plans.models import Plan, Update

from .conftest import PLAN_2018, comparable, differences

pytestmark = pytest.mark.django_db


def _export(document, format):
    stream = io.BytesIO()
    write_plan(document, stream, format=format)
    return stream.getvalue()


@pytest.fixture
def quarter_three(demo):
    return ReportingPeriod.objects.get(organisation=demo.portfolio.organisation, year=2020, quarter=3)


@pytest.mark.parametrize("format", ["docx", "xlsx"])
def test_the_demo_plan_with_its_updates_reads_back_unchanged(demo, quarter_three, format):
    original = plan_as_document(plan=demo, period=quarter_three)
    assert sum(1 for sub in original.sub_actions if sub.update) == 32

    read_back = read_plan_file(_export(original, format), f"plan.{format}")

    assert differences(comparable(read_back), comparable(original)) == []
    assert read_back.title == demo.title
    assert read_back.update_period == "Quarter 3 2020/21"


def test_a_csv_export_reads_back_with_the_same_actions_and_cells(demo, quarter_three):
    original = plan_as_document(plan=demo, period=quarter_three)
    read_back = read_plan_file(_export(original, "csv"), "plan.csv")
    assert (
        differences(comparable(read_back, priority_details=False), comparable(original, priority_details=False)) == []
    )


@pytest.mark.parametrize("format", ["docx", "xlsx"])
def test_export_then_import_gives_the_same_plan(demo, quarter_three, format):
    original = plan_as_document(plan=demo, period=quarter_three)
    document = read_plan_file(_export(original, format), f"plan.{format}")

    copy = plan_import_new(
        document=document,
        portfolio=demo.portfolio,
        slug=f"copy-{format}",
        title=document.title,
        period_label=demo.period_label,
        start_year=demo.start_year,
        end_year=demo.end_year,
        update_period=quarter_three,
    )

    imported = plan_as_document(plan=copy, period=quarter_three, statuses=(Update.Status.SUBMITTED,))
    assert differences(comparable(imported), comparable(original)) == []
    assert Plan.objects.count() == 2


@pytest.mark.parametrize("format", ["docx", "xlsx"])
def test_the_2018_plan_without_updates_round_trips(demo, format):
    document = read_plan_file(PLAN_2018.read_bytes(), PLAN_2018.name)
    plan = plan_import_new(
        document=document,
        portfolio=demo.portfolio,
        slug="plan-2018-22",
        title=document.title,
        period_label=document.period,
        start_year=2018,
        end_year=2021,
    )
    original = plan_as_document(plan=plan, period=None)
    read_back = read_plan_file(_export(original, format), f"plan.{format}")
    assert differences(comparable(read_back), comparable(original)) == []
    assert [len(p.actions) for p in read_back.priorities] == [3, 7, 4, 2]
