"""Agenda packs: one PDF for Part 1 and one for Part 2 of a meeting, as the council sends them out.

A pack is the front sheet and agenda, then each item's papers in agenda order (the previous
minutes, the reports), numbered "Page n" throughout, with a bookmark for each item and, under it,
each report's own headings (`004_5a7191a0a14e1e5f.txt:1-148` and the pages that follow).

How it is made: each paper is drawn on its own (a report by the report framework: once published,
from the files stored when it was published, so the pack shows what was published whatever has
changed in the data since, and a draft from the data now; minutes and "report not available"
pages from this app's templates, all in one drawing; an uploaded PDF as it is), its pages are
counted, the pack is laid out, and only then is the agenda drawn, printing each item's range from
that layout. If the agenda comes out longer than the room the layout gave it, the pack is laid out
again with more room (`domain.agenda_pack.settle`), so the ranges printed always match where each
paper really starts and ends.

A Part 1 pack holds nothing from a Part 2 item but what the public agenda prints by law: its number,
title and the Schedule 12A paragraph that makes it exempt (`004_5a7191a0a14e1e5f.txt:130-148`).
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from pypdf import PdfReader
from weasyprint import HTML

from scrutineer.domain.agenda_pack import Layout, Span, settle
from scrutineer.domain.committee_business import AgendaSection, ItemType
from scrutineer.domain.parts import Part
from scrutineer.domain.report_text import text_blocks
from scrutineer.reports.document import Document
from scrutineer.reports.registry import ReportUnavailable, report_kinds
from scrutineer.reports.renderers import Format
from scrutineer.reports.renderers.pdf import pdf_from_html, render_pdf
from scrutineer.reports.selectors import published_file

from . import selectors
from .models import AgendaItem, Meeting, Minute
from .papers import Papers, Source, papers_for
from .pdfs import Bookmark, PackWriter

STYLESHEET = Path(__file__).resolve().parent / "static" / "committees" / "pack.css"


@dataclass(frozen=True)
class PackEntry:
    item: AgendaItem
    papers: Papers
    span: Span


@dataclass(frozen=True)
class AgendaPack:
    meeting: Meeting
    part: Part
    content: bytes
    layout: Layout
    entries: tuple[PackEntry, ...]

    @property
    def filename(self) -> str:
        return f"agenda-pack-{self.meeting.committee.slug}-{self.meeting.date.isoformat()}-part-{self.part.value}.pdf"


@dataclass
class _Drawn:
    """One item's papers, drawn: the PDF they are in, and where in it they start and how long they run."""

    item: AgendaItem
    papers: Papers
    reader: PdfReader | None = None
    first: int = 0
    pages: int = 0
    own_outline: bool = False  # a report's or upload's headings go under the item's bookmark


def agenda_pack(*, meeting: Meeting, part: Part, include_drafts: bool = False, double_sided: bool = True) -> AgendaPack:
    """The pack for one part of a meeting. `include_drafts` pulls in reports not yet published,
    marked DRAFT; without it, such a report is a "not available" page."""
    items = selectors.agenda(meeting=meeting)
    for item in items:
        item.meeting = meeting  # one meeting object for every item: no query per item
    kinds = report_kinds()
    drawn = []
    for item in items:
        if item.part != part.value:
            continue
        papers = papers_for(item, include_drafts=include_drafts, kinds=kinds)
        if papers is not None:
            drawn.append(_Drawn(item, papers))
    for paper in drawn:
        _draw_report_or_upload(paper, part)
    _draw_committee_pages(meeting, part, [paper for paper in drawn if paper.reader is None])

    def draw_front(layout: Layout) -> tuple[bytes, int]:
        spans = {paper.item.pk: span for paper, span in zip(drawn, layout.papers, strict=True)}
        html = _front_html(meeting, part, items, spans)
        document = HTML(string=html, media_type="print").render()
        return document.write_pdf(), len(document.pages)

    pages = [paper.pages for paper in drawn]
    layout, front = settle(draw_front, pages, double_sided=double_sided, guess=_first_guess(items))
    entries = tuple(PackEntry(p.item, p.papers, span) for p, span in zip(drawn, layout.papers, strict=True))
    content = _join(meeting, part, front, layout, drawn, items)
    return AgendaPack(meeting, part, content, layout, entries)


def _first_guess(items: list[AgendaItem]) -> int:
    """The agenda's length guessed (a front sheet, then about eight items a page), which saves
    drawing it twice; `settle` corrects a wrong guess."""
    return 2 + len(items) // 8


