"""Reads of budget monitoring and the capital programme. Each selector owns its queries.

A budget view takes a fixed number of queries whatever the size of the ledger (one for the lines,
one for the printed totals, one per kind of explanation), and computes every total once, through
scrutineer.domain.budget. Findings compare what the document printed with those sums.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Sum

from scrutineer.core.models import Organisation, Portfolio, ReportingPeriod
from scrutineer.domain import budget as b
from scrutineer.domain import capital as c
from scrutineer.domain.money import format_thousands
from scrutineer.domain.periods import FinancialQuarter, PeriodError

from .models import (
    BudgetLine,
    BudgetMonitoring,
    BudgetNote,
    CapitalProgramme,
    CapitalScheme,
    CapitalVariation,
    CapitalVariationItem,
    FinancialRisk,
    FullYearEffectNote,
    GrantBalanceStep,
    GrantVariation,
    ReconciliationItem,
)
from .report_data import Finding

COLUMN_LABELS = {
    "prior_year_actuals": "Actuals (prior year)",
    "original_budget": "Original budget",
    "latest_approved": "Latest approved",
    "projected_outturn": "Projected outturn",
    "variation": "Variation",
    "variation_last_reported": "Variation last reported",
    "full_year_effect": "Full year effect",
    "balance": "Balance",
    "total_approved_estimate": "Total approved estimate",
    "actual_to_date": "Actual to last year end",
    "previous_estimate": "Previous revised estimate",
    "actual_in_year": "Actual in year",
    "current_estimate": "Revised estimate",
    "total": "TOTAL",
}


# --- finding reports ------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancePeriod:
    """What the finance pages hold for one portfolio in one quarter."""

    portfolio: Portfolio
    period: ReportingPeriod
    budget: BudgetMonitoring | None
    capital: CapitalProgramme | None


def finance_periods(*, organisation: Organisation | None) -> list[FinancePeriod]:
    """Every portfolio and quarter with a budget monitoring report or a capital programme, newest first."""
    budgets = BudgetMonitoring.objects.select_related("portfolio", "period")
    programmes = CapitalProgramme.objects.select_related("portfolio", "period")
    if organisation is not None:
        budgets = budgets.filter(portfolio__organisation=organisation)
        programmes = programmes.filter(portfolio__organisation=organisation)
    found: dict[tuple[int, int], dict[str, object]] = {}
    for monitoring in budgets:
        entry = found.setdefault((monitoring.portfolio_id, monitoring.period_id), {})
        entry.update(portfolio=monitoring.portfolio, period=monitoring.period, budget=monitoring)
    for programme in programmes:
        entry = found.setdefault((programme.portfolio_id, programme.period_id), {})
        entry.update(portfolio=programme.portfolio, period=programme.period, capital=programme)
    periods = [
        FinancePeriod(e["portfolio"], e["period"], e.get("budget"), e.get("capital"))  # type: ignore[arg-type]
        for e in found.values()
    ]
    periods.sort(key=lambda p: (-p.period.year, -p.period.quarter, p.portfolio.name))
    return periods


def finance_period(*, portfolio_slug: str, period_slug: str, organisation: Organisation | None) -> FinancePeriod | None:
    """The budget and capital programme of one portfolio in one quarter ("2020-21-Q3"). Two queries."""
    try:
        quarter = FinancialQuarter.parse(period_slug)
    except PeriodError:
        return None
    where = Q(portfolio__slug=portfolio_slug, period__year=quarter.start_year, period__quarter=quarter.quarter)
    if organisation is not None:
        where &= Q(portfolio__organisation=organisation)
    related = ("portfolio__organisation", "period")
    budget = BudgetMonitoring.objects.select_related(*related).filter(where).first()
    capital = CapitalProgramme.objects.select_related(*related).filter(where).first()
    found = budget or capital
    if found is None:
        return None
    for each in (budget, capital):
        if each is not None:
            each.portfolio, each.period = found.portfolio, found.period
    return FinancePeriod(found.portfolio, found.period, budget, capital)


def budget_monitorings_for_period(*, quarter: FinancialQuarter, organisation: Organisation | None) -> QuerySet:
    found = BudgetMonitoring.objects.select_related("portfolio__organisation", "period").filter(
        period__year=quarter.start_year, period__quarter=quarter.quarter
    )
    if organisation is not None:
        found = found.filter(portfolio__organisation=organisation)
    return found.order_by("portfolio__name")


def capital_programmes_for_period(*, quarter: FinancialQuarter, organisation: Organisation | None) -> QuerySet:
    found = CapitalProgramme.objects.select_related("portfolio__organisation", "period").filter(
        period__year=quarter.start_year, period__quarter=quarter.quarter
    )
    if organisation is not None:
        found = found.filter(portfolio__organisation=organisation)
    return found.order_by("portfolio__name")


# --- budget monitoring ----------------------------------------------------------------------

# A ledger longer than this is summarised by division on the budget page, each division linking to
# its own lines: a council-wide ledger has thousands of lines, a portfolio's report a few dozen.
DETAIL_LIMIT = 400

_LINE_FIELDS = (
    "id",
    "position",
    "name",
    "printed_label",
    "classification",
    "department",
    "division",
    "memorandum_group",
    "note_ref",
    "published_variation",
    *b.TYPED_COLUMNS,
    "source_line",
    "remark",
)


@dataclass(frozen=True)
class LineRecord:
    """A budget line as the pages need it: what was typed, and where it came from."""

    id: int
    position: int
    name: str
    printed_label: str
    note_ref: str
    published_variation: int | None
    source_line: int | None
    remark: str


@dataclass(frozen=True)
class DivisionRecord:
    """A division's lines added up, standing for them in the summary of a long ledger."""

    department: str
    division: str
    line_count: int


