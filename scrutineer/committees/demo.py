"""The demo council's committee business, from the data files: the Children, Education and
Families PDS Committee and its members, the 10 March 2021 meeting and its agenda, the minutes of
26 January 2021, and the 2021/22 work programme (seed 004 lines 1-562).

`data/committees/committees.json` says which fixture holds what and adds what the fixtures leave
out. Each minute's text is read from the seed itself, between the lines the fixture gives.
Safe to run twice: what is already there is left alone.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from scrutineer.core.models import Organisation, Portfolio
from scrutineer.domain.committee_business import (
    AgendaNumber,
    AgendaSection,
    ItemType,
    MinuteNumber,
    ProgrammeNote,
    ProgrammeStatus,
    printed_date,
    schedule_12a_paragraph,
)
from scrutineer.domain.parts import Part
from scrutineer.reports.models import Report
from scrutineer.reports.services import report_import

from . import services
from .models import AgendaItem, Attendance, Committee, Meeting, Membership, Minute, WorkProgrammeItem


def load_committees(*, organisation: Organisation, data_dir: Path) -> tuple[list[str], list[str]]:
    """Load what is not loaded yet; returns what was created and what was kept."""
    spec = json.loads((data_dir / "committees" / "committees.json").read_text(encoding="utf-8"))
    portfolio = Portfolio.objects.get(organisation=organisation, slug=spec["portfolio"])
    fixture = json.loads((data_dir / spec["meeting_fixture"]).read_text(encoding="utf-8"))
    created: list[str] = []
    kept: list[str] = []
    bodies = _committees(organisation, portfolio, spec)
    committee = bodies[spec["committee"]]
    if not committee.memberships.exists():
        services.membership_set(committee=committee, seats=_seats(fixture["meeting"]["membership"], spec["membership"]))
    previous, new = _previous_meeting(committee, fixture, spec, data_dir)
    (created if new else kept).append(f"Minutes of {previous}")
    covers = {sheet["item"]: sheet for sheet in fixture["report_cover_sheets"]}
    meeting, new = _meeting(committee, fixture["meeting"], spec, previous, covers)
    (created if new else kept).append(f"Agenda of {meeting}")
    if _work_programme(bodies, spec, data_dir):
        created.append(f"Work programme of {committee}")
    else:
        kept.append(f"Work programme of {committee}")
    if _work_programme_report(portfolio, spec["work_programme_report"]):
        created.append("Matters outstanding and work programme report, 10 March 2021")
    return created, kept


def _committees(organisation: Organisation, portfolio: Portfolio, spec: dict[str, Any]) -> dict[str, Committee]:
    bodies: dict[str, Committee] = {}
    for body in spec["committees"]:
        values = {k: v for k, v in body.items() if k not in {"slug", "parent", "source"}}
        found = Committee.objects.filter(organisation=organisation, slug=body["slug"]).first()
        if found is None:
            found = Committee(organisation=organisation, slug=body["slug"], portfolio=portfolio)
            if body.get("parent"):
                found.parent = bodies[body["parent"]]
            services.committee_save(committee=found, values=values)
        bodies[body["slug"]] = found
    return bodies


def _seats(membership: dict[str, Any], rules: dict[str, Any]) -> list[dict[str, Any]]:
    """The fixture's membership lists as seats, in the order the front sheet prints them."""
    vacant = set(rules["vacancy_words"])
    seats = [
        {"role": Membership.Role.CHAIRMAN, "name": _without_title(membership["chairman"])},
        {"role": Membership.Role.VICE_CHAIRMAN, "name": _without_title(membership["vice_chairman"])},
        *({"role": Membership.Role.COUNCILLOR, "name": name} for name in membership["councillors"]),
    ]
    for group in rules["co_opted_groups"]:
        for entry in membership[group["key"]]:
            name, _, representing = entry.partition(", ")
            seats.append(
                {
                    "role": group["role"],
                    "group": group["group"],
                    "name": "" if name in vacant else name,
                    "representing": representing,
                }
            )
    return seats


def _without_title(text: str) -> str:
    return re.sub(r"^Councillor\s+", "", text.strip())


