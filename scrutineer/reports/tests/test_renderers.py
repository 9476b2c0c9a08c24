"""The general pieces kinds build on, drawn by each renderer: figures with the printed figure beside
them, sub-total rows, indented lines, notes under a table, lists with printed markers, charts either
side of zero. No database."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from scrutineer.domain.parts import Part
from scrutineer.reports.charts import chart_png, chart_svg, diverging_bar_chart
from scrutineer.reports.document import (
    Cell,
    Document,
    NumberedList,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Table,
)
from scrutineer.reports.renderers import Format, render_document
from scrutineer.reports.renderers.html import table_html

from .conftest import pdf_pages, squash


def test_a_figure_with_a_different_printed_figure_shows_both():
    cell = Cell.figure("42,674", printed="42,675")
    assert cell.numeric is True
    assert cell.plain == "42,674\n(printed: 42,675)"
    assert Cell.figure("370", printed="370").plain == "370"  # the same figure is not said twice
    assert Cell.figure("").blocks == ()


def test_a_heading_row_spanning_the_table_heads_its_row_group():
    assert Cell.text("Capital-funded contracts", header=True, colspan=17).scope == "rowgroup"
    assert Cell.text("Basic Need", header=True).scope == "row"


def _table(**options) -> Table:
    header = (Cell.text("Service area"), Cell.text("Budget", numeric=True), Cell.text("Outturn", numeric=True))

    def line(name: str, *cells: Cell, indent: int = 2, total: bool = False) -> Row:
        return Row((Cell.text(name, header=True, indent=indent), *cells), total=total)

    division = RowGroup(
        (
            Row((Cell.text("Education Division", header=True, colspan=3),)),
            line("Adult Education <Centres>", Cell.figure("Cr 61"), Cell.figure("0")),
            line("SEN & Inclusion", Cell.figure("263"), Cell.figure("9,835", printed="9,836")),
            line("Total Education Division", Cell.figure("202"), Cell.figure("3"), indent=1, total=True),
        )
    )
    totals = (Row((Cell.text("TOTAL CONTROLLABLE", header=True), Cell.figure("42,207"), Cell.figure("42,674"))),)
    return Table("Budget (£'000)", (header,), (division,), totals, notes=("Credits are shown Cr.",), **options)


def test_html_table_writes_scopes_indents_subtotals_notes_and_escapes_text():
    html = str(table_html(_table(widths=(60, 20, 20))))
    assert '<th scope="rowgroup" colspan="3">Education Division</th>' in html
    assert '<th scope="row" class="report-indent-2">Adult Education &lt;Centres&gt;</th>' in html
    assert '<tr class="report-subtotal"><th scope="row" class="report-indent-1">Total Education Division</th>' in html
    assert '<td class="report-numeric"><p>9,835</p><p>(printed: 9,836)</p></td>' in html
    assert '<td class="report-numeric">Cr 61</td>' in html  # one paragraph: no <p> to lay out
    assert '<tbody class="report-total"><tr><th scope="row">TOTAL CONTROLLABLE</th>' in html
    assert html.index("</table>") < html.index('<p class="report-table-note">Credits are shown Cr.</p>')
    assert '<col class="report-w60">' in html
    assert "<Centres>" not in html


def _document(*blocks) -> Document:
    return Document(
        kind="test",
        title="A report",
        part=Part.ONE,
        organisation="A Council",
        sections=(Section("One", blocks=blocks),),
    )


def test_word_table_bolds_headings_and_totals_merges_spans_repeats_headers_and_keeps_notes():
    content = render_document(_document(_table()), Format.DOCX).content
    word = docx.Document(io.BytesIO(content))
    table = word.tables[0]
    rows = table.rows
    assert [cell.text for cell in rows[0].cells] == ["Service area", "Budget", "Outturn"]
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert rows[1]._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "3"
    assert rows[3].cells[2].text == "9,835\n(printed: 9,836)"
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Budget (£'000)"

    def bold(row) -> bool:
        return all(run.bold for cell in row.cells for p in cell.paragraphs for run in p.runs)

    assert [bold(row) for row in rows] == [True, True, False, False, True, True]  # subtotal and total bold
    first = rows[2].cells[0].paragraphs[0]
    assert first.paragraph_format.left_indent is not None and first.paragraph_format.left_indent > 0
    assert rows[2].cells[1].paragraphs[0].alignment == 2  # right
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs.index("Credits are shown Cr.") > paragraphs.index("Budget (£'000)")


def test_word_merges_a_cell_spanning_rows():
    header = (Cell.text("Action"), Cell.text("Detail"))
    rows = (Row((Cell.text("1) Safeguard", header=True, rowspan=2), Cell.text("A) One"))), Row((Cell.text("B) Two"),)))
    content = render_document(_document(Table("Actions", (header,), (RowGroup(rows),))), Format.DOCX).content
    table = docx.Document(io.BytesIO(content)).tables[0]
    assert [row._tr.tc_lst[0].vMerge for row in table.rows[1:]] == ["restart", "continue"]
    assert [row.cells[1].text for row in table.rows[1:]] == ["A) One", "B) Two"]


def test_word_drops_characters_xml_cannot_hold():
    header = (Cell.text("Title"),)
    rows = (Row((Cell.text("Bell\x07 and tab\tkept"),)),)
    content = render_document(_document(Table("Odd text", (header,), (RowGroup(rows),))), Format.DOCX).content
    assert docx.Document(io.BytesIO(content)).tables[0].rows[1].cells[0].text == "Bell and tab\tkept"


@pytest.mark.parametrize("format", ["html", "pdf", "docx"])
def test_a_numbered_list_keeps_the_printed_markers(format):
    risks = NumberedList((("i)", "Recruitment and retention of staff."), ("ii)", "Limited supply of placements.")))
    content = render_document(_document(Paragraph("The risks are:"), risks), Format(format)).content
    if format == "pdf":
        text = "\n".join(pdf_pages(content))
    elif format == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    else:
        text = re.sub(r"<[^>]+>", "", content.decode())
    assert squash("i) Recruitment and retention of staff.") in squash(text)
    assert squash("ii) Limited supply of placements.") in squash(text)
    assert "•" not in text


def _variation_chart():
    header = (Cell.text("Division"), Cell.text("Variation", numeric=True))
    rows = tuple(
        Row((Cell.text(name, header=True), Cell.figure(label)))
        for name, label in (("Education", "Dr 102"), ("Adult Education", "Cr 61"))
    )
    return diverging_bar_chart(
        title="Projected variation by division",
        description="Bar chart of the projected variation of 2 divisions.",
        categories=["Education", "Adult Education"],
        values=[102, -61],
        labels=["Dr 102", "Cr 61"],
        table=Table("Variation by division", (header,), (RowGroup(rows),)),
        axis_title="Variation (£'000)",
        positive=("Overspend (Dr)", "#942514"),
        negative=("Underspend (Cr)", "#005a30"),
    )


def test_a_diverging_chart_plots_the_figures_with_their_labels_and_names_each_direction():
    chart = _variation_chart()
    plotted = [(v["category"], v["value"], v["label"], v["direction"]) for v in chart.spec["data"]["values"]]
    assert plotted == [
        ("Education", 102, "Dr 102", "Overspend (Dr)"),
        ("Adult Education", -61, "Cr 61", "Underspend (Cr)"),
    ]
    svg = chart_svg(chart)
    assert "Dr 102" in svg and "Cr 61" in svg and "Overspend (Dr)" in svg
    assert chart_png(chart).startswith(b"\x89PNG")


def test_a_diverging_chart_needs_a_label_for_each_value():
    with pytest.raises(ValueError, match="one value and one label"):
        diverging_bar_chart(
            title="T", description="D", categories=["a"], values=[1, 2], labels=["1"], table=_table(), axis_title="£"
        )
