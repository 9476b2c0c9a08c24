"""Tables in and out: CSV and Excel files read for imports, and written safely for exports.

Imports are all-or-nothing: a reader collects every problem as a RowError (1-based line, column,
message) and the caller writes nothing unless there are none. Exports neutralise cells a
spreadsheet would run as a formula (check B3 in reliability.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_COLUMNS = 200
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based, counting the header as line 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file was refused; nothing was written. `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s); nothing was imported.")


@dataclass
class Table:
    """Rows of a file as dicts keyed by header (stripped, lower-cased), with their line numbers."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]


def read_table(source: Path | IO[bytes], *, name: str = "") -> Table:
    """Read a CSV or an .xlsx file (by its name) into a Table. Raises ImportRejected."""
    filename = name or getattr(source, "name", "") or str(source)
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRejected([RowError(0, "", f"The file is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")])
    is_excel = str(filename).lower().endswith((".xlsx", ".xlsm"))
    return _table(_xlsx_grid(data) if is_excel else _csv_grid(data))


def read_sheets(source: Path | IO[bytes], *, name: str = "") -> list[tuple[str, list[list[str]]]]:
    """Every sheet of an .xlsx file (or the one "sheet" of a CSV) as (name, rows of cell text).

    For readers that find their own header row, such as plan documents. Raises ImportRejected.
    """
    filename = name or getattr(source, "name", "") or str(source)
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRejected([RowError(0, "", f"The file is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")])
    if str(filename).lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_sheets(data)
    return [("", _csv_grid(data))]


def _csv_grid(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportRejected([RowError(0, "", "The file is not text in UTF-8 or Windows-1252.")]) from None
    try:
        grid = [row for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise ImportRejected([RowError(0, "", f"The file is not valid CSV: {error}.")]) from None
    return _refuse_nul(grid)


def _xlsx_grid(data: bytes) -> list[list[str]]:
    return _xlsx_sheets(data, first_only=True)[0][1]


def _xlsx_sheets(data: bytes, *, first_only: bool = False) -> list[tuple[str, list[list[str]]]]:
    import zipfile

    from openpyxl import load_workbook  # parses XML through defusedxml when it is installed

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRejected([RowError(0, "", f"The file is not a readable Excel workbook: {error}.")]) from None
    sheets = []
    for sheet in workbook.worksheets[:1] if first_only else workbook.worksheets:
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise ImportRejected([RowError(1, "", f"The sheet has more than {MAX_COLUMNS} columns.")])
        grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        sheets.append((sheet.title, _refuse_nul(grid)))
    workbook.close()
    return sheets


NUL_MESSAGE = "holds a NUL character, a stray control byte of the kind a damaged file has; remove it"


def _refuse_nul(grid: list[list[str]]) -> list[list[str]]:
    """A NUL character is refused, whatever the database: PostgreSQL cannot store one in text."""
    errors = [
        RowError(line, str(column), f"The cell {NUL_MESSAGE}.")
        for line, cells in enumerate(grid, start=1)
        for column, cell in enumerate(cells, start=1)
        if "\x00" in cell
    ]
    if errors:
        raise ImportRejected(errors)
    return grid


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(grid: list[list[str]]) -> Table:
    while grid and not any(cell.strip() for cell in grid[-1]):
        grid.pop()
    if not grid:
        raise ImportRejected([RowError(1, "", "The file is empty: a header row is needed.")])
    if len(grid[0]) > MAX_COLUMNS:
        raise ImportRejected([RowError(1, "", f"The file has more than {MAX_COLUMNS} columns.")])
    headers = [header.strip().lower() for header in grid[0]]
    rows = []
    for line, cells in enumerate(grid[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        padded = list(cells) + [""] * (len(headers) - len(cells))
        rows.append((line, {h: padded[i].strip() for i, h in enumerate(headers) if h}))
    return Table(headers=headers, rows=rows)


def require_columns(table: Table, required: Iterable[str]) -> None:
    missing = [column for column in required if column not in table.headers]
    if missing:
        raise ImportRejected([RowError(1, column, "This column is missing.") for column in missing])


def spreadsheet_safe(value: object) -> object:
    """A cell value a spreadsheet will not run: text starting like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[object]], stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[object]], stream: IO[bytes], *, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_safe(v) for v in row])
    sheet.freeze_panes = "A2"
    workbook.save(stream)
