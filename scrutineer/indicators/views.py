"""Pages of the performance index. Thin: parse the request, call a selector or service, render.

Public pages are Part 1 and are built by `selectors.performance_index(part=Part.ONE)`, the one
seam where Part 1 filtering happens. Part 2 pages answer 404 to anyone who may not see Part 2,
are never cached, and log every read.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from scrutineer.accounts.permissions import (
    can_view_part2,
    is_performance_officer,
    part2_required,
    part2_second_factor_satisfied,
    performance_officer_required,
    second_factor_redirect,
)
from scrutineer.accounts.services import part2_access_record
from scrutineer.core.models import Portfolio
from scrutineer.core.page_cache import public_page
from scrutineer.core.tabular import ImportRejected, read_table, write_xlsx
from scrutineer.domain.disclosure import commentary_check
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month
from scrutineer.domain.rag import Rating

from . import exports, imports, quality, selectors, services
from .charts import render_svg, trend_chart
from .forms import CommentaryForm, ImportForm, RatingForm
from .index_view import symbols_of
from .models import ManagementCommentary
from .selectors import IndexRow, IndexView

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@public_page
def index(request: HttpRequest, month: Month | None = None) -> HttpResponse:
    """The index as the committee sees it, grouped by section."""
    portfolio = selectors.index_portfolio()
    as_at = month or (selectors.index_default_month(portfolio=portfolio) if portfolio else None)
    if portfolio is None or as_at is None:
        if month is not None:
            raise Http404("There is no performance index.")
        return render(request, "indicators/no_index.html")
    view = selectors.performance_index(portfolio=portfolio, as_at=as_at, part=Part.ONE)
    return render(request, "indicators/index.html", _context(request, view))


@public_page
def indicator_detail(request: HttpRequest, month: Month, number: str) -> HttpResponse:
    view, row = _row(month, number, Part.ONE)
    chart = trend_chart(view, row)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            **_context(request, view),
            "row": row,
            "chart": chart,
            "chart_svg": render_svg(chart),
            "month_cells": list(zip(chart.months, row.months, strict=True)),
            "values_symbols": symbols_of(cell for c in (*row.months, row.ytd) for cell in c.atoms),
            "history_symbols": symbols_of(
                cell for c in (*row.prior_years, *row.benchmarks.values()) for cell in c.atoms
            ),
        },
    )


@public_page
def exceptions(request: HttpRequest, month: Month) -> HttpResponse:
    """Red and amber indicators, with their management commentary for the period."""
    view = _index(month, Part.ONE)
    return render(request, "indicators/exceptions.html", _context(request, view))


@public_page
def data_quality(request: HttpRequest, month: Month) -> HttpResponse:
    """Where the published index disagrees with its own rules or with itself."""
    view = _index(month, Part.ONE)
    return render(request, "indicators/data_quality.html", {**_context(request, view), "issues": quality.issues(view)})


def download(request: HttpRequest, month: Month, file_format: str) -> HttpResponse:
    return _download(_index(month, Part.ONE), file_format)


@never_cache
@part2_required
def part2_index(request: HttpRequest, month: Month) -> HttpResponse:
    view = _index(month, Part.TWO)
    part2_access_record(request=request, what=f"Performance index (Part 2) as at {month.label}")
    return render(request, "indicators/part2_index.html", _context(request, view))


@never_cache
@part2_required
def part2_download(request: HttpRequest, month: Month, file_format: str) -> HttpResponse:
    view = _index(month, Part.TWO)
    part2_access_record(request=request, what=f"Performance index (Part 2) as at {month.label} ({file_format})")
    return _download(view, file_format)


@never_cache
@performance_officer_required
def commentary_edit(request: HttpRequest, month: Month, number: str) -> HttpResponse:
    view, row = _row(month, number, Part.ONE)
    existing = ManagementCommentary.objects.filter(indicator=row.indicator, as_at=month.first_day).first()
    shows_part2 = existing is not None and (existing.part == Part.TWO or row.suppressed_in_part1)
    if shows_part2 and not part2_second_factor_satisfied(request.user):
        return second_factor_redirect(request)  # the commentary is Part 2 material (check A5)
    initial = {"part": str(existing.part), "paragraph": existing.paragraph, "text": existing.text} if existing else {}
    form = CommentaryForm(request.POST or None, initial=initial or {"part": str(Part.ONE.value)})
    threshold = selectors.disclosure_threshold(view, row.indicator)
    if (
        request.method == "POST"
        and form.is_valid()
        and row.suppressed_in_part1
        and form.cleaned_data["part"] is Part.ONE
    ):
        check = commentary_check(form.cleaned_data["text"], indicator_suppressed=True, threshold=threshold)
        if not check.allowed:
            form.add_error("text", check.message)  # rule 9: a small number could give the figure away
    if request.method == "POST" and form.is_valid():
        services.commentary_save(
            indicator=row.indicator,
            as_at=month,
            part=form.cleaned_data["part"],
            text=form.cleaned_data["text"],
            paragraph=form.cleaned_data["paragraph"],
            rating_text=row.rating_text,
            by=request.user,
        )
        messages.success(request, f"Commentary on indicator {row.indicator.number} saved.")
        return redirect(reverse("indicators:exceptions", args=[month]) + f"#indicator-{row.indicator.pk}")
    if shows_part2:
        part2_access_record(
            request=request, what=f"Management commentary (Part 2) on indicator {number}, {month.label}"
        )
    return render(
        request,
        "indicators/commentary_form.html",
        {**_context(request, view), "row": row, "form": form, "threshold": threshold},
    )


@never_cache
@performance_officer_required
def rating_edit(request: HttpRequest, month: Month, number: str) -> HttpResponse:
    view, row = _row(month, number, Part.ONE)
    initial = {"rating": RatingForm.RULE}
    if row.override is not None:
        initial = {"rating": row.override.rating or RatingForm.NONE, "reason": row.override.reason}
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["rating"]
        if choice == RatingForm.RULE:
            services.rag_override_clear(indicator=row.indicator, as_at=month)
        else:
            services.rag_override_set(
                indicator=row.indicator,
                as_at=month,
                rating=None if choice == RatingForm.NONE else Rating(choice),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        messages.success(request, f"Rating of indicator {row.indicator.number} saved.")
        return redirect("indicators:indicator_detail", month, row.indicator.number)
    return render(request, "indicators/rating_form.html", {**_context(request, view), "row": row, "form": form})


@performance_officer_required
def import_values(request: HttpRequest) -> HttpResponse:
    """Upload values and benchmarks; all of the file or nothing, with every bad row listed."""
    portfolio = _portfolio()
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[object] = []
    review: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.values_import(
                portfolio=portfolio,
                table=read_table(upload.file, name=upload.name),
                source=upload.name,
                by=request.user,
            )
        except ImportRejected as rejected:
            problems = rejected.errors
        else:
            messages.success(request, f"Imported {upload.name}: {result.summary}")
            if not result.review:
                return redirect("indicators:import_values")
            review = result.review  # shown now: each legacy x an officer should check
            form = ImportForm()
    return render(
        request,
        "indicators/import.html",
        {"form": form, "problems": problems, "review": review, "columns": imports.TEMPLATE_HEADERS},
    )


def import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    """An empty import file with the columns the import reads."""
    buffer = io.BytesIO()
    if file_format == "xlsx":
        write_xlsx(imports.TEMPLATE_HEADERS, [], buffer, title="Values")
    else:
        buffer.write((",".join(imports.TEMPLATE_HEADERS) + "\n").encode())
    return _attachment(buffer.getvalue(), f"indicator-values-template.{file_format}", file_format)


# --- helpers ---------------------------------------------------------------------------------


def _portfolio() -> Portfolio:
    portfolio = selectors.index_portfolio()
    if portfolio is None:
        raise Http404("There is no performance index.")
    return portfolio


def _index(month: Month, part: Part) -> IndexView:
    view = selectors.performance_index(portfolio=_portfolio(), as_at=month, part=part)
    if not view.rows:
        raise Http404("There is no performance index.")
    return view


def _row(month: Month, number: str, part: Part) -> tuple[IndexView, IndexRow]:
    view = _index(month, part)
    row = view.row(number)
    if row is None:
        raise Http404(f"There is no indicator {number}.")
    return view, row


def _context(request: HttpRequest, view: IndexView) -> dict[str, object]:
    portfolio = view.portfolio
    return {
        "view": view,
        "as_at": view.as_at,
        "editions": selectors.index_editions(portfolio=portfolio),
        "can_view_part2": can_view_part2(request.user),
        "is_performance_officer": is_performance_officer(request.user),
    }


def _download(view: IndexView, file_format: str) -> HttpResponse:
    buffer = io.BytesIO()
    exports.write_index(view, file_format, buffer)
    suffix = "-part-2" if view.part is Part.TWO else ""
    return _attachment(buffer.getvalue(), f"performance-index-{view.as_at.slug}{suffix}.{file_format}", file_format)


def _attachment(content: bytes, filename: str, file_format: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