@dataclass
class BudgetView:
    monitoring: BudgetMonitoring
    lines: list[b.Line]
    summary: b.Summary
    published: dict[str, dict[str, tuple[str, int, str, int | None]]]  # key -> column -> (label, value, printed, line)
    notes: list[BudgetNote]
    grant_variations: dict[str, list[GrantVariation]]
    grant_steps: dict[str, list[GrantBalanceStep]]
    reconciliation: list[ReconciliationItem]
    full_year_effects: list[FullYearEffectNote]
    risks: list[FinancialRisk]
    totals: dict[str, b.Total] = field(default_factory=dict)
    detailed: bool = True  # False: `lines` are each division's sums, not the ledger's lines
    line_count: int = 0

    @property
    def labels(self) -> b.Labels:
        return self.summary.labels

    def published_value(self, key: str, column: str) -> int | None:
        entry = self.published.get(key, {}).get(column)
        return entry[1] if entry else None


def budget_labels(monitoring: BudgetMonitoring) -> b.Labels:
    return b.Labels(
        controllable=monitoring.controllable_total_label,
        non_controllable=monitoring.non_controllable_total_label,
        excluded_recharges=monitoring.excluded_recharges_total_label,
        portfolio=monitoring.portfolio_total_label,
    )


def budget_lines(
    *,
    monitoring: BudgetMonitoring,
    department: str | None = None,
    division: str | None = None,
    where: Q | None = None,
) -> list[b.Line]:
    """The report's lines (of one division, or those matching `where`), in printed order, as the
    domain's Lines, each carrying its LineRecord."""
    lines = []
    rows = BudgetLine.objects.filter(monitoring=monitoring)
    if division is not None:
        rows = rows.filter(department=department or "", division=division)
    if where is not None:
        rows = rows.filter(where)
    for row in rows.order_by("position").values_list(*_LINE_FIELDS):
        values = dict(zip(_LINE_FIELDS, row, strict=True))
        record = LineRecord(
            id=values["id"],
            position=values["position"],
            name=values["name"],
            printed_label=values["printed_label"],
            note_ref=values["note_ref"],
            published_variation=values["published_variation"],
            source_line=values["source_line"],
            remark=values["remark"],
        )
        lines.append(
            b.Line(
                name=values["name"],
                classification=b.Classification(values["classification"]),
                figures=b.Figures(**{column: values[column] for column in b.TYPED_COLUMNS}),
                department=values["department"],
                division=values["division"],
                memorandum_group=values["memorandum_group"],
                ref=record,
            )
        )
    return lines


