"""Page arithmetic of an agenda pack: where each paper starts and ends, and what the agenda prints.

The council numbers its pack's pages throughout: the front sheet and agenda are pages 1 to 4, the
previous minutes "Pages 5 - 16", then each report (`004_5a7191a0a14e1e5f.txt:78-148`). Every paper
starts on a right-hand (odd) page, so the pack prints double-sided: a paper with an odd number of
pages is followed by "This page is left intentionally blank" (`004_5a7191a0a14e1e5f.txt:400`), and
the paper's range includes that page (the minutes end on page 15; the agenda says 5 - 16).

The agenda prints the ranges, so its own length moves them: `settle` lays the pack out, has the
agenda drawn with those ranges, and lays it out again until the agenda fits the room it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class PackLayoutError(ValueError):
    """The pack cannot be laid out (a paper without pages, or an agenda that keeps growing)."""


@dataclass(frozen=True)
class Span:
    """Where one paper sits in the pack: `first` to `last`, blank pages after it included."""

    first: int
    last: int
    pages: int  # the paper's own pages; the rest of the span is blank

    @property
    def blank_pages(self) -> int:
        return self.last - self.first + 1 - self.pages

    @property
    def text(self) -> str:
        return page_range_text(self.first, self.last)


@dataclass(frozen=True)
class Layout:
    front: Span  # the front sheet and agenda
    papers: tuple[Span, ...]

    @property
    def total_pages(self) -> int:
        return self.papers[-1].last if self.papers else self.front.last


def page_range_text(first: int, last: int) -> str:
    """ "Pages 23 - 42", as the agenda prints it (`004_5a7191a0a14e1e5f.txt:96`); "Page 5" for one page."""
    if last < first:
        raise PackLayoutError(f"A range cannot end (page {last}) before it starts (page {first}).")
    return f"Page {first}" if first == last else f"Pages {first} - {last}"


def lay_out(front_pages: int, paper_pages: Sequence[int], *, double_sided: bool) -> Layout:
    """Spans for the front sheet and each paper, in order, numbered from page 1."""
    if front_pages < 1 or any(pages < 1 for pages in paper_pages):
        raise PackLayoutError("Every part of a pack has at least one page.")
    front = Span(1, _room(front_pages, double_sided), front_pages)
    spans = []
    next_page = front.last + 1
    for pages in paper_pages:
        span = Span(next_page, next_page + _room(pages, double_sided) - 1, pages)
        spans.append(span)
        next_page = span.last + 1
    return Layout(front, tuple(spans))


def settle(
    draw_front: Callable[[Layout], tuple[T, int]],
    paper_pages: Sequence[int],
    *,
    double_sided: bool,
    guess: int = 1,
    attempts: int = 6,
) -> tuple[Layout, T]:
    """Lay the pack out so that the agenda's printed ranges are where the papers really are.

    `draw_front(layout)` draws the front sheet and agenda with the layout's ranges and returns the
    drawing and its page count. The room given to the front only grows, so this ends: when the
    agenda fits its room (blank pages fill any room left over), the ranges it prints are right.
    """
    room = max(guess, 1)
    for _ in range(attempts):
        layout = lay_out(room, paper_pages, double_sided=double_sided)
        drawing, pages = draw_front(layout)
        if pages < 1:
            raise PackLayoutError("The front sheet came out with no pages.")
        if pages <= layout.front.last:
            front = Span(1, layout.front.last, pages)
            return Layout(front, layout.papers), drawing
        room = pages
    raise PackLayoutError(f"The agenda still did not fit after {attempts} attempts.")


def _room(pages: int, double_sided: bool) -> int:
    """Pages a paper takes: its own, and a blank one after an odd count when printed double-sided."""
    return pages + (pages % 2 if double_sided else 0)
