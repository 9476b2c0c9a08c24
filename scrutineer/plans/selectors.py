"""Reads of plans. Each selector owns its queries, so pages cannot fall into N+1 loops."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet

from scrutineer.core.models import LeadRole, Organisation, Portfolio, ReportingPeriod
from scrutineer.domain.target_dates import TargetDate, is_due_between, is_overdue
from scrutineer.domain.text_diff import Change, Piece, word_diff

from .models import (
    Action,
    MeasureOfSuccess,
    Plan,
    Priority,
    PriorityAmbition,
    StrategicLink,
    SubAction,
    SubActionLead,
    Update,
)


class Due(StrEnum):
    """The target-date filters of the plan pages."""

    OVERDUE = "overdue"
    THIS_QUARTER = "this-quarter"
    ANNUAL_PROGRAMME = "annual-programme"

    @property
    def label(self) -> str:
        return {
            Due.OVERDUE: "Overdue",
            Due.THIS_QUARTER: "Due this quarter",
            Due.ANNUAL_PROGRAMME: "Annual programme",
        }[self]


@dataclass
class SubActionRow:
    sub_action: SubAction
    target: TargetDate
    overdue: bool
    due_in_period: bool
    update: Update | None

    def matches(self, due: Due | None) -> bool:
        if due is Due.OVERDUE:
            return self.overdue
        if due is Due.THIS_QUARTER:
            return self.due_in_period
        if due is Due.ANNUAL_PROGRAMME:
            return self.target.annual_programme
        return True


@dataclass
class ActionRow:
    action: Action
    sub_actions: list[SubActionRow] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.sub_actions)

    @property
    def updated_count(self) -> int:
        return sum(row.update is not None for row in self.sub_actions)

    @property
    def leads(self) -> list[LeadRole]:
        seen: dict[int, LeadRole] = {}
        for row in self.sub_actions:
            for link in row.sub_action.lead_list:
                seen.setdefault(link.role_id, link.role)
        return list(seen.values())


@dataclass
class PriorityRow:
    priority: Priority
    actions: list[ActionRow] = field(default_factory=list)

    @property
    def sub_action_count(self) -> int:
        return sum(len(action.sub_actions) for action in self.actions)

    @property
    def overdue_count(self) -> int:
        return sum(action.overdue_count for action in self.actions)


def plan_list(*, organisation: Organisation | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("portfolio__organisation")
    if organisation is not None:
        plans = plans.filter(portfolio__organisation=organisation)
    return plans.exclude(status=Plan.Status.DRAFT).order_by("-start_year", "-pk")


def plan_default(*, organisation: Organisation | None) -> Plan | None:
    """The plan the home page shows: the organisation's most recent published plan."""
    return plan_list(organisation=organisation).first()


def plan_periods(*, plan: Plan) -> list[ReportingPeriod]:
    """Reporting periods with at least one approved update for this plan, oldest first."""
    return list(
        ReportingPeriod.objects.filter(
            updates__sub_action__action__priority__plan=plan, updates__status=Update.Status.APPROVED
        )
        .distinct()
        .order_by("year", "quarter")
    )


def plan_current_period(*, plan: Plan, periods: list[ReportingPeriod] | None = None) -> ReportingPeriod | None:
    """The latest period with approved updates; failing that, the organisation's open period."""
    periods = plan_periods(plan=plan) if periods is None else periods
    if periods:
        return periods[-1]
    return (
        ReportingPeriod.objects.filter(organisation=plan.portfolio.organisation, status=ReportingPeriod.Status.OPEN)
        .order_by("-year", "-quarter")
        .first()
    )


