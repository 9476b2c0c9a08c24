"""The standard cover sheet every officer report starts with, and the checks before it is published.

Fields and wording from the council's reports (`004_5a7191a0a14e1e5f.txt:566-680`, 3971-4107;
section 2.28 of the domain notes). The council's template can be published half completed: the
Corporate Parenting report went out with "Click here and start typing" in its boxes and
"MeetingDate" and "Wards" for its date and ward (`004_5a7191a0a14e1e5f.txt:3148-3271`), and the
performance report with "[List non-applicable sections here]" (`004_5a7191a0a14e1e5f.txt:4104`).
So a cover sheet is checked for gaps before publication, and every gap is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from .parts import SCHEDULE_12A_PARAGRAPHS, Part


class Urgency(StrEnum):
    NON_URGENT = "non_urgent"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return "Non-Urgent" if self is Urgency.NON_URGENT else "Urgent"


class Executive(StrEnum):
    """Who takes the decision, as the Decision Type names it."""

    NON_EXECUTIVE = "non_executive"
    EXECUTIVE = "executive"
    LEADER = "leader"

    @property
    def label(self) -> str:
        return {Executive.NON_EXECUTIVE: "Non-Executive", Executive.EXECUTIVE: "Executive", Executive.LEADER: "Leader"}[
            self
        ]


class KeyDecision(StrEnum):
    NON_KEY = "non_key"
    KEY = "key"

    @property
    def label(self) -> str:
        return "Non-Key" if self is KeyDecision.NON_KEY else "Key"


def decision_type_label(urgency: Urgency, executive: Executive, key: KeyDecision) -> str:
    """ "Non-Urgent Non-Executive Non-Key", as the cover sheets print it (`004_5a7191a0a14e1e5f.txt:580`)."""
    return f"{urgency.label} {executive.label} {key.label}"


def call_in_applies(executive: Executive) -> bool:
    """Only executive decisions can be called in: "Not Applicable: This report does not involve an
    Executive decision" (`004_5a7191a0a14e1e5f.txt:470`)."""
    return executive is not Executive.NON_EXECUTIVE


CALL_IN_NOT_APPLICABLE = "Not Applicable: This report does not involve an Executive decision."


def report_number_base(text: str) -> str:
    """The number a report's two parts share: "CEF21011" for "CEF21011A" and "CEF21011B"."""
    text = text.strip().upper()
    return text[:-1] if re.fullmatch(r"[A-Z]+\d+[AB]", text) else text


def report_number(base: str, part: Part) -> str:
    """Paired reports carry A for Part 1 and B for Part 2 (CEF20040A / CEF20040B,
    `004_5a7191a0a14e1e5f.txt:236`, 389)."""
    if not base:
        return ""
    return f"{report_number_base(base)}{'A' if part is Part.ONE else 'B'}"


def part_marking(part: Part) -> str:
    """The marking at the head of each part: "PART 1 – PUBLIC" or "PART 2 – EXEMPT"."""
    return "PART 1 – PUBLIC" if part is Part.ONE else "PART 2 – EXEMPT"


def exempt_notice(paragraph: int) -> str:
    """Why a Part 2 report is not for publication, citing its Schedule 12A paragraph
    (`004_5a7191a0a14e1e5f.txt:132-148`)."""
    description = SCHEDULE_12A_PARAGRAPHS[paragraph]
    return (
        "Not for publication: exempt information under paragraph "
        f"{paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972 ({description.rstrip('.')})."
    )


# Words the council's Word template leaves behind when a box is not filled in.
PLACEHOLDERS = (
    "click here and start typing",
    "click or tap here to enter text",
    "meetingdate",
    "wards",
    "please select",
    "choose an item",
    "[list non-applicable sections here]",
    "tbc",
)
_BRACKETED = re.compile(r"^\[[^\]]*\]$")
_EMPTY_VALUE = re.compile(r"^[\s£:\-–.]*$")


def is_placeholder(text: str) -> bool:
    """True for template text left in a box, and for a value with nothing after its prefix ("£")."""
    stripped = text.strip()
    if not stripped:
        return False
    folded = " ".join(stripped.lower().split()).rstrip(".:")
    return folded in PLACEHOLDERS or bool(_BRACKETED.match(stripped)) or bool(_EMPTY_VALUE.match(stripped))


@dataclass(frozen=True)
class Gap:
    """Something missing or unfinished that stops a report being published.

    `field` names the form field to fix; `part` is set when the gap concerns one part only.
    A gap that is not `blocking` is shown as a warning and does not stop publication.
    """

    field: str
    message: str
    part: Part | None = None
    blocking: bool = True


