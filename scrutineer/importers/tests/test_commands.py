"""`scrutineer parse-plan`, `scrutineer import-plan` and `scrutineer export plan`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from scrutineer.core.models import ReportingPeriod
from scrutineer.importers.readers import read_plan_file
from scrutineer.plans.models import Action, Plan, SubAction, Update

from .conftest import FIXTURES, PLAN_2018, UPDATE_Q3


def _parse(*args) -> dict:
    out = io.StringIO()
    call_command("parse_plan", *args, stdout=out)
    return json.loads(out.getvalue())


def test_parse_plan_prints_the_shape_the_issue_gives_without_a_database():
    # No django_db mark: any query here would fail the test.
    printed = _parse(str(UPDATE_Q3))
    assert set(printed) == {"priorities", "warnings"}
    priority = printed["priorities"][0]
    assert set(priority) == {"number", "title", "actions"}
    assert set(priority["actions"][0]) == {"number", "title", "sub_actions"}
    sub = priority["actions"][0]["sub_actions"][0]
    assert set(sub) == {"letter", "detail", "measures", "target_date", "leads", "update"}
    assert set(printed["warnings"][0]) == {"location", "message"}
    fixture = json.loads((FIXTURES / "portfolio_plan_q3_2020_21.json").read_text(encoding="utf-8"))
    expected = [
        [
            (a["number"], a["title"], [(s["letter"], s["target_date_text"] or "") for s in a["sub_actions"]])
            for a in p["actions"]
        ]
        for p in fixture["priorities"]
    ]
    got = [
        [(a["number"], a["title"], [(s["letter"], s["target_date"]) for s in a["sub_actions"]]) for a in p["actions"]]
        for p in printed["priorities"]
    ]
    assert got == expected


def test_parse_plan_of_a_file_with_no_plan_prints_the_warning_and_fails(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting\n\nApologies were received.\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="No plan was found"):
        call_command("parse_plan", str(path), stdout=out)
    assert "No plan table was found" in json.loads(out.getvalue())["warnings"][0]["message"]


def test_parse_plan_refuses_a_file_it_cannot_read(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="PDF"):
        call_command("parse_plan", str(path))


@pytest.mark.django_db
def test_import_plan_loads_a_new_plan_and_refuses_it_twice(demo):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", str(PLAN_2018), "--slug", "plan-2018-22", stdout=out, stderr=err)
    assert "4 priorities, 16 actions, 17 sub-actions" in out.getvalue()
    assert "Actions are not numbered in the document" in err.getvalue()
    plan = Plan.objects.get(slug="plan-2018-22")
    assert (plan.title, plan.start_year, plan.end_year) == (
        "Children, Education and Families Portfolio Plan for 2018 to 2022",
        2018,
        2021,
    )
    assert plan.priorities.first().ambition_links.count() == 2

    counts = Plan.objects.count(), Action.objects.count()
    with pytest.raises(CommandError, match="already has a plan called 'plan-2018-22'"):
        call_command("import_plan", str(PLAN_2018), "--slug", "plan-2018-22")
    assert (Plan.objects.count(), Action.objects.count()) == counts


@pytest.mark.django_db
def test_import_plan_is_all_or_nothing_and_lists_every_problem(demo, tmp_path):
    text = UPDATE_Q3.read_text(encoding="utf-8").split("\n")
    # Two bad values far apart: a target date too long to store, and a lead too long to store.
    text[717 - 1] = text[717 - 1].replace("\tApril 2022 [AP]\t", "\tApril 2022 " + "and beyond " * 20 + "\t", 1)
    text[866 - 1] = text[866 - 1].replace("\tAssistant Director, Strategy", "\t" + "Very " * 80 + "Director", 1)
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(text), encoding="utf-8")
    before = Plan.objects.count(), SubAction.objects.count(), Update.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("import_plan", str(path), "--slug", "broken", "--no-updates")
    message = str(raised.value)
    assert "Nothing was imported. 2 problem(s)" in message
    assert "line 717: A target date is longer than 200 characters." in message
    assert "line 866: A lead role is longer than 300 characters." in message
    assert (Plan.objects.count(), SubAction.objects.count(), Update.objects.count()) == before


@pytest.mark.django_db
def test_import_plan_updates_into_an_open_period(demo):
    period = ReportingPeriod.objects.create(
        organisation=demo.portfolio.organisation, year=2021, quarter=1, status="open"
    )
    out = io.StringIO()
    call_command("import_plan", str(UPDATE_Q3), "--plan", demo.slug, "--period", "2021-22-Q1", stdout=out)
    assert "32 new, 0 replaced, 0 unchanged; 0 sub-actions have no update" in out.getvalue()
    updates = Update.objects.filter(period=period)
    assert set(updates.values_list("status", flat=True)) == {Update.Status.SUBMITTED}
    a_update = updates.get(sub_action__action__priority__number=2, sub_action__letter="D")
    assert a_update.text.endswith(
        "Engagement with new providers continues in order to maintain a choice of good quality placements."
    )

    again = io.StringIO()
    call_command("import_plan", str(UPDATE_Q3), "--plan", demo.slug, "--period", "2021-22-Q1", stdout=again)
    assert "0 new, 0 replaced, 32 unchanged" in again.getvalue()
    assert updates.count() == 32


@pytest.mark.django_db
def test_updates_for_a_closed_period_or_unknown_actions_are_refused(demo, tmp_path):
    with pytest.raises(CommandError, match="Quarter 3 2020/21 is not open for updates"):
        call_command("import_plan", str(UPDATE_Q3), "--plan", demo.slug, "--period", "2020-21-Q3")
    ReportingPeriod.objects.create(organisation=demo.portfolio.organisation, year=2021, quarter=1, status="open")
    text = UPDATE_Q3.read_text(encoding="utf-8").replace("\tE) Implementing Transition", "\tF) Implementing Transition")
    path = tmp_path / "renumbered.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 758: The plan has no sub-action 2\.1F"):
        call_command("import_plan", str(path), "--plan", demo.slug, "--period", "2021-22-Q1")
    assert not Update.objects.filter(period__year=2021).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["docx", "xlsx", "csv"])
def test_export_plan_writes_a_file_the_reader_reads_back(demo, tmp_path, format):
    path = tmp_path / f"plan.{format}"
    call_command("export", "plan", "--period", "2020-21-Q3", "--format", format, "-o", str(path))
    document = read_plan_file(path.read_bytes(), path.name)
    assert (len(document.priorities), len(document.actions), len(document.sub_actions)) == (5, 18, 32)
    assert sum(1 for sub in document.sub_actions if sub.update) == 32


@pytest.mark.django_db
def test_export_plan_refuses_what_it_cannot_do(demo, tmp_path):
    with pytest.raises(CommandError, match="docx, xlsx, csv"):
        call_command("export", "plan", "--format", "pdf", "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="no reporting period Quarter 1 2030/31"):
        call_command("export", "plan", "--format", "xlsx", "--period", "2030-31-Q1", "-o", str(tmp_path / "x"))


@pytest.mark.django_db
def test_a_plan_file_holding_a_nul_character_is_refused_with_where_it_is(demo, tmp_path):
    """A stray NUL (as a damaged file has) is refused on every database: PostgreSQL cannot store one."""
    path = tmp_path / "plan.csv"
    call_command("export", "plan", "--period", "2020-21-Q3", "--format", "csv", "-o", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",", ",\x00", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (Plan.objects.count(), SubAction.objects.count())
    with pytest.raises(CommandError, match=r"line 4, column 2: The cell holds a NUL character"):
        call_command("import_plan", str(path), "--slug", "damaged", "--title", "Damaged", "--no-updates")
    assert (Plan.objects.count(), SubAction.objects.count()) == before