def plan_outline(
    *,
    plan: Plan,
    period: ReportingPeriod | None,
    priority: Priority | None = None,
    lead: LeadRole | None = None,
    due: Due | None = None,
) -> list[PriorityRow]:
    """Priorities, actions and sub-actions of a plan, with the approved update for `period`.

    Five queries whatever the size of the plan. Filters keep only matching sub-actions, and drop
    actions and priorities left empty.
    """
    priorities = plan.priorities.order_by("position")
    actions = Action.objects.filter(priority__plan=plan).order_by("position")
    sub_actions = SubAction.objects.filter(action__priority__plan=plan).order_by("position")
    if priority is not None:
        priorities = priorities.filter(pk=priority.pk)
        actions = actions.filter(priority=priority)
        sub_actions = sub_actions.filter(action__priority=priority)
    if lead is not None:
        sub_actions = sub_actions.filter(lead_links__role=lead).distinct()
    sub_action_list = list(sub_actions)
    _attach_children(sub_action_list, period)
    by_action: dict[int, list[SubAction]] = {}
    for sub_action in sub_action_list:
        by_action.setdefault(sub_action.action_id, []).append(sub_action)
    by_priority: dict[int, list[Action]] = {}
    for action in actions:
        by_priority.setdefault(action.priority_id, []).append(action)
    filtering = lead is not None or due is not None
    rows = []
    for priority_obj in priorities:
        row = PriorityRow(priority_obj)
        for action in by_priority.get(priority_obj.pk, []):
            action.priority = priority_obj
            action_row = ActionRow(action)
            for sub_action in by_action.get(action.pk, []):
                sub_action.action = action
                sub_row = _sub_action_row(sub_action, period)
                if sub_row.matches(due):
                    action_row.sub_actions.append(sub_row)
            if action_row.sub_actions or not filtering:
                row.actions.append(action_row)
        if row.actions or not filtering:
            rows.append(row)
    return rows


def _attach_children(
    sub_actions: list[SubAction], period: ReportingPeriod | None, *, with_history: bool = False
) -> None:
    """Measures, leads and approved updates of each sub-action, one query each.

    Sets `measure_list`, `lead_list`, `period_updates` (the update for `period`) and, with
    history, `approved_updates` (every period, newest first).
    """
    ids = [s.pk for s in sub_actions]
    measures: dict[int, list[MeasureOfSuccess]] = {pk: [] for pk in ids}
    for measure in MeasureOfSuccess.objects.filter(sub_action_id__in=ids).order_by("position"):
        measures[measure.sub_action_id].append(measure)
    leads: dict[int, list[SubActionLead]] = {pk: [] for pk in ids}
    for link in SubActionLead.objects.filter(sub_action_id__in=ids).select_related("role").order_by("position"):
        leads[link.sub_action_id].append(link)
    approved = Update.objects.filter(sub_action_id__in=ids, status=Update.Status.APPROVED).select_related(
        "delivery_status"
    )
    if with_history:
        approved = approved.select_related("period").order_by("-period__year", "-period__quarter")
    elif period is not None:
        approved = approved.filter(period=period)
    else:
        approved = approved.none()
    updates: dict[int, list[Update]] = {pk: [] for pk in ids}
    for update in approved:
        updates[update.sub_action_id].append(update)
    period_id = getattr(period, "pk", None)
    for sub_action in sub_actions:
        sub_action.measure_list = measures[sub_action.pk]
        sub_action.lead_list = leads[sub_action.pk]
        sub_action.approved_updates = updates[sub_action.pk]
        sub_action.period_updates = [u for u in updates[sub_action.pk] if u.period_id == period_id]


def outline_counts(rows: list[PriorityRow]) -> dict[str, int]:
    """Totals for a plan outline: actions, sub-actions and how many are past their target date."""
    return {
        "action_count": sum(len(row.actions) for row in rows),
        "sub_action_count": sum(row.sub_action_count for row in rows),
        "overdue_count": sum(row.overdue_count for row in rows),
    }


def action_detail(*, plan: Plan, pk: int) -> Action:
    return Action.objects.select_related("priority__plan").get(priority__plan=plan, pk=pk)


def action_sub_action_rows(*, action: Action, period: ReportingPeriod | None) -> list[SubActionRow]:
    """The sub-actions of an action with every approved update, newest period first."""
    sub_actions = list(action.sub_actions.order_by("position"))
    _attach_children(sub_actions, period, with_history=True)
    for sub_action in sub_actions:
        sub_action.action = action
    return [_sub_action_row(sub_action, period) for sub_action in sub_actions]


