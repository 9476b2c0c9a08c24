"""Finance pages: the quarter's budget monitoring and capital programme, and their data quality.

Thin: find the report, assemble it as data, render. Everything here is Part 1 (public).
"""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from scrutineer.accounts.permissions import is_performance_officer, performance_officer_required
from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.core.page_cache import public_page
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import ImportRejected, read_table
from scrutineer.domain.periods import FinancialYear

from . import selectors
from .assemble import budget_report, capital_report, division_table
from .forms import FinanceImportForm
from .services import budget_import, capital_import


@public_page
def index(request: HttpRequest) -> HttpResponse:
    periods = selectors.finance_periods(organisation=default_organisation())
    context = {"periods": periods, "can_import": is_performance_officer(request.user)}
    return render(request, "finance/index.html", context)


def _period(portfolio: str, period: str) -> selectors.FinancePeriod:
    found = selectors.finance_period(portfolio_slug=portfolio, period_slug=period, organisation=default_organisation())
    if found is None:
        raise Http404("No budget monitoring or capital programme for this portfolio and quarter.")
    return found


@public_page
def budget(request: HttpRequest, portfolio: str, period: str) -> HttpResponse:
    found = _period(portfolio, period)
    if found.budget is None:
        raise Http404("No budget monitoring for this quarter.")
    lines_url = reverse("finance:budget_lines", args=[portfolio, found.period.slug])

    def division_href(department: str, division: str) -> str:
        return f"{lines_url}?{urlencode({'department': department, 'division': division})}"

    report = budget_report(selectors.budget_view(monitoring=found.budget), division_href=division_href)
    return render(request, "finance/report.html", {"report": report, "found": found, "current": "budget"})


@public_page
def budget_lines(request: HttpRequest, portfolio: str, period: str) -> HttpResponse:
    """One division's lines, for a ledger too long to list on the budget page."""
    found = _period(portfolio, period)
    department, division = request.GET.get("department", ""), request.GET.get("division")
    if found.budget is None or not division:
        raise Http404("No such division.")
    view = selectors.budget_division_view(monitoring=found.budget, department=department, division=division)
    if not view.lines:
        raise Http404("No such division.")
    table = division_table(view, FinancialYear(found.period.year), department, division)
    context = {"found": found, "table": table, "division": division, "department": department, "current": "budget"}
    return render(request, "finance/budget_lines.html", context)


@public_page
def capital(request: HttpRequest, portfolio: str, period: str) -> HttpResponse:
    found = _period(portfolio, period)
    if found.capital is None:
        raise Http404("No capital programme for this quarter.")
    report = capital_report(selectors.capital_view(programme=found.capital))
    return render(request, "finance/report.html", {"report": report, "found": found, "current": "capital"})


@public_page
def data_quality(request: HttpRequest, portfolio: str, period: str) -> HttpResponse:
    found = _period(portfolio, period)
    findings = []
    remarks = []
    if found.budget is not None:
        view = selectors.budget_view(monitoring=found.budget, detail=True)
        findings += selectors.budget_findings(view)
        remarks += [
            ("Budget monitoring", line.name, line.ref.source_line, line.ref.remark)
            for line in view.lines
            if line.ref.remark
        ]
    if found.capital is not None:
        capital_view = selectors.capital_view(programme=found.capital)
        findings += selectors.capital_findings(capital_view)
        remarks += selectors.capital_remarks(capital_view)
    context = {"found": found, "findings": findings, "remarks": remarks, "current": "data-quality"}
    return render(request, "finance/data_quality.html", context)


@performance_officer_required
def import_file(request: HttpRequest) -> HttpResponse:
    organisation = default_organisation()
    portfolios: QuerySet[Portfolio] = Portfolio.objects.filter(organisation=organisation).order_by("name")
    periods = ReportingPeriod.objects.filter(organisation=organisation).order_by("-year", "-quarter")
    form = FinanceImportForm(request.POST or None, request.FILES or None, portfolios=portfolios, periods=periods)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            table = read_table(upload.file, name=upload.name)
            importer = budget_import if data["kind"] == "budget" else capital_import
            report, result = importer(portfolio=data["portfolio"], period=data["period"], table=table)
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            what = "budget lines" if data["kind"] == "budget" else "capital schemes"
            if result.changed:
                messages.success(request, f"Imported {result.lines} {what} for {data['period'].long_label}.")
            else:
                messages.success(request, f"The file matches the {what} already held; nothing changed.")
            name = "finance:budget" if data["kind"] == "budget" else "finance:capital"
            return redirect(name, portfolio=report.portfolio.slug, period=report.period.slug)
    return render(request, "finance/import.html", {"form": form, "errors": errors}, status=422 if errors else 200)
