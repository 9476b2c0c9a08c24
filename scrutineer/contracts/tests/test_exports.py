import copy
import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from scrutineer.contracts.exports import CSV_HEADERS, LGTC_HEADERS, ocds_json, ocds_problems
from scrutineer.contracts.models import ReportingCycle
from scrutineer.contracts.services import cycle_publish

from .helpers import import_rows, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(capsysbinary):
    """`scrutineer export contracts ARGS` to standard output, as bytes."""

    def run(*args: str) -> bytes:
        call_command("export", "contracts", *args)
        return capsysbinary.readouterr().out

    return run


def _file(tmp_path, *args: str) -> bytes:
    path = tmp_path / "out"
    call_command("export", "contracts", *args, "-o", str(path))
    return path.read_bytes()


def test_csv_has_one_row_per_contract_with_the_published_fields(council_register, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_file(tmp_path, "--cycle", "2021-02", "--format", "csv").decode())))
    assert len(rows) == 40
    for column in ("contract_id", "title", "supplier", "total_value", "start_date", "end_date"):
        assert column in CSV_HEADERS
    for column in ("procurement_status", "risk_index", "capital"):
        assert column in rows[0]
    care_first = next(r for r in rows if r["contract_id"] == "270")
    assert care_first["total_value"] == "3313863.00"
    assert (care_first["start_date"], care_first["end_date"]) == ("2006-05-06", "2022-03-31")
    assert {r["contract_id"] for r in rows if r["capital"] == "yes"} == {"5017", "4998", "4997"}
    assert {r["contract_id"] for r in rows if r["procurement_status"] == "imminent"} == {"5035", "5000"}
    assert all(0 <= int(r["risk_index"]) <= 100 for r in rows)


def test_lgtc_has_the_transparency_code_fields_and_leaves_unknowns_blank(council_register, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_file(tmp_path, "--cycle", "2021-02", "--format", "lgtc").decode())))
    assert list(rows[0]) == list(LGTC_HEADERS)
    assert len(rows) == 40  # every contract is over £5,000
    first = next(r for r in rows if r["Reference Number"] == "5018")
    assert first["Title of Agreement"] == "Passenger Transport Services Framework Contracts"
    assert first["Sum to be Paid over the Length of the Contract"] == "49000000.00"
    assert first["Estimated Annual Spending"] == "7000000.00"
    assert first["Department Responsible"] == "Children, Education and Families"
    assert first["Irrecoverable VAT"] == first["SME"] == first["Description of Goods and Services"] == ""


def test_ocds_package_validates_against_the_ocds_1_1_5_schema(council_register, tmp_path):
    package = json.loads(_file(tmp_path, "--cycle", "2021-02", "--format", "ocds"))
    assert ocds_problems(package) == []
    assert package["version"] == "1.1"
    assert len(package["releases"]) == 40
    release = next(r for r in package["releases"] if r["contracts"][0]["id"] == "5000")
    assert release["contracts"][0]["status"] == "pending"  # starts 01/06/2022, after 21/01/2021
    assert release["contracts"][0]["value"] == {"amount": 666000, "currency": "GBP"}
    assert release["awards"][0]["suppliers"][0]["name"] == "LiquidLogic Limited"
    assert release["tag"] == ["contract"]
    for each in package["releases"]:
        for key in ("date",):
            assert date.fromisoformat(each[key][:10])


def test_the_schema_check_catches_a_broken_package(council_register, tmp_path):
    package = json.loads(_file(tmp_path, "--cycle", "2021-02", "--format", "ocds"))
    broken = copy.deepcopy(package)
    del broken["releases"][0]["ocid"]
    broken["releases"][1]["contracts"][0]["status"] = "finished"
    broken["releases"][2]["contracts"][0]["value"]["amount"] = "a lot"
    problems = ocds_problems(broken)
    assert len(problems) == 3
    assert any("'ocid' is a required property" in p for p in problems)


def test_a_supplier_without_a_name_is_left_out_of_the_ocds_parties(council_register, tmp_path):
    package = json.loads(_file(tmp_path, "--format", "ocds"))
    release = next(r for r in package["releases"] if r["contracts"][0]["id"] == "4909")
    assert [p["roles"] for p in release["parties"]] == [["buyer"]]
    assert "suppliers" not in release["awards"][0]


def test_amounts_with_pence_are_written_exactly():
    text = ocds_json({"amount": Decimal("4127636.66"), "other": Decimal("0.10")})
    assert b'"amount": 4127636.66' in text and b'"other": 0.10' in text


def test_export_writes_to_standard_output(council_register, export):
    lines = export("--cycle", "2021-02").decode().splitlines()
    assert lines[0].startswith("contract_id,title,supplier") and len(lines) == 41


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--part", "2"], r"Part 1 \(public\) only"),
        (["--format", "pdf"], "Unknown format 'pdf'"),
        (["--cycle", "2019-01"], "no published contracts register for '2019-01'"),
        (["--cycle", "2020-11"], "held only as the counts the council published"),
    ],
)
def test_exports_that_cannot_be_made_say_why(council_register, export, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)


def test_the_register_is_exported_part_1_only_even_for_an_account_allowed_part_2(
    council_register, export, committee_member
):
    with pytest.raises(CommandError, match=r"Part 1 \(public\) only"):
        export("--part", "2", "--user", committee_member.username)
    assert not committee_member.part2_accesses.exists()  # nothing was read


def test_a_draft_cycle_is_not_exported_from_the_command_line(council, export):
    result = import_rows(council, [row(contract_id="1")])
    with pytest.raises(CommandError, match="no published contracts register"):
        export("--cycle", "2021-05")
    cycle_publish(cycle=result.cycle)
    assert b"Example Service" in export("--cycle", "2021-05")
    assert ReportingCycle.objects.get().is_published is True


def test_formula_like_titles_are_neutralised(council, export):
    result = import_rows(council, [row(contract_id="1", contract_title="=HYPERLINK(1)")])
    cycle_publish(cycle=result.cycle)
    assert b"'=HYPERLINK(1)" in export("--cycle", "2021-05", "--format", "lgtc")