def budget_division_sums(*, monitoring: BudgetMonitoring) -> list[b.Line]:
    """One Line per division (and per other class or memorandum group) holding the sums of its lines.

    The database adds up each group's lines (one query, whatever the ledger's size); the domain then
    builds every total from these exactly as it would from the lines, since a sum of sums is the sum.
    A blank column stays blank, as in scrutineer.domain.budget.total.
    """
    rows = (
        BudgetLine.objects.filter(monitoring=monitoring)
        .values("classification", "department", "division", "memorandum_group")
        .annotate(first=Min("position"), count=Count("id"), **{column: Sum(column) for column in b.TYPED_COLUMNS})
        .order_by("first")
    )
    return [
        b.Line(
            name=row["division"] or row["memorandum_group"] or b.Classification(row["classification"]).label,
            classification=b.Classification(row["classification"]),
            figures=b.Figures(**{column: row[column] for column in b.TYPED_COLUMNS}),
            department=row["department"],
            division=row["division"],
            memorandum_group=row["memorandum_group"],
            ref=DivisionRecord(row["department"], row["division"], row["count"]),
        )
        for row in rows
    ]


def budget_view(*, monitoring: BudgetMonitoring, detail: bool | None = None) -> BudgetView:
    """Everything the budget pages, report and exports show, with every total computed once.

    With `detail` False (the default for a ledger over DETAIL_LIMIT lines) the view holds each
    division's sums instead of its lines; every total is the same either way.
    """
    sums = budget_division_sums(monitoring=monitoring)
    line_count = sum(line.ref.line_count for line in sums)  # type: ignore[attr-defined]
    detailed = line_count <= DETAIL_LIMIT if detail is None else detail
    lines = budget_lines(monitoring=monitoring) if detailed else sums
    summary = b.summarise(lines, budget_labels(monitoring))
    published: dict[str, dict[str, tuple[str, int, str, int | None]]] = defaultdict(dict)
    for key, label, column, value, printed, line in monitoring.published_figures.values_list(
        "key", "label", "column", "value", "printed", "source_line"
    ):
        published[key][column] = (label, value, printed, line)
    grant_variations: dict[str, list[GrantVariation]] = defaultdict(list)
    for variation in monitoring.grant_variations.order_by("grant", "position"):
        grant_variations[variation.grant].append(variation)
    grant_steps: dict[str, list[GrantBalanceStep]] = defaultdict(list)
    for step in monitoring.grant_balance_steps.order_by("grant", "position"):
        grant_steps[step.grant].append(step)
    view = BudgetView(
        monitoring=monitoring,
        lines=lines,
        summary=summary,
        published=dict(published),
        notes=list(monitoring.notes.prefetch_related("analysis").order_by("position")),
        grant_variations=dict(grant_variations),
        grant_steps=dict(grant_steps),
        reconciliation=list(monitoring.reconciliation.order_by("position")),
        full_year_effects=list(monitoring.full_year_effects.all()),
        risks=list(monitoring.risks.order_by("position")),
        detailed=detailed,
        line_count=line_count,
    )
    view.totals = {total.key: total for total in summary.totals()}
    return view


def budget_division_view(*, monitoring: BudgetMonitoring, department: str, division: str) -> BudgetView:
    """One division's lines, with its printed subtotal: what a long ledger's summary links to."""
    lines = budget_lines(monitoring=monitoring, department=department, division=division)
    summary = b.summarise(lines, budget_labels(monitoring))
    key = b.division_key(department, division)
    published: dict[str, dict[str, tuple[str, int, str, int | None]]] = defaultdict(dict)
    for label, column, value, printed, line in monitoring.published_figures.filter(key=key).values_list(
        "label", "column", "value", "printed", "source_line"
    ):
        published[key][column] = (label, value, printed, line)
    view = BudgetView(monitoring, lines, summary, dict(published), list(monitoring.notes.all()), {}, {}, [], [], [])
    view.totals = {total.key: total for total in summary.totals()}
    view.line_count = len(lines)
    return view


def grant_block_rows(variations: list[GrantVariation]) -> list[b.BlockVariation]:
    return [b.BlockVariation(v.label, v.variation, dict(v.blocks)) for v in variations]


def grant_blocks(variations: list[GrantVariation]) -> list[str]:
    """The funding-block columns of a grant's table, in the order they first appear."""
    return list(dict.fromkeys(block for v in variations for block, _ in v.blocks))


def grant_carried_forward(steps: list[GrantBalanceStep]) -> int:
    brought = sum(s.amount for s in steps if s.kind == GrantBalanceStep.Kind.BROUGHT_FORWARD)
    movements = [b.Movement(s.label, s.amount) for s in steps if s.kind == GrantBalanceStep.Kind.MOVEMENT]
    return b.carry_forward(brought, movements)


