"""Reminders to lead officers whose updates are missing, for `scrutineer remind` (run daily by cron).

Each lead officer gets at most one "due soon" reminder (sent from `remind_days_before` days before
the deadline) and one "overdue" reminder (after the deadline) per period: a ReminderSent row is
written in the same transaction as the e-mail is sent, and a unique constraint forbids a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from scrutineer.accounts.models import User
from scrutineer.core.models import ReportingPeriod

from .cycle_selectors import MyActionRow, my_actions
from .models import ReminderSent

Kind = ReminderSent.Kind


@dataclass
class Reminder:
    person: User
    period: ReportingPeriod
    kind: str
    outstanding: list[MyActionRow]

    @property
    def subject(self) -> str:
        due = f"{self.period.deadline:%-d %B %Y}"
        if self.kind == Kind.OVERDUE:
            return f"Overdue: plan updates for {self.period.long_label} were due on {due}"
        return f"Reminder: plan updates for {self.period.long_label} are due by {due}"

    def body(self) -> str:
        link = settings.SCRUTINEER_SITE_URL.rstrip("/") + reverse("cycle:my_actions") + f"?period={self.period.slug}"
        lines = [
            f"Dear {self.person.get_full_name() or self.person.username},",
            "",
            f"{len(self.outstanding)} of your updates for {self.period.long_label} "
            + ("are overdue." if self.kind == Kind.OVERDUE else "are still to be submitted."),
            "",
            *(f"- {row.sub_action} ({row.state})" for row in self.outstanding),
            "",
            f"Write and submit them here: {link}",
        ]
        return "\n".join(lines)


def reminders_due(*, today: date) -> list[Reminder]:
    """Who should be reminded of what today, whether or not they were reminded already."""
    reminders = []
    for period in ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN, deadline__isnull=False):
        kind = _kind(period, today)
        if kind is None:
            continue
        people = User.objects.filter(
            is_active=True, role=User.Role.LEAD_OFFICER, lead_roles__organisation=period.organisation
        ).distinct()
        for person in people:
            outstanding = [row for row in my_actions(user=person, period=period) if row.needs_work]
            if outstanding:
                reminders.append(Reminder(person, period, kind, outstanding))
    return reminders


def reminders_send(reminders: list[Reminder]) -> tuple[list[Reminder], list[Reminder]]:
    """Send each reminder not sent before. Returns (sent, skipped as already sent or no address)."""
    sent, skipped = [], []
    for reminder in reminders:
        if not reminder.person.email:
            skipped.append(reminder)
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    person=reminder.person,
                    period=reminder.period,
                    kind=reminder.kind,
                    missing=len(reminder.outstanding),
                )
                send_mail(reminder.subject, reminder.body(), None, [reminder.person.email])
        except IntegrityError:
            skipped.append(reminder)
        else:
            sent.append(reminder)
    return sent, skipped


def already_sent(reminder: Reminder) -> bool:
    return ReminderSent.objects.filter(person=reminder.person, period=reminder.period, kind=reminder.kind).exists()


def _kind(period: ReportingPeriod, today: date) -> str | None:
    if today > period.deadline:
        return Kind.OVERDUE
    if (period.deadline - today).days <= period.remind_days_before:
        return Kind.DUE_SOON
    return None
