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
    if strategy is None and any(priority.ambitions for priority in document.priorities):
        raise ValueError("A priority that lists corporate ambitions needs the strategy they belong to.")
    # One bulk write per kind of row (history included), so a plan of thousands of sub-actions
    # imports in seconds rather than minutes (reliability.md L2).
    priority_docs = document.priorities
    priorities = bulk_create_with_history(
        [_priority(plan, position, doc) for position, doc in enumerate(priority_docs, start=1)], Priority
    )
    _priority_lists(priorities, priority_docs, strategy)
    new_actions, action_docs = [], []
    for priority, priority_doc in zip(priorities, priority_docs, strict=True):
        for position, doc in enumerate(priority_doc.actions, start=1):
            number = doc.number or ""
            new_actions.append(
                Action(
                    priority=priority,
                    position=position,
                    number=number,
                    number_text=doc.number_text or number,
                    title=doc.title,
                )
            )
            action_docs.append(doc)
    actions = bulk_create_with_history(new_actions, Action)
    new_sub_actions, sub_docs = [], []
    for action, action_doc in zip(actions, action_docs, strict=True):
        for position, doc in enumerate(action_doc.sub_actions, start=1):
            new_sub_actions.append(_sub_action(action, position, doc))
            sub_docs.append(doc)
    sub_actions = bulk_create_with_history(new_sub_actions, SubAction)
    roles = _RoleCatalogue(portfolio.organisation_id)
    pairs = list(zip(sub_actions, sub_docs, strict=True))
    bulk_create_with_history(
        [
            MeasureOfSuccess(sub_action=sub_action, position=position, text=text)
            for sub_action, doc in pairs
            for position, text in enumerate(doc.measures, start=1)
        ],
        MeasureOfSuccess,
    )
    SubActionLead.objects.bulk_create(
        SubActionLead(sub_action=sub_action, role=roles.get(title), position=position)
        for sub_action, doc in pairs
        for position, title in enumerate(doc.leads, start=1)
    )
    if update_period is not None:
        bulk_create_with_history(
            [
                Update(
                    sub_action=sub_action,
                    period=update_period,
                    text=doc.update,
                    status=update_status,
                    author=update_author,
                )
                for sub_action, doc in pairs
                if doc.update
            ],
            Update,
        )
    return plan


def _priority(plan: Plan, position: int, doc: PriorityDocument) -> Priority:
    return Priority(
        plan=plan,
        position=position,
        number=doc.number,
        title=doc.title,
        statement=doc.statement,
        rationale=doc.rationale,
        ambitions_intro=doc.ambitions_intro,
        strategic_links_intro=doc.strategic_links_intro,
    )


def _priority_lists(
    priorities: list[Priority], docs: list[PriorityDocument], strategy: CorporateStrategy | None
) -> None:
    """Each priority's corporate ambitions and strategic links, in the order the plan lists them."""
    links = []
    for priority, doc in zip(priorities, docs, strict=True):
        for ambition_position, text in enumerate(doc.ambitions, start=1):
            ambition, _ = CorporateAmbition.objects.get_or_create(strategy=strategy, text=text)
            PriorityAmbition.objects.create(priority=priority, ambition=ambition, position=ambition_position)
        links += [
            StrategicLink(priority=priority, position=link_position, title=title)
            for link_position, title in enumerate(doc.strategic_links, start=1)
        ]
    StrategicLink.objects.bulk_create(links)


def _sub_action(action: Action, position: int, doc: SubActionDocument) -> SubAction:
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