def plan_lead_roles(*, plan: Plan) -> QuerySet[LeadRole]:
    """The lead roles named anywhere in the plan, for the lead filter."""
    return LeadRole.objects.filter(sub_actions__action__priority__plan=plan).distinct().order_by("title")


def _sub_action_row(sub_action: SubAction, period: ReportingPeriod | None) -> SubActionRow:
    target = sub_action.target_date
    updates = getattr(sub_action, "period_updates", [])
    if period is None:
        return SubActionRow(sub_action, target, overdue=False, due_in_period=False, update=None)
    quarter = period.financial_quarter
    return SubActionRow(
        sub_action,
        target,
        overdue=is_overdue(target, period_start=quarter.start),
        due_in_period=is_due_between(target, start=quarter.start, end=quarter.end),
        update=updates[0] if updates else None,
    )


class ChangeKind(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NOT_UPDATED = "not-updated"

    @property
    def label(self) -> str:
        return {
            ChangeKind.NEW: "New",
            ChangeKind.CHANGED: "Changed",
            ChangeKind.UNCHANGED: "Carried over unchanged",
            ChangeKind.NOT_UPDATED: "No update this period",
        }[self]


@dataclass
class UpdateChange:
    sub_action: SubAction
    before: Update | None
    after: Update | None
    kind: ChangeKind
    pieces: list[Piece]

    @property
    def status_changed(self) -> bool:
        before = self.before.delivery_status_id if self.before else None
        after = self.after.delivery_status_id if self.after else None
        return self.before is not None and self.after is not None and before != after


def plan_changes(*, plan: Plan, before: ReportingPeriod, after: ReportingPeriod) -> list[UpdateChange]:
    """For each sub-action: is the approved update of `after` new, changed or unchanged since `before`?"""
    sub_actions = list(
        SubAction.objects.filter(action__priority__plan=plan)
        .select_related("action__priority")
        .order_by("action__priority__position", "action__position", "position")
    )
    approved = Update.objects.filter(
        sub_action__in=sub_actions, period__in=[before, after], status=Update.Status.APPROVED
    ).select_related("delivery_status")
    by_key = {(u.sub_action_id, u.period_id): u for u in approved}
    changes = []
    for sub_action in sub_actions:
        old, new = by_key.get((sub_action.pk, before.pk)), by_key.get((sub_action.pk, after.pk))
        if new is None:
            kind, pieces = ChangeKind.NOT_UPDATED, []
        elif old is None:
            kind, pieces = ChangeKind.NEW, [Piece(Change.ADDED, new.text)]
        elif old.text.split() == new.text.split():
            kind, pieces = ChangeKind.UNCHANGED, [Piece(Change.SAME, new.text)]
        else:
            kind, pieces = ChangeKind.CHANGED, word_diff(old.text, new.text)
        changes.append(UpdateChange(sub_action, old, new, kind, pieces))
    return changes


# --- for reports (scrutineer.reports reads plans only through these) ---------------------------


def plan_for_period(*, portfolio: Portfolio, period: ReportingPeriod) -> Plan | None:
    """The published plan of a portfolio that covers the period's financial year; the newest if several."""
    return plan_list().filter(portfolio=portfolio, start_year__lte=period.year, end_year__gte=period.year).first()


@dataclass
class PriorityAlignment:
    """What a priority aligns to, as printed under it (`004_5a7191a0a14e1e5f.txt:696-712`)."""

    ambitions: list[str] = field(default_factory=list)
    strategic_links: list[str] = field(default_factory=list)


def priority_alignments(*, plan: Plan) -> dict[int, PriorityAlignment]:
    """Corporate ambitions and strategic links of every priority of a plan, by priority id; two queries.

    A priority with neither is absent. Duplicated strategic links are kept as printed.
    """
    found: dict[int, PriorityAlignment] = {}
    ambitions = PriorityAmbition.objects.filter(priority__plan=plan).select_related("ambition").order_by("position")
    for link in ambitions:
        found.setdefault(link.priority_id, PriorityAlignment()).ambitions.append(link.ambition.text)
    for strategic in StrategicLink.objects.filter(priority__plan=plan).order_by("position"):
        found.setdefault(strategic.priority_id, PriorityAlignment()).strategic_links.append(strategic.title)
    return found
