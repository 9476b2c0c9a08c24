"""Word (.docx) documents as paragraphs and table rows for the plan reader.

Only the layout is read here: the body's paragraphs in order (with heading levels and list items)
and its tables row by row. A cell merged down from the row above comes back with the text of the
cell it continues, marked `merged`, so the reader can tell a shared cell from an empty one. Every
decision about what the blocks mean is the plan reader's (`scrutineer.domain.plan_reader`).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from defusedxml import ElementTree as SafeElementTree
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph

from scrutineer.domain.plan_reader import Block, Cell, Paragraph, Row
from scrutineer.domain.plan_reader.cells import clean

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a .docx that unpacks to more than this is refused (zip bombs)
_XML_PARTS = ("word/document.xml", "docProps/core.xml")


class WordFileError(ValueError):
    """The file is not a Word document this reader can open; the message says why."""


def docx_blocks(data: bytes) -> tuple[list[Block], str]:
    """The paragraphs and table rows of a .docx in order, and the title in its properties."""
    _check_package(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise WordFileError(f"The file is not a readable Word document ({error.__class__.__name__}).") from None
    blocks: list[Block] = []
    paragraphs = 0
    tables = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
            paragraph = WordParagraph(child, document)
            block = _paragraph(paragraph, paragraphs)
            if block is not None:
                blocks.append(block)
        elif child.tag == qn("w:tbl"):
            tables += 1
            blocks.extend(_table_rows(child, tables, document))
    title = (document.core_properties.title or "").strip()
    return blocks, title


def _check_package(data: bytes) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WordFileError("The file is not a Word (.docx) document.") from None
    with package:
        unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise WordFileError("The document unpacks to more than 50 MB; it was not read.")
        for name in _XML_PARTS:
            if name not in package.namelist():
                if name == "word/document.xml":
                    raise WordFileError("The file is not a Word (.docx) document: it has no document body.")
                continue
            try:
                SafeElementTree.fromstring(package.read(name), forbid_dtd=True)
            except Exception:
                raise WordFileError("The document's XML holds a DTD or entities and was refused.") from None


def _paragraph(paragraph: WordParagraph, number: int) -> Paragraph | None:
    text = paragraph.text
    if not text.strip():
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = 0
    if style == "Title":
        heading = 1
    elif style.startswith("Heading"):
        digits = "".join(ch for ch in style if ch.isdigit())
        heading = int(digits) if digits else 1
    item = "List" in style or _numbered(paragraph)
    return Paragraph(text=clean(text), location=f"paragraph {number}", item=item, heading=heading)


def _numbered(paragraph: WordParagraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _table_rows(table: Any, number: int, document: Any) -> list[Row]:
    rows: list[Row] = []
    above: dict[int, str] = {}  # grid column -> text of the cell that a merged-down cell continues
    for row_number, tr in enumerate(table.tr_lst, start=1):
        location = f"table {number}, row {row_number}"
        cells: list[Cell] = []
        column = 0
        for _ in range(tr.grid_before):
            cells.append(Cell.of("", location=f"{location}, column {column + 1}"))
            column += 1
        header = tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
        for tc in tr.tc_lst:
            span = tc.grid_span
            where = f"{location}, column {column + 1}"
            if tc.vMerge == "continue":
                cells.append(Cell.of(above.get(column, ""), location=where, merged=True, header=header))
            else:
                raw = _cell_text(tc, document)
                above[column] = raw
                cells.append(Cell.of(raw, location=where, header=header))
            for extra in range(1, span):
                cells.append(Cell.of("", location=f"{location}, column {column + 1 + extra}"))
            column += span
        rows.append(Row(cells=tuple(cells), location=location, table=10_000 + number))
    return rows


def _cell_text(tc: Any, document: Any) -> str:
    """A cell's paragraphs as lines; list paragraphs start with a bullet, nested tables are flattened."""
    lines: list[str] = []
    for element in tc.iter():
        if element.tag != qn("w:p"):
            continue
        paragraph = WordParagraph(element, document)
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if "List" in style or _numbered(paragraph):
            text = f"• {text}"
        lines.append(text)
    return "\n".join(lines)
