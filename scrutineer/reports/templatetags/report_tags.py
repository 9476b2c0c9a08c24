"""Presentation helpers for the report templates: nothing here decides what a report says."""

import base64

from django import template

from ..charts import chart_svg
from ..document import Chart, Table
from ..renderers.html import table_html

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


@register.filter
def report_table(table: Table) -> str:
    """The table's markup, written in Python (see `renderers.html.table_html`)."""
    return table_html(table)
