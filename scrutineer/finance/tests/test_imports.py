"""Imports are all-or-nothing, report every bad row, and change nothing when repeated."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from scrutineer.core.models import ReportingPeriod
from scrutineer.core.tabular import ImportRejected, read_table
from scrutineer.finance import selectors
from scrutineer.finance.models import BudgetLine, BudgetMonitoring, CapitalScheme
from scrutineer.finance.services import budget_import, capital_import

pytestmark = pytest.mark.django_db

BUDGET_HEADER = (
    "department,division,service_area,classification,prior_year_actuals,original_budget,latest_approved,"
    "projected_outturn,variation,note,variation_last_reported,full_year_effect,memorandum_group,row_type"
)
GOOD_BUDGET = (
    BUDGET_HEADER
    + """
People,Education,Adult Education,controllable,Cr 350,(401),-376,Cr 437,Cr 61,1,Cr 96,0,,
People,Education,SEN,controllable,"8,206","6,597","6,948","7,211",263,3,328,0,,
People,Education,Education subtotal,controllable,,"6,196","6,572","6,774",202,,,,,total
People,Care,Fostering,controllable,1,10,20,25,5,,,100,,
,,Non-controllable,non_controllable,,5,5,5,,,,,,
,,Recharges,excluded_recharges,,7,7,7,,,,,,
,,TOTAL CONTROLLABLE FOR PEOPLE,controllable,,,,,,,,,,total
,,TOTAL PEOPLE PORTFOLIO,portfolio,,,6604,6821,,,,,,total
,,Nursery,memorandum,,Cr 15,Cr 15,Cr 18,,,,,Sold Services,
"""
)


def _table(text, name="budget.csv"):
    return read_table(io.BytesIO(text.encode("utf-8")), name=name)


@pytest.fixture
def q4(monitoring):
    period, _ = ReportingPeriod.objects.get_or_create(  # the demo has it: its update cycle is open
        organisation=monitoring.portfolio.organisation, year=2020, quarter=4
    )
    return period


def test_a_good_budget_file_makes_a_new_quarters_report(monitoring, q4):
    report, result = budget_import(portfolio=monitoring.portfolio, period=q4, table=_table(GOOD_BUDGET))
    assert (result.lines, result.changed) == (6, True)
    assert report.title == "Budget Monitoring 2020/21" and report.period == q4
    view = selectors.budget_view(monitoring=report)
    assert view.summary.controllable.latest_approved == 6948 - 376 + 20
    assert view.summary.portfolio.projected_outturn == -437 + 7211 + 25 + 5 + 7
    assert report.portfolio_total_label == "TOTAL PEOPLE PORTFOLIO"
    line = BudgetLine.objects.get(monitoring=report, name="Adult Education")
    assert (line.original_budget, line.latest_approved, line.printed["prior_year_actuals"]) == (-401, -376, "Cr 350")


def test_printed_totals_in_the_file_are_checked_not_stored_as_lines(monitoring, q4):
    report, _ = budget_import(portfolio=monitoring.portfolio, period=q4, table=_table(GOOD_BUDGET))
    found = {
        (f.where, f.column, f.published, f.computed)
        for f in selectors.budget_findings(selectors.budget_view(monitoring=report))
    }
    # The file's own portfolio total is 10 more than its lines: the product says so, and nothing else.
    assert found == {("TOTAL PEOPLE PORTFOLIO", "Projected outturn", "6,821", "6,811")}
    assert not BudgetLine.objects.filter(monitoring=report, name__icontains="total").exists()


def test_importing_the_same_file_twice_changes_nothing(monitoring, q4):
    budget_import(portfolio=monitoring.portfolio, period=q4, table=_table(GOOD_BUDGET))
    ids = list(BudgetLine.objects.filter(monitoring__period=q4).values_list("pk", flat=True))
    _, result = budget_import(portfolio=monitoring.portfolio, period=q4, table=_table(GOOD_BUDGET))
    assert result.changed is False
    assert list(BudgetLine.objects.filter(monitoring__period=q4).values_list("pk", flat=True)) == ids


def test_a_bad_file_reports_every_problem_and_writes_nothing(monitoring):
    before = list(BudgetLine.objects.values_list("pk", "latest_approved"))
    bad = GOOD_BUDGET.replace('"6,948"', "six thousand").replace("Fostering,controllable", "Fostering,sort-of")
    bad += "People,,No division,controllable,,,1,1,,,,,,\n"
    bad += ",,Orphan total,controllable,,,,,,,,,,total\n".replace(",,Orphan", "People,Gone,Orphan")
    with pytest.raises(ImportRejected) as rejected:
        budget_import(portfolio=monitoring.portfolio, period=monitoring.period, table=_table(bad))
    problems = {(e.line, e.column) for e in rejected.value.errors}
    assert problems == {(3, "latest_approved"), (5, "classification"), (11, "division"), (12, "division")}
    assert list(BudgetLine.objects.values_list("pk", "latest_approved")) == before


def test_text_longer_than_the_database_holds_is_refused(monitoring):
    long = GOOD_BUDGET.replace("Adult Education,", "A" * 301 + ",").replace("People,Care", "P" * 201 + ",Care")
    long = long.replace(",Cr 96,", ",99999999999,")
    with pytest.raises(ImportRejected) as rejected:
        budget_import(portfolio=monitoring.portfolio, period=monitoring.period, table=_table(long))
    assert {(e.line, e.column) for e in rejected.value.errors} == {
        (2, "service_area"), (2, "variation_last_reported"), (5, "department"),
    }  # fmt: skip


def test_a_crash_half_way_through_writing_leaves_the_old_lines(monitoring, monkeypatch):
    from scrutineer.finance import services

    before = list(BudgetLine.objects.filter(monitoring=monitoring).values_list("pk", flat=True))

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.BudgetPublishedFigure.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        budget_import(portfolio=monitoring.portfolio, period=monitoring.period, table=_table(GOOD_BUDGET))
    assert list(BudgetLine.objects.filter(monitoring=monitoring).values_list("pk", flat=True)) == before


def test_missing_columns_are_named(monitoring):
    with pytest.raises(ImportRejected) as rejected:
        budget_import(
            portfolio=monitoring.portfolio, period=monitoring.period, table=_table("service_area,division\nA,B\n")
        )
    assert {e.column for e in rejected.value.errors} == {"classification", "latest_approved", "projected_outturn"}


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_an_excel_budget_file_reads_like_a_csv(monitoring, q4):
    rows = [
        ["division", "service_area", "classification", "latest_approved", "projected_outturn"],
        ["Education", "SEN", "controllable", 6948, 7211],
        ["Education", "Adult Education", "controllable", "Cr 376", -437],
    ]
    table = read_table(io.BytesIO(_xlsx(rows)), name="ledger.xlsx")
    report, result = budget_import(portfolio=monitoring.portfolio, period=q4, table=table)
    assert result.lines == 2
    assert selectors.budget_view(monitoring=report).summary.controllable.variation == 263 - 61


# --- capital -------------------------------------------------------------------------------

CAPITAL_HEADER = ",".join(
    ["row_type", "category", "scheme", "total_approved_estimate", "actual_to_date"]
    + [f"estimate_{year}_{(year + 1) % 100}" for year in range(2020, 2025)]
    + ["responsible_officer", "remarks"]
)
GOOD_CAPITAL = (
    CAPITAL_HEADER
    + """
