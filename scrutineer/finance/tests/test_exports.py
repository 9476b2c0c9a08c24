"""`scrutineer export budget|capital --period 2020-21-Q3 --format csv|xlsx`."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from scrutineer.finance.models import BudgetLine

pytestmark = pytest.mark.django_db

BUDGET_HEADER = [
    "line",
    "classification",
    "prior_year_actuals",
    "original_budget",
    "latest_approved",
    "projected_outturn",
    "variation",
    "variation_last_reported",
    "full_year_effect",
]


def _export(kind, *args):
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8")
    call_command("export", kind, *args, stdout=stdout)
    return out


def _csv(kind, tmp_path):
    path = tmp_path / f"{kind}.csv"
    call_command("export", kind, "--period", "2020-21-Q3", "--format", "csv", "-o", str(path))
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def test_budget_csv_has_one_row_per_line_and_per_total(monitoring, tmp_path):
    rows = _csv("budget", tmp_path)
    assert rows[0] == BUDGET_HEADER
    names = [row[0] for row in rows[1:]]
    assert len(names) == BudgetLine.objects.filter(monitoring=monitoring).count() + 7
    for total in (
        "Education Division subtotal",
        "Children's Social Care subtotal",
        "TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES",
        "Total Non-Controllable",
        "Total Excluded Recharges",
        "TOTAL EDUCATION, CHILDREN & FAMILIES PORTFOLIO",
        "Total Sold Services",
    ):
        assert total in names


def test_budget_csv_totals_are_computed_and_credits_negative(monitoring, tmp_path):
    rows = {row[0]: row for row in _csv("budget", tmp_path)[1:]}
    assert rows["TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES"][1:] == [
        "controllable", "46135", "42207", "42674", "43044", "370", "1792", "3469",
    ]  # fmt: skip
    assert rows["TOTAL EDUCATION, CHILDREN & FAMILIES PORTFOLIO"][5] == "53571"
    assert rows["Adult Education Centres"][2:7] == ["-350", "-401", "-376", "-437", "-61"]
    # Our sum, not the printed 170 (the two lines that lost their "Cr" make it 268).
    assert rows["Total Sold Services"][5:7] == ["268", "283"]


def test_budget_xlsx_holds_the_same_rows(monitoring, tmp_path):
    path = tmp_path / "budget.xlsx"
    call_command("export", "budget", "--period", "2020-21-Q3", "--format", "xlsx", "-o", str(path))
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == BUDGET_HEADER
    assert [
        "TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES",
        "controllable",
        46135,
        42207,
        42674,
        43044,
        370,
        1792,
        3469,
    ] in [list(row) for row in rows]
    assert len(rows) == len(_csv("budget", tmp_path))


def test_capital_csv_has_schemes_totals_and_a_column_per_year(programme, tmp_path):
    rows = _csv("capital", tmp_path)
    header = rows[0]
    assert [h for h in header if h.startswith("estimate_")] == [
        "estimate_2020_21", "estimate_2021_22", "estimate_2022_23", "estimate_2023_24", "estimate_2024_25",
    ]  # fmt: skip
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len([r for r in rows[1:] if r[0] == "scheme"]) == 17
    portfolio = by_name["TOTAL CHILDREN, EDUCATION & FAMILIES PORTFOLIO"]
    assert [portfolio[f"estimate_{y}"] for y in ("2021_22", "2022_23", "2023_24", "2024_25")] == [
        "11305", "190", "10", "10",
    ]  # fmt: skip
    assert portfolio["total_approved_estimate"] == "128886"  # our sum; the report printed 128,887
    assert by_name["Glebe School expansion (single academy trust)"]["responsible_officer"] == "Rob Bollen"


def test_capital_xlsx_opens(programme, tmp_path):
    path = tmp_path / "capital.xlsx"
    call_command("export", "capital", "--period", "2020-21-Q3", "--format", "xlsx", "-o", str(path))
    assert load_workbook(path).active.max_row == 1 + 17 + 3


def test_cells_a_spreadsheet_would_run_are_neutralised(monitoring, tmp_path):
    BudgetLine.objects.filter(monitoring=monitoring, name="Access & Inclusion").update(name="=HYPERLINK(1)")
    rows = _csv("budget", tmp_path)
    assert [row[0] for row in rows if "HYPERLINK" in row[0]] == ["'=HYPERLINK(1)"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--period"),
        (["--period", "2019-20-Q1"], "no budget monitoring for Quarter 1 2019/20"),
        (["--period", "soon"], "not a financial quarter"),
        (["--period", "2020-21-Q3", "--format", "pdf"], "Unknown format"),
    ],
)
def test_budget_export_explains_what_is_wrong(monitoring, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export", "budget", *args, "-o", "/dev/null")
