"""Pages of the update cycle for officers: my actions, the update form, the dashboard, reviews.

Thin: each view checks who is asking, calls a selector or a service, and renders. The services
enforce the rules again, so a forged form cannot skip a check a page made.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutineer.accounts.permissions import officer_required, performance_officer_required
from scrutineer.core.models import Organisation, ReportingPeriod
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.periods import FinancialQuarter, PeriodError
from scrutineer.domain.text_diff import word_diff

from . import cycle, cycle_selectors
from .cycle_forms import PeriodOpenForm, ReviewForm, UpdateForm
from .models import Update
from .permissions import can_review, sub_actions_editable_by


def _organisation(user: Any) -> Organisation:
    organisation = getattr(user, "organisation", None) or default_organisation()
    if organisation is None:
        raise Http404("No council has been set up yet.")
    return organisation


def _period(organisation: Organisation, slug: str) -> ReportingPeriod:
    try:
        quarter = FinancialQuarter.parse(slug)
    except PeriodError:
        raise Http404("No such period.") from None
    return get_object_or_404(
        ReportingPeriod, organisation=organisation, year=quarter.start_year, quarter=quarter.quarter
    )


@officer_required
def my_actions(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request.user)
    periods = cycle_selectors.periods_open(organisation=organisation)
    chosen = request.GET.get("period")
    period = next((p for p in periods if p.slug == chosen), periods[0] if periods else None)
    rows = cycle_selectors.my_actions(user=request.user, period=period) if period else []
    return render(
        request,
        "plans/cycle/my_actions.html",
        {
            "period": period,
            "periods": periods,
            "rows": rows,
            "outstanding": sum(row.needs_work for row in rows),
            "today": timezone.localdate(),
        },
    )


@officer_required
def update_edit(request: HttpRequest, period: str, pk: int) -> HttpResponse:
    organisation = _organisation(request.user)
    period_obj = _period(organisation, period)
    # Object-level check: a sub-action the person may not edit is not found at all.
    sub_action = get_object_or_404(
        sub_actions_editable_by(request.user).select_related("action__priority__plan"),
        pk=pk,
        action__priority__plan__portfolio__organisation=organisation,
    )
    update = Update.objects.filter(sub_action=sub_action, period=period_obj).select_related("delivery_status").first()
    statuses = cycle_selectors.delivery_statuses(
        organisation_id=organisation.pk, include=update.delivery_status if update else None
    )
    initial = {
        "text": update.text if update else "",
        "delivery_status": update.delivery_status_id if update else None,
        "version": update.version if update else 0,
    }
    form = UpdateForm(request.POST or None, initial=initial, statuses=statuses)
    context = {
        "period": period_obj,
        "sub_action": sub_action,
        "update": update,
        "form": form,
        "can_review": can_review(request.user),
    }
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            saved = cycle.update_save(
                sub_action=sub_action,
                period=period_obj,
                by=request.user,
                text=form.cleaned_data["text"],
                delivery_status=form.cleaned_data["delivery_status"],
                expected_version=form.cleaned_data["version"],
                submit=submit,
            )
        except cycle.EditConflict as conflict:
            return _conflict(request, context, conflict, form.cleaned_data["text"])
        except cycle.CycleError as error:
            form.add_error(None, str(error))
        else:
            verb = "submitted for review" if submit else "saved as a draft"
            messages.success(request, f"Update for {sub_action} {verb}.")
            if submit or saved.status == Update.Status.SUBMITTED:
                return redirect(f"{reverse('cycle:my_actions')}?period={period_obj.slug}")
            return redirect(request.path)
    return render(request, "plans/cycle/update_form.html", context)


def _conflict(request: HttpRequest, context: dict[str, Any], conflict: cycle.EditConflict, mine: str) -> HttpResponse:
    """Refuse a stale save, and show both versions so nothing typed is lost."""
    current = conflict.current
    statuses = context["form"].statuses
    merge = UpdateForm(
        initial={
            "text": mine,
            "delivery_status": current.delivery_status_id if current else None,
            "version": current.version if current else 0,
        },
        statuses=statuses,
    )
    context.update(
        {
            "conflict": conflict,
            "current": current,
            "mine": mine,
            "pieces": word_diff(current.text if current else "", mine),
            "form": merge,
        }
    )
    return render(request, "plans/cycle/conflict.html", context, status=409)


@performance_officer_required
def periods(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request.user)
    form = PeriodOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = cycle.period_open(
                organisation=organisation,
                quarter=form.cleaned_data["period"],
                deadline=form.cleaned_data["deadline"],
                remind_days_before=form.cleaned_data["remind_days_before"],
                by=request.user,
            )
        except cycle.CycleError as error:
            form.add_error("period", str(error))
        else:
            messages.success(request, f"{period.long_label} is open for updates until {period.deadline:%-d %B %Y}.")
            return redirect("cycle:dashboard", period=period.slug)
    all_periods = ReportingPeriod.objects.filter(organisation=organisation).order_by("-year", "-quarter")
    return render(request, "plans/cycle/periods.html", {"form": form, "periods": all_periods})


@require_POST
@performance_officer_required
def period_close(request: HttpRequest, period: str) -> HttpResponse:
    period_obj = _period(_organisation(request.user), period)
    cycle.period_close(period=period_obj, by=request.user)
    messages.success(request, f"{period_obj.long_label} is closed.")
    return redirect("cycle:periods")


@performance_officer_required
def dashboard(request: HttpRequest, period: str) -> HttpResponse:
    period_obj = _period(_organisation(request.user), period)
    board = cycle_selectors.period_dashboard(period=period_obj, today=timezone.localdate())
    queue = cycle_selectors.review_queue(period=period_obj)
    return render(request, "plans/cycle/dashboard.html", {"period": period_obj, "board": board, "queue": queue})


@performance_officer_required
def review(request: HttpRequest, period: str, pk: int) -> HttpResponse:
    period_obj = _period(_organisation(request.user), period)
    update = get_object_or_404(
        Update.objects.select_related("sub_action__action__priority__plan", "author", "delivery_status"),
        pk=pk,
        period=period_obj,
    )
    form = ReviewForm(request.POST or None, initial={"version": update.version})
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                cycle.update_approve(update=update, by=request.user, expected_version=form.cleaned_data["version"])
                messages.success(request, f"Update for {update.sub_action} approved: it is now public.")
            elif decision == "return":
                cycle.update_return(
                    update=update,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, f"Update for {update.sub_action} returned to its lead.")
            else:
                raise PermissionDenied
        except cycle.EditConflict as conflict:
            update.refresh_from_db()
            context = {
                "period": period_obj,
                "update": update,
                "form": ReviewForm(initial={"version": update.version}),
                "conflict": conflict,
            }
            return render(request, "plans/cycle/review.html", context, status=409)
        except cycle.CycleError as error:
            form.add_error("comment" if decision == "return" else None, str(error))
        else:
            return redirect("cycle:dashboard", period=period_obj.slug)
    return render(request, "plans/cycle/review.html", {"period": period_obj, "update": update, "form": form})
