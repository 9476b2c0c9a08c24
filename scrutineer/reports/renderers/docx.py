"""The report as a Word document officers can still edit: real headings, real tables, real lists.

Headings use Word's Title and Heading styles, so the navigation pane and accessibility checker
see the structure. Tables are Word tables with their header rows marked to repeat on each page
(`w:tblHeader`) and a table title for screen readers. Charts are PNG pictures (Word cannot hold
SVG) with the chart's description as their alternative text. Wide tables go on landscape pages.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape as xml_escape

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from ..charts import chart_png
from ..document import (
    Block,
    BulletList,
    Cell,
    Chart,
    Document,
    Field,
    FieldList,
    NumberedList,
    Paragraph,
    Row,
    Section,
    Table,
)

FONT = "Arial"
MARGIN = Mm(18)
EMU_PER_TWIP = 635
INDENT_TWIPS = 284  # 5 mm a level
COMPACT_HALF_POINTS = 14  # 7 pt type in a compact table
DENSE_HALF_POINTS = 14  # and in a dense one, whose rows are also kept whole on a page
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def render_docx(document: Document) -> bytes:
    writer = _Writer(document)
    writer.write()
    buffer = io.BytesIO()
    writer.word.save(buffer)
    return buffer.getvalue()


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.word = new_word_document()
        self.landscape = False
        self._set_up()

    # --- the document as a whole -----------------------------------------------------------
    def write(self) -> None:
        doc = self.document
        if doc.draft:
            self._paragraph(
                "Draft: not yet published. Check the cover sheet before it goes to the committee.", bold=True
            )
        if doc.cover:
            self._cover()
        else:
            self._styled(doc.title, "Title")
        for section in doc.sections:
            self._section(section, level=1, landscape=False)
        self._ensure(landscape=False)
        for field in doc.closing:
            self._field(field)
        if doc.legend:
            self._heading("Key", level=1)
            for entry in doc.legend:
                self._field(Field(entry.symbol, entry.meaning))
        if doc.footnotes:
            self._heading("Notes", level=1)
            for note in doc.footnotes:
                self._paragraph(f"{note.marker}. {note.text}")
        for section in doc.appendices:
            self._section(section, level=1, landscape=False)

    def _set_up(self) -> None:
        doc, word = self.document, self.word
        properties = word.core_properties
        properties.title = doc.full_title
        properties.subject = doc.subject
        properties.author = doc.organisation
        properties.keywords = doc.cover.marking if doc.cover else ""
        properties.language = doc.language
        properties.comments = "Made with Scrutineer"
        paragraph_styles = [style for style in word.styles if style.type == WD_STYLE_TYPE.PARAGRAPH]
        self.style_ids = {style.name: style.style_id for style in paragraph_styles}
        self.table_style = word.styles["Table Grid"].style_id
        normal = word.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        _set_language(normal.element, doc.language)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "Caption"):
            style = word.styles[name]
            style.font.name = FONT
            _set_east_asia_font(style.element)
        section = word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        section.header.paragraphs[0].text = doc.running_header
        _page_numbers(section.footer.paragraphs[0])

    def _cover(self) -> None:
        cover = self.document.cover
        assert cover is not None
        self._paragraph(cover.organisation, bold=True)
        self._paragraph(cover.marking, bold=True)
        if cover.exempt_notice:
            self._paragraph(cover.exempt_notice, bold=True)
        self._styled(self.document.title, "Title")
        if cover.agenda_item:
            self._field(Field("Agenda Item", cover.agenda_item))
        self._field(Field("Report No.", cover.report_number or "Not yet numbered"))
        for field in cover.fields:
            self._field(field)

    # --- blocks ------------------------------------------------------------------------------
    def _section(self, section: Section, *, level: int, landscape: bool) -> None:
        """Write a section; `landscape` says whether the section it sits in is on landscape pages."""
        landscape = landscape or section.landscape
        if not self._ensure(landscape=landscape) and section.page_break_before:
            self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._heading(section.heading, level=level)
        for block in section.blocks:
            if isinstance(block, Section):
                self._section(block, level=level + 1, landscape=landscape)
            else:
                self._ensure(landscape=landscape or (isinstance(block, Table) and block.landscape))
                self._block(block)

    def _block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self._paragraph(f"{block.number}\t{block.text}" if block.number else block.text, bold=block.strong)
        elif isinstance(block, BulletList):
            for item in block.items:
                self._styled(item, "List Bullet")
        elif isinstance(block, NumberedList):
            for marker, text in block.items:  # the markers as printed, not Word's own numbering
                paragraph = self._paragraph(f"{marker}\t{text}")
                paragraph.paragraph_format.left_indent = Mm(10)
                paragraph.paragraph_format.first_line_indent = Mm(-10)
        elif isinstance(block, FieldList):
            for number, field in enumerate(block.fields, start=1):
                self._field(field, number=number if block.numbered else None)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Chart):
            self._chart(block)

    def _styled(self, text: str, style: str) -> WordParagraph:
        """A paragraph in a named style, set by its id (python-docx's lookup by name is slow)."""
        paragraph = self.word.add_paragraph(text)
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def _heading(self, text: str, *, level: int) -> WordParagraph:
        return self._styled(text, f"Heading {min(level, 9)}")

    def _paragraph(self, text: str, *, bold: bool = False) -> WordParagraph:
        paragraph = self.word.add_paragraph()
        paragraph.add_run(text).bold = bold
        return paragraph

    def _field(self, field: Field, *, number: int | None = None) -> None:
        paragraph = self.word.add_paragraph()
        label = f"{number}. {field.label}" if number else field.label
        paragraph.add_run(f"{label} " if label.endswith("?") else f"{label}: ").bold = True
        for index, line in enumerate(field.value.split("\n")):
            run = paragraph.add_run()
            if index:
                run.add_break(WD_BREAK.LINE)
            run.add_text(line)

    def _chart(self, chart: Chart) -> None:
        self._styled(chart.title, "Caption")
        self.word.add_picture(io.BytesIO(chart_png(chart)), width=Mm(150))
        picture = self.word.paragraphs[-1]
        for doc_pr in picture._p.iter(qn("wp:docPr")):
            doc_pr.set("descr", chart.description)
            doc_pr.set("title", chart.title)
        self._table(chart.table)

    def _table(self, table: Table) -> None:
        """A Word table, written as WordprocessingML in one piece: python-docx's cell objects take
        about a millisecond each, and a register of thousands of contracts has tens of thousands."""
        self._styled(table.caption, "Caption")
        widths = self._column_widths(table)
        twips = [int(width / EMU_PER_TWIP) for width in widths]
        size = COMPACT_HALF_POINTS if table.compact else DENSE_HALF_POINTS if table.dense else 0
        xml = _table_xml(table, twips, self.table_style, self.style_ids, size=size)
        self.word.element.body._insert_tbl(parse_xml(xml))  # before the body's closing section properties
        for note in table.notes:
            self._paragraph(note)

    # --- pages ----------------------------------------------------------------------------
    def _ensure(self, *, landscape: bool) -> bool:
        """Start a new section (on a new page) if the orientation must change; True if it did."""
        if landscape == self.landscape:
            return False
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        short, long = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.landscape = landscape
        return True

    def _column_widths(self, table: Table) -> list[Emu]:
        section = self.word.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        count = table.column_count
        shares = list(table.widths) if len(table.widths) == count else [1] * count
        total = sum(shares)
        return [Emu(int(usable * share / total)) for share in shares]


def _placements(rows: Iterable[Row]) -> list[tuple[int, int, Cell]]:
    """Where each cell sits in the grid, skipping places taken by cells spanning from above."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return placed


def _table_xml(table: Table, widths: list[int], style: str, style_ids: dict[str, str], *, size: int = 0) -> str:
    """The table as WordprocessingML: a title for screen readers, header rows marked to repeat on
    each page (w:tblHeader), merged cells as gridSpan and vMerge, bold headings and totals."""
    header_count = len(table.header_rows)
    body = [*table.rows, *table.total_rows]
    rows = [Row(header) for header in table.header_rows] + body
    bold_rows = {r for r in range(len(rows)) if r < header_count or r >= header_count + len(table.rows)}
    bold_rows |= {header_count + index for index, row in enumerate(table.rows) if row.total}
    grid: dict[tuple[int, int], tuple[Cell, bool]] = {}  # (row, column) -> cell, and whether it starts there
    for r, c, cell in _placements(rows):
        for dr in range(cell.rowspan):
            grid[(r + dr, c)] = (cell, dr == 0)
    columns = len(widths)
    caption = _attribute(table.caption)
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:jc w:val="left"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/><w:tblCaption w:val="{caption}"/>'
        f'<w:tblDescription w:val="{caption}"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    bullet = style_ids["List Bullet"]
    for r in range(len(rows)):
        parts.append("<w:tr>")
        if r < header_count:
            parts.append('<w:trPr><w:tblHeader w:val="true"/></w:trPr>')
        elif table.dense:
            parts.append('<w:trPr><w:cantSplit w:val="true"/></w:trPr>')  # the row is not broken across pages
        c = 0
        while c < columns:
            found = grid.get((r, c))
            if found is None:  # a short row: fill the grid
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
                c += 1
                continue
            cell, starts = found
            span = min(cell.colspan, columns - c)
            width = sum(widths[c : c + span])
            properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if span > 1:
                properties += f'<w:gridSpan w:val="{span}"/>'
            if cell.rowspan > 1:
                properties += '<w:vMerge w:val="restart"/>' if starts else "<w:vMerge/>"
            bold = r in bold_rows or cell.header
            content = _cell_paragraphs(cell, bold=bold, bullet_style=bullet, size=size) if starts else "<w:p/>"
            parts.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>")
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell_paragraphs(cell: Cell, *, bold: bool, bullet_style: str, size: int = 0) -> str:
    """The cell's paragraphs; `size` in half-points (0: the document's own)."""
    paragraphs = []
    indent = f'<w:ind w:left="{cell.indent * INDENT_TWIPS}"/>' if cell.indent else ""
    align = '<w:jc w:val="right"/>' if cell.numeric else ""
    run = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    run_properties = f"<w:rPr>{run}</w:rPr>" if run else ""
    for block in cell.blocks:
        bulleted = isinstance(block, BulletList)
        lines = list(block.items) if bulleted else [block.text]
        style = f'<w:pStyle w:val="{bullet_style}"/>' if bulleted else ""
        for line in lines:
            properties = style + indent + align
            paragraph_properties = f"<w:pPr>{properties}</w:pPr>" if properties else ""
            text = _text(line)
            paragraphs.append(
                f'<w:p>{paragraph_properties}<w:r>{run_properties}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
            )
    return "".join(paragraphs) or "<w:p/>"


def _text(text: str) -> str:
    """Text for an XML element, without the control characters XML cannot hold."""
    return xml_escape(_CONTROL.sub("", text))


def _attribute(text: str) -> str:
    return xml_escape(_CONTROL.sub("", text), {'"': "&quot;", "\n": " "})


def _page_numbers(paragraph: WordParagraph) -> None:
    """ "Page n of m" from Word's PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field_code(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field_code(paragraph, "NUMPAGES")


def _field_code(paragraph: WordParagraph, code: str) -> None:
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _set_language(style_element: object, language: str) -> None:
    r_pr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    r_pr.append(lang)


def _set_east_asia_font(style_element: object) -> None:
    r_pr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
