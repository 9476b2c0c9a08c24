"""What the plan update report's files say, read back as a reader's software reads them.

PDF text through pypdf, pages drawn by poppler's pdftoppm, Word through python-docx, and the HTML
parsed. Part 1 must hold nothing from the Part 2-only fields.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
from html.parser import HTMLParser

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from scrutineer.domain.parts import Part

from .conftest import TABLE_HEADING, docx_text, pdf_flow, pdf_pages, runs_across_pages, squash

pytestmark = pytest.mark.django_db

FORMATS = ["html", "pdf", "docx"]


def _text(rendered, part: Part, format: str) -> str:
    content = rendered.files[(part, format)]
    if format == "pdf":
        return "\n".join(pdf_pages(content))
    if format == "docx":
        return docx_text(content)
    return html.unescape(re.sub(r"<[^>]+>", " ", content.decode("utf-8")))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("part", list(Part))
def test_each_file_holds_every_priority_every_approved_update_and_the_cover_sheet(rendered, part, format):
    expected = [*rendered.priorities, *rendered.updates, *rendered.cover]
    if format == "pdf":
        pages = pdf_flow(rendered.files[(part, format)])
        missing = [item for item in expected if not runs_across_pages(item, pages)]
    else:
        text = squash(_text(rendered, part, format))
        missing = [item for item in expected if squash(item) not in text]
    assert missing == []


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("part", list(Part))
def test_unapproved_updates_are_never_printed(rendered, part, format):
    assert rendered.unapproved not in _text(rendered, part, format)


@pytest.mark.parametrize("format", FORMATS)
def test_part_one_files_hold_nothing_from_part_two_fields(rendered, format):
    assert rendered.canary not in _text(rendered, Part.ONE, format)
    assert rendered.canary.encode() not in rendered.files[(Part.ONE, format)]


@pytest.mark.parametrize("format", FORMATS)
def test_part_two_files_hold_the_exempt_commentary_the_b_number_and_the_exempt_marking(rendered, format):
    text = _text(rendered, Part.TWO, format)
    assert rendered.canary in squash(text) or rendered.canary in text
    assert "CEF21009B" in text and "CEF21009A" not in text
    assert "PART 2 – EXEMPT" in text
    assert squash("paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972") in squash(text)


@pytest.mark.parametrize("format", FORMATS)
def test_part_one_files_carry_the_a_number_and_the_public_marking(rendered, format):
    text = _text(rendered, Part.ONE, format)
    assert "CEF21009A" in text and "CEF21009B" not in text
    assert "PART 1 – PUBLIC" in text
    assert "Schedule 12A" not in text


# --- PDF -------------------------------------------------------------------------------------


@pytest.mark.parametrize("part", list(Part))
def test_pdf_numbers_every_page_and_heads_it_with_the_report_number_and_part(rendered, part):
    pages = pdf_pages(rendered.files[(part, "pdf")])
    number = "CEF21009A" if part is Part.ONE else "CEF21009B"
    assert len(pages) > 5
    for index, text in enumerate(pages, start=1):
        assert f"Page {index} of {len(pages)}" in text
        assert f"Report No. {number}" in text
        assert f"PART {part.value} – " in text


def test_pdf_repeats_the_action_table_headings_on_every_page_the_table_runs_on(rendered):
    pages = [squash(text) for text in pdf_pages(rendered.files[(Part.ONE, "pdf")])]
    heading = squash(TABLE_HEADING)
    details = [squash(detail)[:40] for detail in rendered.details if detail]
    table_pages = [page for page in pages if any(detail in page for detail in details)]
    assert table_pages, "no page holds the action tables"
    assert all(heading in page for page in table_pages)
    # Five priorities, five tables: more pages with the headings means they were repeated.
    assert len(table_pages) > 5


def test_pdf_is_tagged_with_language_title_and_landscape_pages_for_the_action_tables(rendered):
    reader = PdfReader(io.BytesIO(rendered.files[(Part.ONE, "pdf")]))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == rendered.titles[Part.ONE]
    tags = _structure(root["/StructTreeRoot"])
    assert [alt for tag, alt in tags if tag == "/Figure"] == rendered.chart_descriptions
    assert [tag for tag, _ in tags].count("/H1") == 1
    assert {"/Table", "/THead", "/TH", "/TD", "/L", "/LI", "/H2", "/H3"} <= {tag for tag, _ in tags}
    shapes = ["landscape" if page.mediabox.width > page.mediabox.height else "portrait" for page in reader.pages]
    assert shapes[0] == "portrait"
    assert shapes[-1] == "landscape"
    assert shapes == sorted(shapes, key=["portrait", "landscape"].index), "the appendix is printed landscape"


def _structure(node) -> list[tuple[str, str | None]]:
    """(tag, alternative text) of every element of a PDF's structure tree, depth first."""
    node = node.get_object()
    found = []
    if "/S" in node:
        found.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
    children = node.get("/K")
    for child in children if isinstance(children, list) else [children]:
        if child is not None and hasattr(child.get_object(), "get"):
            found += _structure(child)
    return found


