"""Writes to committee business. Each runs in one transaction, checks the record in full, and leaves
a history row naming who made the change."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from scrutineer.accounts.models import User
from scrutineer.domain.risks import RiskScore

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
from .pdfs import pdf_check

M = TypeVar("M", bound=models.Model)


def _save(instance: M, values: Mapping[str, Any], user: User | None, reason: str) -> M:
    for name, value in values.items():
        setattr(instance, name, value)
    instance._history_user = user  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def committee_save(*, committee: Committee, values: Mapping[str, Any], user: User | None = None) -> Committee:
    return _save(committee, values, user, "committee saved")


@transaction.atomic
def membership_set(*, committee: Committee, seats: Iterable[Mapping[str, Any]], user: User | None = None) -> int:
    """Replace the committee's seats with `seats`, in order (each: role, group, name, representing)."""
    committee.memberships.all().delete()
    count = 0
    for position, seat in enumerate(seats):
        _save(Membership(committee=committee, position=position), seat, user, "membership set")
        count += 1
    return count


@transaction.atomic
def meeting_save(*, meeting: Meeting, values: Mapping[str, Any], user: User | None = None) -> Meeting:
    return _save(meeting, values, user, "meeting saved")


@transaction.atomic
def meeting_agenda_publish(*, meeting: Meeting, user: User | None = None) -> Meeting:
    """The agenda goes out: the meeting's page, agenda and Part 1 pack become public."""
    return _save(meeting, {"agenda_published_at": timezone.now()}, user, "agenda published")


@transaction.atomic
def meeting_agenda_withdraw(*, meeting: Meeting, user: User | None = None) -> Meeting:
    return _save(meeting, {"agenda_published_at": None}, user, "agenda withdrawn")


@transaction.atomic
def attendance_set(*, meeting: Meeting, entries: Iterable[Mapping[str, Any]]) -> int:
    """Replace the meeting's attendance with `entries` (each: kind, name, role, councillor)."""
    meeting.attendance.all().delete()
    rows = [Attendance(meeting=meeting, position=position, **entry) for position, entry in enumerate(entries)]
    for row in rows:
        row.full_clean()
    Attendance.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def agenda_item_save(*, item: AgendaItem, values: Mapping[str, Any], user: User | None = None) -> AgendaItem:
    return _save(item, values, user, "agenda item saved")


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, user: User | None = None) -> None:
    item._history_user = user  # type: ignore[attr-defined]
    item._change_reason = "agenda item removed"  # type: ignore[attr-defined]
    item.delete()


@transaction.atomic
def agenda_report_save(*, item: AgendaItem, values: Mapping[str, Any], user: User | None = None) -> AgendaReport:
    """Record (or correct) the cover sheet of a report on the agenda, as printed."""
    paper = AgendaReport.objects.filter(item=item).defer("pdf").first() or AgendaReport(item=item)
    return _save(paper, values, user, "cover sheet recorded")


@transaction.atomic
def agenda_report_attach_pdf(*, item: AgendaItem, content: bytes, name: str, user: User | None = None) -> AgendaReport:
    """Keep the PDF of a report for the agenda pack; `PdfRejected` says what is wrong with the file."""
    pages = pdf_check(content)
    paper = AgendaReport.objects.filter(item=item).first() or AgendaReport(item=item)
    values = {
        "pdf": content,
        "pdf_name": name[:200],
        "pdf_pages": pages,
        "pdf_sha256": hashlib.sha256(content).hexdigest(),
        "pdf_uploaded_at": timezone.now(),
        "pdf_uploaded_by": user,
    }
    return _save(paper, values, user, "PDF uploaded")


@transaction.atomic
def agenda_report_remove_pdf(*, item: AgendaItem, user: User | None = None) -> AgendaReport | None:
    paper = AgendaReport.objects.filter(item=item).first()
    if paper is None:
        return None
    values = {
        "pdf": None,
        "pdf_name": "",
        "pdf_pages": None,
        "pdf_sha256": "",
        "pdf_uploaded_at": None,
        "pdf_uploaded_by": None,
    }
    return _save(paper, values, user, "PDF removed")


@transaction.atomic
def minute_save(*, minute: Minute, values: Mapping[str, Any], user: User | None = None) -> Minute:
    return _save(minute, values, user, "minute saved")


@transaction.atomic
def matter_save(*, matter: MatterOutstanding, values: Mapping[str, Any], user: User | None = None) -> MatterOutstanding:
    return _save(matter, values, user, "matter outstanding saved")


@transaction.atomic
def programme_item_save(
    *, item: WorkProgrammeItem, values: Mapping[str, Any], user: User | None = None
) -> WorkProgrammeItem:
    return _save(item, values, user, "work programme item saved")


@transaction.atomic
def risk_save(*, risk: Risk, values: Mapping[str, Any], user: User | None = None) -> Risk:
    return _save(risk, values, user, "risk saved")


@transaction.atomic
def risk_review(
    *, risk: Risk, likelihood: int, impact: int, reviewed_on: date, review_date: date, user: User | None = None
) -> Risk:
    """A review: today's scores become current, and the scores they replace are kept for the trend."""
    RiskScore(likelihood, impact)  # refuses scores outside the matrix
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    values = {
        "previous_likelihood": risk.likelihood,
        "previous_impact": risk.impact,
        "likelihood": likelihood,
        "impact": impact,
        "last_reviewed": reviewed_on,
        "review_date": review_date,
    }
    return _save(risk, values, user, "risk reviewed")