scheme,SCHOOLS,New Roof,500,100,200,Cr 0,200,,,A Officer,Grant
scheme,SCHOOLS,Boiler,"1,000",0,400,600,,,,B Officer,
total,SCHOOLS,TOTAL SCHOOLS,"1,500",100,600,600,200,,,,
"""
)


def test_a_good_capital_file_replaces_the_schemes(programme):
    _, result = capital_import(portfolio=programme.portfolio, period=programme.period, table=_table(GOOD_CAPITAL))
    assert (result.lines, result.changed) == (2, True)
    view = selectors.capital_view(programme=programme)
    assert view.schemes_by_year == {2020: 600, 2021: 600, 2022: 200, 2023: 0, 2024: 0}
    assert CapitalScheme.objects.get(programme=programme, name="Boiler").total_approved_estimate == 1000
    assert ("TOTAL SCHOOLS", "Total approved estimate", "1,500", "1,500") not in {
        (f.where, f.column, f.published, f.computed) for f in selectors.capital_findings(view)
    }


def test_a_capital_year_outside_the_programme_and_bad_cells_are_refused(programme):
    bad = GOOD_CAPITAL.replace("estimate_2024_25", "estimate_2025_26").replace("New Roof,500", "New Roof,lots")
    before = list(CapitalScheme.objects.values_list("pk", flat=True))
    with pytest.raises(ImportRejected) as rejected:
        capital_import(portfolio=programme.portfolio, period=programme.period, table=_table(bad))
    assert {(e.line, e.column) for e in rejected.value.errors} == {
        (1, "estimate_2025_26"),
        (2, "total_approved_estimate"),
    }
    assert list(CapitalScheme.objects.values_list("pk", flat=True)) == before


def test_capital_export_imports_back_unchanged(programme, tmp_path):
    out = tmp_path / "capital.csv"
    call_command("export", "capital", "--period", "2020-21-Q3", "-o", str(out))
    call_command("import_capital", str(out), "--period", "2020-21-Q3")  # replaces printed totals by ours
    again = tmp_path / "again.csv"
    call_command("export", "capital", "--period", "2020-21-Q3", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()
    stdout = io.StringIO()
    call_command("import_capital", str(again), "--period", "2020-21-Q3", stdout=stdout)
    assert "unchanged" in stdout.getvalue()


def test_the_command_reports_problems_and_fails(monitoring, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("service_area,classification,latest_approved,projected_outturn\nA,controllable,x,1\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_budget", str(path), "--period", "2020-21-Q3", stderr=io.StringIO())
    with pytest.raises(CommandError, match="no reporting period"):
        call_command("import_budget", str(path), "--period", "2031-32-Q1")


# --- the upload page -------------------------------------------------------------------------


def _upload(client, text, *, kind="budget", period=None, monitoring=None, name="budget.csv"):
    return client.post(
        "/finance/import/",
        {
            "kind": kind,
            "portfolio": monitoring.portfolio.pk,
            "period": (period or monitoring.period).pk,
            "file": SimpleUploadedFile(name, text.encode("utf-8")),
        },
    )


def test_a_performance_officer_uploads_a_budget(client, performance_officer, monitoring, q4):
    client.force_login(performance_officer)
    response = _upload(client, GOOD_BUDGET, period=q4, monitoring=monitoring)
    assert response.status_code == 302
    assert response["Location"] == f"/finance/{monitoring.portfolio.slug}/2020-21-Q4/budget/"
    assert BudgetMonitoring.objects.filter(period=q4).exists()


def test_an_upload_with_problems_lists_them_all(client, performance_officer, monitoring):
    client.force_login(performance_officer)
    response = _upload(client, GOOD_BUDGET.replace('"6,948"', "lots"), monitoring=monitoring)
    html = response.content.decode()
    assert response.status_code == 422
    assert "The file was not imported" in html and "&#x27;lots&#x27; is not an amount" in html
    assert BudgetLine.objects.filter(monitoring=monitoring, name="SEN and Inclusion").get().latest_approved == 6948


def test_an_upload_that_is_not_a_spreadsheet_is_refused(client, performance_officer, monitoring):
    client.force_login(performance_officer)
    response = _upload(client, "hello", monitoring=monitoring, name="notes.txt")
    assert "must be a CSV file or an Excel workbook" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("lead_officer", 403), ("committee_member", 403), ("outsider", 403)])
def test_only_performance_officers_may_import(client, request, monitoring, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/finance/import/").status_code == status
    assert _upload(client, GOOD_BUDGET, monitoring=monitoring).status_code == status


def test_the_public_is_sent_to_sign_in(client, db):
    response = client.get("/finance/import/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]
