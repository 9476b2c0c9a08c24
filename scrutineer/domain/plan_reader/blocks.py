"""A document as a run of blocks: paragraphs and table rows, each knowing where it came from.

Every reader (text export, Word, spreadsheet) turns its file into these blocks; one assembler then
finds the plan in them. Locations are what a person needs to find the place again: "line 790" in a
text export, "table 3, row 5" in Word, "sheet Plan, row 7" in Excel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .cells import BULLETS, TAG_HINT, Cell, clean, read_markup


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: str
    line: int | None = None
    item: bool = False  # a bullet or list item
    heading: int = 0  # heading level (Word heading styles, markdown "#"); 0 for body text


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    location: str
    line: int | None = None
    table: int = 0  # rows of one table share this; a new table starts a new number
    sheet: str = ""  # the spreadsheet sheet the row is on, if any

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    @property
    def filled(self) -> list[Cell]:
        return [cell for cell in self.cells if not cell.empty]


Block = Paragraph | Row

_LIST_ITEM = re.compile(r"^\s*(?:[-*+–]\s+|[" + BULLETS + r"]\s*)(?P<text>.*)$", re.DOTALL)
_MD_HEADING = re.compile(r"^\s*(?P<marks>#{1,6})\s+(?P<text>.*)$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
MAX_LINE_CHARS = 1_000_000


def text_blocks(text: str) -> list[Block]:
    """Blocks of a text export: one paragraph per line, tab-separated, "|" or HTML table rows.

    Line numbers count physical lines as `cat -n` prints them, so warnings point at the file.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    table = 0
    in_table = False
    index = 0
    while index < len(lines):
        number = index + 1
        line = lines[index].replace("\f", "").replace("\x00", "")[:MAX_LINE_CHARS]
        opening = _TABLE_OPEN.search(line)
        if opening:
            before = line[: opening.start()]
            if before.strip():
                blocks.extend(_paragraphs(before, number))
            markup, last = _html_table_text(lines, index, opening.start())
            table += 1
            blocks.extend(_html_table_rows(markup, first_line=number, table=table))
            after = _TABLE_CLOSE.split(lines[last], maxsplit=1)
            if len(after) == 2 and after[1].strip() and not _TABLE_OPEN.search(after[1]):
                blocks.extend(_paragraphs(after[1], last + 1))
            in_table = False
            index = last + 1
            continue
        if not line.strip():
            index += 1
            continue
        cells = _split_row(line)
        if cells is not None:
            if not in_table:
                table += 1
                in_table = True
            blocks.append(
                Row(
                    cells=tuple(
                        Cell.of(cell, location=f"line {number}, column {i + 1}") for i, cell in enumerate(cells)
                    ),
                    location=f"line {number}",
                    line=number,
                    table=table,
                )
            )
        else:
            in_table = False
            blocks.extend(_paragraphs(line, number))
        index += 1
    return blocks


_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b", re.IGNORECASE)


def _paragraphs(line: str, number: int) -> list[Paragraph]:
    """A line of text, or the paragraphs, headings and list items of a line of HTML."""
    if not TAG_HINT.search(line):
        return [_paragraph(line, number)]
    heading = _HTML_HEADING.match(line)
    _, parts = read_markup(line)
    level = int(heading.group(1)) if heading else 0
    return [
        Paragraph(text=part.text, location=f"line {number}", line=number, item=part.item, heading=level)
        for part in parts
    ]


def _split_row(line: str) -> list[str] | None:
    if "\t" in line:
        return line.split("\t")
    if _PIPE_ROW.match(line) and line.count("|") >= 3:
        inner = line.strip()[1:-1]
        return [cell.replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]
    return None


def _paragraph(line: str, number: int) -> Paragraph:
    heading = 0
    item = False
    text = line
    md = _MD_HEADING.match(text)
    if md:
        heading, text = len(md.group("marks")), md.group("text")
    listed = _LIST_ITEM.match(text)
    if listed and not heading and not re.match(r"^\s*\*\*", text):
        item, text = True, listed.group("text")
        text = text.lstrip(BULLETS + " ")
    return Paragraph(text=clean(text), location=f"line {number}", line=number, item=item, heading=heading)


def _html_table_text(lines: list[str], start: int, column: int) -> tuple[str, int]:
    """The markup of an HTML table from `<table` to its `</table>` (or the end of the text), and its last line."""
    collected = [lines[start][column:]]
    if _TABLE_CLOSE.search(collected[0]):
        return _TABLE_CLOSE.split(collected[0], maxsplit=1)[0], start
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if _TABLE_CLOSE.search(line):
            collected.append(_TABLE_CLOSE.split(line, maxsplit=1)[0])
            return "\n".join(collected), index
        collected.append(line)
        index += 1
    return "\n".join(collected), len(lines) - 1


