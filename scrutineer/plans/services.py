"""Writes to plans. Every write goes through here, inside one transaction."""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from scrutineer.accounts.models import User
from scrutineer.core.models import CorporateAmbition, CorporateStrategy, LeadRole, Portfolio, ReportingPeriod
from scrutineer.domain.plan_document import PlanDocument, PriorityDocument, SubActionDocument
from scrutineer.domain.target_dates import parse as parse_target_date

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


@transaction.atomic
def plan_create_from_document(
    *,
    portfolio: Portfolio,
    document: PlanDocument,
    slug: str,
    title: str,
    period_label: str,
    start_year: int,
    end_year: int,
    edition: str = "",
    status: str = Plan.Status.APPROVED,
    update_frequency: str = Plan.UpdateFrequency.QUARTERLY,
    strategy: CorporateStrategy | None = None,
    update_period: ReportingPeriod | None = None,
    update_status: str = Update.Status.APPROVED,
    update_author: User | None = None,
    source: str = "",
) -> Plan:
    """Create a plan, all of it or nothing, from a document a reader produced.

    Update text in the document becomes the update for `update_period`, with `update_status`
    (approved when the document is a published update report) and `update_author` (who imported it).
    """
    plan = Plan(
        portfolio=portfolio,
        title=title,
        slug=slug,
        period_label=period_label,
        start_year=start_year,
        end_year=end_year,
        edition=edition,
        status=status,
        update_frequency=update_frequency,
        corporate_strategy=strategy,
        source=source,
    )
    plan.full_clean()
    plan.save()
    roles = _RoleCatalogue(portfolio.organisation_id)
    for position, priority_doc in enumerate(document.priorities, start=1):
        priority = _priority_create(plan, position, priority_doc, strategy)
        for action_position, action_doc in enumerate(priority_doc.actions, start=1):
            action = Action.objects.create(
                priority=priority,
                position=action_position,
                number=action_doc.number or "",
                number_text=action_doc.number_text or (action_doc.number or ""),
                title=action_doc.title,
            )
            for sub_position, sub_doc in enumerate(action_doc.sub_actions, start=1):
                sub_action = _sub_action_create(action, sub_position, sub_doc, roles)
                if sub_doc.update and update_period is not None:
                    Update.objects.create(
                        sub_action=sub_action,
                        period=update_period,
                        text=sub_doc.update,
                        status=update_status,
                        author=update_author,
                    )
    return plan


def _priority_create(plan: Plan, position: int, doc: PriorityDocument, strategy: CorporateStrategy | None) -> Priority:
    priority = Priority.objects.create(
        plan=plan,
        position=position,
        number=doc.number,
        title=doc.title,
        statement=doc.statement,
        rationale=doc.rationale,
        ambitions_intro=doc.ambitions_intro,
        strategic_links_intro=doc.strategic_links_intro,
    )
    if doc.ambitions and strategy is None:
        raise ValueError("A priority that lists corporate ambitions needs the strategy they belong to.")
    for ambition_position, text in enumerate(doc.ambitions, start=1):
        ambition, _ = CorporateAmbition.objects.get_or_create(strategy=strategy, text=text)
        PriorityAmbition.objects.create(priority=priority, ambition=ambition, position=ambition_position)
    StrategicLink.objects.bulk_create(
        StrategicLink(priority=priority, position=link_position, title=title)
        for link_position, title in enumerate(doc.strategic_links, start=1)
    )
    return priority


def _sub_action_create(action: Action, position: int, doc: SubActionDocument, roles: _RoleCatalogue) -> SubAction:
    sub_action = SubAction(
        action=action,
        position=position,
        letter=doc.letter or "",
        detail=doc.detail,
        detail_items=list(doc.detail_items),
        lead_text=doc.lead_text,
        shared_fields=list(doc.shared_fields),
        notes=doc.notes,
    )
    sub_action.target_date = parse_target_date(doc.target_date)
    sub_action.save()
    bulk_create_with_history(
        [
            MeasureOfSuccess(sub_action=sub_action, position=measure_position, text=text)
            for measure_position, text in enumerate(doc.measures, start=1)
        ],
        MeasureOfSuccess,
    )
    SubActionLead.objects.bulk_create(
        SubActionLead(sub_action=sub_action, role=roles.get(title), position=lead_position)
        for lead_position, title in enumerate(doc.leads, start=1)
    )
    return sub_action


class _RoleCatalogue:
    """Lead roles of one organisation, created on first mention and cached for one import."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        self._roles = {role.title: role for role in LeadRole.objects.filter(organisation_id=organisation_id)}

    def get(self, title: str) -> LeadRole:
        if title not in self._roles:
            self._roles[title] = LeadRole.objects.create(organisation_id=self.organisation_id, title=title)
        return self._roles[title]
