"""PDF work for agenda packs, with pypdf: checking an uploaded report, joining the papers, numbering
every page, blank pages for double-sided printing, and bookmarks.

The page number is drawn on each page as an artifact (not part of the page's content for a screen
reader), in the standard Helvetica font, at the foot of the page: "Page 23" as the council's packs
print it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    Destination,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

MAX_PDF_BYTES = 10 * 1024 * 1024
FONT_NAME = "/ScrutineerPackFont"
FONT_SIZE = 9
BLANK_PAGE_TEXT = "This page is left intentionally blank"
A4 = (595.28, 841.89)

# Widths of Helvetica's glyphs in 1/1000 em (Adobe's metrics), for centring the text we draw.
_HELVETICA = {" ": 278, "P": 667, "a": 556, "g": 556, "e": 556, "T": 611, "h": 556, "i": 222, "s": 500}
_HELVETICA.update({c: 556 for c in "0123456789bdnopqu"})
_HELVETICA.update({"l": 222, "f": 278, "t": 278, "r": 333, "y": 500, "k": 500, "c": 500, "m": 833, "w": 722})


class PdfRejected(ValueError):
    """An uploaded file that cannot go into an agenda pack; the message says why."""


def pdf_check(content: bytes) -> int:
    """The page count of an uploaded PDF, or `PdfRejected`."""
    if not content:
        raise PdfRejected("The file is empty.")
    if len(content) > MAX_PDF_BYTES:
        raise PdfRejected(f"The file is larger than {MAX_PDF_BYTES // (1024 * 1024)} MB.")
    if not content.lstrip()[:5] == b"%PDF-":
        raise PdfRejected("The file is not a PDF.")
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise PdfRejected("The PDF is protected by a password: upload it without one.")
        pages = len(reader.pages)
    except PdfReadError as error:
        raise PdfRejected(f"The PDF cannot be read ({error}).") from None
    if pages < 1:
        raise PdfRejected("The PDF has no pages.")
    return pages


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # 0-based, in the pack
    children: tuple[Bookmark, ...] = ()
    source: PdfReader | None = None  # a paper whose own bookmarks go under this one
    offset: int = 0  # where that paper starts in the pack


class PackWriter:
    """Builds the pack page by page; `finish` numbers every page and writes the bookmarks."""

    def __init__(self) -> None:
        self.writer = PdfWriter()
        self._font: IndirectObject | None = None

    @property
    def pages(self) -> int:
        return len(self.writer.pages)

    def add(self, content: bytes | PdfReader, *, first: int = 0, count: int | None = None) -> PdfReader:
        reader = content if isinstance(content, PdfReader) else PdfReader(io.BytesIO(content))
        last = len(reader.pages) if count is None else first + count
        self.writer.append(reader, pages=(first, last), import_outline=False)
        return reader

    def add_blank(self, text: str = BLANK_PAGE_TEXT) -> None:
        width, height = A4
        if self.writer.pages:
            box = self.writer.pages[-1].mediabox
            if float(box.width) <= float(box.height):  # blank pages are portrait, as the paper before
                width, height = float(box.width), float(box.height)
        page = self.writer.add_blank_page(width, height)
        self._draw(page, text, float(width) / 2, float(height) / 2, size=11)

    def finish(self, *, bookmarks: Sequence[Bookmark], title: str, author: str, subject: str) -> bytes:
        for number, page in enumerate(self.writer.pages, start=1):
            if page.rotation:
                page.transfer_rotation_to_content()
            box = page.mediabox
            centre = float(box.left) + float(box.width) / 2
            self._draw(page, f"Page {number}", centre, float(box.bottom) + 22)
        for bookmark in bookmarks:
            self._bookmark(bookmark, None)
        self.writer.add_metadata({"/Title": title, "/Author": author, "/Subject": subject, "/Creator": "Scrutineer"})
        self.writer._root_object[NameObject("/Lang")] = _text("en-GB")
        preferences = DictionaryObject({NameObject("/DisplayDocTitle"): _bool(True)})
        self.writer._root_object[NameObject("/ViewerPreferences")] = preferences
        self.writer.page_mode = "/UseOutlines"
        stream = io.BytesIO()
        self.writer.write(stream)
        return stream.getvalue()

    def _bookmark(self, bookmark: Bookmark, parent: IndirectObject | None) -> None:
        entry = self.writer.add_outline_item(title=bookmark.title, page_number=bookmark.page, parent=parent)
        if bookmark.source is not None:
            self._copy_outline(bookmark.source, bookmark.source.outline, bookmark.offset, entry)
        for child in bookmark.children:
            self._bookmark(child, entry)

    def _copy_outline(self, reader: PdfReader, outline: list, offset: int, parent: IndirectObject) -> None:
        """A paper's own bookmarks (a report's headings), under the paper's bookmark."""
        last: IndirectObject | None = None
        for entry in outline:
            if isinstance(entry, list):
                if last is not None:
                    self._copy_outline(reader, entry, offset, last)
                continue
            if not isinstance(entry, Destination):
                continue
            page = reader.get_destination_page_number(entry)
            if page is None or page < 0:
                continue
            last = self.writer.add_outline_item(title=str(entry.title), page_number=offset + page, parent=parent)

    def _draw(self, page: PageObject, text: str, centre_x: float, y: float, size: int = FONT_SIZE) -> None:
        """Draw `text` centred on `centre_x`, after the page's own content, outside its graphics state."""
        font = self._font_ref()
        resources = page.get("/Resources")
        if resources is None:
            resources = DictionaryObject()
            page[NameObject("/Resources")] = resources
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = DictionaryObject()
            resources[NameObject("/Font")] = fonts
        fonts.get_object()[NameObject(FONT_NAME)] = font
        width = sum(_HELVETICA.get(char, 556) for char in text) * size / 1000
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        drawing = (
            f"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q BT {FONT_NAME} {size} Tf 0 g "
            f"{centre_x - width / 2:.2f} {y:.2f} Td ({escaped}) Tj ET Q EMC"
        )
        self._append_content(page, b"q", b"Q " + drawing.encode("latin-1"))

    def _append_content(self, page: PageObject, before: bytes, after: bytes) -> None:
        first, last = DecodedStreamObject(), DecodedStreamObject()
        first.set_data(before)
        last.set_data(after)
        contents = page.get("/Contents")
        streams = ArrayObject([self.writer._add_object(first)])
        if contents is not None:
            existing = contents.get_object()
            if isinstance(existing, ArrayObject):
                streams.extend(existing)
            else:
                streams.append(contents if isinstance(contents, IndirectObject) else self.writer._add_object(existing))
        streams.append(self.writer._add_object(last))
        page[NameObject("/Contents")] = streams

    def _font_ref(self) -> IndirectObject:
        if self._font is None:
            font = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                }
            )
            self._font = self.writer._add_object(font)
        return self._font


def _text(value: str) -> object:
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


def _bool(value: bool) -> object:
    from pypdf.generic import BooleanObject

    return BooleanObject(value)
