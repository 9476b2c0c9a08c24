"""Joining, numbering and bookmarking PDFs, without a database."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from scrutineer.committees.pdfs import BLANK_PAGE_TEXT, Bookmark, PackWriter

from .conftest import outline, tiny_pdf


def _rotated() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(tiny_pdf("Turned on its side"))))
    writer.pages[0].rotate(90)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def test_pages_are_numbered_after_their_own_content_even_when_turned():
    pack = PackWriter()
    first = pack.add(tiny_pdf("A paper", pages=2))
    pack.add(_rotated())
    pack.add_blank()
    content = pack.finish(bookmarks=[Bookmark("1 A paper", 0, source=first)], title="T", author="A", subject="S")
    reader = PdfReader(io.BytesIO(content))
    texts = [page.extract_text() for page in reader.pages]
    assert [text.strip().splitlines()[-1] for text in texts] == ["Page 1", "Page 2", "Page 3", "Page 4"]
    assert "Turned on its side" in texts[2]
    assert reader.pages[2].rotation == 0  # the turn is in the content now, so "Page 3" reads upright
    assert texts[3].strip().splitlines()[0] == BLANK_PAGE_TEXT
    assert reader.metadata.title == "T"
    assert reader.page_mode == "/UseOutlines"


def test_bookmarks_nest_and_take_a_paper_s_own_headings():
    from weasyprint import HTML

    report = HTML(string="<h1>Cover</h1><h2 style='break-before: page'>Appendix</h2>").write_pdf()
    pack = PackWriter()
    pack.add(tiny_pdf("Front"))
    reader = pack.add(report)
    marks = [
        Bookmark("Front sheet", 0),
        Bookmark("8 Heading", 1, children=(Bookmark("8a A report", 1, source=reader, offset=1),)),
    ]
    content = pack.finish(bookmarks=marks, title="T", author="A", subject="S")
    assert outline(content) == [
        (0, "Front sheet", 0),
        (0, "8 Heading", 1),
        (1, "8a A report", 1),
        (2, "Cover", 1),
        (3, "Appendix", 2),
    ]
