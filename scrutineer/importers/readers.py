"""Open a council's plan file, whatever its format, and hand it to the plan reader.

Text exports (.txt, .md, .html), Word (.docx), Excel (.xlsx) and CSV are read; the format is taken
from the file name and checked against the content. Files are refused with a message a person can
act on ("save it as .docx"), never with a stack trace.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from defusedxml import ElementTree as SafeElementTree

from scrutineer.core.tabular import MAX_UPLOAD_BYTES, ImportRejected, read_sheets
from scrutineer.domain.plan_document import PlanDocument
from scrutineer.domain.plan_reader import read_blocks, read_grids, read_text

from .word import WordFileError, docx_blocks

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".tsv", ""}
WORD_SUFFIXES = {".docx", ".docm"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv"}
ACCEPTED = ".txt, .md, .html, .docx, .xlsx or .csv"
_REFUSED = {
    ".doc": "Word 97-2003 (.doc) files cannot be read: open it in Word and save it as .docx.",
    ".xls": "Excel 97-2003 (.xls) files cannot be read: open it in Excel and save it as .xlsx.",
    ".pdf": "PDF files lose their tables' columns: export the plan from its source as .docx, or copy it "
    "into a text file with the tables' columns separated by tabs.",
    ".odt": "OpenDocument text cannot be read yet: save it as .docx.",
    ".ods": "OpenDocument spreadsheets cannot be read yet: save it as .xlsx.",
}


class PlanFileError(ValueError):
    """The file cannot be read as a plan; the message says why and what to do."""


@dataclass(frozen=True)
class LineRange:
    """Only these lines of a text export are read (line numbers stay those of the file)."""

    first: int
    last: int

    @classmethod
    def parse(cls, text: str) -> LineRange:
        try:
            first, _, last = text.partition("-")
            found = cls(int(first), int(last or first))
        except ValueError:
            raise PlanFileError(f"{text!r} is not a range of lines such as 686-867.") from None
        if found.first < 1 or found.last < found.first:
            raise PlanFileError(f"{text!r} is not a range of lines such as 686-867.")
        return found


def read_plan_file(data: bytes, name: str, *, lines: LineRange | None = None) -> PlanDocument:
    """The plan in a file's bytes; `name` gives its format. Raises PlanFileError."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise PlanFileError(f"The file is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    suffix = PurePath(name).suffix.lower()
    if suffix in _REFUSED:
        raise PlanFileError(_REFUSED[suffix])
    if suffix in WORD_SUFFIXES:
        document = _read_word(data)
    elif suffix in EXCEL_SUFFIXES or suffix in CSV_SUFFIXES:
        document = _read_spreadsheet(data, name, suffix)
    elif suffix in TEXT_SUFFIXES:
        document = _read_text(data, lines)
    else:
        raise PlanFileError(f"Files ending {suffix} cannot be read: use {ACCEPTED}.")
    document.source = PurePath(name).name
    return document


def _read_text(data: bytes, lines: LineRange | None) -> PlanDocument:
    if data[:4] == b"PK\x03\x04":
        raise PlanFileError("This is a Word or Excel file with a text file's name: give it its .docx or .xlsx name.")
    text = _decode(data)
    if lines is not None:
        kept = text.replace("\r\n", "\n").split("\n")
        # Lines outside the range are blanked, not removed, so warnings keep the file's own numbers.
        text = "\n".join(line if lines.first <= n <= lines.last else "" for n, line in enumerate(kept, start=1))
    return read_text(text)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanFileError("The file is not text in UTF-8 or Windows-1252.")


def _read_word(data: bytes) -> PlanDocument:
    try:
        blocks, title = docx_blocks(data)
    except WordFileError as error:
        raise PlanFileError(str(error)) from None
    document = read_blocks(blocks, format="docx")
    if not document.title and title:
        document.title = title
    return document


def _read_spreadsheet(data: bytes, name: str, suffix: str) -> PlanDocument:
    if suffix in EXCEL_SUFFIXES and data[:4] != b"PK\x03\x04":
        raise PlanFileError("The file is not an Excel (.xlsx) workbook.")
    try:
        sheets = read_sheets(io.BytesIO(data), name=name)
    except ImportRejected as rejected:
        raise PlanFileError("; ".join(str(e) if e.line else e.message for e in rejected.errors)) from None
    format = "csv" if suffix in CSV_SUFFIXES else "xlsx"
    document = read_grids(sheets, format=format)
    if not document.title and format == "xlsx":
        document.title = _workbook_title(data)
    return document


def _workbook_title(data: bytes) -> str:
    """The title in an Office file's core properties, if it has one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "docProps/core.xml" not in package.namelist():
                return ""
            root = SafeElementTree.fromstring(package.read("docProps/core.xml"), forbid_dtd=True)
    except Exception:  # a damaged or hostile properties part only loses the title
        return ""
    title = root.find("{http://purl.org/dc/elements/1.1/}title")
    return (title.text or "").strip() if title is not None else ""
