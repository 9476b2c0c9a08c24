"""Target dates as plans print them, read into a structured value without losing a character.

Plans write deadlines many ways: "April 2022 (annual programme)", "April 2022 [AP]", "Sept 2018",
"Dec 2018", "January 2021", "Ongoing" (`000_7cb5b0983be37437.txt:320-366`,
`004_5a7191a0a14e1e5f.txt:717-866`), and officers elsewhere write "by end of March 2021",
"31/03/2021", "Q4 2020/21" or "2021/22". `parse()` reads all of these into a `TargetDate` that
keeps the printed text. Text it cannot read is kept and flagged (`recognised=False`), never dropped.

"[AP]" and "(annual programme)" mark a recurring annual programme that runs until the date given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .periods import MONTH_NAMES, FinancialQuarter, FinancialYear, PeriodError

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9  # "Sept 2018" (`000_7cb5b0983be37437.txt:342`)
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))

_AP_MARKER_RE = re.compile(
    r"[\[(]\s*(?:AP|annual(?:ly)?(?:\s+programme|\s+program)?)\s*[\])]"
    r"|\b(?:annual\s+programme|annual\s+program|annually)\b"
    r"|\bAP\s*$",
    re.IGNORECASE,
)
_ONGOING_RE = re.compile(r"\b(?:on[\s-]?going|continuous(?:ly)?|continuing|rolling)\b", re.IGNORECASE)
_TBC_RE = re.compile(r"^(?:tbc|tba|to be (?:confirmed|agreed|decided|determined))\.?$", re.IGNORECASE)
_EMPTY_RE = re.compile(r"^(?:|-+|–|—|n/?a|none|not applicable)\.?$", re.IGNORECASE)
_FROM_RE = re.compile(r"^(?:from|starting(?:\s+(?:in|from))?|commencing|beginning|start(?:s|ing)?)\s+", re.I)
_PREFIX_RE = re.compile(
    r"^(?:(?:deadline|target(?:\s+date)?|due(?:\s+date)?|date)\s*[:\-]?\s*)?"
    r"(?:(?:by|before|no\s+later\s+than|until|till|to|in|during|within|for)\s+)?"
    r"(?:(?:the\s+)?(?:end|close)\s+(?:of\s+)?)?",
    re.IGNORECASE,
)
_NOTE_RE = re.compile(r"^(?P<body>.*?)\s*\((?P<note>[^()]*)\)\s*$")
_ORDINAL = r"(?:st|nd|rd|th)?"

_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # April 2022, Sept. 2018, Apr-22, April '22, 31st March 2021, 31 Mar 2021
    (
        re.compile(
            rf"^(?:(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?)?(?P<month>{_MONTH_WORD})\.?[\s,\-/]*"
            rf"(?P<year>\d{{4}}|'?\d{{2}})$",
            re.I,
        ),
        "words",
    ),
    # March 31st, 2021
    (
        re.compile(rf"^(?P<month>{_MONTH_WORD})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})$", re.I),
        "words",
    ),
    # 31/03/2021, 31.03.2021, 31-03-2021
    (re.compile(r"^(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-](?P<year>\d{4})$"), "numeric"),
    # 03/2021
    (re.compile(r"^(?P<month>\d{1,2})[/.](?P<year>\d{4})$"), "numeric"),
    # 2021-03, 2021-03-31
    (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?$"), "numeric"),
    # 2022
    (re.compile(r"^(?P<year>(?:19|20)\d{2})$"), "year"),
)


@dataclass(frozen=True)
class TargetDate:
    """A target date: the printed text and what it means.

    `month` and `year` give the deadline month (`month` is None for a bare year).
    `annual_programme` marks a programme that recurs each year until that date.
    `starts` marks a start date ("From April 2021") rather than a deadline.
    `recognised` is False when the text could not be read; the text is kept for a person to read.
    """

    text: str
    month: int | None = None
    year: int | None = None
    annual_programme: bool = False
    ongoing: bool = False
    starts: bool = False
    to_be_confirmed: bool = False
    marker: str | None = None
    note: str | None = None
    recognised: bool = True

    @property
    def is_missing(self) -> bool:
        return self.recognised and self.year is None and not (self.ongoing or self.to_be_confirmed)

    @property
    def has_date(self) -> bool:
        return self.year is not None

    @property
    def deadline(self) -> date | None:
        """The last day the date allows: the end of its month, or of its year for a bare year."""
        if self.year is None or self.starts:
            return None
        if self.month is None:
            return date(self.year, 12, 31)
        following = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    def canonical(self) -> str:
        """One standard way of writing the same meaning; `parse(canonical())` reads it back."""
        if not self.recognised:
            return self.text
        parts: list[str] = []
        if self.ongoing:
            parts.append("Ongoing")
        if self.to_be_confirmed:
            parts.append("TBC")
        if self.year is not None:
            when = f"{MONTH_NAMES[self.month - 1]} {self.year}" if self.month else str(self.year)
            parts.append(f"From {when}" if self.starts else when)
        if self.annual_programme:
            parts.append("[AP]")
        if self.note:
            parts.append(f"({self.note})")
        return " ".join(parts)


def parse(text: str) -> TargetDate:
    """Read a target date as printed. Never raises: unreadable text comes back flagged."""
    cleaned = _normalise(text)
    if _EMPTY_RE.match(cleaned):
        return TargetDate(text=text)
    found = TargetDate(text=text)
    cleaned, found = _take_annual_programme(cleaned, found)
    cleaned, found = _take_ongoing(cleaned, found)
    if _TBC_RE.match(cleaned):
        return replace(found, to_be_confirmed=True)
    if not cleaned:
        return found
    cleaned, found = _take_note(cleaned, found)
    starts = _FROM_RE.match(cleaned)
    if starts:
        cleaned, found = cleaned[starts.end() :], replace(found, starts=True)
    cleaned = _PREFIX_RE.sub("", cleaned, count=1).strip(" ,.;:")
    when = _read_when(cleaned)
    if when is None:
        return TargetDate(text=text, recognised=False)
    month, year = when
    return replace(found, month=month, year=year)


def is_overdue(target: TargetDate, *, period_start: date) -> bool:
    """True when the deadline fell before the reporting period began.

    A plan update that still reports work against a date earlier than its period is stale or
    overdue; the documents never mark it, so the product does (`004_5a7191a0a14e1e5f.txt:790`).
    """
    deadline = target.deadline
    return deadline is not None and not target.ongoing and deadline < period_start


def is_due_between(target: TargetDate, *, start: date, end: date) -> bool:
    """True when the deadline falls within [start, end], e.g. within a reporting quarter."""
    deadline = target.deadline
    return deadline is not None and start <= deadline <= end


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split())


def _take_annual_programme(text: str, found: TargetDate) -> tuple[str, TargetDate]:
    match = _AP_MARKER_RE.search(text)
    if not match:
        return text, found
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    rest = re.sub(r"^[\s,;:\-]+|[\s,;:\-]+$", "", " ".join(rest.split()))
    return rest, replace(found, annual_programme=True, marker=match.group(0).strip())


def _take_ongoing(text: str, found: TargetDate) -> tuple[str, TargetDate]:
    match = _ONGOING_RE.search(text)
    if not match:
        return text, found
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    rest = re.sub(r"^[\s,;:\-]+|[\s,;:\-]+$", "", " ".join(rest.split()))
    rest = re.sub(r"^(?:and|to|until|till)\s+", "", rest, flags=re.IGNORECASE)
    return rest, replace(found, ongoing=True)


def _take_note(text: str, found: TargetDate) -> tuple[str, TargetDate]:
    match = _NOTE_RE.match(text)
    if not match or not match.group("body"):
        return text, found
    return match.group("body").strip(), replace(found, note=match.group("note").strip())


def _read_when(text: str) -> tuple[int | None, int] | None:
    """Month and year of the deadline a date expression gives, or None."""
    for pattern, kind in _FORMS:
        match = pattern.match(text)
        if match:
            return _month_year(match, kind)
    try:
        quarter = FinancialQuarter.parse(text)
    except PeriodError:
        pass
    else:
        last = quarter.months[2]
        return last.month, last.year
    try:
        year = FinancialYear.parse(text)
    except PeriodError:
        return None
    return 3, year.start_year + 1


def _month_year(match: re.Match[str], kind: str) -> tuple[int | None, int] | None:
    year_text = match.group("year").lstrip("'")
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if kind == "year":
        return None, year
    month_text = match.group("month")
    month = _MONTHS[month_text.lower().rstrip(".")] if kind == "words" else int(month_text)
    if not 1 <= month <= 12:
        return None
    day = match.groupdict().get("day")
    if day is not None and not _is_real_day(year, month, int(day)):
        return None
    return month, year


def _is_real_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
