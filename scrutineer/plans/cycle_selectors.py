"""Reads for the update cycle: "my actions", the submission dashboard, the review queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from scrutineer.accounts.models import User
from scrutineer.core.models import LeadRole, Organisation, ReportingPeriod

from .models import DeliveryStatus, Plan, SubAction, SubActionLead, Update
from .permissions import sub_actions_editable_by


def periods_open(*, organisation: Organisation | None) -> list[ReportingPeriod]:
    periods = ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN)
    if organisation is not None:
        periods = periods.filter(organisation=organisation)
    return list(periods.order_by("-year", "-quarter"))


def delivery_statuses(*, organisation_id: int, include: DeliveryStatus | None = None) -> list[DeliveryStatus]:
    """The statuses a person may choose now (plus the one already chosen, even if since retired)."""
    statuses = list(DeliveryStatus.objects.filter(organisation_id=organisation_id, active=True))
    if include is not None and include not in statuses:
        statuses.append(include)
    return statuses


@dataclass
class MyActionRow:
    sub_action: SubAction
    update: Update | None
    previous: Update | None  # the approved update of the period before, for reference

    @property
    def state(self) -> str:
        return self.update.get_status_display() if self.update else "Not started"

    @property
    def needs_work(self) -> bool:
        return self.update is None or self.update.is_editable_by_lead


def my_actions(*, user: Any, period: ReportingPeriod) -> list[MyActionRow]:
    """The sub-actions this person may update in the period, with where each update stands."""
    sub_actions = list(
        sub_actions_editable_by(user)
        .filter(action__priority__plan__portfolio__organisation=period.organisation)
        .exclude(action__priority__plan__status=Plan.Status.DRAFT)
        .select_related("action__priority__plan")
        .order_by("action__priority__plan", "action__priority__position", "action__position", "position")
    )
    ids = [s.pk for s in sub_actions]
    current = _updates_by_sub_action(Update.objects.filter(sub_action_id__in=ids, period=period))
    previous_period = _previous_period(period)
    previous = (
        _updates_by_sub_action(
            Update.objects.filter(sub_action_id__in=ids, period=previous_period, status=Update.Status.APPROVED)
        )
        if previous_period
        else {}
    )
    return [MyActionRow(s, current.get(s.pk), previous.get(s.pk)) for s in sub_actions]


@dataclass
class LeadProgress:
    """Where one lead officer (or an unheld lead role) stands in a period."""

    name: str
    person: User | None = None
    roles: list[LeadRole] = field(default_factory=list)
    approved: int = 0
    submitted: int = 0
    draft: int = 0
    returned: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.approved + self.submitted + self.draft + self.returned + self.missing

    @property
    def outstanding(self) -> int:
        """Updates still to come from the lead: missing, draft or returned."""
        return self.missing + self.draft + self.returned


@dataclass
class Dashboard:
    period: ReportingPeriod
    today: date
    leads: list[LeadProgress]
    unheld: list[LeadProgress]

    @property
    def past_deadline(self) -> bool:
        return self.period.deadline is not None and self.today > self.period.deadline

    def is_overdue(self, progress: LeadProgress) -> bool:
        return self.past_deadline and progress.outstanding > 0

    @property
    def totals(self) -> LeadProgress:
        total = LeadProgress(name="All")
        for progress in self.leads + self.unheld:
            for name in ("approved", "submitted", "draft", "returned", "missing"):
                setattr(total, name, getattr(total, name) + getattr(progress, name))
        return total


def period_dashboard(*, period: ReportingPeriod, today: date) -> Dashboard:
    """For each lead officer: how many of their updates are approved, submitted, draft, returned, missing.

    A sub-action led by several roles counts for each officer holding one. Lead roles nobody holds
    are listed apart, so no sub-action falls through the cracks.
    """
    sub_actions = SubAction.objects.filter(action__priority__plan__portfolio__organisation=period.organisation).exclude(
        action__priority__plan__status=Plan.Status.DRAFT
    )
    states = {u.sub_action_id: u.status for u in Update.objects.filter(period=period, sub_action__in=sub_actions)}
    roles_of: dict[int, set[int]] = {}
    for link in SubActionLead.objects.filter(sub_action__in=sub_actions).values("sub_action_id", "role_id"):
        roles_of.setdefault(link["sub_action_id"], set()).add(link["role_id"])
    roles = {role.pk: role for role in LeadRole.objects.filter(organisation=period.organisation)}
    holders: dict[int, list[User]] = {}
    people = (
        User.objects.filter(is_active=True, role=User.Role.LEAD_OFFICER, lead_roles__organisation=period.organisation)
        .prefetch_related("lead_roles")
        .distinct()
    )
    progress_of: dict[int, LeadProgress] = {}
    for person in people:
        held = [r for r in person.lead_roles.all() if r.organisation_id == period.organisation_id]
        progress_of[person.pk] = LeadProgress(name=person.get_full_name() or person.username, person=person, roles=held)
        for role in held:
            holders.setdefault(role.pk, []).append(person)
    unheld: dict[int, LeadProgress] = {}
    for sub_action_id, role_ids in roles_of.items():
        state = states.get(sub_action_id, "missing")
        counted: set[int] = set()
        for role_id in role_ids:
            targets = holders.get(role_id)
            if not targets:
                entry = unheld.setdefault(
                    role_id, LeadProgress(name=roles[role_id].title, person=None, roles=[roles[role_id]])
                )
                setattr(entry, state, getattr(entry, state) + 1)
                continue
            for person in targets:
                if person.pk not in counted:
                    counted.add(person.pk)
                    progress = progress_of[person.pk]
                    setattr(progress, state, getattr(progress, state) + 1)
    leads = sorted((p for p in progress_of.values() if p.total), key=lambda p: (-p.outstanding, p.name))
    return Dashboard(period=period, today=today, leads=leads, unheld=sorted(unheld.values(), key=lambda p: p.name))


def review_queue(*, period: ReportingPeriod) -> QuerySet[Update]:
    return (
        Update.objects.filter(period=period, status=Update.Status.SUBMITTED)
        .select_related("sub_action__action__priority__plan", "author", "delivery_status")
        .order_by("submitted_at")
    )


def _updates_by_sub_action(updates: QuerySet[Update]) -> dict[int, Update]:
    return {u.sub_action_id: u for u in updates.select_related("delivery_status", "reviewed_by")}


def _previous_period(period: ReportingPeriod) -> ReportingPeriod | None:
    before = period.financial_quarter.previous()
    return ReportingPeriod.objects.filter(
        organisation_id=period.organisation_id, year=before.start_year, quarter=before.quarter
    ).first()
