"""Pages for performance officers to import a council's existing plan: upload, check what was read, import."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from scrutineer.accounts.permissions import performance_officer_required
from scrutineer.core.models import ReportingPeriod
from scrutineer.domain.plan_document import PlanDocument
from scrutineer.domain.plan_document import Warning as Problem

from . import selectors, services
from .forms import NewPlanForm, PlanUploadForm
from .models import PlanImport


@performance_officer_required
def plan_upload(request: HttpRequest) -> HttpResponse:
    form = PlanUploadForm(
        request.POST or None,
        request.FILES or None,
        portfolios=selectors.importable_portfolios(user=request.user),
        plans=selectors.importable_plans(user=request.user),
        periods=selectors.open_periods(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = services.plan_import_stage(
                user=request.user,
                file_name=upload.name,
                data=upload.read(),
                mode=form.cleaned_data["mode"],
                portfolio=form.cleaned_data.get("portfolio"),
                plan=form.cleaned_data.get("plan"),
                period=form.cleaned_data.get("period"),
            )
        except services.PlanImportRejected as rejected:
            for problem in rejected.problems:
                form.add_error("file", problem.message)
        else:
            return redirect(staged)
    return render(request, "importers/plan_upload.html", {"form": form}, status=400 if form.errors else 200)


@performance_officer_required
def plan_preview(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        staged = selectors.plan_import_for(user=request.user, pk=pk)
    except PlanImport.DoesNotExist:
        raise Http404("No such import.") from None
    document = PlanDocument.from_dict(staged.document)
    form = None
    problems = [Problem(**p) for p in staged.problems]
    if staged.mode == PlanImport.Mode.NEW_PLAN and staged.status == PlanImport.Status.PREVIEWED:
        form = _new_plan_form(request, staged, document)
    if request.method == "POST" and staged.status == PlanImport.Status.PREVIEWED and not problems:
        response, problems = _import(request, staged, form)
        if response is not None:
            return response
    context = {
        "staged": staged,
        "document": document,
        "form": form,
        "problems": problems,
        "counts": _counts(document),
    }
    status = 400 if (request.method == "POST" and (problems or (form is not None and form.errors))) else 200
    return render(request, "importers/plan_preview.html", context, status=status)


def _new_plan_form(request: HttpRequest, staged: PlanImport, document: PlanDocument) -> NewPlanForm:
    assert staged.portfolio is not None
    periods = selectors.all_periods(organisation=staged.portfolio.organisation)
    defaults = services.new_plan_defaults(document)
    initial_period = None
    if defaults.update_period:
        initial_period = next((p for p in periods if p.slug == defaults.update_period), None)
    initial = {
        "title": defaults.title,
        "slug": defaults.slug,
        "period_label": defaults.period_label,
        "start_year": defaults.start_year,
        "end_year": defaults.end_year,
        "edition": defaults.edition,
        "status": "approved",
        "update_period": initial_period.pk if initial_period else None,
    }
    return NewPlanForm(request.POST or None, initial=initial, periods=periods)


def _import(
    request: HttpRequest, staged: PlanImport, form: NewPlanForm | None
) -> tuple[HttpResponse | None, list[Problem]]:
    """Import what was staged; the response on success, or the problems that stopped it."""
    try:
        if staged.mode == PlanImport.Mode.UPDATES:
            result = services.plan_import_confirm_updates(plan_import=staged, user=request.user)
            count = result.created + result.replaced
            messages.success(request, f"{count} updates imported for {staged.period}: they are waiting for review.")
            return redirect(staged), []
        assert form is not None
        if not form.is_valid():
            return None, []
        data = form.cleaned_data
        period: ReportingPeriod | None = data["update_period"]
        plan = services.plan_import_confirm_new(
            plan_import=staged,
            user=request.user,
            title=data["title"],
            slug=data["slug"],
            period_label=data["period_label"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            edition=data["edition"],
            status=data["status"],
            update_period=period,
            include_updates=period is not None,
        )
    except services.PlanImportRejected as rejected:
        return None, rejected.problems
    messages.success(request, f"{plan.title} was imported.")
    return redirect(staged), []


def _counts(document: PlanDocument) -> dict[str, int]:
    return {
        "priorities": len(document.priorities),
        "actions": len(document.actions),
        "sub_actions": len(document.sub_actions),
        "updates": sum(1 for sub in document.sub_actions if sub.update),
        "warnings": len(document.warnings),
    }