def _meeting(
    committee: Committee,
    spec: dict[str, Any],
    extra: dict[str, Any],
    previous: Meeting,
    covers: dict[str, dict[str, Any]],
) -> tuple[Meeting, bool]:
    day = date.fromisoformat(spec["date"])
    found = Meeting.objects.filter(committee=committee, date=day).first()
    if found is not None and found.items.exists():
        return found, False
    details = extra["meeting"]
    meeting = found or Meeting(committee=committee, date=day)
    services.meeting_save(
        meeting=meeting,
        values={
            "time": time.fromisoformat(spec["time"]),
            "venue": details["venue"],
            "virtual": details["virtual"],
            "live_stream_url": details["live_stream_url"],
            "clerk": spec["clerk"],
            "issued_by": details["issued_by"],
            "agenda_dispatched": date.fromisoformat(spec["agenda_dispatch_date"]),
            "agenda_published_at": datetime.fromisoformat(details["agenda_published_at"]),
            "source": details["source"],
        },
    )
    for entry in spec["agenda_items"]:
        label = AgendaNumber.parse(f"{entry['number']}{entry['sub'] or ''}").label
        item = services.agenda_item_save(item=AgendaItem(meeting=meeting), values=_item(entry, label, extra, previous))
        if label in covers:
            services.agenda_report_save(item=item, values=_cover(covers[label], extra["cover_sheet_boxes"]))
        elif entry["pages"] and not item.report_kind and item.minutes_of_id is None:
            # The council's pack printed a report here (pages given) whose cover sheet is not recorded.
            services.agenda_report_save(item=item, values={"notes": f"Pages {entry['pages']} of the council's pack."})
    return meeting, True


def _item(entry: dict[str, Any], label: str, extra: dict[str, Any], previous: Meeting) -> dict[str, Any]:
    overrides = extra["items"].get(label, {})
    part = Part(entry["part"])
    if part is Part.ONE:
        section = AgendaSection.from_heading(entry["agenda_section"])
    else:
        section = AgendaSection(extra["sections"][label])
    paragraph = schedule_12a_paragraph(entry.get("schedule_12a_description", ""))
    values: dict[str, Any] = {
        "number": int(entry["number"]),
        "letter": entry["sub"] or "",
        "title": overrides.get("title", entry["title"]),
        "section": section.value,
        "item_type": _item_type(entry["item_type"], extra["item_types"]).value,
        "part": part.value,
        "schedule_12a_paragraph": paragraph,
        "note": overrides.get("note", ""),
        "to_follow": overrides.get("to_follow", False),
        "report_kind": overrides.get("report_kind", ""),
        "report_period": overrides.get("report_period", ""),
        "source_line": entry["source_line"],
    }
    if overrides.get("minutes_of"):
        values["minutes_of"] = previous
    return values


def _item_type(text: str, words: dict[str, str]) -> ItemType:
    lead = re.split(r"[(;]", text, maxsplit=1)[0].strip()
    return ItemType(words[lead])


def _cover(sheet: dict[str, Any], boxes: dict[str, Any]) -> dict[str, Any]:
    """A cover sheet as the fixture records it, as Scrutineer keeps it: printed text, boxes in order."""
    printed_boxes = []
    for key, layout in boxes.items():
        if key.startswith("_") or key not in sheet:
            continue
        value = sheet[key]
        if "fields" in layout:
            fields = [[label, value[name]] for name, label in layout["fields"].items() if name in value]
        else:
            fields = [[layout["label"], value]]
        printed_boxes.append({"box": layout["box"], "fields": fields})
    return {
        "report_number": sheet.get("report_no") or "",
        "part_marking": sheet.get("part", ""),
        "decision_maker": sheet.get("decision_maker", ""),
        "date_text": sheet.get("date", ""),
        "decision_type": sheet.get("decision_type", ""),
        "title": sheet.get("title", ""),
        "contact_officers": "\n".join(part.strip() for part in sheet.get("contact_officer", "").split(";")),
        "chief_officer": sheet.get("chief_officer", ""),
        "ward": sheet.get("ward", ""),
        "boxes": printed_boxes,
        "notes": sheet.get("notes", ""),
        "source_line": sheet.get("source_line"),
    }


def _previous_meeting(
    committee: Committee, fixture: dict[str, Any], spec: dict[str, Any], data_dir: Path
) -> tuple[Meeting, bool]:
    minutes = fixture["previous_minutes"]
    day = date.fromisoformat(minutes["meeting_date"])
    found = Meeting.objects.filter(committee=committee, date=day).first()
    if found is not None and found.minutes.exists():
        return found, False
    extra = spec["previous_meeting"]
    meeting = found or Meeting(committee=committee, date=day)
    services.meeting_save(
        meeting=meeting,
        values={
            "time": time.fromisoformat(minutes["time"]),
            "ended_at": time.fromisoformat(minutes["ended"]),
            "minutes_published_at": datetime.fromisoformat(extra["minutes_published_at"]),
            "source": f"seed 004 lines {minutes['source_lines']}",
        },
    )
    services.attendance_set(meeting=meeting, entries=_attendance(minutes))
    seed = (data_dir / spec["seed"]).read_text(encoding="utf-8").splitlines()
    last_line = int(minutes["source_lines"].split("-")[1])
    exempt_from = MinuteNumber.parse(extra["exempt_summaries_from"])
    entries = minutes["minutes"]
    for index, entry in enumerate(entries):
        following = entries[index + 1]["source_line"] if index + 1 < len(entries) else last_line + 1
        text, resolution = minute_text(seed, entry["source_line"], following)
        number = MinuteNumber.parse(entry["minute_number"])
        services.minute_save(
            minute=Minute(meeting=meeting),
            values={
                "number": number.label,
                "title": entry["title"],
                "report_number": entry["report_number"] or "",
                "part": (Part.TWO if number >= exempt_from else Part.ONE).value,
                "text": text,
                "resolution": resolution,
                "source_line": entry["source_line"],
            },
        )
    return meeting, True


