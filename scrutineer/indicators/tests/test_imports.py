"""Importing values and benchmarks: all of the file or nothing, every bad row reported (check B1)."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from scrutineer.core.tabular import ImportRejected, read_table
from scrutineer.domain.parts import Part
from scrutineer.domain.printed_values import ValueState
from scrutineer.indicators import imports
from scrutineer.indicators.imports import values_import
from scrutineer.indicators.models import Benchmark, IndicatorValue
from scrutineer.indicators.selectors import performance_index

from .conftest import DECEMBER_2020

pytestmark = pytest.mark.django_db

GOOD = [
    ["indicator", "period", "value", "split", "comparator", "part"],
    ["10", "2021-01", "85%", "", "", ""],
    ["19", "2021-01", "330", "", "", ""],
    ["1.1", "2021-01", "120", "", "", ""],
    ["26", "2020-21-Q4", "40%", "", "", ""],
    ["14", "2021-03", "100% (initial) 98% (review)", "", "", ""],
    ["4", "2020-21", "2", "", "", ""],
    ["35.1", "2021", "Not Available", "", "", ""],
    ["26", "2020-21", "51%", "", "England", ""],
    ["22.2", "2021-01", "4", "", "", "2"],
    ["28", "2021-01", "Data Not Published", "", "", "1"],
]


def _csv(rows, name="values.csv"):
    text = "\n".join(",".join(f'"{cell}"' if "," in cell else cell for cell in row) for row in rows) + "\n"
    return read_table(io.BytesIO(text.encode()), name=name)


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return read_table(buffer, name="values.xlsx")


def _snapshot():
    return (
        sorted(IndicatorValue.objects.values_list("indicator__number", "period", "split", "text", "part")),
        sorted(Benchmark.objects.values_list("indicator__number", "comparator", "period", "text")),
    )


@pytest.mark.parametrize("reader", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_a_good_file_is_imported(portfolio, reader):
    result = values_import(portfolio=portfolio, table=reader(GOOD), source="values")
    assert (result.created, result.changed, result.unchanged, result.benchmarks) == (10, 0, 0, 1)
    ten = IndicatorValue.objects.get(indicator__number="10", period="2021-01")
    assert (ten.text, ten.number, ten.state) == ("85%", Decimal("0.85"), ValueState.VALUE)
    quarter = IndicatorValue.objects.get(indicator__number="26", period="2020-21-Q4")
    assert (quarter.period_kind, str(quarter.period_end)) == ("financial_quarter", "2021-03-31")
    academic = IndicatorValue.objects.get(indicator__number="4", period="2020-21", period_kind="academic_year")
    assert str(academic.period_start) == "2020-09-01"
    assert IndicatorValue.objects.get(indicator__number="35.1", period="2021").state == ValueState.NOT_AVAILABLE
    split = IndicatorValue.objects.filter(indicator__number="14", period="2021-03").order_by("split")
    assert [(v.split, v.number) for v in split] == [("initial", Decimal(1)), ("review", Decimal("0.98"))]
    assert IndicatorValue.objects.get(indicator__number="22.2", period="2021-01").part == Part.TWO
    england = Benchmark.objects.get(indicator__number="26", comparator="england", period="2020-21")
    assert (england.text, england.period_label) == ("51%", "2020/21")


def test_a_statistical_neighbours_benchmark_shows_on_the_indicator_page(portfolio, client):
    rows = [GOOD[0], ["26", "2019-20", "44%", "", "Statistical neighbours", ""]]
    assert values_import(portfolio=portfolio, table=_csv(rows)).benchmarks == 1
    html = client.get("/performance/2020-12/indicators/26/").content.decode()
    assert 'Statistical neighbours 2019/20</th><td class="govuk-table__cell">44%</td>' in html


def test_every_imported_value_has_its_history_row(portfolio, performance_officer):
    before = IndicatorValue.history.count()
    result = values_import(portfolio=portfolio, table=_csv(GOOD), source="values.csv", by=performance_officer)
    created = IndicatorValue.history.filter(history_type="+", history_user=performance_officer)
    assert created.count() == result.created == IndicatorValue.history.count() - before
    assert set(created.values_list("history_change_reason", flat=True)) == {"Imported from values.csv"}
    assert {(h.text, h.period) for h in created.filter(indicator__number="10")} == {("85%", "2021-01")}


def test_importing_the_same_file_again_changes_nothing(portfolio):
    values_import(portfolio=portfolio, table=_csv(GOOD))
    before = _snapshot()
    again = values_import(portfolio=portfolio, table=_csv(GOOD))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 10)
    assert _snapshot() == before


def test_a_changed_value_is_updated_and_recorded_in_history(portfolio):
    values_import(portfolio=portfolio, table=_csv(GOOD))
    changed = [GOOD[0], ["10", "2021-01", "84%", "", "", ""]]
    result = values_import(portfolio=portfolio, table=_csv(changed))
    assert (result.created, result.changed) == (0, 1)
    value = IndicatorValue.objects.get(indicator__number="10", period="2021-01")
    assert value.text == "84%"
    assert [h.text for h in value.history.order_by("history_date")] == ["85%", "84%"]


def test_an_existing_document_value_can_be_replaced(portfolio):
    result = values_import(portfolio=portfolio, table=_csv([GOOD[0], ["19", "2020-12", "329", "", "", ""]]))
    assert (result.created, result.changed) == (0, 1)
    assert IndicatorValue.objects.get(indicator__number="19", period="2020-12").number == 329


BAD = [
    ["indicator", "period", "value", "split", "comparator", "part"],
    ["10", "2021-01", "85%", "", "", ""],
    ["99", "2021-01", "5", "", "", ""],  # line 3: unknown indicator
    ["19", "2020-13", "330", "", "", ""],  # line 4: no month 13
    ["19", "2021-02", "lots", "", "", ""],  # line 5: text in a numeric field
    ["1.1", "2021-01", "120", "", "", ""],
    ["10", "2021-01", "86%", "", "", ""],  # line 7: duplicate of line 2
    ["10", "2021-02", "85", "", "", ""],  # line 8: a percentage without its sign
    ["19", "2020", "330", "", "", ""],  # line 9: a calendar year for a financial-year indicator
    ["19", "2021-03", "330", "", "", "3"],  # line 10: no part 3
    ["26", "2020-21", "51%", "", "Wales", ""],  # line 11: unknown comparator
    ["19", "2021-04", "", "", "", ""],  # line 12: no value
    ["14", "2021-02", "99%", "annual", "", ""],  # line 13: no such split
    ["", "2021-02", "3", "", "", ""],  # line 14: no indicator
    ["12", "2021-01", "240", "", "", ""],
]
BAD_CELLS = [
    (3, "indicator"),
    (4, "period"),
    (5, "value"),
    (7, "period"),
    (8, "value"),
    (9, "period"),
    (10, "part"),
    (11, "comparator"),
    (12, "value"),
    (13, "split"),
    (14, "indicator"),
]


@pytest.mark.parametrize("reader", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_a_file_with_bad_rows_writes_nothing_and_reports_every_one(portfolio, reader):
    before = _snapshot()
    with pytest.raises(ImportRejected) as caught:
        values_import(portfolio=portfolio, table=reader(BAD))
    assert [(e.line, e.column) for e in caught.value.errors] == BAD_CELLS
    assert all(e.message for e in caught.value.errors)
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (3, "There is no indicator 99 in the index."),
        (7, "Line 2 already gives this value."),
        (8, "Indicator 10 is a percentage: write it with its % sign"),
        (9, "'2020' is a calendar year; this indicator counts financial years such as 2020-21."),
    ],
)
def test_messages_say_what_is_wrong(portfolio, line, message):
    with pytest.raises(ImportRejected) as caught:
        values_import(portfolio=portfolio, table=_csv(BAD))
    assert message in next(e.message for e in caught.value.errors if e.line == line)


def test_a_crash_part_way_through_writing_leaves_nothing_behind(portfolio, monkeypatch):
    before = _snapshot()

    def crash(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "benchmark_set", crash)  # runs after the values are written
    with pytest.raises(RuntimeError):
        values_import(portfolio=portfolio, table=_csv(GOOD))
    assert _snapshot() == before


def test_a_file_without_the_needed_columns_is_refused(portfolio):
    with pytest.raises(ImportRejected) as caught:
        values_import(portfolio=portfolio, table=_csv([["indicator", "amount"], ["10", "5"]]))
    assert [(e.line, e.column) for e in caught.value.errors] == [(1, "period"), (1, "value")]


def test_the_command_imports_a_file(portfolio, tmp_path, capsys):
    path = tmp_path / "values.csv"
    path.write_text("indicator,period,value\n19,2021-01,330\n")
    call_command("import_values", str(path))
    assert "1 new" in capsys.readouterr().out
    assert IndicatorValue.objects.filter(indicator__number="19", period="2021-01").exists()


def test_the_command_fails_with_the_row_report_and_writes_nothing(portfolio, tmp_path, capsys):
    path = tmp_path / "values.csv"
    path.write_text("\n".join(",".join(row) for row in BAD) + "\n")
    before = _snapshot()
    with pytest.raises(CommandError) as caught:
        call_command("import_values", str(path))
    assert "11 problem(s); nothing was imported." in str(caught.value)
    err = capsys.readouterr().err
    assert "line 3, column indicator: There is no indicator 99 in the index." in err
    assert err.count("\n") == len(BAD_CELLS)
    assert _snapshot() == before


LEGACY = """indicator,period,value,comparator
22.2,2019-20,X,
23,2019-20,x,
4,2018-19,x (rate: 0.01),
28,2020-10,"Data suppressed, see part 2 report",
28,2020-11,Not Available,
17,2020-09,Data Not Published,
"""


def test_legacy_marks_map_to_gss_states_and_every_x_is_listed(portfolio):
    """../shared/disclosure.md 2.4: x, X, x (rate: ...) and "Data suppressed" are suppressed at source;
    "Not Available" and "Data Not Published" are not available; each x is listed for review."""
    result = values_import(portfolio=portfolio, table=read_table(io.BytesIO(LEGACY.encode()), name="old.csv"))
    states = {
        text: IndicatorValue.objects.get(indicator__number=number, period=period).state
        for number, period, text in [line.split(",", 2) for line in LEGACY.splitlines()[1:]]
        for text in [text.rstrip(",").strip('"')]
    }
    assert states["X"] == states["x"] == states["x (rate: 0.01)"] == ValueState.SUPPRESSED
    assert states["Data suppressed, see part 2 report"] == ValueState.SUPPRESSED
    assert states["Not Available"] == ValueState.NOT_AVAILABLE
    assert states["Data Not Published"] == ValueState.NOT_PUBLISHED
    assert [line.split(":")[0] for line in result.review] == ["Line 2", "Line 3", "Line 4"]
    assert "indicator 4, 2018/19: printed “x (rate: 0.01)”, imported as c (suppressed)" in result.review[2]
    view = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.ONE)
    assert (view.row("28").months[6].text, view.row("28").months[7].text) == ("c", "x")
    assert view.row("17").months[5].text == "x"


def test_the_import_page_and_command_list_each_x(client, portfolio, performance_officer, tmp_path, capsys):
    client.force_login(performance_officer)
    upload = io.BytesIO(LEGACY.encode())
    upload.name = "old.csv"
    html = client.post(reverse("indicators:import_values"), {"file": upload}).content.decode()
    assert "Check 3 values printed as x" in html and "Line 3: indicator 23, 2019/20" in html
    path = tmp_path / "old.csv"
    path.write_text(LEGACY)
    call_command("import_values", str(path))
    out = capsys.readouterr().out
    assert "3 legacy x imported as suppressed (c); check each:" in out and "Line 2: indicator 22.2" in out