def reconciled_latest_approved(view: BudgetView) -> int:
    original = view.summary.portfolio.original_budget or 0
    return b.reconcile(original, [b.Movement(item.label, item.amount) for item in view.reconciliation])


def division_figures(view: BudgetView, division: str) -> b.Figures | None:
    for department in view.summary.departments:
        for each in department.divisions:
            if each.name == division:
                return each.figures
    return None


Remark = tuple[str, str, int | None, str]


def budget_remarks(view: BudgetView) -> list[Remark]:
    """Lines whose source needed reading with care (a label lost or fused, cells shifted)."""
    return [
        ("Budget monitoring", line.name, line.ref.source_line, line.ref.remark)  # type: ignore[attr-defined]
        for line in view.lines
        if line.ref.remark  # type: ignore[attr-defined]
    ]


# --- findings: where the budget document disagrees with itself -------------------------------


def budget_findings(view: BudgetView) -> list[Finding]:
    """Every disagreement between a printed figure and the product's arithmetic, in report order."""
    found: list[b.Disagreement] = []
    for line in view.lines if view.detailed else _lines_to_check(view.monitoring):
        record: LineRecord = line.ref  # type: ignore[assignment]
        found += b.line_disagreements(
            line.name, line.figures, record.published_variation, source_line=record.source_line
        )
    for key, total in view.totals.items():
        found += _against_published(view, key, total.label, total.figures.as_dict())
    found += _unmatched_totals(view)
    found += _grant_findings(view)
    found += _note_findings(view)
    found += _fye_findings(view)
    found += _reconciliation_findings(view)
    return [_finding("Budget monitoring", d) for d in found] + _numbering_findings(view)


def _lines_to_check(monitoring: BudgetMonitoring) -> list[b.Line]:
    """In a long ledger, only the lines whose printed variation may disagree are read: those where
    it is given and is not plainly projected less latest. The domain then judges each."""
    plain = Q(published_variation=F("projected_outturn") - F("latest_approved"))
    blank = Q(projected_outturn__isnull=True) | Q(latest_approved__isnull=True)
    return budget_lines(monitoring=monitoring, where=Q(published_variation__isnull=False) & (blank | ~plain))


def _against_published(
    view: BudgetView, key: str, where: str, computed: dict[str, int | None], explanation: str = ""
) -> list[b.Disagreement]:
    printed = view.published.get(key, {})
    line = next((entry[3] for entry in printed.values()), None)
    return b.compare(
        where,
        {column: entry[1] for column, entry in printed.items()},
        computed,
        source_line=line,
        explanation=explanation or "The printed total is not the sum of the lines above it.",
    )


def _unmatched_totals(view: BudgetView) -> list[b.Disagreement]:
    """A printed summary total with no lines behind it (its division has gone, say)."""
    from .services import is_summary_key

    found = []
    for key, columns in view.published.items():
        if is_summary_key(key) and key not in view.totals:
            label, value, _, line = next(iter(columns.values()))
            found.append(
                b.Disagreement(label, "all", value, None, line, "A total is printed but no lines belong to it.")
            )
    return found


def _grant_findings(view: BudgetView) -> list[b.Disagreement]:
    found = []
    for grant, variations in view.grant_variations.items():
        rows = grant_block_rows(variations)
        found += b.block_disagreements(rows, where=f"{grant}: ")
        totals = b.block_totals(rows)
        computed = {"Variations": totals["variation"], **{k: v for k, v in totals.items() if k != "variation"}}
        found += _against_published(view, f"grant:{grant}", f"{grant} variations: Total", computed)
        found += _against_published(
            view, f"grant:{grant}:summary", f"{grant} variations (summary table)", {"variation": totals["variation"]}
        )
    for grant, steps in view.grant_steps.items():
        found += _against_published(
            view,
            f"grant:{grant}:carried_forward",
            f"{grant} balance carried forward",
            {"balance": grant_carried_forward(steps)},
            "The printed balance is not what the steps before it add up to.",
        )
    return found


