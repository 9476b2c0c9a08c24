import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from scrutineer.contracts.exports import write_export
from scrutineer.contracts.models import Contract, RegisterEntry, ReportingCycle
from scrutineer.contracts.services import cycle_publish, register_import
from scrutineer.core.tabular import ImportRejected
from scrutineer.domain.periods import Month

from .helpers import HEADERS, csv_bytes, import_rows, row

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures" / "contracts_register_feb2021.csv"


def test_the_printed_register_imports_whole(council):
    with FIXTURE.open("rb") as source:
        result = register_import(
            organisation=council, month=Month(2021, 2), as_at=date(2021, 1, 21), source=source, name=FIXTURE.name
        )
    assert (result.entries, result.new_contracts, result.replaced) == (40, 40, 0)
    assert result.cycle.status == ReportingCycle.Status.DRAFT
    entry = RegisterEntry.objects.get(contract__reference="4909")
    assert (entry.supplier, entry.total_value, entry.months_duration) == ("", 96_372_000, 36)


def test_every_problem_is_listed_and_nothing_is_written(council):
    rows = [
        row(contract_id="1"),
        row(contract_id="2", total_value="lots"),
        row(contract_id="3"),
        row(contract_id="4", end_date="31/02/2022"),
        row(contract_id="5", portfolio="Parks"),
        row(contract_id="3"),
        row(contract_id="7", start_date="01/04/2023", end_date="31/03/2022", months_duration=""),
        row(contract_id="8", months_duration="48"),
        row(contract_id="9", attention="maybe", capital="Loan"),
        row(contract_id="", contract_title=""),
        row(contract_id="11", risk_index="150"),
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_rows(council, rows)
    found = {(e.line, e.column) for e in rejected.value.errors}
    assert found == {
        (3, "Total Value"),
        (5, "End Date"),
        (6, "Portfolio"),
        (7, "Contract ID"),
        (8, "End Date"),
        (9, "Months Duration"),
        (10, "Attention"),
        (10, "Capital"),
        (11, "Contract ID"),
        (11, "Contract Title"),
        (12, "Risk Index"),
    }
    assert "already on line 4" in next(e.message for e in rejected.value.errors if e.line == 7)
    assert (RegisterEntry.objects.count(), Contract.objects.count(), ReportingCycle.objects.count()) == (0, 0, 0)


def test_a_failure_while_writing_leaves_nothing_behind(council, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("scrutineer.contracts.services.bulk_create_with_history", crash)
    with pytest.raises(RuntimeError):
        import_rows(council, [row(contract_id="1"), row(contract_id="2")])
    assert (RegisterEntry.objects.count(), Contract.objects.count(), ReportingCycle.objects.count()) == (0, 0, 0)


def test_missing_columns_are_named(council):
    with pytest.raises(ImportRejected) as rejected:
        register_import(
            organisation=council,
            month=Month(2021, 5),
            as_at=date(2021, 4, 21),
            source=io.BytesIO(csv_bytes([row()], headers=["Contract ID", "Owner"])),
            name="register.csv",
        )
    assert {e.column for e in rejected.value.errors} == {
        "Contract Title",
        "Portfolio",
        "Total Value",
        "Original Annual Value",
        "Start Date",
        "End Date",
    }


def test_months_duration_within_a_month_is_kept_as_printed_and_a_blank_one_is_worked_out(council):
    import_rows(council, [row(contract_id="1", months_duration="35"), row(contract_id="2", months_duration="")])
    assert dict(RegisterEntry.objects.values_list("contract__reference", "months_duration")) == {"1": 35, "2": 36}


def test_an_excel_workbook_imports_like_a_csv(council):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    values = row(contract_id="77", total_value="250000")
    cells = [values[h] for h in HEADERS]
    cells[HEADERS.index("Start Date")] = date(2020, 4, 1)
    cells[HEADERS.index("End Date")] = date(2023, 3, 31)
    cells[HEADERS.index("Total Value")] = 250000
    sheet.append(cells)
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    register_import(
        organisation=council, month=Month(2021, 5), as_at=date(2021, 4, 21), source=data, name="register.xlsx"
    )
    entry = RegisterEntry.objects.get()
    assert (entry.start_date, entry.end_date, entry.total_value) == (date(2020, 4, 1), date(2023, 3, 31), 25_000_000)


def test_reimporting_a_draft_cycle_replaces_its_entries(council):
    import_rows(council, [row(contract_id="1"), row(contract_id="2")])
    result = import_rows(council, [row(contract_id="2", contract_title="Renamed"), row(contract_id="3")])
    assert (result.replaced, result.new_contracts) == (2, 1)
    assert sorted(RegisterEntry.objects.values_list("contract__reference", "title")) == [
        ("2", "Renamed"),
        ("3", "Example Service"),
    ]


def test_a_published_cycle_is_never_replaced(council):
    result = import_rows(council, [row(contract_id="1")])
    cycle_publish(cycle=result.cycle)
    with pytest.raises(ImportRejected, match="1 problem") as rejected:
        import_rows(council, [row(contract_id="2")])
    assert "is published" in rejected.value.errors[0].message
    assert list(RegisterEntry.objects.values_list("contract__reference", flat=True)) == ["1"]


def test_a_number_in_the_risk_index_column_is_the_councils_own_score(council):
    import_rows(council, [row(contract_id="1", risk_index="65"), row(contract_id="2", risk_index="Amber")])
    imported, printed = RegisterEntry.objects.order_by("contract__reference")
    assert (imported.risk_score, imported.risk_colour, imported.risk_source) == (65, "red", "imported")
    assert printed.risk_source == "computed"
    assert printed.printed["risk_index"] == "Amber"


def test_export_then_import_gives_the_same_register(council_register):
    february = ReportingCycle.objects.get(month="2021-02-01")
    first = io.BytesIO()
    write_export(cycle=february, format="csv", stream=first)
    register_import(
        organisation=council_register,
        month=Month(2021, 6),
        as_at=february.as_at,
        source=io.BytesIO(first.getvalue()),
        name="export.csv",
    )
    june = ReportingCycle.objects.get(month="2021-06-01")
    cycle_publish(cycle=june)
    second = io.BytesIO()
    write_export(cycle=june, format="csv", stream=second)
    assert second.getvalue() == first.getvalue().replace(b",2021-02,", b",2021-06,")


def test_the_command_imports_and_reports(council, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([row(contract_id="1"), row(contract_id="2")]))
    call_command("import_contracts", str(path), "--cycle", "2021-05", "--as-at", "2021-04-21", "--publish")
    assert "2 contracts imported into May 2021 (published)" in capsys.readouterr().out


def test_the_command_fails_with_every_problem_and_writes_nothing(council, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([row(contract_id="1", total_value="x"), row(contract_id="2", start_date="soon")]))
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_contracts", str(path), "--cycle", "2021-05", "--as-at", "2021-04-21")
    err = capsys.readouterr().err
    assert "line 2, column Total Value" in err and "line 3, column Start Date" in err
    assert RegisterEntry.objects.count() == 0
