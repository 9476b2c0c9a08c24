"""Report pages and downloads. Thin: parse the request, check who is asking, call selectors and services.

A published report is served from the files stored when it was published (its SHA-256 as the
ETag), never drawn again; a draft is drawn at each download and marked DRAFT (check C4).
Part 1 of a published report is public. Drafts are for officers. Part 2 is for signed-in members
and officers only (anyone else gets 404, so its existence is not revealed), every Part 2 download
is logged, and no Part 2 response may be stored by a browser or proxy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_POST

from scrutineer.accounts.permissions import (
    can_view_part2,
    is_officer,
    is_performance_officer,
    part2_required,
    performance_officer_required,
)
from scrutineer.accounts.services import part2_access_record
from scrutineer.core.models import Portfolio
from scrutineer.core.page_cache import content_version
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.cover_sheets import Gap, report_number
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, PeriodError

from . import selectors
from .checks import blocking, report_gaps
from .forms import CoverSheetForm
from .models import Report, ReportPublication
from .registry import ReportKind, ReportUnavailable, UnknownKind, report_kind, report_kinds
from .renderers import Format, render_document
from .services import ReportChanged, ReportIncomplete, report_cover_save, report_publish, report_withdraw

DOWNLOAD_CACHE_SECONDS = 60 * 60


@dataclass
class Download:
    format: Format
    url: str


@dataclass
class ReportEntry:
    """One report on a period's page, with what the person looking may do with it."""

    kind: ReportKind
    report: Report
    period_label: str
    part1: list[Download] = field(default_factory=list)
    part2: list[Download] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    can_edit: bool = False
    publications: list[ReportPublication] = field(default_factory=list)  # every stored version, for officers
    unstored: bool = False  # for officers: recorded as published, but its files are not stored

    @property
    def blocking_gaps(self) -> list[Gap]:
        return blocking(self.gaps)

    @property
    def warnings(self) -> list[Gap]:
        return [gap for gap in self.gaps if not gap.blocking]

    @property
    def numbers(self) -> tuple[str, str]:
        return report_number(self.report.report_number, Part.ONE), report_number(self.report.report_number, Part.TWO)


def index(request: HttpRequest) -> HttpResponse:
    organisation = default_organisation()
    portfolios = selectors.portfolios(organisation=organisation) if organisation else []
    periods = selectors.reporting_periods(organisation=organisation) if organisation else []
    return render(request, "reports/index.html", {"portfolios": portfolios, "periods": periods})


def period_reports(request: HttpRequest, portfolio: str, period: str) -> HttpResponse:
    portfolio_obj = _portfolio(portfolio)
    quarter = _quarter(period)
    if selectors.reporting_period(organisation=portfolio_obj.organisation, quarter=quarter) is None:
        raise Http404("No such reporting period.")
    entries = []
    for kind in report_kinds().values():
        for kind_period in kind.periods_for(portfolio_obj, quarter):
            if not kind.available(portfolio_obj, kind_period):
                continue
            report = selectors.report_for(portfolio=portfolio_obj, kind=kind, period=kind_period)
            if report.is_published or is_officer(request.user):
                entries.append(_entry(request, portfolio_obj, kind, kind_period, report))
    response = render(
        request, "reports/period.html", {"portfolio": portfolio_obj, "quarter": quarter, "entries": entries}
    )
    if request.user.is_authenticated:  # drafts, gaps and Part 2 links: for the person signed in only
        patch_cache_control(response, private=True, no_store=True)
    return response


def download_part1(request: HttpRequest, portfolio: str, kind: str, period: str, format: str) -> HttpResponse:
    """Part 1: public once published; a draft for officers only."""
    return _download(request, portfolio, kind, period, Part.ONE, format)


@part2_required
def download_part2(request: HttpRequest, portfolio: str, kind: str, period: str, format: str) -> HttpResponse:
    """Part 2: members and officers only (404 to anyone else); every download is logged."""
    return _download(request, portfolio, kind, period, Part.TWO, format)


def _download(
    request: HttpRequest, portfolio: str, kind: str, period: str, part_obj: Part, format: str
) -> HttpResponse:
    kind_obj, portfolio_obj, period = _report_address(portfolio, kind, period)
    try:
        format_obj = Format(format)
    except ValueError:
        raise Http404("No such format.") from None
    report = selectors.report_for(portfolio=portfolio_obj, kind=kind_obj, period=period)
    if not report.is_published and not is_officer(request.user):
        raise Http404("This report has not been published.")
    public = part_obj is Part.ONE and report.is_published
    stored = selectors.published_file(report=report, part=part_obj, format=format_obj)
    if stored is not None:  # published: the file as it was published, never drawn again (check C4)
        content = bytes(stored.content)
    else:  # a draft (marked DRAFT), or a report recorded as published whose files are not stored
        content = _drawn(report, kind_obj, portfolio_obj, period, part_obj, format_obj, cache_it=public)
    name = report_number(report.report_number, part_obj) or f"part-{part_obj.value}"
    if part_obj is Part.TWO:
        part2_access_record(request=request, what=f"{kind_obj.name} {name} {period} Part 2 ({format_obj.label})")
    response = HttpResponse(content, content_type=format_obj.media_type)
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{name}-{kind_obj.slug}-{period}.{format_obj.value}")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if stored is not None:
        response["ETag"] = stored.etag  # the file's SHA-256, as the publication ledger records it
    if not public:
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    elif stored is not None:
        return get_conditional_response(request, etag=stored.etag, response=response) or response
    return response