def _note_findings(view: BudgetView) -> list[b.Disagreement]:
    found = []
    for note in view.notes:
        items = list(note.analysis.all())
        if items:
            found += _against_published(
                view,
                f"note:{note.position}:analysis",
                f"{note.heading}: analysis",
                {"variation": sum(item.variation for item in items)},
                "The net figure in the note is not the sum of its analysis.",
            )
    return found


def _fye_findings(view: BudgetView) -> list[b.Disagreement]:
    found = []
    for note in view.full_year_effects:
        figures = division_figures(view, note.division)
        if figures is not None:
            found += _against_published(
                view,
                f"fye:{note.division}",
                f"Full year effect: {note.division}",
                {"latest_approved": figures.latest_approved, "variation": figures.variation},
                "The figure quoted beside the full year effect is not the division's own.",
            )
    return found


def _reconciliation_findings(view: BudgetView) -> list[b.Disagreement]:
    if not view.reconciliation:
        return []
    portfolio = view.summary.portfolio
    found = _against_published(
        view,
        "reconciliation",
        "Reconciliation of latest approved budget",
        {"original_budget": portfolio.original_budget, "latest_approved": reconciled_latest_approved(view)},
        "The reconciliation does not add up, or does not start from the summary's original budget.",
    )
    if reconciled_latest_approved(view) != portfolio.latest_approved:
        found.append(
            b.Disagreement(
                "Reconciliation of latest approved budget",
                "latest_approved",
                reconciled_latest_approved(view),
                portfolio.latest_approved,
                None,
                "The original budget plus the changes listed is not the summary's latest approved budget.",
            )
        )
    return found


def _numbering_findings(view: BudgetView) -> list[Finding]:
    return [
        Finding("Budget monitoring", "Financial risks", "numbering", "", "", "", None, gap)
        for gap in b.numbering_gaps([risk.numeral for risk in view.risks])
    ]


def _finding(area: str, d: b.Disagreement) -> Finding:
    difference = d.difference
    return Finding(
        area=area,
        where=d.where,
        column=COLUMN_LABELS.get(d.column, d.column),
        published=_amount(d.published),
        computed=_amount(d.computed),
        difference="" if difference is None else f"{difference:+,}",
        source_line=d.source_line,
        explanation=d.explanation,
    )


def _amount(value: int | None) -> str:
    return "" if value is None else format_thousands(value)


# --- capital programme ----------------------------------------------------------------------


@dataclass
class CapitalView:
    programme: CapitalProgramme
    years: list[int]
    schemes: list[CapitalScheme]
    domain_schemes: list[c.Scheme]
    categories: list[c.Category]
    variations: list[tuple[CapitalVariation, c.Variation]]
    reviews_due: list[str]
    published: dict[str, dict[str, tuple[str, int, str, int | None]]]

    @property
    def base(self) -> dict[int, int]:
        return c.over(self.years, {int(y): v for y, v in self.programme.base_amounts.items()})

    @property
    def variations_total(self) -> dict[int, int]:
        return c.over(self.years, c.add(*(v.amounts for _, v in self.variations)))

    @property
    def revised(self) -> dict[int, int]:
        """The approved programme with this quarter's variations applied."""
        return c.over(self.years, c.revise(self.base, [v for _, v in self.variations]))

    @property
    def scheme_totals(self) -> dict[str, int]:
        return c.scheme_totals(self.domain_schemes, self.years)

    @property
    def schemes_by_year(self) -> dict[int, int]:
        """The revised programme as Appendix A's schemes add up to it."""
        totals = self.scheme_totals
        return {year: totals[c.estimate_column(year)] for year in self.years}

    def published_row(self, key: str) -> dict[str, tuple[str, int, str, int | None]]:
        return self.published.get(key, {})


def _years(amounts: dict[str, int]) -> dict[int, int]:
    return {int(year): amount for year, amount in amounts.items()}


