"""Render a report's tables and charts. In Python rather than template loops, because a
council-wide ledger has thousands of rows and the page must still come back quickly; every text is
escaped here."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..charts import bar_chart_svg
from ..report_data import Cell, Chart, Column, Row, RowKind, Table

register = template.Library()

_HEADING_SIZES = {2: "l", 3: "m", 4: "s", 5: "s", 6: "s"}


@register.filter
def heading_size(level: int) -> str:
    return _HEADING_SIZES.get(level, "s")


@register.simple_tag
def finance_chart(chart: Chart) -> SafeString:
    return mark_safe(bar_chart_svg(chart))


@register.simple_tag
def finance_table(table: Table) -> SafeString:
    key = escape(table.key)
    out = [
        f'<div class="app-table-scroll" role="region" aria-labelledby="{key}-caption" tabindex="0">',
        f'<table class="govuk-table app-finance-table" id="{key}">',
        f'<caption class="govuk-table__caption govuk-table__caption--s" id="{key}-caption">'
        f"{escape(table.caption)}</caption>",
        '<thead class="govuk-table__head"><tr class="govuk-table__row">',
    ]
    for column in table.columns:
        numeric = " govuk-table__header--numeric" if column.numeric else ""
        out.append(f'<th scope="col" class="govuk-table__header{numeric}">{escape(column.label)}</th>')
    out.append("</tr></thead>")
    out += _body(table)
    out.append("</table></div>")
    if table.footnotes:
        out.append('<ul class="govuk-list govuk-body-s app-footnotes">')
        out += [f"<li>{escape(note)}</li>" for note in table.footnotes]
        out.append("</ul>")
    return mark_safe("".join(out))


def _body(table: Table) -> list[str]:
    out = ['<tbody class="govuk-table__body">']
    width = len(table.columns)
    numeric = [column.numeric for column in table.columns[1:]]
    previous_heading = False
    for index, row in enumerate(table.rows):
        if row.kind is RowKind.HEADING:
            if index and not previous_heading:
                out.append('</tbody><tbody class="govuk-table__body">')
            out.append(
                f'<tr class="govuk-table__row app-row--heading"><th scope="rowgroup" colspan="{width}" '
                f'class="govuk-table__header app-level-{row.level}">{escape(row.header)}</th></tr>'
            )
            previous_heading = True
            continue
        previous_heading = False
        out.append(_row(row, numeric, table.columns))
    out.append("</tbody>")
    return out


def _row(row: Row, numeric: list[bool], columns: tuple[Column, ...]) -> str:
    weight = " govuk-!-font-weight-regular" if row.kind is RowKind.LINE else ""
    note = f'<span class="govuk-body-s app-row-note">{escape(row.note)}</span>' if row.note else ""
    header = escape(row.header)
    if row.href:
        header = f'<a class="govuk-link" href="{escape(row.href)}">{header}</a>'
    cells = "".join(_cell(cell, numeric[i] if i < len(numeric) else False) for i, cell in enumerate(row.cells))
    return (
        f'<tr class="govuk-table__row app-row--{row.kind.value}">'
        f'<th scope="row" class="govuk-table__header app-level-{row.level}{weight}">{header}{note}</th>'
        f"{cells}</tr>"
    )


def _cell(cell: Cell, numeric: bool) -> str:
    css = "govuk-table__cell govuk-table__cell--numeric" if numeric else "govuk-table__cell"
    text = escape(cell.text)
    if cell.href and cell.text:
        hidden = '<span class="govuk-visually-hidden">Note </span>'
        text = f'<a class="govuk-link" href="{escape(cell.href)}">{hidden}{text}</a>'
    if cell.published:
        text += f'<span class="app-printed">printed: {escape(cell.published)}</span>'
    return f'<td class="{css}">{text}</td>'
