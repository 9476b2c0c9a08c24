"""The register's table body, written in Python: a register of thousands of rows renders quickly.

Every value is escaped here, as a template would escape it. A status cell is always its word in a
labelled tag, never colour alone; the Contract ID heads its row and links to the contract. The
cells carry no classes: `.app-table--register` gives them the GOV.UK table styles.
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

from scrutineer.contracts.report import Column, RegisterRow

register = template.Library()


_SPECIAL = re.compile("[&<>\"']")


def _escape(text: str) -> str:
    """As html.escape, quotes included: cells and attributes alike. Most cells need nothing done."""
    if not _SPECIAL.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def _cell_format(index: int, column: Column) -> str:
    if column.key == "contract_id":
        return f'<th scope="row"><a class="govuk-link" href="{{url}}">{{{index}}}</a></th>'
    if column.tag:
        return f'<td><strong class="govuk-tag app-tag--{{{column.tag}}}">{{{index}}}</strong></td>'
    if column.numeric:
        return f'<td class="app-num">{{{index}}}</td>'
    return f'<td class="app-text">{{{index}}}</td>' if column.key == "commentary" else f"<td>{{{index}}}</td>"


@register.simple_tag
def register_rows(rows: tuple[RegisterRow, ...], columns: tuple[Column, ...]) -> SafeString:
    """The <tr> rows of one register section."""
    line = "<tr>" + "".join(_cell_format(i, column) for i, column in enumerate(columns)) + "</tr>"
    special, escape = _SPECIAL.search, _escape
    html = "\n".join(
        line.format(
            *[escape(text) if special(text) else text for text in row.cells],
            url=_escape(row.url),
            risk=_escape(row.risk),
            status=_escape(row.status),
        )
        for row in rows
    )
    return mark_safe(html)  # every value is escaped above
