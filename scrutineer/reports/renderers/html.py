"""The report as one accessible, self-contained HTML page (its styles inside), also the PDF's source.

Tables are written here in Python rather than by a template per cell: a register of thousands of
contracts has tens of thousands of cells, and a template include for each is slow. What they say is
the document's; this only writes it as markup (every text escaped).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..document import BulletList, Cell, Document, Row, Table

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "reports" / "report.css"
MAX_INDENT = 4  # the stylesheet indents up to four levels


def render_html(document: Document) -> str:
    return render_to_string("reports/document/document.html", {"doc": document, "css": report_css(document)})


def report_css(document: Document) -> SafeString:
    """The report stylesheet, plus a rule for each column width the document's tables use."""
    widths = sorted({width for block in document.walk() if isinstance(block, Table) for width in block.widths})
    rules = "".join(f".report-w{width}{{width:{width}%}}" for width in widths)
    return mark_safe(_stylesheet() + rules)  # our own file, and integers


def table_html(table: Table) -> SafeString:
    """A table with its caption, column widths, header rows (repeated on each printed page), one
    <tbody> per row group, and the total rows in a <tbody> of their own at the foot."""
    classes = "report-table" + (" report-table--fixed" if table.widths else "")
    classes += " report-table--compact" if table.compact else ""
    classes += " report-table--dense" if table.dense else ""
    parts = [
        f'<div class="report-table-wrap{" report-landscape" if table.landscape else ""}">',
        f'<table class="{classes}">',
        f"<caption>{escape(table.caption)}</caption>",
    ]
    if table.widths:
        parts.append("<colgroup>" + "".join(f'<col class="report-w{width}">' for width in table.widths) + "</colgroup>")
    parts.append("<thead>")
    for header in table.header_rows:
        parts.append("<tr>" + "".join(_column_heading(cell) for cell in header) + "</tr>")
    parts.append("</thead>")
    for group in table.groups:
        parts.append("<tbody>" + "".join(_row(row) for row in group.rows) + "</tbody>")
    if table.total_rows:
        parts.append('<tbody class="report-total">' + "".join(_row(row) for row in table.total_rows) + "</tbody>")
    parts.append("</table>")
    parts += [f'<p class="report-table-note">{escape(note)}</p>' for note in table.notes]
    parts.append("</div>")
    return mark_safe("".join(parts))  # every text above is escaped


def _column_heading(cell: Cell) -> str:
    scope = "colgroup" if cell.colspan > 1 else "col"
    span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    numeric = ' class="report-numeric"' if cell.numeric else ""
    return f'<th scope="{scope}"{span}{numeric}>{escape(cell.plain)}</th>'


def _row(row: Row) -> str:
    cells = "".join(_cell(cell) for cell in row.cells)
    return f'<tr class="report-subtotal">{cells}</tr>' if row.total else f"<tr>{cells}</tr>"


def _cell(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attributes = f' scope="{cell.scope}"' if cell.header else ""
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    classes = [name for name, wanted in (("report-numeric", cell.numeric),) if wanted]
    if cell.indent:
        classes.append(f"report-indent-{min(cell.indent, MAX_INDENT)}")
    if classes:
        attributes += f' class="{" ".join(classes)}"'
    return f"<{tag}{attributes}>{_cell_content(cell)}</{tag}>"


def _cell_content(cell: Cell) -> str:
    blocks = cell.blocks
    if len(blocks) == 1 and not isinstance(blocks[0], BulletList):
        return str(escape(blocks[0].text))  # one paragraph needs no <p>: half the boxes to lay out in a long table
    out = []
    for block in blocks:
        if isinstance(block, BulletList):
            out.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>")
        else:
            out.append(f"<p>{escape(block.text)}</p>")
    return "".join(out)


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")
