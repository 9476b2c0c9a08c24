import io

import pytest
from openpyxl import Workbook, load_workbook

from scrutineer.core.tabular import (
    ImportRejected,
    read_table,
    require_columns,
    spreadsheet_safe,
    write_csv,
    write_xlsx,
)


def _csv(text: str, *, bom: bool = False) -> io.BytesIO:
    data = text.encode("utf-8")
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def test_csv_with_bom_crlf_quotes_and_blank_lines():
    table = read_table(
        _csv('Indicator,Period,Value\r\n"22.2","2020-12","5"\r\n\r\n1.1,2020-11,"1,234"\r\n', bom=True), name="x.csv"
    )
    assert table.headers == ["indicator", "period", "value"]
    assert table.rows == [
        (2, {"indicator": "22.2", "period": "2020-12", "value": "5"}),
        (4, {"indicator": "1.1", "period": "2020-11", "value": "1,234"}),
    ]


def test_windows_1252_text_is_read():
    table = read_table(io.BytesIO("name\nCaf\xe9 £5\n".encode("cp1252")), name="x.csv")
    assert table.rows[0][1]["name"] == "Café £5"


def test_xlsx_cells_come_back_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "Value"])
    sheet.append([22.2, 5.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    table = read_table(buffer, name="values.xlsx")
    assert table.rows == [(2, {"indicator": "22.2", "value": "5"})]


def test_a_missing_column_is_reported_by_name():
    table = read_table(_csv("indicator,value\n1,2\n"), name="x.csv")
    with pytest.raises(ImportRejected) as caught:
        require_columns(table, ["indicator", "period", "value"])
    assert [(e.line, e.column) for e in caught.value.errors] == [(1, "period")]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.csv", "empty"),
        (b"not a zip", "x.xlsx", "not a readable Excel workbook"),
        (b"a" * (10 * 1024 * 1024 + 1), "x.csv", "over 10 MB"),
        ((",".join(["c"] * 1000) + "\n").encode(), "x.csv", "more than 200 columns"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, name, message):
    with pytest.raises(ImportRejected) as caught:
        read_table(io.BytesIO(data), name=name)
    assert message in str(caught.value.errors[0])


@pytest.mark.parametrize("value", ["=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(value):
    assert spreadsheet_safe(value) == "'" + value


def test_numbers_and_plain_text_are_left_alone():
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe("Safeguarding") == "Safeguarding"


def test_csv_and_xlsx_writers_neutralise_every_cell():
    stream = io.StringIO()
    write_csv(["title"], [['=HYPERLINK("x")']], stream)
    assert stream.getvalue().splitlines()[1] == '"\'=HYPERLINK(""x"")"'
    binary = io.BytesIO()
    write_xlsx(["title"], [["=cmd|' /C calc'!A0"]], binary, title="Export")
    binary.seek(0)
    cell = load_workbook(binary).active["A2"]
    assert cell.value == "'=cmd|' /C calc'!A0"
    assert cell.data_type == "s"


def test_a_nul_character_is_refused_with_where_it_is():
    """PostgreSQL cannot store one; refusing it on every database keeps them alike."""
    with pytest.raises(ImportRejected) as caught:
        read_table(_csv("indicator,value\n1,2\n3,x\x00y\n"), name="x.csv")
    assert [(e.line, e.column) for e in caught.value.errors] == [(3, "2")]
    assert "NUL character" in str(caught.value.errors[0])
