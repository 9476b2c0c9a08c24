"""How the front sheet and pages print people and times, in the council's style."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from django import template

from scrutineer.committees.models import Membership
from scrutineer.domain.report_text import TextBlock, text_blocks

register = template.Library()


@register.filter
def names_list(seats: Sequence[Membership]) -> str:
    """ "Marina Ahmad, Yvonne Bear and Will Rowlands"; a vacant seat is "Vacancy" (`004_5a7191a0a14e1e5f.txt:25-31`)."""
    names = [seat.name.strip() or "Vacancy" for seat in seats]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@register.filter
def seat_line(seat: Membership) -> str:
    """ "Angela Leeves, Early Years Representative"; "Vacant, Young People's Representative"."""
    name = seat.name.strip() or "Vacant"
    return f"{name}, {seat.representing}" if seat.representing else name


@register.filter
def clock(value: time | None) -> str:
    """ "6.30 pm", as the council writes times (`004_5a7191a0a14e1e5f.txt:154`)."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    return f"{hour}.{value.minute:02d} {'am' if value.hour < 12 else 'pm'}"


@register.filter
def represents(seats: Sequence[Membership]) -> bool:
    return any(seat.representing for seat in seats)


@register.filter
def blocks(text: str) -> list[TextBlock]:
    """An officer's text as paragraphs and bullet lists (see `domain.report_text`)."""
    return text_blocks(text or "")