def _drawn(
    report: Report,
    kind: ReportKind,
    portfolio: Portfolio,
    period: str,
    part: Part,
    format: Format,
    *,
    cache_it: bool,
) -> bytes:
    key = f"scrutineer:report:{content_version()}:{portfolio.pk}:{kind.slug}:{period}:{format}"
    content = cache.get(key) if cache_it else None
    if content is None:
        try:
            document = kind.build(report, part)
        except ReportUnavailable:
            raise Http404("There is nothing to report for this period.") from None
        content = render_document(document, format).content
        if cache_it:
            cache.set(key, content, DOWNLOAD_CACHE_SECONDS)
    return content


@performance_officer_required
def cover_sheet(request: HttpRequest, portfolio: str, kind: str, period: str) -> HttpResponse:
    kind_obj, portfolio_obj, period = _report_address(portfolio, kind, period)
    report = selectors.report_for(portfolio=portfolio_obj, kind=kind_obj, period=period)
    form = CoverSheetForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            report_cover_save(
                report=report, values=form.values(), user=request.user, expected_version=form.cleaned_data["version"]
            )
        except ReportChanged as changed:
            form.data = form.data.copy()
            form.data["version"] = changed.current.version  # saving again replaces their changes, on purpose
            form.add_error(None, f"{changed} Your text is kept below: check it, then save again to replace theirs.")
        else:
            messages.success(request, f"Cover sheet saved. {kind_obj.name} for {kind_obj.period_label(period)}.")
            return redirect(_period_url(portfolio_obj, kind_obj, period))
    context = {
        "form": form,
        "report": report,
        "kind": kind_obj,
        "period_label": kind_obj.period_label(period),
        "back": _period_url(portfolio_obj, kind_obj, period),
        "gaps": report_gaps(report, kind_obj) if report.pk else [],
    }
    response = render(request, "reports/cover_sheet.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
@performance_officer_required
def publish(request: HttpRequest, portfolio: str, kind: str, period: str) -> HttpResponse:
    kind_obj, portfolio_obj, period = _report_address(portfolio, kind, period)
    report = selectors.report_for(portfolio=portfolio_obj, kind=kind_obj, period=period)
    if report.pk is None:
        messages.error(request, "Fill in the cover sheet and save it before publishing.")
    else:
        try:
            report_publish(report=report, kind=kind_obj, user=request.user)
        except ReportIncomplete as incomplete:
            messages.error(request, f"Not published: {incomplete} They are listed with the report.")
        except ReportChanged:
            messages.error(
                request,
                "Not published: the cover sheet was changed while the report was being drawn. "
                "Check it, then publish again.",
            )
        else:
            messages.success(request, f"Published {kind_obj.name} for {kind_obj.period_label(period)}.")
    return redirect(_period_url(portfolio_obj, kind_obj, period))


@require_POST
@performance_officer_required
def withdraw(request: HttpRequest, portfolio: str, kind: str, period: str) -> HttpResponse:
    kind_obj, portfolio_obj, period = _report_address(portfolio, kind, period)
    report = selectors.report_for(portfolio=portfolio_obj, kind=kind_obj, period=period)
    if report.pk is not None and report.is_published:
        report_withdraw(report=report, user=request.user)
        messages.success(request, f"Withdrawn: {kind_obj.name} for {kind_obj.period_label(period)} is a draft again.")
    return redirect(_period_url(portfolio_obj, kind_obj, period))


def _entry(request: HttpRequest, portfolio: Portfolio, kind: ReportKind, period: str, report: Report) -> ReportEntry:
    entry = ReportEntry(kind=kind, report=report, period_label=kind.period_label(period))
    entry.part1 = [Download(f, _download_url(portfolio, kind, period, Part.ONE, f)) for f in Format]
    if can_view_part2(request.user):
        entry.part2 = [Download(f, _download_url(portfolio, kind, period, Part.TWO, f)) for f in Format]
    if is_officer(request.user):
        entry.gaps = report_gaps(report, kind)
        entry.publications = selectors.publications(report=report)
        entry.unstored = report.is_published and report.publication_id is None
    entry.can_edit = is_performance_officer(request.user)
    return entry


def _report_address(portfolio: str, kind: str, period: str) -> tuple[ReportKind, Portfolio, str]:
    try:
        kind_obj = report_kind(kind)
        canonical = kind_obj.parse_period(period)
    except (UnknownKind, PeriodError):
        raise Http404("No such report.") from None
    if canonical != period:
        raise Http404("No such report.")
    portfolio_obj = _portfolio(portfolio)
    if not kind_obj.available(portfolio_obj, period):
        raise Http404("There is nothing to report for this period.")
    return kind_obj, portfolio_obj, period


def _portfolio(slug: str) -> Portfolio:
    organisation = default_organisation()
    found = selectors.portfolio_get(organisation=organisation, slug=slug) if organisation else None
    if found is None:
        raise Http404("No such portfolio.")
    return found


def _quarter(text: str) -> FinancialQuarter:
    try:
        quarter = FinancialQuarter.parse(text)
    except PeriodError:
        raise Http404("No such period.") from None
    if quarter.slug != text:
        raise Http404("No such period.")
    return quarter


def _download_url(portfolio: Portfolio, kind: ReportKind, period: str, part: Part, format: Format) -> str:
    name = "reports:download_part1" if part is Part.ONE else "reports:download_part2"
    return reverse(name, args=[portfolio.slug, kind.slug, period, format.value])


def _period_url(portfolio: Portfolio, kind: ReportKind, period: str) -> str:
    """The reports page of the quarter a kind's period falls in."""
    return reverse("reports:period", args=[portfolio.slug, kind.quarter_of(period).slug])
