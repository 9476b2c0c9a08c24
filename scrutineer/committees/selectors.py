"""Reads of committee business. Each owns its queries (a fixed number, however long the agenda)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from scrutineer.core.models import Organisation, Portfolio
from scrutineer.domain.committee_business import MunicipalYear, is_outstanding_at
from scrutineer.domain.parts import Part

from .models import (
    AgendaItem,
    AgendaReport,
    Attendance,
    Committee,
    MatterOutstanding,
    Meeting,
    Membership,
    Minute,
    Risk,
    WorkProgrammeItem,
)


def committees(*, organisation: Organisation) -> list[Committee]:
    """The organisation's committees and sub-committees (not the related bodies they list)."""
    return list(
        Committee.objects.filter(organisation=organisation)
        .exclude(kind=Committee.Kind.RELATED)
        .select_related("portfolio")
        .order_by("name")
    )


def committee_get(*, organisation: Organisation, slug: str) -> Committee | None:
    return (
        Committee.objects.select_related("organisation", "portfolio", "parent")
        .filter(organisation=organisation, slug=slug)
        .exclude(kind=Committee.Kind.RELATED)
        .first()
    )


def members(*, committee: Committee, on: date | None = None) -> list[Membership]:
    seats = list(committee.memberships.order_by("position", "pk"))
    return [seat for seat in seats if on is None or seat.serves_on(on)]


@dataclass
class MembershipGroups:
    """Seats as the front sheet prints them (`004_5a7191a0a14e1e5f.txt:22-38`)."""

    chairman: list[Membership] = field(default_factory=list)
    vice_chairman: list[Membership] = field(default_factory=list)
    councillors: list[Membership] = field(default_factory=list)
    co_opted: dict[str, list[Membership]] = field(default_factory=dict)


def membership_groups(seats: list[Membership]) -> MembershipGroups:
    groups = MembershipGroups()
    for seat in seats:
        if seat.role == Membership.Role.CHAIRMAN:
            groups.chairman.append(seat)
        elif seat.role == Membership.Role.VICE_CHAIRMAN:
            groups.vice_chairman.append(seat)
        elif seat.role == Membership.Role.COUNCILLOR:
            groups.councillors.append(seat)
        else:
            groups.co_opted.setdefault(seat.group or seat.get_role_display(), []).append(seat)
    return groups


def meetings(*, committee: Committee) -> list[Meeting]:
    """Every meeting of the committee, in date order (an unpublished agenda is shown by its date only)."""
    return list(Meeting.objects.filter(committee=committee).order_by("date"))


def meeting_get(*, committee: Committee, day: date) -> Meeting | None:
    return (
        Meeting.objects.select_related("committee__organisation", "committee__portfolio")
        .filter(committee=committee, date=day)
        .first()
    )


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    return Meeting.objects.filter(committee=meeting.committee, date__lt=meeting.date).order_by("-date").first()


def agenda(*, meeting: Meeting) -> list[AgendaItem]:
    """Every item, in order, with its recorded report (the PDF itself is not read here)."""
    papers = AgendaReport.objects.defer("pdf")
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("minutes_of")
        .prefetch_related(Prefetch("paper", queryset=papers))
        .order_by("number", "letter")
    )


def agenda_item_get(*, meeting: Meeting, number: int, letter: str) -> AgendaItem | None:
    papers = AgendaReport.objects.defer("pdf")
    return (
        AgendaItem.objects.filter(meeting=meeting, number=number, letter=letter)
        .select_related("meeting__committee__organisation", "meeting__committee__portfolio", "minutes_of")
        .prefetch_related(Prefetch("paper", queryset=papers), "minutes")
        .first()
    )


def paper_pdf(*, item: AgendaItem) -> bytes | None:
    """The uploaded PDF of an item's report, read only when it is needed."""
    content = AgendaReport.objects.filter(item=item).values_list("pdf", flat=True).first()
    return bytes(content) if content else None


