"""The read-and-update API: `/api/v1/`, described by `/api/v1/openapi.json`.

Public reads give exactly what the public pages and Part 1 exports give (the same selectors and
row builders, so the Part 1 rules cannot drift apart). Writing an update needs a signed-in session,
the CSRF token and an `If-Match` header carrying the version read: a stale write gets 412 with the
version now stored, never applied over it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Status
from ninja.security import django_auth

from scrutineer.contracts.exports import CSV_HEADERS, register_csv_rows
from scrutineer.contracts.models import ReportingCycle
from scrutineer.contracts.selectors import cycle_get, cycle_latest_with_register
from scrutineer.core.models import ReportingPeriod
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, Month, PeriodError
from scrutineer.indicators import selectors as indicator_selectors
from scrutineer.indicators.exports import HEADERS as INDEX_HEADERS
from scrutineer.indicators.exports import index_rows
from scrutineer.plans import cycle, selectors
from scrutineer.plans.models import DeliveryStatus, Update
from scrutineer.plans.permissions import sub_actions_editable_by

from .schemas import EditableUpdate, Error, PlanOut, PlanSummary, Table, UpdateIn

api = NinjaAPI(
    title="Scrutineer API",
    version="1",
    description="Published plans, the Part 1 performance index and contracts register, and plan updates.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN; the OpenAPI document is enough
)


class NotFound(Exception):
    pass


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.get("/plans", response=list[PlanSummary], tags=["plans"])
def plan_list(request: HttpRequest) -> list[dict[str, str]]:
    return [
        {
            "slug": plan.slug,
            "title": plan.title,
            "portfolio": plan.portfolio.name,
            "period": plan.period_label,
            "edition": plan.edition,
            "url": request.build_absolute_uri(plan.get_absolute_url()),
        }
        for plan in selectors.plan_list()
    ]


@api.get("/plans/{slug}", response={200: PlanOut, 404: Error}, tags=["plans"])
def plan_detail(request: HttpRequest, slug: str, period: str | None = None) -> dict[str, object]:
    """A plan with the approved update of each sub-action for `period` (2020-21-Q3; the latest by default)."""
    plan = get_object_or_404(selectors.plan_list(), slug=slug)
    periods = selectors.plan_periods(plan=plan)
    chosen = selectors.plan_current_period(plan=plan, periods=periods)
    if period:
        chosen = next((p for p in periods if p.slug == _quarter(period).slug), None)
        if chosen is None:
            raise NotFound(f"No updates have been published for {period}.")
    rows = selectors.plan_outline(plan=plan, period=chosen)
    return {
        "slug": plan.slug,
        "title": plan.title,
        "period": plan.period_label,
        "updates_for": chosen.slug if chosen else None,
        "priorities": [_priority(row, chosen.slug if chosen else "") for row in rows],
    }


@api.get("/performance-index", response={200: Table, 404: Error}, tags=["performance"])
def performance_index(request: HttpRequest, month: str | None = None) -> dict[str, object]:
    """The Part 1 (public) performance index as at `month` (2020-12): the rows of its Part 1 export."""
    portfolio = indicator_selectors.index_portfolio()
    if portfolio is None:
        raise NotFound("There is no performance index.")
    as_at = _month(month) if month else indicator_selectors.index_default_month(portfolio=portfolio)
    if as_at is None:
        raise NotFound("There are no values yet.")
    view = indicator_selectors.performance_index(portfolio=portfolio, as_at=as_at, part=Part.ONE)
    rows = [dict(zip(INDEX_HEADERS, (str(v) for v in row), strict=True)) for row in index_rows(view)]
    return {"title": f"Performance index as at {as_at.label}", "part": 1, "columns": list(INDEX_HEADERS), "rows": rows}


@api.get("/contracts", response={200: Table, 404: Error}, tags=["contracts"])
def contracts(request: HttpRequest, cycle: str | None = None) -> dict[str, object]:
    """The Part 1 (public) contracts register of a reporting cycle (2021-02; the latest by default)."""
    organisation = default_organisation()
    if organisation is None:
        raise NotFound("No council is set up yet.")
    found = cycle_latest_with_register(organisation=organisation) if cycle is None else None
    if cycle is not None:
        try:
            found = cycle_get(organisation=organisation, slug=cycle)
        except ReportingCycle.DoesNotExist:
            raise NotFound(f"There is no published contracts register for {cycle}.") from None
    if found is None:
        raise NotFound("No contracts register has been published yet.")
    rows = [{k: str(v) for k, v in row.items()} for row in register_csv_rows(cycle=found)]
    return {"title": f"Contracts register, {found.label}", "part": 1, "columns": list(CSV_HEADERS), "rows": rows}


@api.get(
    "/updates/{period}/{sub_action_id}",
    auth=django_auth,
    response={200: EditableUpdate, 401: Error, 404: Error},
    tags=["updates"],
)
def update_get(request: HttpRequest, response: HttpResponse, period: str, sub_action_id: int) -> dict[str, object]:
    """The update of a sub-action you may edit, with its version (also sent as the ETag)."""
    period_obj, sub_action = _editable(request, period, sub_action_id)
    update = Update.objects.filter(sub_action=sub_action, period=period_obj).select_related("delivery_status").first()
    response["ETag"] = f'"{update.version if update else 0}"'
    return _editable_update(sub_action.pk, period_obj, update)


@api.put(
    "/updates/{period}/{sub_action_id}",
    auth=django_auth,
    response={200: EditableUpdate, 401: Error, 404: Error, 409: Error, 412: EditableUpdate, 422: Error, 428: Error},
    tags=["updates"],
)
def update_put(request: HttpRequest, period: str, sub_action_id: int, payload: UpdateIn) -> object:
    """Save (or submit) an update. Send `If-Match` with the version you read: 412 if it changed since."""
    period_obj, sub_action = _editable(request, period, sub_action_id)
    expected = _if_match(request)
    if expected is None:
        return Status(428, {"detail": "Send If-Match with the version you read (0 for a new update)."})
    status = None
    if payload.delivery_status:
        status = DeliveryStatus.objects.filter(
            organisation=period_obj.organisation, name=payload.delivery_status
        ).first()
        if status is None:
            return Status(422, {"detail": f"Unknown delivery status {payload.delivery_status!r}."})
    try:
        saved = cycle.update_save(
            sub_action=sub_action,
            period=period_obj,
            by=request.user,
            text=payload.text,
            delivery_status=status,
            expected_version=expected,
            submit=payload.submit,
        )
    except cycle.EditConflict as conflict:
        return Status(412, _editable_update(sub_action.pk, period_obj, conflict.current))
    except cycle.CycleError as error:
        return Status(409, {"detail": str(error)})
    return _editable_update(sub_action.pk, period_obj, saved)


def _editable(request: HttpRequest, period: str, sub_action_id: int) -> tuple[ReportingPeriod, object]:
    quarter = _quarter(period)
    organisation = getattr(request.user, "organisation", None) or default_organisation()
    period_obj = ReportingPeriod.objects.filter(
        organisation=organisation, year=quarter.start_year, quarter=quarter.quarter
    ).first()
    # Object-level rule: a sub-action the person may not edit is not found.
    sub_action = sub_actions_editable_by(request.user).filter(pk=sub_action_id).first()
    if period_obj is None or sub_action is None:
        raise NotFound("No such update.")
    return period_obj, sub_action


def _if_match(request: HttpRequest) -> int | None:
    value = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    return int(value) if value.isdigit() else None


def _editable_update(sub_action_id: int, period: ReportingPeriod, update: Update | None) -> dict[str, object]:
    return {
        "sub_action": sub_action_id,
        "period": period.slug,
        "text": update.text if update else "",
        "status": update.status if update else "not started",
        "delivery_status": update.delivery_status.name if update and update.delivery_status else None,
        "version": update.version if update else 0,
        "review_comment": update.review_comment if update else "",
    }


def _priority(row: selectors.PriorityRow, period: str) -> dict[str, object]:
    return {
        "number": row.priority.number,
        "title": row.priority.title,
        "actions": [
            {
                "id": action_row.action.pk,
                "number": action_row.action.number,
                "title": action_row.action.title,
                "sub_actions": [_sub_action(sub_row, period) for sub_row in action_row.sub_actions],
            }
            for action_row in row.actions
        ],
    }


def _sub_action(row: selectors.SubActionRow, period: str) -> dict[str, object]:
    sub_action = row.sub_action
    update = row.update
    return {
        "id": sub_action.pk,
        "letter": sub_action.letter or None,
        "detail": sub_action.detail,
        "measures_of_success": [m.text for m in sub_action.measure_list],
        "target_date": sub_action.target_date_text,
        "annual_programme": row.target.annual_programme,
        "overdue": row.overdue,
        "leads": [link.role.title for link in sub_action.lead_list],
        "update": (
            {
                "period": period,
                "text": update.text,
                "delivery_status": update.delivery_status.name if update.delivery_status else None,
            }
            if update
            else None
        ),
    }


def _quarter(text: str) -> FinancialQuarter:
    try:
        return FinancialQuarter.parse(text)
    except PeriodError:
        raise NotFound(f"{text!r} is not a reporting period such as 2020-21-Q3.") from None


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except PeriodError:
        raise NotFound(f"{text!r} is not a month such as 2020-12.") from None
