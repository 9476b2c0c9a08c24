"""`scrutineer report KIND --period ... --part ... --format ... -o FILE`."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from .conftest import docx_text

pytestmark = pytest.mark.django_db


def test_without_a_kind_it_lists_the_reports_it_can_make(demo):
    out = io.StringIO()
    call_command("report", stdout=out)
    assert "plan-update: Portfolio plan update (period: a financial quarter, e.g. 2020-21-Q3)" in out.getvalue()
    assert "contracts-register: Contracts register (period: a contract reporting cycle as its month, e.g. 2021-02)" in (
        out.getvalue()
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["contracts-register", "--period", "2021-02", "--part", "2", "--format", "html"], "CEF21007B"),
        (["budget-monitoring", "--period", "2020-21-Q3", "--format", "html"], "CEF21002A"),
        (["capital-monitoring", "--period", "Q3 2020/21", "--format", "html"], "FSD21015A"),
    ],
)
def test_each_committee_report_is_written_from_the_command_line(demo, tmp_path, args, says, committee_member):
    target = tmp_path / "report.html"
    err = io.StringIO()
    call_command("report", *args, "--user", committee_member.username, "-o", str(target), stderr=err)
    assert f"Report No. {says}" in target.read_text(encoding="utf-8")
    assert f"Wrote {says}: " in err.getvalue()


def test_plan_update_part_1_as_html(demo, tmp_path):
    target = tmp_path / "plan.html"
    call_command(
        "report", "plan-update", period="2020-21-Q3", part=1, format="html", output=str(target), stderr=io.StringIO()
    )
    html = target.read_text(encoding="utf-8")
    assert "Report No. CEF21009A · PART 1 – PUBLIC" in html
    assert "MAPE (Multi Agency Partnership Event) is on hold due to COVID." in html


def test_plan_update_part_2_as_word_with_the_period_written_as_councils_write_it(demo, tmp_path, committee_member):
    target = tmp_path / "plan.docx"
    call_command(
        "report",
        "plan-update",
        period="Q3 2020/21",
        part=2,
        format="docx",
        output=str(target),
        user=committee_member.username,
        stderr=io.StringIO(),
    )
    text = docx_text(target.read_bytes())
    assert "CEF21009B" in text and "PART 2 – EXEMPT" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-report", "--period", "2020-21-Q3"], "Unknown report 'no-such-report'. Available: "),
        (["plan-update"], "Give --period: a financial quarter, e.g. 2020-21-Q3."),
        (["plan-update", "--period", "2020-12"], "is not a financial quarter"),
        (
            ["plan-update", "--period", "2019-20-Q2"],
            "Quarter 2 2019/20 is not a reporting period of London Borough of Bromley.",
        ),
        (["plan-update", "--period", "2020-21-Q3", "--portfolio", "nope"], "No portfolio 'nope'."),
        (["contracts-register", "--period", "2020-21-Q3"], "a contract reporting cycle as its month, e.g. 2021-02"),
        (["contracts-register", "--period", "2020-11"], "No contracts register of Children, Education and Families"),
        (["budget-monitoring", "--period", "2020-21-Q4"], "No budget monitoring of Children, Education and Families"),
        (["capital-monitoring", "--period", "2021-02"], "is not a financial quarter"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_written(demo, tmp_path, args, message):
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("report", *args, "-o", str(target))
    assert not target.exists()
