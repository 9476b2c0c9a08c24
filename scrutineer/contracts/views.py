"""Pages of the contracts register. Thin: parse the request, call selectors or services, render.

Part 1 pages are public (and cached for anonymous visitors); the Part 2 register answers 404 to
anyone who may not see Part 2, logs every read, and is never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from scrutineer.accounts.permissions import (
    can_view_part2,
    is_officer,
    is_performance_officer,
    part2_required,
    performance_officer_required,
)
from scrutineer.accounts.services import part2_access_record
from scrutineer.core.models import Organisation, Portfolio
from scrutineer.core.page_cache import public_page
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import ImportRejected
from scrutineer.domain.parts import Part
from scrutineer.domain.procurement import DEFAULT_MATRIX_RATIONALE

from . import exports, quality, selectors, summaries
from .forms import RegisterImportForm
from .models import RegisterEntry, ReportingCycle
from .services import cycle_publish, register_import


def _organisation() -> Organisation:
    organisation = default_organisation()
    if organisation is None:
        raise Http404("No council is set up yet.")
    return organisation


def _cycle(request: HttpRequest, slug: str) -> ReportingCycle:
    try:
        return selectors.cycle_get(organisation=_organisation(), slug=slug, include_drafts=is_officer(request.user))
    except ReportingCycle.DoesNotExist:
        raise Http404("No such contract reporting cycle.") from None


def _portfolio(cycle: ReportingCycle, slug: str) -> Portfolio:
    portfolio = get_object_or_404(Portfolio, organisation=cycle.organisation, slug=slug)
    if not cycle.entries.filter(portfolio=portfolio).exists():
        raise Http404("This portfolio has no contracts in this register.")
    return portfolio


@public_page
def index(request: HttpRequest) -> HttpResponse:
    organisation = _organisation()
    drafts = is_officer(request.user)
    cycles = selectors.cycle_list(organisation=organisation, include_drafts=drafts)
    latest = selectors.cycle_latest_with_register(organisation=organisation, include_drafts=drafts)
    with_register = set(
        ReportingCycle.objects.filter(pk__in=[c.pk for c in cycles], entries__isnull=False).values_list("pk", flat=True)
    )
    rows = [(cycle, cycle.pk in with_register) for cycle in reversed(cycles)]
    portfolios = selectors.cycle_portfolios(cycle=latest) if latest else []
    context = {
        "rows": rows,
        "latest": latest,
        "portfolios": portfolios,
        "perms_import": is_performance_officer(request.user),
    }
    return render(request, "contracts/index.html", context)


@public_page
def cycle_detail(request: HttpRequest, cycle: str) -> HttpResponse:
    cycle_obj = _cycle(request, cycle)
    drafts = is_officer(request.user)
    portfolios = selectors.cycle_portfolios(cycle=cycle_obj)
    context = {
        "cycle": cycle_obj,
        "portfolios": portfolios,
        "tables": [summaries.summary_table(cycle=cycle_obj, portfolio=p, include_drafts=drafts) for p in portfolios],
        "all_portfolios": summaries.summary_table(cycle=cycle_obj, portfolio=None, include_drafts=drafts),
        "turned_red": summaries.turned_red(cycle=cycle_obj, include_drafts=drafts),
        "can_view_part2": can_view_part2(request.user),
        "can_publish": is_performance_officer(request.user),
        "has_register": bool(portfolios),
        "formats": exports.FORMATS,
    }
    return render(request, "contracts/cycle_detail.html", context)


@public_page
def register(request: HttpRequest, cycle: str, portfolio: str) -> HttpResponse:
    """The Part 1 (public) register report for a portfolio: no commentary."""
    return _register(request, cycle, portfolio, Part.ONE)


@cache_control(no_store=True, private=True)
@part2_required
def register_part2(request: HttpRequest, cycle: str, portfolio: str) -> HttpResponse:
    """The Part 2 (exempt) register, with commentary, for members and officers; every read logged."""
    response = _register(request, cycle, portfolio, Part.TWO)
    part2_access_record(request=request, what=f"Contracts register Part 2: {portfolio}, {cycle}")
    return response


def _register(request: HttpRequest, cycle: str, portfolio: str, part: Part) -> HttpResponse:
    cycle_obj = _cycle(request, cycle)
    portfolio_obj = _portfolio(cycle_obj, portfolio)
    report = selectors.register_report(
        cycle=cycle_obj, portfolio=portfolio_obj, part=part, include_drafts=is_officer(request.user)
    )
    context = {"report": report, "cycle": cycle_obj, "can_view_part2": can_view_part2(request.user)}
    return render(request, "contracts/register.html", context)


@public_page
def contract_detail(request: HttpRequest, cycle: str, portfolio: str, contract: str) -> HttpResponse:
    cycle_obj = _cycle(request, cycle)
    portfolio_obj = _portfolio(cycle_obj, portfolio)
    try:
        entry = selectors.entry_get(cycle=cycle_obj, portfolio=portfolio_obj, reference=contract)
    except RegisterEntry.DoesNotExist:
        raise Http404("No such contract in this register.") from None
    explanation = selectors.entry_explanation(entry=entry)
    return render(request, "contracts/contract_detail.html", {"entry": entry, "cycle": cycle_obj, **explanation})


@public_page
def rules(request: HttpRequest) -> HttpResponse:
    organisation = _organisation()
    context = {
        "rules": selectors.contract_rules(organisation=organisation),
        "matrix": selectors.matrix_table(organisation=organisation),
        "criteria": selectors.risk_criteria(organisation=organisation),
        "comparisons": quality.published_comparisons(organisation=organisation),
        "rationale": DEFAULT_MATRIX_RATIONALE,
    }
    return render(request, "contracts/rules.html", context)


@public_page
def data_quality(request: HttpRequest) -> HttpResponse:
    organisation = _organisation()
    return render(request, "contracts/data_quality.html", {"report": quality.data_quality(organisation=organisation)})


def download(request: HttpRequest, cycle: str, format: str) -> HttpResponse:
    """A Part 1 export of a cycle's register: CSV, Transparency Code CSV or an OCDS release package."""
    cycle_obj = _cycle(request, cycle)
    if format not in exports.FORMATS or not cycle_obj.entries.exists():
        raise Http404("No such download.")
    response = HttpResponse(content_type=f"{exports.FORMATS[format]}; charset=utf-8")
    base_url = request.build_absolute_uri("/")
    exports.write_export(cycle=cycle_obj, format=format, stream=response, base_url=base_url)
    name = f"contracts-{cycle_obj.organisation.slug}-{cycle_obj.slug}.{exports.SUFFIXES[format]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@performance_officer_required
def import_register(request: HttpRequest) -> HttpResponse:
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = register_import(
                organisation=_organisation(),
                month=form.cleaned_data["cycle"],
                as_at=form.cleaned_data["as_at"],
                source=upload,
                name=upload.name,
                whole_register=form.cleaned_data["whole_register"],
            )
        except ImportRejected as rejected:
            problems = rejected.errors
        else:
            messages.success(
                request,
                f"Imported {result.entries} contracts into the {result.cycle.label} register "
                f"({', '.join(result.portfolios)}). It is a draft until you publish it.",
            )
            return redirect(result.cycle.get_absolute_url())
    status = 400 if problems else 200
    return render(request, "contracts/import.html", {"form": form, "problems": problems}, status=status)


@require_POST
@performance_officer_required
def publish(request: HttpRequest, cycle: str) -> HttpResponse:
    cycle_obj = _cycle(request, cycle)
    cycle_publish(cycle=cycle_obj)
    messages.success(request, f"The {cycle_obj.label} register is published.")
    return redirect(reverse("contracts:cycle", kwargs={"cycle": cycle_obj.slug}))
