"""Reads for imports and exports: a plan in the database as the same `PlanDocument` a reader makes."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from scrutineer.accounts.models import User
from scrutineer.core.models import Organisation, Portfolio, ReportingPeriod
from scrutineer.domain.plan_document import ActionDocument, PlanDocument, PriorityDocument, SubActionDocument
from scrutineer.plans.models import Action, MeasureOfSuccess, Plan, Priority, SubAction, SubActionLead, Update

from .models import PlanImport


def plan_as_document(
    *, plan: Plan, period: ReportingPeriod | None, statuses: tuple[str, ...] | None = None
) -> PlanDocument:
    """The plan as plain data, with each sub-action's update for `period` (approved ones unless told).

    Six queries whatever the size of the plan.
    """
    wanted = statuses or (Update.Status.APPROVED,)
    updates = Update.objects.filter(period=period, status__in=wanted) if period is not None else Update.objects.none()
    sub_actions = SubAction.objects.order_by("position").prefetch_related(
        Prefetch("measures", queryset=MeasureOfSuccess.objects.order_by("position")),
        Prefetch("lead_links", queryset=SubActionLead.objects.select_related("role").order_by("position")),
        Prefetch("updates", queryset=updates, to_attr="period_updates"),
    )
    priorities = (
        Priority.objects.filter(plan=plan)
        .order_by("position")
        .prefetch_related(
            "strategic_links",
            Prefetch("ambition_links", queryset=_ambition_links()),
            Prefetch(
                "actions",
                queryset=Action.objects.order_by("position").prefetch_related(
                    Prefetch("sub_actions", queryset=sub_actions)
                ),
            ),
        )
    )
    return PlanDocument(
        title=plan.title,
        period=plan.period_label,
        update_period=period.long_label if period is not None else "",
        priorities=[_priority(priority) for priority in priorities],
        source=plan.source,
    )


def _ambition_links() -> QuerySet:
    from scrutineer.plans.models import PriorityAmbition

    return PriorityAmbition.objects.select_related("ambition").order_by("position")


def _priority(priority: Priority) -> PriorityDocument:
    return PriorityDocument(
        number=priority.number,
        title=priority.title,
        statement=priority.statement,
        rationale=priority.rationale,
        ambitions_intro=priority.ambitions_intro,
        ambitions=[link.ambition.text for link in priority.ambition_links.all()],
        strategic_links_intro=priority.strategic_links_intro,
        strategic_links=[link.title for link in priority.strategic_links.all()],
        actions=[_action(action) for action in priority.actions.all()],
    )


def _action(action: Action) -> ActionDocument:
    return ActionDocument(
        number=action.number or None,
        number_text=action.number_text if action.number_text != action.number else "",
        title=action.title,
        sub_actions=[_sub_action(sub) for sub in action.sub_actions.all()],
    )


def _sub_action(sub: SubAction) -> SubActionDocument:
    updates = getattr(sub, "period_updates", [])
    return SubActionDocument(
        letter=sub.letter or None,
        detail=sub.detail,
        detail_items=list(sub.detail_items),
        measures=[measure.text for measure in sub.measures.all()],
        target_date=sub.target_date_text,
        lead_text=sub.lead_text,
        leads=[link.role.title for link in sub.lead_links.all()],
        update=updates[0].text if updates else None,
        shared_fields=list(sub.shared_fields),
        notes=sub.notes,
    )


def importable_portfolios(*, user: User) -> QuerySet[Portfolio]:
    """Portfolios a performance officer may import plans into: their council's, or every one."""
    portfolios = Portfolio.objects.select_related("organisation").order_by("organisation__name", "name")
    if user.organisation_id:
        portfolios = portfolios.filter(organisation_id=user.organisation_id)
    return portfolios


def importable_plans(*, user: User) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("portfolio__organisation").order_by("portfolio__name", "-start_year", "title")
    if user.organisation_id:
        plans = plans.filter(portfolio__organisation_id=user.organisation_id)
    return plans


def open_periods(*, user: User) -> QuerySet[ReportingPeriod]:
    """Reporting periods open for updates: the only ones updates may be imported into."""
    periods = ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN).select_related("organisation")
    if user.organisation_id:
        periods = periods.filter(organisation_id=user.organisation_id)
    return periods.order_by("-year", "-quarter")


def all_periods(*, organisation: Organisation) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(organisation=organisation).order_by("-year", "-quarter")


def plan_import_for(*, user: User, pk: int) -> PlanImport:
    """A staged import its author (or an administrator) may see. Raises PlanImport.DoesNotExist."""
    imports = PlanImport.objects.select_related("portfolio", "plan", "period", "created_by", "result_plan")
    if not (user.is_superuser or user.role == User.Role.ADMINISTRATOR):
        imports = imports.filter(created_by=user)
    return imports.get(pk=pk)
