"""Indicator values and targets as the performance index prints them, read into numbers.

Cells of the index hold more than numbers (`004_5a7191a0a14e1e5f.txt:4113-4162`): "86%",
"3,422", "x (rate: 0.01)", "62 (rate: 0.21)", "100% (initial) 99% (review)", "42% 2015/16",
"Rate: 0.02", and words in place of a figure: "Data suppressed, see part 2 report", "x",
"Not Available", "Data Not Published", "Data published July 2021", "New measure", "Local Measure".
`parse_value` keeps the printed text and says which of these a cell is; it never guesses a number
the cell does not print. Percentages are held as fractions ("86%" is 0.86).

Targets are printed as a single figure ("20", "26 weeks", "100%"), a threshold ("70% (In line with
national or above)"), a range written either way round ("95-90%", "12-0%", "1.7%-1.9%",
"42% - 35%", "12 - 15", "22-36 (rate of 0.10-0.16)"), "TBC" or "This is not a target measure".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from scrutineer.domain.rag import Target, TargetKind

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_PLAIN_RE = re.compile(rf"^(?P<sign>-)?(?P<n>{_NUMBER})\s*(?P<pct>%)?$")
_RATE_RE = re.compile(rf"^\(?\s*rate(?: of)?\s*:?\s*(?P<r>{_NUMBER})\s*\)?$", re.I)
_WITH_RATE_RE = re.compile(rf"^(?P<head>.+?)\s*\(\s*rate\s*:?\s*(?P<r>{_NUMBER})\s*\)$", re.I)
_WITH_YEAR_RE = re.compile(r"^(?P<head>.+?)\s+(?P<year>\d{4}(?:\s*/\s*\d{2,4})?)$")
_PART_RE = re.compile(rf"(?P<n>{_NUMBER})\s*(?P<pct>%)?\s*\(\s*(?P<label>[A-Za-z][A-Za-z \-]*?)\s*\)")
_SUPPRESSED_RE = re.compile(r"^(?:x|c|\[c\]|data suppressed\b.*|suppressed\b.*)$", re.I)
_AWAITING_RE = re.compile(r"^(?:data published|available|due)\s+\w+\s+\d{4}$", re.I)
_NOT_APPLICABLE_RE = re.compile(r"^(?:new measure|new indicator\b.*|local measure|n/a|z|\[z\])$", re.I)
_NOT_AVAILABLE_RE = re.compile(r"^(?:not available|:|\[x\])$", re.I)
_NOT_PUBLISHED_RE = re.compile(r"^(?:data not published|not published)$", re.I)

_RANGE_RE = re.compile(
    rf"^(?P<a>{_NUMBER})\s*(?P<pa>%)?\s*[-–]\s*(?P<b>{_NUMBER})\s*(?P<pb>%)?"
    r"\s*(?P<unit>weeks?|days?)?\s*(?P<note>\(.*\))?$",
    re.I,
)
_SINGLE_RE = re.compile(rf"^(?P<a>{_NUMBER})\s*(?P<pa>%)?\s*(?P<unit>weeks?|days?)?\s*(?P<note>\(.*\))?$", re.I)
_THRESHOLD_WORDS = ("above", "below", "or more", "or less", "at least", "at most")
LARGEST = Decimal(10) ** 12  # no indicator counts beyond a trillion; bigger is a mistake in the file


class PrintedValueError(ValueError):
    """Text that is not a value in any form the index prints."""


class ValueState(StrEnum):
    """What a cell holds. Only VALUE carries a figure; the others say why there is none."""

    VALUE = "value"
    SUPPRESSED = "suppressed"  # suppressed at source: "x", "Data suppressed, see part 2 report"
    NOT_AVAILABLE = "not_available"  # "Not Available"
    NOT_PUBLISHED = "not_published"  # "Data Not Published"
    AWAITING = "awaiting"  # "Data published July 2021", "Available May 2021"
    NOT_APPLICABLE = "not_applicable"  # "New measure", "Local Measure"

    @property
    def label(self) -> str:
        return {
            ValueState.VALUE: "Value",
            ValueState.SUPPRESSED: "Suppressed at source",
            ValueState.NOT_AVAILABLE: "Not available",
            ValueState.NOT_PUBLISHED: "Data not published",
            ValueState.AWAITING: "Awaiting publication",
            ValueState.NOT_APPLICABLE: "Not applicable",
        }[self]

    @property
    def symbol(self) -> str:
        """The GSS symbol (`../shared/disclosure.md` 1.1): c suppressed, x not available, z not applicable."""
        return {
            ValueState.VALUE: "",
            ValueState.SUPPRESSED: "c",
            ValueState.NOT_AVAILABLE: "x",
            ValueState.NOT_PUBLISHED: "x",
            ValueState.AWAITING: "x",
            ValueState.NOT_APPLICABLE: "z",
        }[self]


@dataclass(frozen=True)
class ValuePart:
    """One figure of a split cell: "99%" labelled "review" in "100% (initial) 99% (review)"."""

    label: str
    number: Decimal
    text: str
    percent: bool


@dataclass(frozen=True)
class PrintedValue:
    text: str
    state: ValueState
    number: Decimal | None = None
    percent: bool = False
    rate: Decimal | None = None  # "x (rate: 0.01)", "62 (rate: 0.21)", "Rate: 0.02"
    period_text: str = ""  # "2015/16" in "42% 2015/16": the value's own period
    parts: tuple[ValuePart, ...] = ()

    @property
    def has_number(self) -> bool:
        return self.number is not None


def parse_value(text: str) -> PrintedValue:
    """Read one printed cell. Blank text is an error: a blank cell is no entry at all."""
    clean = _normalise(text)
    if not clean:
        raise PrintedValueError("A value is needed.")
    state = _state_of_words(clean)
    if state is not None:
        return PrintedValue(text=text.strip(), state=state)
    match = _WITH_RATE_RE.match(clean)
    if match:
        head = match.group("head").strip()
        rate = _decimal(match.group("r"))
        if _SUPPRESSED_RE.match(head):
            return PrintedValue(text=text.strip(), state=ValueState.SUPPRESSED, rate=rate)
        number, percent = _plain(head, whole=text)
        return PrintedValue(text=text.strip(), state=ValueState.VALUE, number=number, percent=percent, rate=rate)
    match = _RATE_RE.match(clean)
    if match:
        return PrintedValue(text=text.strip(), state=ValueState.VALUE, rate=_decimal(match.group("r")))
    parts = _parts(clean)
    if parts:
        return PrintedValue(text=text.strip(), state=ValueState.VALUE, percent=parts[0].percent, parts=parts)
    match = _WITH_YEAR_RE.match(clean)
    if match and _PLAIN_RE.match(match.group("head")):
        number, percent = _plain(match.group("head"), whole=text)
        return PrintedValue(
            text=text.strip(), state=ValueState.VALUE, number=number, percent=percent, period_text=match.group("year")
        )
    number, percent = _plain(clean, whole=text)
    return PrintedValue(text=text.strip(), state=ValueState.VALUE, number=number, percent=percent)


def parse_target(text: str) -> Target:
    """Read the index's "Target or Range of acceptable performance" cell."""
    clean = _normalise(text)
    lowered = clean.lower()
    if "not a target" in lowered:
        return Target(kind=TargetKind.NOT_A_TARGET, text=text.strip())
    if lowered in ("tbc", "to be confirmed"):
        return Target(kind=TargetKind.TBC, text=text.strip())
    match = _RANGE_RE.match(clean)
    if match:
        percent = bool(match.group("pa") or match.group("pb"))
        a, b = (_scaled(match.group(k), percent) for k in ("a", "b"))
        return Target(kind=TargetKind.RANGE, text=text.strip(), lower=min(a, b), upper=max(a, b), percent=percent)
    match = _SINGLE_RE.match(clean)
    if match:
        percent = bool(match.group("pa"))
        value = _scaled(match.group("a"), percent)
        note = (match.group("note") or "").lower()
        kind = TargetKind.THRESHOLD if any(word in note for word in _THRESHOLD_WORDS) else TargetKind.SINGLE
        return Target(kind=kind, text=text.strip(), lower=value, upper=value, percent=percent)
    raise PrintedValueError(f"{text!r} is not a target: write a figure (20, 95%), a range (95-90%), or TBC.")