def attendance(*, meeting: Meeting) -> dict[str, list[Attendance]]:
    grouped: dict[str, list[Attendance]] = defaultdict(list)
    for row in meeting.attendance.order_by("position", "pk"):
        grouped[row.kind].append(row)
    return dict(grouped)


def minutes(*, meeting: Meeting, part: Part | None = None) -> list[Minute]:
    found = Minute.objects.filter(meeting=meeting)
    if part is not None:
        found = found.filter(part=part.value)
    return list(found.order_by("sort_number", "sort_letter"))


def matters_outstanding(*, committee: Committee, meeting: Meeting | None = None) -> list[MatterOutstanding]:
    """The matters a meeting hears about: raised earlier and not done before it (domain notes 2.30);
    without a meeting, every matter not yet done."""
    found = MatterOutstanding.objects.filter(committee=committee).select_related(
        "raised_at", "due", "completed_at", "minute"
    )
    if meeting is None:
        return list(found.filter(completed_at__isnull=True).order_by("raised_at__date", "pk"))
    found = found.filter(raised_at__date__lt=meeting.date).filter(
        Q(completed_at__isnull=True) | Q(completed_at__date__gte=meeting.date)
    )
    rows = found.order_by("raised_at__date", "pk")
    return [
        row
        for row in rows
        if is_outstanding_at(row.raised_at.date, row.completed_at.date if row.completed_at else None, meeting.date)
    ]


@dataclass
class ProgrammeMeeting:
    """A meeting in the work programme and the items planned for it; a related body's meeting is
    listed by its date only (`004_5a7191a0a14e1e5f.txt:517-518`)."""

    meeting: Meeting
    items: list[WorkProgrammeItem]

    @property
    def related(self) -> bool:
        return self.meeting.committee.kind == Committee.Kind.RELATED


def _programme_meetings(committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(Q(committee=committee) | Q(committee__parent=committee)).select_related("committee")


def work_programme(*, committee: Committee, year: MunicipalYear) -> list[ProgrammeMeeting]:
    """The programme of a municipal year: the committee's meetings, its sub-committees' and related
    bodies', each with its planned items."""
    return _programme(
        _programme_meetings(committee).filter(date__gte=year.start, date__lte=year.end).order_by("date", "pk")
    )


def forward_programme(*, meeting: Meeting) -> list[ProgrammeMeeting]:
    """What a meeting is shown of the work programme (`004_5a7191a0a14e1e5f.txt:502-560`): the
    meetings after it, to the end of the following municipal year."""
    end = MunicipalYear.containing(meeting.date).next().end
    found = _programme_meetings(meeting.committee).filter(date__gt=meeting.date, date__lte=end)
    return _programme(found.order_by("date", "pk"))


def programme_years(*, committee: Committee) -> list[MunicipalYear]:
    dates = _programme_meetings(committee).filter(programme_items__isnull=False).values_list("date", flat=True)
    return sorted({MunicipalYear.containing(day) for day in dates})


def _programme(found: QuerySet[Meeting]) -> list[ProgrammeMeeting]:
    items = WorkProgrammeItem.objects.order_by("position", "pk")
    return [
        ProgrammeMeeting(meeting, list(meeting.programme_items.all()))
        for meeting in found.prefetch_related(Prefetch("programme_items", queryset=items))
    ]


def risks(*, portfolio: Portfolio, part: Part) -> list[Risk]:
    """Open risks: Part 1 only for the public register; every one for the Part 2 register."""
    found = Risk.objects.filter(portfolio=portfolio, status=Risk.Status.OPEN)
    if part is Part.ONE:
        found = found.filter(part=Part.ONE.value)
    return list(found.order_by("position", "reference"))


def risk_get(*, portfolio: Portfolio, reference: str) -> Risk | None:
    return Risk.objects.filter(portfolio=portfolio, reference=reference).first()


def committee_for_portfolio(*, portfolio: Portfolio) -> Committee | None:
    """The portfolio's PDS committee, which receives its reports."""
    return Committee.objects.filter(portfolio=portfolio, kind=Committee.Kind.PDS).select_related("organisation").first()
