"""Words beside a suppressed figure: commentary (disclosure.md 2.3 rule 9) and RAG ratings (rule 11)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Part 1 in place of commentary on a suppressed indicator, as the seed does ("Please refer to the
# Part two report for management commentary on indicators 22 and 23", `004_5a7191a0a14e1e5f.txt:4051`).
SEE_PART_2 = "See Part 2 report"

NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# A whole number standing on its own: not part of 22.2, 3.6.1, 1,234, 10/03/2021, Q3 or CEF21011A.
# Ordinals ("the 3rd adoption") and percentages ("5%") count: both can give a small count away.
_WHOLE = re.compile(r"(?<![\w.,/])(\d+)(?:st|nd|rd|th)?(?![\w]|[.,/]\d)", re.IGNORECASE)
_WORDS = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# A number that names a part of a document is a reference, not a count: "Part 2 report", "paragraph 3".
REFERENCE_WORDS = frozenset(
    [
        "part",
        "appendix",
        "annex",
        "paragraph",
        "para",
        "section",
        "page",
        "table",
        "figure",
        "chart",
        "item",
        "indicator",
        "quarter",
        "schedule",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def _is_reference(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    return before is not None and before.group(1).lower() in REFERENCE_WORDS


@dataclass(frozen=True)
class CommentaryCheck:
    """May this Part 1 text be published? `numbers` lists what it states from 1 to T, as written."""

    allowed: bool
    numbers: tuple[str, ...]
    message: str


def part1_commentary(text: str, *, indicator_suppressed: bool) -> str:
    """Commentary as Part 1 shows it: on a suppressed indicator it moves to Part 2 (rule 9)."""
    return SEE_PART_2 if indicator_suppressed else text


def small_numbers(text: str, *, threshold: int) -> tuple[str, ...]:
    """Every whole number from 1 to `threshold` the text states, in digits or in words, in order.

    Numbers that name part of a document ("Part 2 report", "paragraph 3", "appendix 1") are references."""
    found: list[tuple[int, str]] = []
    for match in _WHOLE.finditer(text):
        if 1 <= int(match.group(1)) <= threshold and not _is_reference(text, match.start()):
            found.append((match.start(), match.group(0)))
    for match in _WORDS.finditer(text):
        if NUMBER_WORDS.index(match.group(1).lower()) + 1 <= threshold and not _is_reference(text, match.start()):
            found.append((match.start(), match.group(0)))
    return tuple(word for _, word in sorted(found))


def commentary_check(text: str, *, indicator_suppressed: bool, threshold: int) -> CommentaryCheck:
    """Rule 9: Part 1 free text about a suppressed indicator is refused if it states any whole number 1 to T."""
    if not indicator_suppressed:
        return CommentaryCheck(True, (), "")
    numbers = small_numbers(text, threshold=threshold)
    if not numbers:
        return CommentaryCheck(True, (), "")
    listed = ", ".join(f"“{n}”" for n in numbers)
    message = (
        f"This indicator is suppressed in Part 1, and the text states {listed}: a number from 1 to {threshold} "
        "could reveal a suppressed figure. Move the commentary to Part 2, or reword it without the number."
    )
    return CommentaryCheck(False, numbers, message)


def rag_warning(*, lowest: int | None, highest: int | None, threshold: int) -> str | None:
    """Rule 11: a RAG rating still shows for a suppressed indicator, unless with its published target it
    pins the value down. `lowest`/`highest` are the counts the rating and target allow (None: no bound);
    fewer than T + 1 whole counts is a warning ("a target of 1 and a met status")."""
    if highest is None:
        return None
    low = max(0, lowest or 0)
    possible = highest - low + 1
    if possible >= threshold + 1:
        return None
    counts = (
        "no count" if possible <= 0 else f"only {possible} count{'s' if possible != 1 else ''} ({low} to {highest})"
    )
    return (
        f"The RAG rating and published target leave {counts}, so they pin down a suppressed value; "
        "consider withholding the rating from Part 1."
    )
