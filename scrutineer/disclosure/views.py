"""The officer's disclosure check of the Part 1 performance index, and publishing it into the ledger.

The page shows what Part 1 withholds and why, with the true figures: Part 2 material, so it is for
performance officers only, never cached, and every read is logged. Publishing is a POST.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from scrutineer.accounts.permissions import performance_officer_required, second_factor_required
from scrutineer.accounts.services import part2_access_record
from scrutineer.core.models import Portfolio
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month
from scrutineer.indicators.selectors import index_portfolio, performance_index

from .performance_index import publication_problems, withheld_cells
from .selectors import index_publications
from .services import PublicationBlocked, performance_index_publish


@never_cache
@performance_officer_required
@second_factor_required
def index_publication(request: HttpRequest, month: Month) -> HttpResponse:
    portfolio = _portfolio()
    view = performance_index(portfolio=portfolio, as_at=month, part=Part.TWO)
    if not view.rows:
        raise Http404("There is no performance index.")
    problems = publication_problems(view)
    withheld = withheld_cells(view)
    part2_access_record(request=request, what=f"Disclosure check of the performance index as at {month.label}")
    return render(
        request,
        "disclosure/index_publication.html",
        {
            "view": view,
            "as_at": month,
            "decision": view.part1_decision,
            "blocking": [p for p in problems if p.blocking],
            "warnings": [p for p in problems if not p.blocking],
            "withheld": withheld,
            "kinds": _count_kinds(withheld),
            "publications": index_publications(organisation=portfolio.organisation, month=month.slug),
        },
    )


@require_POST
@performance_officer_required
def index_publish(request: HttpRequest, month: Month) -> HttpResponse:
    portfolio = _portfolio()
    if not performance_index(portfolio=portfolio, as_at=month, part=Part.TWO).rows:
        raise Http404("There is no performance index.")
    try:
        publication = performance_index_publish(portfolio=portfolio, as_at=month, published_by=request.user)
    except PublicationBlocked as blocked:
        messages.error(request, f"Not published: {blocked} They are listed below.")
    else:
        messages.success(
            request,
            f"Published the Part 1 index as at {month.label} (version {publication.version}): "
            f"{publication.entries.count()} cells recorded in the ledger.",
        )
    return redirect("disclosure:index_publication", month)


def _portfolio() -> Portfolio:
    portfolio = index_portfolio()
    if portfolio is None:
        raise Http404("There is no performance index.")
    return portfolio


def _count_kinds(withheld: list) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for cell in withheld:
        counts[cell.kind or "withheld"] = counts.get(cell.kind or "withheld", 0) + 1
    return sorted(counts.items())
