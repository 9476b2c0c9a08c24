"""How a committee's business is written down: agenda sections and numbers, item types, minute
numbers, the work programme's notes, printed dates, the municipal year and matters outstanding.

Everything here is read from the agenda, minutes and work programme of the Children, Education and
Families PDS Committee (`004_5a7191a0a14e1e5f.txt:1-560`; domain notes 2.26-2.31).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .cover_sheets import Executive, KeyDecision, Urgency
from .parts import SCHEDULE_12A_PARAGRAPHS
from .periods import MONTH_NAMES, PeriodError


class AgendaSection(StrEnum):
    """The headings an agenda groups its items under (`004_5a7191a0a14e1e5f.txt:72-128`)."""

    STANDARD = "standard"
    PORTFOLIO_HOLDER = "portfolio_holder"
    EXECUTIVE = "executive"
    POLICY = "policy"
    INFORMATION = "information"

    @property
    def label(self) -> str:
        return {
            AgendaSection.STANDARD: "Standard items",
            AgendaSection.PORTFOLIO_HOLDER: "Holding the Portfolio Holder to account",
            AgendaSection.EXECUTIVE: "Pre-decision scrutiny: holding the Executive to account",
            AgendaSection.POLICY: "Policy development and other items",
            AgendaSection.INFORMATION: "Information items",
        }[self]

    @property
    def heading(self) -> str:
        """As the agenda prints it."""
        return {
            AgendaSection.STANDARD: "STANDARD ITEMS",
            AgendaSection.PORTFOLIO_HOLDER: "HOLDING THE PORTFOLIO HOLDER TO ACCOUNT",
            AgendaSection.EXECUTIVE: "HOLDING THE EXECUTIVE TO ACCOUNT",
            AgendaSection.POLICY: "POLICY DEVELOPMENT AND OTHER ITEMS",
            AgendaSection.INFORMATION: "INFORMATION ITEMS",
        }[self]

    @classmethod
    def from_heading(cls, text: str) -> AgendaSection:
        folded = " ".join(text.upper().split())
        for section in cls:
            if section.heading == folded:
                return section
        raise ValueError(f"{text!r} is not an agenda heading.")


class ItemType(StrEnum):
    """What an item of business is. The work programme's "Status" column names the types of
    reports (`004_5a7191a0a14e1e5f.txt:505-560`); agendas also carry standard business."""

    STANDARD = "standard"
    MINUTES = "minutes"
    HEADING = "heading"
    EXCLUSION = "exclusion"
    HOLDING_PH = "holding_ph"
    PH_DECISION = "ph_decision"
    EXECUTIVE_REPORT = "executive_report"
    PDS_ITEM = "pds_item"
    INFORMATION_ITEM = "information_item"
    ANNUAL_REPORT = "annual_report"

    @property
    def label(self) -> str:
        return {
            ItemType.STANDARD: "Standard item",
            ItemType.MINUTES: "Minutes",
            ItemType.HEADING: "Heading for lettered items",
            ItemType.EXCLUSION: "Exclusion of the press and public",
            ItemType.HOLDING_PH: "Holding PH to Account",
            ItemType.PH_DECISION: "PH Decision",
            ItemType.EXECUTIVE_REPORT: "Executive Report",
            ItemType.PDS_ITEM: "PDS Item",
            ItemType.INFORMATION_ITEM: "Information Item",
            ItemType.ANNUAL_REPORT: "Annual report",
        }[self]

    @classmethod
    def from_printed(cls, text: str) -> ItemType | None:
        """The work programme's type column: "PH Decision", "Holding PH to Account", ...; None if blank."""
        folded = " ".join(text.lower().split())
        if not folded:
            return None
        for item_type in cls:
            if item_type.label.lower() == folded:
                return item_type
        raise ValueError(f"{text!r} is not a type of committee item.")


WORK_PROGRAMME_TYPES = (
    ItemType.HOLDING_PH,
    ItemType.PH_DECISION,
    ItemType.EXECUTIVE_REPORT,
    ItemType.PDS_ITEM,
    ItemType.INFORMATION_ITEM,
    ItemType.ANNUAL_REPORT,
)


@dataclass(frozen=True, order=True)
class AgendaNumber:
    """An agenda item's number and letter: 8 and "a" print as "8a" (`004_5a7191a0a14e1e5f.txt:98-104`)."""

    number: int
    letter: str = ""

    @classmethod
    def parse(cls, text: str) -> AgendaNumber:
        match = re.fullmatch(r"\s*(\d{1,3})\s*([a-zA-Z]?)\s*", text)
        if not match:
            raise ValueError(f"{text!r} is not an agenda item number such as 8 or 8a.")
        return cls(int(match.group(1)), match.group(2).lower())

    @property
    def label(self) -> str:
        return f"{self.number}{self.letter}"


@dataclass(frozen=True, order=True)
class MinuteNumber:
    """Minutes run on through the municipal year; a lettered minute ("39A") sits under its number
    (`004_5a7191a0a14e1e5f.txt:174-395`)."""

    number: int
    letter: str = ""

    @classmethod
    def parse(cls, text: str) -> MinuteNumber:
        match = re.fullmatch(r"\s*(\d{1,4})\s*([A-Za-z]?)\s*", text)
        if not match:
            raise ValueError(f"{text!r} is not a minute number such as 39 or 39A.")
        return cls(int(match.group(1)), match.group(2).upper())

    @property
    def label(self) -> str:
        return f"{self.number}{self.letter}"


