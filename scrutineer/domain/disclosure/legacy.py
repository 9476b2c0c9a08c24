"""Suppression marks in imported council documents, mapped to GSS states (disclosure.md 2.4).

The December 2020 index writes suppression in several ways (`004_5a7191a0a14e1e5f.txt:4108-4162`):
"x" or "X" (line 4141), "x (rate: 0.01)" (lines 4117, 4140), "Data suppressed, see part 2 report"
(lines 4118, 4140-4142, 4153), and gaps as "Not Available" (4147) or "Data Not Published" (4131).
Under GSS an `x` now means *not available*, so an old `x` becomes `c`: the safe default, since the
value stays hidden either way. But the seed also writes `x` for figures simply missing (line 4149),
so every `x` mapped is listed for an officer to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .table import CellState

_SPACES = re.compile(r"\s+")
_BARE_X = re.compile(r"^x$", re.IGNORECASE)
_X_WITH_RATE = re.compile(r"^x\s*\(\s*rate\s*:?\s*(\d+(?:\.\d+)?)\s*\)$", re.IGNORECASE)
_SUPPRESSED = re.compile(r"^data suppressed,?\s*see part (?:2|two|ii) report\.?$", re.IGNORECASE)
_NOT_AVAILABLE = re.compile(r"^(?:not available|data not published)\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class LegacyMark:
    """What a printed mark becomes.

    state: SUPPRESSED_AT_SOURCE (shown as `c`) or NOT_AVAILABLE (shown as `x`).
    rate: the rate printed beside an `x (rate: ...)`. Part 1 may show it only where rule 4 allows,
        which needs the count and population: without them, do not show it.
    review: a mapped `x`, which an officer may re-mark as not available if the figure was missing.
    """

    printed: str
    state: CellState
    rate: Decimal | None = None
    review: bool = False


def legacy_mark(text: str) -> LegacyMark | None:
    """The mark `text` is, or None when it is not one (a figure, or other words)."""
    cleaned = _SPACES.sub(" ", text).strip()
    if _BARE_X.match(cleaned):
        return LegacyMark(text, CellState.SUPPRESSED_AT_SOURCE, review=True)
    with_rate = _X_WITH_RATE.match(cleaned)
    if with_rate:
        return LegacyMark(text, CellState.SUPPRESSED_AT_SOURCE, Decimal(with_rate.group(1)), review=True)
    if _SUPPRESSED.match(cleaned):
        return LegacyMark(text, CellState.SUPPRESSED_AT_SOURCE)
    if _NOT_AVAILABLE.match(cleaned):
        return LegacyMark(text, CellState.NOT_AVAILABLE)
    return None


@dataclass(frozen=True)
class LegacyImport:
    """The marks found among imported cells, and the review list for the officer."""

    marks: dict[str, LegacyMark]

    @property
    def review(self) -> tuple[str, ...]:
        """One line per `x` mapped to `c`, for the import report."""
        return tuple(
            f"{key}: printed “{mark.printed.strip()}”, imported as c (suppressed); "
            "re-mark it as x (not available) if the figure was simply missing"
            for key, mark in self.marks.items()
            if mark.review
        )


def legacy_marks(cells: Iterable[tuple[str, str]]) -> LegacyImport:
    """Map every (key, printed text) pair that is a legacy mark; figures are left out."""
    return LegacyImport({key: mark for key, text in cells if (mark := legacy_mark(text)) is not None})
