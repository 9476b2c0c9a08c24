"""Committee pages: committees, meetings with their agenda and downloads, items, the work programme,
matters outstanding and the risk register. Thin: parse, check who is asking, call selectors, render.

A meeting's agenda, items and Part 1 pack are public once the agenda is published (officers see them
before). Part 2 pages and the Part 2 pack answer 404 to anyone who may not see Part 2, and every
Part 2 read is logged. Nothing Part 2 is on a Part 1 page but what the public agenda prints by law:
a Part 2 item's number, title and Schedule 12A paragraph (`004_5a7191a0a14e1e5f.txt:130-148`).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from scrutineer.accounts.permissions import can_view_part2, is_officer, is_performance_officer, part2_required
from scrutineer.accounts.services import part2_access_record
from scrutineer.core.models import Organisation
from scrutineer.core.page_cache import content_version, public_page
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.committee_business import AgendaNumber, AgendaSection, ItemType, MunicipalYear
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, PeriodError
from scrutineer.reports.registry import report_kinds

from .. import selectors
from ..models import AgendaItem, Committee, Meeting
from ..packs import agenda_pack, item_papers_pdf
from ..papers import Papers, papers_for

PACK_CACHE_SECONDS = 60 * 60


# --- finding things -------------------------------------------------------------------------------


def _organisation() -> Organisation:
    organisation = default_organisation()
    if organisation is None:
        raise Http404("No council is set up yet.")
    return organisation


def committee_or_404(slug: str) -> Committee:
    found = selectors.committee_get(organisation=_organisation(), slug=slug)
    if found is None:
        raise Http404("No such committee.")
    return found


def meeting_or_404(committee: Committee, day: date) -> Meeting:
    found = selectors.meeting_get(committee=committee, day=day)
    if found is None:
        raise Http404("No such meeting.")
    return found


def agenda_or_404(request: HttpRequest, committee: str, day: date) -> Meeting:
    """A meeting whose agenda the person may see: published, or any agenda for an officer."""
    meeting = meeting_or_404(committee_or_404(committee), day)
    if not meeting.agenda_published and not is_officer(request.user):
        raise Http404("The agenda has not been published.")
    return meeting


def item_or_404(meeting: Meeting, label: str, part: Part | None = None) -> AgendaItem:
    try:
        number = AgendaNumber.parse(label)
    except ValueError:
        raise Http404("No such item.") from None
    if number.label != label:
        raise Http404("No such item.")
    found = selectors.agenda_item_get(meeting=meeting, number=number.number, letter=number.letter)
    if found is None or (part is not None and found.part != part.value):
        raise Http404("No such item.")
    found.meeting = meeting
    return found


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


# --- committees -----------------------------------------------------------------------------------


@public_page
def index(request: HttpRequest) -> HttpResponse:
    organisation = _organisation()
    rows = []
    today = timezone.localdate()
    for committee in selectors.committees(organisation=organisation):
        meetings = selectors.meetings(committee=committee)
        upcoming = [m for m in meetings if m.date >= today]
        rows.append({"committee": committee, "latest": meetings[-1] if meetings else None, "next": upcoming[:1]})
    return render(request, "committees/index.html", {"rows": rows})


@public_page
def committee(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    today = timezone.localdate()
    meetings = selectors.meetings(committee=committee_obj)
    context = {
        "committee": committee_obj,
        "groups": selectors.membership_groups(selectors.members(committee=committee_obj, on=today)),
        "upcoming": [m for m in meetings if m.date >= today],
        "past": list(reversed([m for m in meetings if m.date < today])),
        "can_manage": is_performance_officer(request.user),
        "matters": len(selectors.matters_outstanding(committee=committee_obj)),
    }
    return render(request, "committees/committee.html", context)


# --- meetings -------------------------------------------------------------------------------------


@public_page
def meeting(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    meeting_obj = meeting_or_404(committee_or_404(committee), day)
    officer = is_officer(request.user)
    show_agenda = meeting_obj.agenda_published or officer
    show_minutes = meeting_obj.minutes_published or officer
    items = selectors.agenda(meeting=meeting_obj) if show_agenda else []
    for item in items:
        item.meeting = meeting_obj
    kinds = report_kinds()
    public = [_row(item, kinds) for item in items if item.part == Part.ONE]
    exempt = [item for item in items if item.part == Part.TWO]
    context = {
        "meeting": meeting_obj,
        "committee": meeting_obj.committee,
        "show_agenda": show_agenda,
        "sections": _sections(public),
        "exclusion": [item for item in exempt if item.item_type == ItemType.EXCLUSION],
        "exempt_items": [item for item in exempt if item.item_type != ItemType.EXCLUSION],
        "minutes": selectors.minutes(meeting=meeting_obj) if show_minutes else [],
        "attendance": selectors.attendance(meeting=meeting_obj) if show_minutes else {},
        "can_view_part2": can_view_part2(request.user),
        "can_manage": is_performance_officer(request.user),
    }
    return render(request, "committees/meeting.html", context)


@part2_required
def meeting_part2(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    meeting_obj = agenda_or_404(request, committee, day)
    kinds = report_kinds()
    items = [item for item in selectors.agenda(meeting=meeting_obj) if item.part == Part.TWO]
    for item in items:
        item.meeting = meeting_obj
    minutes = (
        selectors.minutes(meeting=meeting_obj, part=Part.TWO)
        if (meeting_obj.minutes_published or is_officer(request.user))
        else []
    )
    part2_access_record(request=request, what=f"Part 2 agenda and minutes of {meeting_obj}")
    context = {
        "meeting": meeting_obj,
        "committee": meeting_obj.committee,
        "rows": [_row(item, kinds) for item in items],
        "minutes": minutes,
    }
    return _private(render(request, "committees/meeting_part2.html", context))


def pack_part1(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    """The Part 1 agenda pack: public once the agenda is published, and the same for everyone."""
    meeting_obj = agenda_or_404(request, committee, day)
    public = meeting_obj.agenda_published
    key = f"scrutineer:agenda-pack:{content_version()}:{meeting_obj.pk}:1"
    content = cache.get(key) if public else None
    if content is None:
        pack = agenda_pack(meeting=meeting_obj, part=Part.ONE)
        content = pack.content
        if public:
            cache.set(key, content, PACK_CACHE_SECONDS)
    response = _pdf(content, _pack_name(meeting_obj, Part.ONE))
    return response if public else _private(response)


@part2_required
def pack_part2(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    meeting_obj = agenda_or_404(request, committee, day)
    pack = agenda_pack(meeting=meeting_obj, part=Part.TWO)
    part2_access_record(request=request, what=f"Part 2 agenda pack of {meeting_obj}")
    return _private(_pdf(pack.content, pack.filename))


def _pack_name(meeting_obj: Meeting, part: Part) -> str:
    return f"agenda-pack-{meeting_obj.committee.slug}-{meeting_obj.date.isoformat()}-part-{part.value}.pdf"


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename)
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


# --- items ----------------------------------------------------------------------------------------


@public_page
def item(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    meeting_obj = agenda_or_404(request, committee, day)
    item_obj = item_or_404(meeting_obj, item, Part.ONE)
    return render(request, "committees/item.html", _item_context(request, meeting_obj, item_obj))


@part2_required
def item_part2(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    meeting_obj = agenda_or_404(request, committee, day)
    item_obj = item_or_404(meeting_obj, item, Part.TWO)
    part2_access_record(request=request, what=f"Part 2 item {item_obj.label} of {meeting_obj}")
    return _private(render(request, "committees/item.html", _item_context(request, meeting_obj, item_obj)))


def item_pdf(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    """An item's Part 1 papers on their own; the same for everyone once the agenda is published."""
    meeting_obj = agenda_or_404(request, committee, day)
    item_obj = item_or_404(meeting_obj, item, Part.ONE)
    papers = papers_for(item_obj)
    if papers is None:
        raise Http404("This item has no papers.")
    public = meeting_obj.agenda_published
    key = f"scrutineer:agenda-item:{content_version()}:{item_obj.pk}:1"
    content = cache.get(key) if public else None
    if content is None:
        content = item_papers_pdf(papers, Part.ONE)
        if public:
            cache.set(key, content, PACK_CACHE_SECONDS)
    response = _pdf(content, f"item-{item_obj.label}-{meeting_obj.date.isoformat()}.pdf")
    return response if public else _private(response)