def _draw_report_or_upload(paper: _Drawn, part: Part) -> None:
    papers = paper.papers
    if papers.source is Source.REPORT and papers.report is not None and (html := _published(papers, part, Format.HTML)):
        # As published, not drawn again from today's data: the stored HTML the published PDF was
        # printed from, printed again without its own footer (the pack numbers the pages) and
        # with the agenda number its cover sheet gave it.
        _read_into(paper, pdf_from_html(html.decode("utf-8"), page_numbers=False, tagged=False))
    elif papers.source is Source.REPORT and papers.kind is not None and papers.report is not None:
        try:
            document = papers.kind.build(papers.report, part)
        except ReportUnavailable as error:
            paper.papers = dataclasses.replace(papers, source=Source.UNAVAILABLE, reason=str(error))
            return
        _read_into(paper, render_pdf(_with_agenda_number(document, paper.item), page_numbers=False, tagged=False))
    elif papers.source is Source.UPLOAD:
        content = selectors.paper_pdf(item=paper.item)
        if content is None:
            paper.papers = dataclasses.replace(papers, source=Source.UNAVAILABLE)
            return
        _read_into(paper, content)


def _read_into(paper: _Drawn, content: bytes) -> None:
    paper.reader = PdfReader(io.BytesIO(content))
    paper.first, paper.pages, paper.own_outline = 0, len(paper.reader.pages), True


def item_papers_pdf(papers: Papers, part: Part) -> bytes:
    """One item's papers on their own, as the meeting page offers them: a report as the report
    framework prints it (tagged, with its own page numbers), an upload as it is, or the minutes or
    "report not available" page."""
    paper = _Drawn(papers.item, papers)
    if papers.source is Source.REPORT and papers.report is not None and (pdf := _published(papers, part, Format.PDF)):
        return pdf  # the published file itself, byte for byte
    if papers.source is Source.REPORT and papers.kind is not None and papers.report is not None:
        try:
            return render_pdf(_with_agenda_number(papers.kind.build(papers.report, part), papers.item))
        except ReportUnavailable as error:
            paper.papers = dataclasses.replace(papers, source=Source.UNAVAILABLE, reason=str(error))
    elif papers.source is Source.UPLOAD:
        content = selectors.paper_pdf(item=papers.item)
        if content is not None:
            return content
        paper.papers = dataclasses.replace(papers, source=Source.UNAVAILABLE)
    html = _papers_html(papers.item.meeting, part, [paper], numbered=True)
    return bytes(HTML(string=html, media_type="print").write_pdf())


def _published(papers: Papers, part: Part, format: Format) -> bytes | None:
    """The stored file of a published report (check C4); None for a draft, or for a report
    recorded as published whose files are not stored (then it is drawn, as a draft is)."""
    assert papers.report is not None
    stored = published_file(report=papers.report, part=part, format=format)
    return bytes(stored.content) if stored is not None else None


def _with_agenda_number(document: Document, item: AgendaItem) -> Document:
    """The number the agenda gives the report, whatever its cover sheet says."""
    if document.cover is None:
        return document
    return dataclasses.replace(document, cover=dataclasses.replace(document.cover, agenda_item=item.label))


def _papers_html(meeting: Meeting, part: Part, papers: list[_Drawn], *, numbered: bool = False) -> str:
    sections = [_section(meeting, part, paper) for paper in papers]
    context = {"sections": sections, "css": pack_css(), "numbered": numbered}
    return render_to_string("committees/pack/papers.html", context)


def _draw_committee_pages(meeting: Meeting, part: Part, papers: list[_Drawn]) -> None:
    """Minutes and "report not available" pages, drawn in one go; each starts a page of its own."""
    if not papers:
        return
    document = HTML(string=_papers_html(meeting, part, papers), media_type="print").render()
    starts = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("paper-"):
                starts.setdefault(anchor, number)
    reader = PdfReader(io.BytesIO(document.write_pdf()))
    ordered = [starts[f"paper-{paper.item.pk}"] for paper in papers] + [len(document.pages)]
    for paper, first, following in zip(papers, ordered, ordered[1:], strict=False):
        paper.reader, paper.first, paper.pages = reader, first, following - first


def _section(meeting: Meeting, part: Part, paper: _Drawn) -> dict[str, object]:
    item, papers = paper.item, paper.papers
    section: dict[str, object] = {"anchor": f"paper-{item.pk}", "item": item, "papers": papers, "meeting": meeting}
    if papers.source is Source.MINUTES and item.minutes_of is not None:
        held = item.minutes_of
        rows = selectors.minutes(meeting=held)
        section.update(
            minutes_meeting=held,
            minutes=[_minute(minute, part) for minute in rows if part is Part.ONE or minute.part == Part.TWO],
            attendance=selectors.attendance(meeting=held),
            exempt=part is Part.TWO,
        )
    else:
        section.update(paper=papers.paper, boxes=_boxes(papers.paper))
    return section