def format_number(number: Decimal, *, percent: bool) -> str:
    """A figure the way the index prints one: "86%", "1.8%", "2,837", "0.21".

    Percentages keep one decimal place at most, other figures two, rounding halves up as councils
    do; trailing zeros go.
    """
    shown = number * 100 if percent else number
    rounded = shown.quantize(Decimal("0.1") if percent else Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{rounded:,f}".partition(".")
    fraction = fraction.rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    return f"{text}%" if percent else text


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2212", "-").replace("\u00a0", " ")).strip()


def _state_of_words(clean: str) -> ValueState | None:
    for pattern, state in (
        (_SUPPRESSED_RE, ValueState.SUPPRESSED),
        (_NOT_PUBLISHED_RE, ValueState.NOT_PUBLISHED),
        (_NOT_AVAILABLE_RE, ValueState.NOT_AVAILABLE),
        (_AWAITING_RE, ValueState.AWAITING),
        (_NOT_APPLICABLE_RE, ValueState.NOT_APPLICABLE),
    ):
        if pattern.match(clean):
            return state
    return None


def _parts(clean: str) -> tuple[ValuePart, ...]:
    matches = list(_PART_RE.finditer(clean))
    if len(matches) < 2 or "".join(m.group(0) for m in matches).replace(" ", "") != clean.replace(" ", ""):
        return ()
    percents = {bool(m.group("pct")) for m in matches}
    if len(percents) != 1:
        raise PrintedValueError(f"{clean!r} mixes percentages and counts in one cell.")
    return tuple(
        ValuePart(
            label=m.group("label").strip().lower(),
            number=_scaled(m.group("n"), bool(m.group("pct"))),
            text=f"{m.group('n')}{m.group('pct') or ''}",
            percent=bool(m.group("pct")),
        )
        for m in matches
    )


def _plain(text: str, *, whole: str) -> tuple[Decimal, bool]:
    match = _PLAIN_RE.match(text.strip())
    if not match:
        raise PrintedValueError(f"{whole.strip()!r} is not a value: write a figure (328, 86%) or a marker (x).")
    percent = bool(match.group("pct"))
    number = _scaled(match.group("n"), percent)
    return (-number if match.group("sign") else number), percent


def _scaled(text: str, percent: bool) -> Decimal:
    number = _decimal(text)
    return number / 100 if percent else number


def _decimal(text: str) -> Decimal:
    number = Decimal(text.replace(",", ""))
    if number > LARGEST:
        raise PrintedValueError(f"{text!r} is too large for an indicator value.")
    return number