def missing_fields(values: Mapping[str, str], labels: Mapping[str, str], required: Iterable[str]) -> list[Gap]:
    """A gap for each required field left blank, and for every field holding template text."""
    gaps = [Gap(name, f"Enter the {labels[name].lower()}") for name in required if not values.get(name, "").strip()]
    for name, value in values.items():
        if is_placeholder(value):
            gaps.append(Gap(name, f"Replace the template text in {labels[name].lower()} ({value.strip()!r})"))
    return gaps


def implication_gaps(written: Mapping[str, str], non_applicable: Iterable[str], labels: Mapping[str, str]) -> list[Gap]:
    """Each implications section is either written or listed as non-applicable, never neither or both."""
    listed = set(non_applicable)
    gaps = []
    for key, text in written.items():
        has_text = bool(text.strip())
        if not has_text and key not in listed:
            gaps.append(Gap(key, f"Write the {labels[key].lower()}, or list it under Non-Applicable Sections"))
        elif has_text and key in listed:
            gaps.append(Gap(key, f"{labels[key]} is written but also listed under Non-Applicable Sections"))
    return gaps


def call_in_gaps(executive: Executive, call_in: str) -> list[Gap]:
    """Call-in must say "Not Applicable" for a non-executive decision."""
    text = call_in.strip().lower()
    if not call_in_applies(executive) and text and not text.startswith("not applicable"):
        return [Gap("call_in", "Call-in applies only to executive decisions: this one is non-executive")]
    return []


def exempt_gaps(paragraph: int | None, *, has_exempt_material: bool) -> list[Gap]:
    """A Part 2 report with exempt material must cite the Schedule 12A paragraph that makes it exempt."""
    if has_exempt_material and paragraph not in SCHEDULE_12A_PARAGRAPHS:
        return [Gap("schedule_12a_paragraph", "Choose the Schedule 12A paragraph for the Part 2 report", Part.TWO)]
    return []


# --- cover sheets as printed ---------------------------------------------------------------
# A finance system's report or an earlier published report gives its cover sheet as printed text;
# these read it back into the form's fields. Anything they cannot read is left for an officer.

_DECISION_TYPE = re.compile(
    r"^\s*(?P<urgency>Non-Urgent|Urgent)\s+(?P<executive>Non-Executive|Executive|Leader)\s+(?P<key>Non-Key|Key)\s*$",
    re.IGNORECASE,
)
_ORDINAL_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?P<year>\d{4})\s*$",
    re.IGNORECASE,
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_TELEPHONE = re.compile(r"\bTel(?:ephone)?:?\s*(?P<number>[\d ()+]*\d)", re.IGNORECASE)
_EMAIL = re.compile(r"\bE-?mail:?\s*(?P<address>\S+@\S+?)\.?\s*$", re.IGNORECASE)


def parse_decision_type(text: str) -> tuple[Urgency, Executive, KeyDecision] | None:
    """ "Non-Urgent Executive Non-Key" (`004_5a7191a0a14e1e5f.txt:881`) as its three parts; None if
    the text is not a decision type."""
    match = _DECISION_TYPE.match(text)
    if not match:
        return None
    urgency = Urgency.URGENT if match["urgency"].lower() == "urgent" else Urgency.NON_URGENT
    executive = {member.label.lower(): member for member in Executive}[match["executive"].lower()]
    key = KeyDecision.KEY if match["key"].lower() == "key" else KeyDecision.NON_KEY
    return urgency, executive, key


def parse_meeting_date(text: str) -> tuple[str, tuple[int, int, int] | None]:
    """ "10th March 2021" as (note, (2021, 3, 10)); "For Pre-Decision Scrutiny by the ... Committee on
    10th March 2021" (`004_5a7191a0a14e1e5f.txt:1280`) keeps the words before the date as the note.
    A text with no date at its end is all note."""
    match = _ORDINAL_DATE.search(text)
    if not match:
        return text.strip(), None
    when = (int(match["year"]), _MONTHS.index(match["month"].lower()) + 1, int(match["day"]))
    return text[: match.start()].strip(), when


def parse_contact_officer(text: str) -> dict[str, str]:
    """ "David Bradshaw, Head of Finance, ... Tel: 020 8313 4807 E-mail: David.Bradshaw@bromley.gov.uk"
    (`004_5a7191a0a14e1e5f.txt:885-886`) as name, role, telephone and email."""
    rest = " ".join(text.split())
    email = _EMAIL.search(rest)
    if email:
        rest = rest[: email.start()]
    telephone = _TELEPHONE.search(rest)
    if telephone:
        rest = rest[: telephone.start()]
    name, _, role = rest.strip().rstrip(".").partition(",")
    return {
        "name": name.strip(),
        "role": role.strip().rstrip("."),
        "telephone": telephone["number"].strip() if telephone else "",
        "email": email["address"] if email else "",
    }
