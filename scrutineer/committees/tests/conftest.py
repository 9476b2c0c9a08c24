"""Fixtures for committee tests: the demo meeting's agenda packs, built once per module."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pytest
from django.db import transaction
from pypdf import PdfReader

COMMITTEE = "children-education-families-pds"
MEETING = date(2021, 3, 10)


def pdf_pages(content: bytes) -> list[str]:
    return list(_pdf_pages(content))


@lru_cache(maxsize=8)
def _pdf_pages(content: bytes) -> tuple[str, ...]:
    """Reading a pack's text takes seconds; each pack is read once."""
    return tuple(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def outline(content: bytes) -> list[tuple[int, str, int]]:
    """Every bookmark as (depth, title, 0-based page), depth first."""
    reader = PdfReader(io.BytesIO(content))
    found: list[tuple[int, str, int]] = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return found


def tiny_pdf(*lines: str, pages: int = 1) -> bytes:
    """A small real PDF with `lines` of text on each of its pages (drawn by WeasyPrint)."""
    from weasyprint import HTML

    body = "".join(
        f'<section style="break-before: page">{"".join(f"<p>{line} (page {n + 1})</p>" for line in lines)}</section>'
        for n in range(pages)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


@dataclass
class Packs:
    """Agenda packs of the demo meeting, with what went into them."""

    part1: object = None
    part2: object = None
    canaries: dict[str, str] = field(default_factory=dict)
    upload_marker: str = ""


@pytest.fixture(scope="module")
def demo_pack(django_db_setup, django_db_blocker):
    """The demo meeting's Part 1 pack as the demo loads it (nothing changed)."""
    from scrutineer.committees.models import Meeting
    from scrutineer.committees.packs import agenda_pack
    from scrutineer.demo.loader import load_demo
    from scrutineer.domain.parts import Part

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        meeting = Meeting.objects.get(committee__slug=COMMITTEE, date=MEETING)
        pack = agenda_pack(meeting=meeting, part=Part.ONE)
        transaction.set_rollback(True)
    return pack


@pytest.fixture(scope="module")
def canary_packs(django_db_setup, django_db_blocker) -> Packs:
    """Both packs after a unique canary is put in every Part 2-only place the packs could draw
    from, and a PDF is uploaded for a Part 1 item and for a Part 2 item; then rolled back."""
    from scrutineer.committees import services
    from scrutineer.committees.models import AgendaItem, Meeting, Minute
    from scrutineer.committees.packs import agenda_pack
    from scrutineer.demo.loader import load_demo
    from scrutineer.domain.parts import Part
    from scrutineer.reports.models import Report

    result = Packs(upload_marker=f"UPLOADED-LADO-{uuid.uuid4().hex[:8]}")
    canary = {
        name: f"CANARY-{name}-{uuid.uuid4().hex[:12]}" for name in ("cover", "upload", "minute", "note", "report")
    }
    result.canaries = canary
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        meeting = Meeting.objects.get(committee__slug=COMMITTEE, date=MEETING)
        items = {item.label: item for item in meeting.items.all()}
        # Part 2 item 20c: its cover sheet as printed
        services.agenda_report_save(
            item=items["20c"], values={"title": f"Exempt LADO report {canary['cover']}", "report_number": "CEF21004B"}
        )
        # Part 2 item 19a: an uploaded PDF
        services.agenda_report_attach_pdf(
            item=items["19a"], content=tiny_pdf(f"Post completion review {canary['upload']}", pages=3), name="pcr.pdf"
        )
        # Part 2 item 20b: a note printed under it on the Part 2 agenda only
        services.agenda_item_save(item=items["20b"], values={"note": f"Named children {canary['note']}"})
        # Part 2 item 20c agrees the exempt minutes of 26 January, whose exempt text holds a canary
        held = Meeting.objects.get(committee__slug=COMMITTEE, date=date(2021, 1, 26))
        minute = Minute.objects.get(meeting=held, number="49A")
        services.minute_save(minute=minute, values={"exempt_text": f"Exempt discussion {canary['minute']}"})
        services.agenda_item_save(
            item=AgendaItem(meeting=meeting),
            values={
                "number": 21,
                "title": "EXEMPT MINUTES OF THE MEETING HELD ON 26 JANUARY 2021",
                "section": "standard",
                "item_type": "minutes",
                "part": 2,
                "schedule_12a_paragraph": 1,
                "minutes_of": held,
            },
        )
        # A Part 2 item pulling the plan update's Part 2 report, whose exempt commentary holds a canary
        report = Report.objects.get(kind="plan-update", period="2020-21-Q3")
        report.part2_commentary = f"Exempt commentary {canary['report']}"
        report.schedule_12a_paragraph = 1
        report.save()
        services.agenda_item_save(
            item=AgendaItem(meeting=meeting),
            values={
                "number": 22,
                "title": "PART 2 PORTFOLIO PLAN UPDATE",
                "section": "portfolio_holder",
                "item_type": "holding_ph",
                "part": 2,
                "schedule_12a_paragraph": 1,
                "report_kind": "plan-update",
                "report_period": "2020-21-Q3",
            },
        )
        # Part 1 item 10 (LADO): the officer's PDF, three pages
        services.agenda_report_attach_pdf(
            item=items["10"], content=tiny_pdf(result.upload_marker, pages=3), name="lado.pdf"
        )
        result.part1 = agenda_pack(meeting=meeting, part=Part.ONE)
        result.part2 = agenda_pack(meeting=meeting, part=Part.TWO)
        transaction.set_rollback(True)
    return result