def _attendance(minutes: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for entry in minutes["present"]["councillors"]:
        name, _, role = entry.partition(" (")
        rows.append({"kind": Attendance.Kind.PRESENT, "name": name, "role": role.rstrip(")"), "councillor": True})
    for name in minutes["present"]["co_opted"]:
        rows.append({"kind": Attendance.Kind.PRESENT, "name": name, "role": "", "councillor": False})
    for entry in minutes["also_present"]:
        name, _, role = entry.partition(", ")
        councillor = name.startswith("Councillor ")
        rows.append(
            {"kind": Attendance.Kind.ALSO_PRESENT, "name": _without_title(name), "role": role, "councillor": councillor}
        )
    return rows


# Lines of the printed minutes that belong to the page, not to any minute.
_PAGE_LINES = {"chairman", "this page is left intentionally blank"}


def minute_text(seed: list[str], first: int, following: int) -> tuple[str, str]:
    """A minute's text and resolution as printed, from seed lines `first` (its heading) up to
    `following` (the next minute's heading). The heading runs to the first blank line; the
    resolution from "RESOLVED" to the end. Bold marks and line-wrapped page breaks are undone."""
    lines = [line.replace("**", "").strip() for line in seed[first - 1 : following - 1]]
    body_start = next((i for i, line in enumerate(lines) if not line), len(lines))
    body = lines[body_start:]
    resolved = next((i for i, line in enumerate(body) if line.upper().startswith("RESOLVED")), len(body))
    return _paragraphs(body[:resolved]), _paragraphs(body[resolved:])


def _paragraphs(lines: list[str]) -> str:
    kept = []
    for line in lines:
        folded = line.lower()
        if folded in _PAGE_LINES or folded.startswith("the meeting ended at"):
            continue
        if folded.startswith("the following summaries") or folded.startswith("refer to matters involving exempt"):
            continue  # printed by Scrutineer before the first Part 2 minute
        kept.append(line)
    paragraphs: list[str] = []
    for chunk in "\n".join(kept).split("\n\n"):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        if paragraphs and _runs_on(paragraphs[-1], chunk):
            paragraphs[-1] = f"{paragraphs[-1]} {chunk}"  # a paragraph split by a page break
        else:
            paragraphs.append(chunk)
    return "\n\n".join(paragraphs)


def _runs_on(before: str, after: str) -> bool:
    return not after.startswith("- ") and (after[:1].islower() or before.rstrip()[-1:] in {",", "–", "("})


def _work_programme(bodies: dict[str, Committee], spec: dict[str, Any], data_dir: Path) -> bool:
    """The 2021/22 work programme: a meeting for each date line, and its items (seed 004 lines 505-560)."""
    path = data_dir / spec["work_programme_fixture"]
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    committee = bodies[spec["committee"]]
    if WorkProgrammeItem.objects.filter(meeting__committee=committee).exists():
        return False
    positions: dict[int, int] = {}
    for row in rows:
        body = bodies[spec["work_programme_bodies"][row["meeting_body"]]]
        day = printed_date(row["meeting_date_text"])
        meeting = Meeting.objects.filter(committee=body, date=day).first()
        if meeting is None:
            meeting = services.meeting_save(
                meeting=Meeting(committee=body, date=day),
                values={"source": f"seed 004 line {row['source_line']} (work programme)"},
            )
        if row["kind"] != "agenda item":
            continue
        note = ProgrammeNote.parse(row["column_2_text"])
        item_type = ItemType.from_printed(row["column_3_text"])
        position = positions.get(meeting.pk, 0)
        positions[meeting.pk] = position + 1
        services.programme_item_save(
            item=WorkProgrammeItem(meeting=meeting),
            values={
                "title": row["item"],
                "note": row["column_2_text"],
                "item_type": item_type.value if item_type else "",
                "status": (ProgrammeStatus.POSTPONED if note.postponed else ProgrammeStatus.PLANNED).value,
                "position": position,
                "source_line": int(row["source_line"]),
            },
        )
    return True


def _work_programme_report(portfolio: Portfolio, spec: dict[str, Any]) -> bool:
    """Agenda item 5's cover sheet, as printed, on the report framework (its body Scrutineer writes)."""
    if Report.objects.filter(portfolio=portfolio, kind=spec["kind"], period=spec["period"]).exists():
        return False
    values = dict(spec["cover"])
    values["meeting_date"] = date.fromisoformat(values["meeting_date"])
    report_import(
        portfolio=portfolio,
        kind=spec["kind"],
        period=spec["period"],
        values=values,
        status=spec["status"],
        published_at=datetime.fromisoformat(spec["published_at"]),
    )
    return True