@part2_required
def item_pdf_part2(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    meeting_obj = agenda_or_404(request, committee, day)
    item_obj = item_or_404(meeting_obj, item, Part.TWO)
    papers = papers_for(item_obj)
    if papers is None:
        raise Http404("This item has no papers.")
    content = item_papers_pdf(papers, Part.TWO)
    part2_access_record(request=request, what=f"Part 2 papers of item {item_obj.label} of {meeting_obj}")
    return _private(_pdf(content, f"item-{item_obj.label}-{meeting_obj.date.isoformat()}-part-2.pdf"))


def _item_context(request: HttpRequest, meeting_obj: Meeting, item_obj: AgendaItem) -> dict[str, object]:
    papers = papers_for(item_obj)
    show_minutes = meeting_obj.minutes_published or is_officer(request.user)
    minutes = list(item_obj.minutes.all()) if show_minutes else []
    return {
        "meeting": meeting_obj,
        "committee": meeting_obj.committee,
        "item": item_obj,
        "papers": papers,
        "paper": papers.paper if papers else _recorded(item_obj),
        "report_label": (
            f"{papers.kind.name}, {papers.kind.period_label(papers.report.period)}"
            if papers and papers.kind and papers.report
            else ""
        ),
        "minutes": minutes,
        "part2": item_obj.part == Part.TWO,
        "can_manage": is_performance_officer(request.user),
    }


def _recorded(item_obj: AgendaItem) -> object:
    try:
        return item_obj.paper
    except AgendaItem.paper.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None


def _row(item_obj: AgendaItem, kinds: dict) -> dict[str, object]:
    papers: Papers | None = papers_for(item_obj, kinds=kinds)
    return {"item": item_obj, "papers": papers}


def _sections(rows: list[dict[str, object]]) -> list[tuple[AgendaSection, list[dict[str, object]]]]:
    grouped: list[tuple[AgendaSection, list[dict[str, object]]]] = []
    for row in rows:
        section = AgendaSection(row["item"].section)  # type: ignore[attr-defined]
        if not grouped or grouped[-1][0] is not section:
            grouped.append((section, []))
        grouped[-1][1].append(row)
    return grouped


# --- work programme, matters outstanding, risk register ----------------------------------------


@public_page
def work_programme(request: HttpRequest, committee: str, year: str | None = None) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    years = selectors.programme_years(committee=committee_obj)
    if year is not None:
        try:
            chosen = MunicipalYear.parse(year)
        except PeriodError:
            raise Http404("No such municipal year.") from None
        if chosen.slug != year:
            raise Http404("No such municipal year.")
    else:
        chosen = _default_year(years)
    context = {
        "committee": committee_obj,
        "year": chosen,
        "years": years,
        "programme": selectors.work_programme(committee=committee_obj, year=chosen),
        "can_manage": is_performance_officer(request.user),
    }
    return render(request, "committees/work_programme.html", context)


def _default_year(years: list[MunicipalYear]) -> MunicipalYear:
    """This municipal year if it has a programme, else the next one that does, else the latest."""
    current = MunicipalYear.containing(timezone.localdate())
    later = [year for year in years if year >= current]
    if later:
        return later[0]
    return years[-1] if years else current


@public_page
def matters(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    context = {
        "committee": committee_obj,
        "matters": selectors.matters_outstanding(committee=committee_obj),
        "can_manage": is_performance_officer(request.user),
    }
    return render(request, "committees/matters.html", context)


@public_page
def risk_register(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    if committee_obj.portfolio is None:
        raise Http404("This committee has no portfolio, so no risk register.")
    risks = selectors.risks(portfolio=committee_obj.portfolio, part=Part.ONE)
    context = {
        "committee": committee_obj,
        "risks": risks,
        "part2": False,
        "quarter": FinancialQuarter.containing(timezone.localdate()),
        "can_view_part2": can_view_part2(request.user),
        "can_manage": is_performance_officer(request.user),
    }
    return render(request, "committees/risk_register.html", context)


@part2_required
def risk_register_part2(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    if committee_obj.portfolio is None:
        raise Http404("This committee has no portfolio, so no risk register.")
    risks = selectors.risks(portfolio=committee_obj.portfolio, part=Part.TWO)
    part2_access_record(request=request, what=f"Part 2 risk register of {committee_obj.portfolio}")
    context = {
        "committee": committee_obj,
        "risks": risks,
        "part2": True,
        "quarter": FinancialQuarter.containing(timezone.localdate()),
        "can_view_part2": True,
        "can_manage": is_performance_officer(request.user),
    }
    return _private(render(request, "committees/risk_register.html", context))
