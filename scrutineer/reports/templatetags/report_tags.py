"""Presentation helpers for the report templates: nothing here decides what a report says."""

import base64

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ..charts import chart_svg
from ..document import BulletList, Cell, Chart, Paragraph, Row

register = template.Library()


@register.filter
def chart_data_uri(chart: Chart) -> str:
    """The chart as an SVG image address, so HTML and PDF show the same drawing."""
    svg = chart_svg(chart).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@register.filter
def heading_level(level: int) -> int:
    """HTML has six heading levels; deeper sections stay at h6."""
    return min(int(level), 6)


@register.simple_tag
def table_row(row: Row) -> SafeString:
    """A body row's cells. A tag rather than an include per cell: a table of figures has hundreds of
    cells, and an include costs far more than a call (WeasyPrint, too, lays out fewer boxes)."""
    return mark_safe("".join(_cell(cell) for cell in row.cells))  # every piece is escaped by format_html


def _cell(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attributes = format_html(' scope="{}"', cell.scope) if cell.header else ""
    if cell.rowspan > 1:
        attributes += format_html(' rowspan="{}"', cell.rowspan)
    if cell.colspan > 1:
        attributes += format_html(' colspan="{}"', cell.colspan)
    if cell.numeric:
        attributes += mark_safe(' class="report-numeric"')
    if len(cell.blocks) == 1 and isinstance(cell.blocks[0], Paragraph):
        content = conditional_escape(cell.blocks[0].text)  # one paragraph needs no <p>: half the boxes to lay out
    else:
        content = mark_safe("".join(_block(block) for block in cell.blocks))
    return format_html("<{}{}>{}</{}>", tag, attributes, content, tag)


def _block(block: Paragraph | BulletList) -> str:
    if isinstance(block, BulletList):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item,) for item in block.items)))
    return format_html("<p>{}</p>", block.text)