def _minute(minute: Minute, part: Part) -> dict[str, object]:
    return {
        "minute": minute,
        "text": text_blocks(minute.text),
        "resolution": text_blocks(minute.resolution),
        "exempt": text_blocks(minute.exempt_text) if part is Part.TWO else [],
    }


def _boxes(paper: object) -> list[dict[str, object]]:
    boxes = getattr(paper, "boxes", None) or []
    return [box for box in boxes if isinstance(box, dict) and box.get("fields")]


def _front_html(meeting: Meeting, part: Part, items: list[AgendaItem], spans: dict[int, Span]) -> str:
    committee = meeting.committee
    context = {
        "css": pack_css(),
        "meeting": meeting,
        "committee": committee,
        "part": part,
        "groups": selectors.membership_groups(selectors.members(committee=committee, on=meeting.date)),
        "notes": [block.text for block in text_blocks(committee.agenda_notes) if block.text],
        "public_sections": _sections([item for item in items if item.part == Part.ONE], spans),
        "exclusion": [item for item in items if item.part == Part.TWO and item.item_type == ItemType.EXCLUSION],
        "exempt_items": [
            (item, spans.get(item.pk))
            for item in items
            if item.part == Part.TWO and item.item_type != ItemType.EXCLUSION
        ],
        "draft": not meeting.agenda_published,
    }
    return render_to_string("committees/pack/front.html", context)


def _sections(items: list[AgendaItem], spans: dict[int, Span]) -> list[tuple[AgendaSection, list]]:
    """Items under their headings, a heading printed each time the section changes, as the agenda does."""
    grouped: list[tuple[AgendaSection, list]] = []
    for item in items:
        section = AgendaSection(item.section)
        if not grouped or grouped[-1][0] is not section:
            grouped.append((section, []))
        grouped[-1][1].append((item, spans.get(item.pk), text_blocks(item.note)))
    return grouped


def _join(
    meeting: Meeting, part: Part, front: bytes, layout: Layout, drawn: list[_Drawn], items: list[AgendaItem]
) -> bytes:
    writer = PackWriter()
    writer.add(front)
    for _ in range(layout.front.blank_pages):
        writer.add_blank()
    marks: dict[int, Bookmark] = {}
    for paper, span in zip(drawn, layout.papers, strict=True):
        assert writer.pages == span.first - 1, "the pack and its layout disagree"
        writer.add(paper.reader, first=paper.first, count=paper.pages)  # type: ignore[arg-type]
        for _ in range(span.blank_pages):
            writer.add_blank()
        source = paper.reader if paper.own_outline else None
        title = f"{paper.item.label} {paper.item.title}"
        marks[paper.item.pk] = Bookmark(title, span.first - 1, source=source, offset=span.first - 1)
    committee = meeting.committee
    label = "Part 1 (public)" if part is Part.ONE else "Part 2 (exempt): not for publication"
    return writer.finish(
        bookmarks=[Bookmark("Front sheet and agenda", 0), *_nest(items, marks)],
        title=f"{committee.name}, {meeting.date:%-d %B %Y}: agenda pack, {label}",
        author=committee.organisation.name,
        subject=f"Agenda, minutes and reports for the meeting of {meeting.date:%-d %B %Y}, {label}",
    )


def _nest(items: list[AgendaItem], marks: dict[int, Bookmark]) -> list[Bookmark]:
    """Lettered items under their numbered heading ("8" holds 8a, 8b, 8c), as the agenda lists them."""
    top: list[Bookmark] = []
    headings = {item.number: item for item in items if not item.letter}
    children: dict[int, list[Bookmark]] = {}
    for item in items:
        if item.letter and item.pk in marks and item.number in headings:
            children.setdefault(item.number, []).append(marks[item.pk])
    for item in items:
        if item.letter:
            if item.pk in marks and item.number not in headings:
                top.append(marks[item.pk])
            continue
        own, kids = marks.get(item.pk), children.get(item.number, [])
        if own is not None:
            top.append(dataclasses.replace(own, children=tuple(kids)))
        elif kids:
            top.append(Bookmark(f"{item.label} {item.title}", kids[0].page, children=tuple(kids)))
    return top


def pack_css() -> SafeString:
    return mark_safe(_stylesheet())  # our own file


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")
