"""Numbers and letters as plans print them: priority headings, action numbers, sub-action letters.

Forms seen: "Priority 1" with the title on the next line (`004_5a7191a0a14e1e5f.txt:692-694`),
"Priority - Safeguarding" (`000_7cb5b0983be37437.txt:312`), "Priority One: **Safeguarding**"
(`000_7cb5b0983be37437.txt:90`); actions "1)" (priority 1) and "1." elsewhere
(`004_5a7191a0a14e1e5f.txt:717`, 752) or none at all (`000_7cb5b0983be37437.txt:320`); sub-actions
"A)".."E)" at the start of a DETAIL paragraph (`004_5a7191a0a14e1e5f.txt:718-758`). Other plans write
"Ambition 2:", "Outcome 3 -", "(a)", "a.", "i)", "Action 1:" or "2.1"; all of these are read, and
the printed form is always kept beside the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_GROUP_WORDS = r"priority|ambition|outcome|theme|objective|goal|aim|commitment"
_PRIORITY_HEADING = re.compile(
    rf"^(?:(?:strategic|key|corporate|portfolio|our)\s+)?(?P<word>{_GROUP_WORDS})(?:\s+outcome)?"
    r"(?:\s+(?:no\.?|number))?"
    r"(?:\s*(?P<number>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r"|[ivx]{1,4})\b)?"
    r"\s*(?P<sep>[:.\-–—)]+)?\s*(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_CONTINUED = re.compile(r"\s*[\[(]\s*cont(?:inued|'d|’d|d)?\.?\s*[\])]\s*$|\s+(?:continued|cont'd|cont’d)\.?$", re.I)
_LEADING_NUMBER = re.compile(r"^(?P<printed>\(?(?P<number>\d{1,2})\s*[.):\-–—]?\)?)\s+(?P<title>\S.*)$", re.DOTALL)


@dataclass(frozen=True)
class PriorityHeading:
    number: int | None
    title: str  # empty when the title is on the next line
    printed: str
    continued: bool  # "[cont'd]": the same priority, carried over a page


def continued(text: str) -> tuple[str, bool]:
    """The text without a "[cont'd]" / "(continued)" mark, and whether it had one."""
    stripped = _CONTINUED.sub("", text)
    return stripped.strip(), stripped != text


def priority_heading(text: str) -> PriorityHeading | None:
    """A heading that opens a priority (or ambition, outcome, theme ...), or None."""
    text = text.strip().lstrip("#").strip()
    if not text or len(text) > 160:
        return None
    match = _PRIORITY_HEADING.match(text)
    if not match:
        return None
    number_text, sep, title = match.group("number"), match.group("sep"), match.group("title").strip()
    if number_text is None and sep is None and title:
        return None  # "Priority outcomes reflected ..." is a sentence, not a heading
    if number_text is None and not sep and not title:
        pass  # "Priority" alone: the title follows on the next line
    if number_text and number_text.lower() in _ROMAN and not sep and title:
        return None  # "Aim i..." is not a numbered heading
    if title.endswith(".") and len(title) > 80:
        return None
    title, was_continued = continued(title)
    return PriorityHeading(
        number=_number(number_text),
        title=title,
        printed=text,
        continued=was_continued,
    )


def _number(text: str | None) -> int | None:
    if not text:
        return None
    lowered = text.lower()
    if lowered.isdigit():
        return int(lowered)
    return _NUMBER_WORDS.get(lowered) or _ROMAN.get(lowered)


def numbered_title(text: str) -> tuple[int | None, str]:
    """ "1. Safeguarding" -> (1, "Safeguarding"); a priority cell in a spreadsheet."""
    heading = priority_heading(text)
    if heading is not None and (heading.number is not None or heading.title):
        return heading.number, heading.title
    match = _LEADING_NUMBER.match(text.strip())
    if match:
        return int(match.group("number")), match.group("title").strip()
    return None, text.strip()


# --- actions -------------------------------------------------------------------------------------

_ACTION_NUMBER = re.compile(
    r"^(?P<printed>"
    r"(?:action\s+(?P<word_number>\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*[.):\-–—]?)"
    r"|(?:\((?P<paren>\d{1,3}|[ivx]{1,5})\))"
    r"|(?:(?P<dotted>\d{1,3}(?:\.\d{1,3})+)\.?)"
    r"|(?:(?P<plain>\d{1,3}|[ivx]{1,5}|[A-Z])\s*[.):]|(?P<dash>\d{1,3})\s+[-–—])"
    r")\s*(?P<title>\S.*)?$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class ActionNumber:
    number: str | None
    printed: str  # "1)", "1.", "Action 3:"; empty when the action is unnumbered
    title: str


def action_number(text: str, *, priority: int | None = None) -> ActionNumber:
    """Split "1) Raise awareness ..." into the number "1", as printed "1)", and the title.

    "2.1" under priority 2 is action 1 of that priority; a number the plan never printed is None.
    """
    text = text.strip()
    match = _ACTION_NUMBER.match(text)
    if not match or (match.group("plain") and match.group("plain").isalpha() and not match.group("title")):
        return ActionNumber(None, "", text)
    printed = match.group("printed").strip()
    title = (match.group("title") or "").strip()
    plain = match.group("plain")
    if plain and plain.isalpha() and len(plain) == 1 and not printed.endswith(")"):
        return ActionNumber(None, "", text)  # "A. new approach" is a title; "A) ..." is numbered
    raw = next(
        g for g in (match.group(n) for n in ("word_number", "paren", "dotted", "plain", "dash")) if g is not None
    )
    number = raw
    if "." in raw:
        head, _, rest = raw.partition(".")
        if priority is not None and head == str(priority) and rest:
            number = rest
    return ActionNumber(number, printed, title)


# --- sub-action letters --------------------------------------------------------------------------

_LETTER_START = re.compile(
    r"^(?P<printed>\((?P<paren>[A-Za-z]|[ivx]{1,4})\)|(?P<bracket>[A-Za-z]|[ivx]{1,4})\)"
    r"|(?P<dot>[A-Za-z])[.:](?=\s)|(?P<dash>[A-Z])\s+[-–—](?=\s))\s*(?P<rest>.*)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Lettered:
    letter: str
    printed: str
    rest: str


def letter_start(text: str) -> Lettered | None:
    """The letter a paragraph starts with ("A) ...", "(b) ...", "c. ..."), or None."""
    match = _LETTER_START.match(text.strip())
    if not match:
        return None
    letter = next(g for g in (match.group(n) for n in ("paren", "bracket", "dot", "dash")) if g is not None)
    return Lettered(letter=letter, printed=match.group("printed"), rest=match.group("rest").strip())


def next_letter(letter: str) -> str | None:
    """The letter after this one in its own series: B after A, c after b, iii after ii."""
    lowered = letter.lower()
    if len(letter) > 1:
        if lowered not in _ROMAN:
            return None
        following = {v: k for k, v in _ROMAN.items()}.get(_ROMAN[lowered] + 1)
        if following is None:
            return None
        return following if letter.islower() else following.upper()
    if letter.isascii() and letter.isalpha() and lowered != "z":
        return chr(ord(letter) + 1)
    return None


def inline_letters(text: str) -> list[Lettered] | None:
    """Letters run together in one paragraph ("A) Do this B) Do that"), or None if there are not two.

    Only a run of consecutive letters from the one at the start counts, so "see 4B) above" inside a
    sentence does not split it.
    """
    first = letter_start(text)
    if first is None:
        return None
    marker = first.printed.replace(first.letter, "{}", 1)
    found: list[tuple[str, int, int]] = []
    body = text.strip()
    position = 0
    letter: str | None = first.letter
    while letter is not None:
        printed = marker.format(letter)
        starts_here = body.startswith(printed)
        index = _find_marker(body, printed, position) if found else (0 if starts_here else -1)
        if index < 0:
            break
        found.append((letter, index, index + len(printed)))
        position = index + len(printed)
        letter = next_letter(letter)
    if len(found) < 2:
        return None
    pieces = []
    for n, (letter_found, start, end) in enumerate(found):
        stop = found[n + 1][1] if n + 1 < len(found) else len(body)
        pieces.append(Lettered(letter_found, body[start:end], body[end:stop].strip()))
    return pieces


def _find_marker(text: str, printed: str, start: int) -> int:
    index = text.find(printed, start)
    while index >= 0:
        before_ok = index == 0 or text[index - 1].isspace()
        after = index + len(printed)
        after_ok = after >= len(text) or text[after].isspace()
        if before_ok and after_ok:
            return index
        index = text.find(printed, index + 1)
    return -1


def find_markers(text: str, letters: list[str], printed_forms: list[str]) -> list[tuple[str, int]]:
    """Where each letter's marker ("A)", "B)") starts in update text, in order; letters not found are left out."""
    found: list[tuple[str, int]] = []
    position = 0
    for letter, printed in zip(letters, printed_forms, strict=True):
        # The update may print the letter in the other case or another way: "a)", "(A)".
        cases = dict.fromkeys([letter, letter.upper(), letter.lower()])
        forms = list(dict.fromkeys([printed, *(f"{c})" for c in cases), *(f"({c})" for c in cases)]))
        best = -1
        for form in forms:
            index = _find_marker(text, form, position)
            if index >= 0 and (best < 0 or index < best):
                best = index
        if best >= 0:
            found.append((letter, best))
            position = best + 1
    return found