def capital_view(*, programme: CapitalProgramme) -> CapitalView:
    schemes = list(programme.schemes.order_by("position"))
    domain_schemes = [
        c.Scheme(s.name, s.category, s.total_approved_estimate, s.actual_to_date, _years(s.estimates), ref=s)
        for s in schemes
    ]
    variations = []
    items = Prefetch("items", queryset=CapitalVariationItem.objects.order_by("position"))
    for variation in programme.variations.prefetch_related(items).order_by("position"):
        kind = c.VariationKind(variation.kind)
        parts = [c.Variation(i.label, kind, _years(i.amounts)) for i in variation.items.all()]
        domain = (
            c.itemised(variation.description, kind, parts)
            if parts
            else c.Variation(variation.description, kind, _years(variation.amounts))
        )
        variations.append((variation, domain))
    published: dict[str, dict[str, tuple[str, int, str, int | None]]] = defaultdict(dict)
    for key, label, column, value, printed, line in programme.published_figures.values_list(
        "key", "label", "column", "value", "printed", "source_line"
    ):
        published[key][column] = (label, value, printed, line)
    return CapitalView(
        programme=programme,
        years=programme.years,
        schemes=schemes,
        domain_schemes=domain_schemes,
        categories=c.by_category(domain_schemes),
        variations=variations,
        reviews_due=list(programme.reviews_due.order_by("position").values_list("scheme", flat=True)),
        published=dict(published),
    )


PROGRESS_COLUMNS = ("previous_estimate", "actual_in_year", "current_estimate")


def progress_totals(schemes: list[CapitalScheme]) -> dict[str, int]:
    """Appendix B's totals: each in-year progress column summed (a blank adds nothing)."""
    return {column: sum(getattr(s, column) or 0 for s in schemes) for column in PROGRESS_COLUMNS}


def capital_remarks(view: CapitalView) -> list[Remark]:
    return [("Capital programme", s.name, s.source_line, s.remark) for s in view.schemes if s.remark]


def capital_findings(view: CapitalView) -> list[Finding]:
    found: list[b.Disagreement] = []
    for category in view.categories:
        schemes = [s.ref for s in category.schemes]
        found += _capital_against(
            view, f"category:{category.name}", category.totals(view.years) | progress_totals(schemes)
        )
    found += _capital_against(view, "schemes", view.scheme_totals | progress_totals(view.schemes))
    found += _programme_against(view, "base", view.base)
    for position, (variation, domain) in enumerate(view.variations, start=1):
        found += _programme_against(view, f"variation:{position}", c.over(view.years, domain.amounts))
        if domain.items:
            found += _programme_against(view, f"variation:{position}:items", c.over(view.years, domain.amounts))
        found += [
            b.Disagreement(variation.description, "total", None, domain.net, variation.source_line, problem)
            for problem in c.variation_problems(domain)
        ]
    found += _programme_against(view, "variations", view.variations_total)
    found += _programme_against(
        view,
        "revised",
        view.revised,
        "The printed revised programme is not the approved programme plus the variations.",
    )
    found += _programme_against(
        view, "revised", view.schemes_by_year, "The printed revised programme is not what the schemes add up to."
    )
    findings = [_finding("Capital programme", d) for d in found]
    return findings + _officer_findings(view)


def _capital_against(view: CapitalView, key: str, computed: dict[str, int]) -> list[b.Disagreement]:
    printed = view.published_row(key)
    if not printed:
        return []
    line = next(iter(printed.values()))[3]
    label = next(iter(printed.values()))[0]
    ours: dict[str, int | None] = dict(computed)
    return b.compare(
        label,
        {column: entry[1] for column, entry in printed.items() if column in ours},
        ours,
        source_line=line,
        explanation="The printed total is not the sum of the schemes above it.",
    )


def _programme_against(
    view: CapitalView, key: str, computed: dict[int, int], explanation: str = ""
) -> list[b.Disagreement]:
    printed = view.published_row(key)
    if not printed:
        return []
    label, _, _, line = next(iter(printed.values()))
    years = {int(column): entry[1] for column, entry in printed.items() if column != "total"}
    total = printed.get("total")
    return c.programme_disagreements(
        label,
        years,
        computed,
        published_total=total[1] if total else None,
        source_line=line,
        explanation=explanation or "The printed row does not add up.",
    )


def _officer_findings(view: CapitalView) -> list[Finding]:
    found = []
    for scheme in view.schemes:
        other = scheme.printed.get("appendix_b_responsible_officer")
        if other is not None and other != scheme.responsible_officer:
            found.append(
                Finding(
                    "Capital programme",
                    scheme.name,
                    "Responsible officer",
                    f"Appendix A: {scheme.responsible_officer or '(none)'}",
                    f"Appendix B: {other or '(none)'}",
                    "",
                    scheme.source_line,
                    "The two appendices name different responsible officers; both are kept.",
                )
            )
    return found