@pytest.mark.parametrize("part", list(Part))
def test_pdf_renders_to_page_images_without_error(rendered, part, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendered.files[(part, "pdf")])
    result = subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == len(PdfReader(str(pdf)).pages)


# --- Word ------------------------------------------------------------------------------------


def test_word_uses_real_headings_and_sets_the_document_title(rendered):
    document = docx.Document(io.BytesIO(rendered.files[(Part.ONE, "docx")]))
    assert document.core_properties.title == rendered.titles[Part.ONE]
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "1 Reason for report") in styles
    assert ("Heading 1", "3 COMMENTARY") in styles
    assert ("Heading 2", "Priority 1: Safeguarding") in styles
    assert [text for style, text in styles if style == "Title"] == [document.core_properties.title.split(": ", 1)[1]]


def test_word_tables_mark_their_header_row_to_repeat_and_carry_a_title(rendered):
    document = docx.Document(io.BytesIO(rendered.files[(Part.ONE, "docx")]))
    assert len(document.tables) == 6  # the summary, then one per priority
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
    action_tables = document.tables[1:]
    assert [cell.text for cell in action_tables[0].rows[0].cells] == [
        "ACTION",
        "DETAIL",
        "MEASURES OF SUCCESS",
        "TARGET DATE",
        "LEAD",
        "UPDATES",
    ]


def test_word_chart_is_a_picture_with_its_description_as_alternative_text(rendered):
    document = docx.Document(io.BytesIO(rendered.files[(Part.ONE, "docx")]))
    descriptions = [doc_pr.get("descr") for doc_pr in document.element.body.iter(qn("wp:docPr"))]
    assert descriptions == rendered.chart_descriptions
    assert len(document.inline_shapes) == 1


def test_word_puts_the_action_tables_on_landscape_pages_with_page_numbers(rendered):
    document = docx.Document(io.BytesIO(rendered.files[(Part.ONE, "docx")]))
    orientations = [section.page_width > section.page_height for section in document.sections]
    assert orientations == [False, True]
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert document.sections[0].header.paragraphs[0].text.startswith("Report No. CEF21009A · PART 1 – PUBLIC")


def test_word_merges_a_measures_cell_the_plan_prints_once_for_three_sub_actions(rendered):
    document = docx.Document(io.BytesIO(rendered.files[(Part.ONE, "docx")]))
    table = document.tables[3]  # priority 3
    rows = [
        row
        for row in table.rows
        if row.cells[1].text.startswith(("A) Ensure there is sufficient", "B) Procure", "C) Produce"))
    ]
    assert len(rows) == 3
    assert rows[0].cells[2].text.startswith("Take up of targeted childcare for two-year olds")
    # One cell, merged down over the three rows: it starts a vertical merge the next two continue.
    assert [row._tr.tc_lst[2].vMerge for row in rows] == ["restart", "continue", "continue"]
    assert [row._tr.tc_lst[3].vMerge for row in rows] == [None, None, None]  # three different target dates


# --- HTML ------------------------------------------------------------------------------------


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_has_one_h1_captioned_tables_scoped_headers_and_chart_text_alternatives(rendered):
    page = rendered.files[(Part.ONE, "html")].decode()
    parser = _Structure()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("h1") == 1
    assert tags.count("table") == tags.count("caption") == 6
    assert all(
        attrs.get("scope") in {"col", "row", "rowgroup", "colgroup"} for tag, attrs in parser.tags if tag == "th"
    )
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert [image["alt"] for image in images] == rendered.chart_descriptions
    assert all(image["src"].startswith("data:image/svg+xml;base64,") for image in images)
    assert '<html lang="en-GB">' in page
    assert "<script" not in page