_ORDINAL_DATE = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\s*$")


def printed_date(text: str) -> date:
    """ "15th June 2021", "1st December 2021", "10 March 2021" as dates."""
    match = _ORDINAL_DATE.match(text)
    if not match:
        raise PeriodError(f"{text!r} is not a date such as 15th June 2021.")
    day, month_name, year = match.groups()
    months = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
    month = months.get(month_name.lower())
    if month is None:
        raise PeriodError(f"{text!r}: {month_name!r} is not a month.")
    try:
        return date(int(year), month, int(day))
    except ValueError as error:
        raise PeriodError(f"{text!r}: {error}.") from None


@dataclass(frozen=True, order=True)
class MunicipalYear:
    """From one annual council meeting, normally in May, to the next (domain notes 3.1). Work
    programmes and minute numbers run by it (`004_5a7191a0a14e1e5f.txt:192`). Taken to start on
    1 May: the annual meeting's own date is not in the documents."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> MunicipalYear:
        return cls(day.year if day.month >= 5 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> MunicipalYear:
        match = re.fullmatch(r"\s*(\d{4})\s*[/\-]\s*(\d{2})\s*", text)
        if not match or int(match.group(2)) != (int(match.group(1)) + 1) % 100:
            raise PeriodError(f"{text!r} is not a municipal year such as 2021/22.")
        return cls(int(match.group(1)))

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 5, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 4, 30)

    def next(self) -> MunicipalYear:
        return MunicipalYear(self.start_year + 1)


class ProgrammeStatus(StrEnum):
    """An item's standing in the work programme: planned; tentative (printed in italics,
    `004_5a7191a0a14e1e5f.txt:562`); or postponed ("Item postponed", lines 523-524)."""

    PLANNED = "planned"
    TENTATIVE = "tentative"
    POSTPONED = "postponed"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "tentative": "Tentative", "postponed": "Postponed"}[self.value]


@dataclass(frozen=True)
class ProgrammeNote:
    """What the work programme's middle column says of an item, read into its parts:
    "Annual Report – Item postponed", "Information report", "Referred from ERC PDS",
    "Annual Report – as per email JG 05.08.2020" (`004_5a7191a0a14e1e5f.txt:509-560`)."""

    text: str
    annual: bool = False
    information_report: bool = False
    postponed: bool = False
    provenance: str = ""  # what is left: who asked for it, or where it came from

    @classmethod
    def parse(cls, text: str) -> ProgrammeNote:
        annual = information = postponed = False
        rest = []
        for piece in re.split(r"\s+[–—-]\s+", text.strip()):
            folded = " ".join(piece.lower().split())
            if folded in {"annual report", "annual item"}:
                annual = True
            elif folded == "information report":
                information = True
            elif folded == "item postponed":
                postponed = True
            elif folded:
                rest.append(piece.strip())
        return cls(text, annual, information, postponed, " – ".join(rest))


_DECISION_TYPE = re.compile(
    r"^\s*(?P<urgency>Non-Urgent|Urgent)\s+(?:(?P<maker>Non-Executive|Executive|Leader)\s+)?"
    r"(?P<key>Non-Key|Key)(?:\s+Decision)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DecisionType:
    """A cover sheet's Decision Type read into its parts; `executive` is None where the printed
    text leaves the decision maker out ("Non-Urgent Key Decision", `004_5a7191a0a14e1e5f.txt:1469`)."""

    urgency: Urgency
    executive: Executive | None
    key: KeyDecision


def parse_decision_type(text: str) -> DecisionType | None:
    """ "Non-Urgent Executive Non-Key" and its variants; None for anything else."""
    match = _DECISION_TYPE.match(text)
    if not match:
        return None
    urgency = Urgency.URGENT if match["urgency"].lower() == "urgent" else Urgency.NON_URGENT
    maker = (match["maker"] or "").lower()
    executive = {
        "non-executive": Executive.NON_EXECUTIVE,
        "executive": Executive.EXECUTIVE,
        "leader": Executive.LEADER,
    }.get(maker)
    key = KeyDecision.KEY if match["key"].lower() == "key" else KeyDecision.NON_KEY
    return DecisionType(urgency, executive, key)


def schedule_12a_paragraph(description: str) -> int | None:
    """The Schedule 12A paragraph an agenda's description quotes (`004_5a7191a0a14e1e5f.txt:144-148`)."""
    folded = _fold(description)
    for number, text in SCHEDULE_12A_PARAGRAPHS.items():
        if folded and _fold(text) == folded:
            return number
    return None


def is_outstanding_at(raised_on: date, completed_on: date | None, meeting_on: date) -> bool:
    """A matter arising is reported to each meeting after the one that raised it until it is done,
    and to the meeting that hears it is done (`004_5a7191a0a14e1e5f.txt:431-438`, 495)."""
    return raised_on < meeting_on and (completed_on is None or completed_on >= meeting_on)


def _fold(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".")