class _TableParser(HTMLParser):
    """Rows and cells of an HTML table, with each cell's inner markup kept for `Cell.of`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.rows: list[list[tuple[str, int, int, bool, int]]] = []  # markup, colspan, rowspan, th, line
        self._cell: list[str] | None = None
        self._cell_meta: tuple[int, int, bool, int] = (1, 1, False, 0)
        self._depth = 0  # nested tables are kept as markup inside their cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth > 1 and self._cell is not None:
                self._cell.append(self.get_starttag_text() or "")
            return
        if self._depth > 1:
            if self._cell is not None:
                self._cell.append(self.get_starttag_text() or "")
            return
        if tag == "tr":
            self._close_cell()
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._close_cell()
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self._cell = []
            spans = _span(values.get("colspan")), _span(values.get("rowspan"))
            self._cell_meta = (*spans, tag == "th", self.getpos()[0])
        elif self._cell is not None:
            self._cell.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth = max(0, self._depth - 1)
            if self._depth >= 1 and self._cell is not None:
                self._cell.append("</table>")
            return
        if self._depth > 1:
            if self._cell is not None:
                self._cell.append(f"</{tag}>")
            return
        if tag in {"td", "th", "tr"}:
            self._close_cell()
        elif self._cell is not None:
            self._cell.append(f"</{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._cell is not None:
            self._cell.append(self.get_starttag_text() or "")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_entityref(self, name: str) -> None:
        if self._cell is not None:
            self._cell.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self._cell is not None:
            self._cell.append(f"&#{name};")

    def _close_cell(self) -> None:
        if self._cell is None:
            return
        colspan, rowspan, th, line = self._cell_meta
        self.rows[-1].append(("".join(self._cell), colspan, rowspan, th, line))
        self._cell = None

    def close(self) -> None:
        super().close()
        self._close_cell()


def _span(value: str | None) -> int:
    try:
        return max(1, min(50, int(value or "1")))
    except ValueError:
        return 1


def _html_table_rows(markup: str, *, first_line: int, table: int) -> list[Row]:
    parser = _TableParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # a table too broken to parse is read as one cell
        where = f"line {first_line}"
        return [Row(cells=(Cell.of(markup, location=where),), location=where, line=first_line, table=table)]
    rows: list[Row] = []
    carried: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still to fill) from a rowspan above
    for row_number, raw_cells in enumerate(parser.rows, start=1):
        line = first_line + (raw_cells[0][4] - 1 if raw_cells else 0)
        location = f"line {line}, table row {row_number}"
        cells: list[Cell] = []
        queue = list(raw_cells)
        column = 0
        while queue or column in carried:
            if column in carried:
                cell, remaining = carried[column]
                cells.append(Cell.of(cell.raw, location=cell.location, merged=True, header=cell.header))
                if remaining <= 1:
                    del carried[column]
                else:
                    carried[column] = (cell, remaining - 1)
                column += 1
                continue
            markup_text, colspan, rowspan, th, _ = queue.pop(0)
            cell = Cell.of(markup_text, location=f"{location}, column {column + 1}", header=th)
            cells.append(cell)
            if rowspan > 1:
                carried[column] = (cell, rowspan - 1)
            for extra in range(1, colspan):
                cells.append(Cell.of("", location=f"{location}, column {column + 1 + extra}"))
            column += colspan
            if column > 500:
                break
        rows.append(Row(cells=tuple(cells), location=location, line=line, table=table))
    return rows


def grid_blocks(grid: list[list[str]], *, sheet: str = "", table: int = 1, line_word: str = "row") -> list[Block]:
    """Rows of a spreadsheet (or CSV) as table rows; every row keeps its 1-based number."""
    where = f"sheet {sheet}, " if sheet else ""
    blocks: list[Block] = []
    for number, values in enumerate(grid, start=1):
        location = f"{where}{line_word} {number}"
        cells = tuple(
            Cell.of(_unneutralise(value), location=f"{location}, column {_column_name(i)}")
            for i, value in enumerate(values)
        )
        blocks.append(Row(cells=cells, location=location, line=number, table=table, sheet=sheet))
    return blocks


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


def _unneutralise(value: str) -> str:
    """Undo the "'" our exports put before text a spreadsheet would run as a formula."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value
