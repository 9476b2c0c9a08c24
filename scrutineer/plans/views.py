"""Public pages of a portfolio plan. Thin: parse the request, call selectors, render."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from scrutineer.core.models import ReportingPeriod
from scrutineer.core.page_cache import public_page
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.periods import FinancialQuarter, PeriodError

from . import selectors
from .forms import PlanFilterForm
from .models import Action, Plan, SubAction


@public_page
def home(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_default(organisation=default_organisation())
    if plan is None:
        return render(request, "plans/no_plans.html")
    return _overview(request, plan)


@public_page
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/plan_list.html", {"plans": selectors.plan_list()})


@public_page
def plan_detail(request: HttpRequest, plan: str) -> HttpResponse:
    return _overview(request, _get_plan(plan))


@public_page
def priority_detail(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    plan_obj = _get_plan(plan)
    priority = get_object_or_404(plan_obj.priorities, pk=pk)
    periods = selectors.plan_periods(plan=plan_obj)
    period = _period_from(request, periods) or selectors.plan_current_period(plan=plan_obj, periods=periods)
    rows = selectors.plan_outline(plan=plan_obj, period=period, priority=priority)
    return render(
        request,
        "plans/priority_detail.html",
        {"plan": plan_obj, "priority_row": rows[0], "period": period, "periods": periods},
    )


@public_page
def action_detail(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    plan_obj = _get_plan(plan)
    try:
        action = selectors.action_detail(plan=plan_obj, pk=pk)
    except Action.DoesNotExist:
        raise Http404("No such action in this plan.") from None
    period = selectors.plan_current_period(plan=plan_obj)
    rows = selectors.action_sub_action_rows(action=action, period=period)
    return render(
        request,
        "plans/action_detail.html",
        {"plan": plan_obj, "action": action, "priority": action.priority, "rows": rows, "period": period},
    )


@public_page
def sub_action_list(request: HttpRequest, plan: str) -> HttpResponse:
    """Every sub-action of the plan as one table, with filters by priority, lead and target date."""
    plan_obj = _get_plan(plan)
    periods = selectors.plan_periods(plan=plan_obj)
    form = PlanFilterForm(
        request.GET or None,
        periods=periods,
        priorities=list(plan_obj.priorities.order_by("position")),
        leads=list(selectors.plan_lead_roles(plan=plan_obj)),
    )
    chosen = form.selected()
    period = chosen.pop("period") or selectors.plan_current_period(plan=plan_obj, periods=periods)
    rows = selectors.plan_outline(plan=plan_obj, period=period, **chosen)
    total = SubAction.objects.filter(action__priority__plan=plan_obj).count()
    shown = sum(priority_row.sub_action_count for priority_row in rows)
    return render(
        request,
        "plans/sub_action_list.html",
        {"plan": plan_obj, "form": form, "rows": rows, "period": period, "shown": shown, "total": total},
    )


def _overview(request: HttpRequest, plan: Plan) -> HttpResponse:
    periods = selectors.plan_periods(plan=plan)
    period = _period_from(request, periods) or selectors.plan_current_period(plan=plan, periods=periods)
    rows = selectors.plan_outline(plan=plan, period=period)
    return render(
        request,
        "plans/plan_detail.html",
        {"plan": plan, "rows": rows, "period": period, "periods": periods, **selectors.outline_counts(rows)},
    )


def _get_plan(slug: str) -> Plan:
    return get_object_or_404(selectors.plan_list(), slug=slug)


def _period_from(request: HttpRequest, periods: list[ReportingPeriod], name: str = "period") -> ReportingPeriod | None:
    text = request.GET.get(name)
    if not text:
        return None
    try:
        wanted = FinancialQuarter.parse(text)
    except PeriodError:
        return None
    return next((p for p in periods if p.financial_quarter == wanted), None)


@public_page
def plan_changes(request: HttpRequest, plan: str) -> HttpResponse:
    """What changed between two quarters: updates new, changed (word by word) or carried over."""
    plan_obj = _get_plan(plan)
    periods = selectors.plan_periods(plan=plan_obj)
    before = _period_from(request, periods, "from")
    after = _period_from(request, periods, "to")
    if after is None and periods:
        after = periods[-1]
    if before is None and after is not None:
        earlier = [p for p in periods if p.financial_quarter < after.financial_quarter]
        before = earlier[-1] if earlier else None
    changes = selectors.plan_changes(plan=plan_obj, before=before, after=after) if before and after else []
    counts = {kind: sum(c.kind is kind for c in changes) for kind in selectors.ChangeKind}
    return render(
        request,
        "plans/plan_changes.html",
        {
            "plan": plan_obj,
            "periods": periods,
            "before": before,
            "after": after,
            "changes": changes,
            "counts": counts,
            "kinds": list(selectors.ChangeKind),
        },
    )
