"""Markup the performance pages repeat row after row, kept as fast tags rather than includes."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from scrutineer.indicators.index_view import Cell, IndexRow

register = template.Library()


@register.simple_tag
def rating(row: IndexRow) -> SafeString:
    """The rating in force as a labelled tag (never colour alone), and whether it was set by hand."""
    if row.rating is not None:
        shown = format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', row.rating_colour, row.rating.label)
    else:
        shown = format_html("<span>{}</span>", row.rating_text)
    if row.override is None:
        return shown
    return format_html(
        '{}<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">'
        "Set by hand ({})</span>",
        shown,
        row.override.reason,
    )


@register.simple_tag
def cells(*groups: Cell | list[Cell]) -> SafeString:
    """Table cells of the index, each showing its text as printed or its symbol."""
    flat = [cell for group in groups for cell in (group if isinstance(group, list) else [group])]
    return format_html_join("", '<td class="govuk-table__cell">{}</td>', ((cell.shown,) for cell in flat))
