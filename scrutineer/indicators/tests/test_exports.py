"""`scrutineer export performance-index`: the columns the issue names, with the index's values."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from scrutineer.domain.parts import Part
from scrutineer.indicators.exports import HEADERS
from scrutineer.indicators.models import Indicator
from scrutineer.indicators.services import commentary_save

from .conftest import DECEMBER_2020

pytestmark = pytest.mark.django_db

REQUIRED = [
    "number", "name", "section", "polarity", "target", "latest", "ytd", "rag", "rag_computed",
    "override_reason", "england", "london",
]  # fmt: skip


def _export(tmp_path, *args) -> dict[str, dict[str, str]]:
    path = tmp_path / "index.csv"
    call_command("export", "performance-index", "--period", "2020-12", "-o", str(path), *args)
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert reader.fieldnames == list(HEADERS)
        return {row["number"]: row for row in reader if row["table"] in ("financial", "calendar")}


def test_the_export_has_the_columns_the_issue_names(portfolio, tmp_path):
    rows = _export(tmp_path)
    assert set(REQUIRED) <= set(HEADERS)
    assert len(rows) == 38


def test_values_of_a_green_indicator(portfolio, tmp_path):
    ten = _export(tmp_path)["10"]
    assert {k: ten[k] for k in REQUIRED if k != "name"} == {
        "number": "10",
        "section": "Safeguarding and Child Protection",
        "polarity": "High",
        "target": "95 - 83%",
        "latest": "86%",
        "ytd": "",
        "rag": "GREEN",
        "rag_computed": "GREEN",
        "override_reason": "",
        "england": "83%",
        "london": "82%",
    }
    assert [ten[m] for m in ("apr", "sep", "dec", "jan")] == ["92%", "89%", "86%", ""]
    assert (ten["prior_year_1"], ten["prior_year_2"], ten["prior_year_3"]) == ("86%", "81%", "88%")


def test_a_rating_set_as_published_shows_both_ratings_and_the_reason(portfolio, tmp_path):
    rows = _export(tmp_path)
    assert (rows["17"]["rag"], rows["17"]["rag_computed"], rows["17"]["override_reason"]) == (
        "GREEN",
        "AMBER",
        "as published",
    )
    assert (rows["29"]["rag"], rows["29"]["rag_computed"]) == ("AMBER", "")
    assert (rows["31"]["rag"], rows["31"]["rag_text"]) == (
        "",
        "Reset at start of academic year leads to higher Not Known figures",
    )
    assert (rows["26"]["rag"], rows["26"]["rag_computed"], rows["26"]["commentary_part"]) == ("RED", "RED", "Part 1")
    assert rows["1.1"]["ytd"] == "715"


def test_calendar_year_rows_fill_their_own_months(portfolio, tmp_path):
    ehcp = _export(tmp_path)["35.1"]
    assert [ehcp[m] for m in ("mar", "jun", "sep", "dec")] == ["48%", "60%", "67%", "74%"]
    assert (ehcp["table"], ehcp["ytd"], ehcp["rag"]) == ("calendar", "62%", "AMBER")


def test_part_1_is_the_default_and_shows_suppressed_cells_as_c(portfolio, tmp_path):
    rows = _export(tmp_path)
    carers = rows["22.2"]
    assert (carers["latest"], carers["dec"], carers["prior_year_1"], carers["rag"]) == ("c", "c", "c", "AMBER")
    assert carers["commentary"] == "See Part 2 report"
    assert carers["withheld_in_part_1"] == ""


def test_part_2_shows_what_was_printed_and_marks_what_part_1_withholds(portfolio, tmp_path, performance_officer):
    carers = _export(tmp_path, "--part", "2", "--user", performance_officer.username)["22.2"]
    assert carers["dec"] == "5"  # the demo's Part 2 figure
    assert carers["prior_year_1"] == "X"
    assert "2020-12" in carers["withheld_in_part_1"].split()
    assert carers["commentary"].startswith("The management commentary on this indicator is in the Part 2 report")


def test_excel_holds_the_same_table(portfolio, tmp_path):
    rows = _export(tmp_path)
    path = tmp_path / "index.xlsx"
    call_command("export", "performance-index", "--period", "2020-12", "--format", "xlsx", "-o", str(path))
    sheet = load_workbook(path).active
    lines = list(sheet.iter_rows(values_only=True))
    assert list(lines[0]) == list(HEADERS)
    by_number = {line[2]: ["" if v is None else str(v) for v in line] for line in lines[1:] if line[0] != "key"}
    by_number = {n: line for n, line in by_number.items() if line[0] != "note"}
    assert by_number.keys() == rows.keys()
    for number, row in rows.items():
        assert by_number[number] == [row[h] for h in HEADERS], number


def test_standard_output_when_no_file_is_named(portfolio, capsysbinary):
    call_command("export", "performance-index", "--period", "2020-21-Q3")
    text = capsysbinary.readouterr().out.decode()
    assert text.startswith(",".join(HEADERS))
    assert "\n10,Safeguarding and Child Protection" not in text  # the table column comes first
    assert "financial,Safeguarding and Child Protection,10," in text


def test_text_that_looks_like_a_formula_is_neutralised(portfolio, tmp_path):
    commentary_save(
        indicator=Indicator.objects.get(number="29"), as_at=DECEMBER_2020, part=Part.ONE, text="=HYPERLINK(1)"
    )
    assert _export(tmp_path)["29"]["commentary"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2020-13"], "is not a month"),
        (["--period", "2020-12", "--format", "pdf"], "Unknown format"),
    ],
)
def test_bad_options_are_refused(portfolio, args, message):
    with pytest.raises(CommandError) as caught:
        call_command("export", "performance-index", *args, stdout=io.StringIO())
    assert message in str(caught.value)


def test_a_part_1_table_with_symbols_carries_the_legend_and_the_policy(portfolio, tmp_path):
    path = tmp_path / "index.csv"
    call_command("export", "performance-index", "--period", "2020-12", "-o", str(path))
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    key = {row["number"]: row["name"] for row in rows if row["table"] == "key"}
    assert key["c"] == "suppressed to protect confidentiality (see Part 2 report)"
    assert set(key) == {"c", "x", "z", "low", "u"}
    notes = [row["name"] for row in rows if row["table"] == "note"]
    assert notes[0].startswith("Disclosure policy: dfe-la, T = 5")
    carers = next(row for row in rows if row["number"] == "22.2")
    assert carers["dec"] == "c" and carers["prior_year_1"] == "c" and carers["england"] == "z"
    assert next(row for row in rows if row["number"] == "32")["prior_year_1"] == "40"  # 38, rounded (ons-10-5)
