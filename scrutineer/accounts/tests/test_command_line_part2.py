"""Part 2 from the command line: refused without an account allowed Part 2, and logged like the site's reads."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from scrutineer.accounts.models import Part2Access

pytestmark = pytest.mark.django_db


def _report(tmp_path, *args: str):
    target = tmp_path / "report.html"
    call_command("report", "plan-update", "--period", "2020-21-Q3", "--format", "html", "-o", str(target), *args)
    return target


def test_part_2_without_an_account_is_refused_before_anything_is_drawn(demo, tmp_path):
    with pytest.raises(CommandError, match="give --user with the account this read is made for"):
        _report(tmp_path, "--part", "2")
    assert not (tmp_path / "report.html").exists()
    assert not Part2Access.objects.exists()


@pytest.mark.parametrize(
    ("who", "message"),
    [("outsider", "olly_outsider may not see Part 2"), ("nobody", "No active account 'nobody'")],
)
def test_part_2_for_an_account_the_site_would_not_show_it_to_is_refused(demo, tmp_path, outsider, who, message):
    username = outsider.username if who == "outsider" else who
    with pytest.raises(CommandError, match=message):
        _report(tmp_path, "--part", "2", "--user", username)
    assert not (tmp_path / "report.html").exists()
    assert not Part2Access.objects.exists()


def test_a_deactivated_account_is_refused(demo, tmp_path, committee_member):
    committee_member.is_active = False
    committee_member.save()
    with pytest.raises(CommandError, match="No active account 'cllr_member'"):
        _report(tmp_path, "--part", "2", "--user", committee_member.username)


def test_part_2_is_written_and_the_read_logged_against_the_account(demo, tmp_path, committee_member):
    target = _report(tmp_path, "--part", "2", "--user", committee_member.username)
    assert "PART 2 – EXEMPT" in target.read_text(encoding="utf-8")
    logged = Part2Access.objects.get()
    assert logged.user == committee_member
    assert logged.path.startswith("command line, as ")
    assert logged.path.endswith("scrutineer report plan-update --period 2020-21-Q3 --part 2 --format html")
    assert "CEF21009B" in logged.what and "(Part 2, html, " in logged.what


def test_part_1_needs_no_account_and_logs_nothing(demo, tmp_path):
    target = _report(tmp_path)
    assert "PART 1 – PUBLIC" in target.read_text(encoding="utf-8")
    assert not Part2Access.objects.exists()


def test_a_part_2_export_is_logged_with_its_command(demo, tmp_path, performance_officer):
    target = tmp_path / "index.csv"
    args = ["performance-index", "--period", "2020-12", "--part", "2", "--user", performance_officer.username]
    call_command("export", *args, "-o", str(target))
    with target.open(encoding="utf-8", newline="") as stream:
        assert any(row["withheld_in_part_1"] for row in csv.DictReader(stream))
    logged = performance_officer.part2_accesses.get()
    assert logged.what == "Performance index (Part 2) as at December 2020 (csv)"
    assert logged.path.endswith("scrutineer export performance-index --format csv --part 2 --period 2020-12")


def test_a_part_2_export_without_an_account_is_refused(demo, tmp_path):
    target = tmp_path / "index.csv"
    with pytest.raises(CommandError, match="give --user"):
        call_command("export", "performance-index", "--period", "2020-12", "--part", "2", "-o", str(target))
    assert not target.exists()


def test_a_part_2_export_that_fails_logs_no_read(demo, performance_officer):
    with pytest.raises(CommandError, match="is not a month"):
        call_command("export", "performance-index", "--period", "Smarch", "--part", "2", "--user", "pat_performance")
    assert not Part2Access.objects.exists()
