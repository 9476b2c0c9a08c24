"""Reads of the contracts register. Each selector owns its queries, so pages cannot fall into N+1 loops.

Part 1 reads never load commentary: the Part 2 fields are deferred, so nothing built from a Part 1
read can carry them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse

from scrutineer.core.models import Organisation, Portfolio
from scrutineer.domain.money import format_pounds
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month, PeriodError
from scrutineer.domain.procurement import (
    DEFAULT_MATRIX,
    ProcurementMatrix,
    ProcurementStatus,
    months_to_expiry,
    term_months,
)
from scrutineer.domain.risk_index import CRITERIA, DEFAULT_RISK_RULES, MAX_POINTS, RiskColour, RiskRules

from .models import REGISTER_THRESHOLD_PENCE, ContractRules, RegisterEntry, ReportingCycle
from .report import Column, RegisterReport, RegisterRow, RegisterSection

PART2_FIELDS = ("owner_commentary", "procurement_commentary")


@dataclass(frozen=True)
class Rules:
    matrix: ProcurementMatrix
    risk: RiskRules
    register_threshold: int
    customised: bool  # False while the council uses Scrutineer's defaults

    @property
    def threshold_label(self) -> str:
        pounds, pence = divmod(self.register_threshold, 100)
        if not pence and pounds and pounds % 1000 == 0:
            return f"£{pounds // 1000:,}k"
        return format_pounds(self.register_threshold)


def contract_rules(*, organisation: Organisation) -> Rules:
    """The council's procurement matrix, risk rules and register threshold; the defaults if it set none."""
    stored = ContractRules.objects.filter(organisation=organisation).first()
    if stored is None:
        return Rules(DEFAULT_MATRIX, DEFAULT_RISK_RULES, REGISTER_THRESHOLD_PENCE, customised=False)
    return Rules(
        ProcurementMatrix.from_config(stored.procurement_matrix),
        RiskRules.from_config(stored.risk_rules),
        stored.register_threshold,
        customised=True,
    )


def cycle_list(*, organisation: Organisation, include_drafts: bool = False) -> list[ReportingCycle]:
    """The council's contract reporting cycles, oldest first; drafts only for officers."""
    cycles = ReportingCycle.objects.filter(organisation=organisation).select_related("organisation")
    if not include_drafts:
        cycles = cycles.filter(status=ReportingCycle.Status.PUBLISHED)
    return list(cycles.order_by("month"))


def cycle_get(*, organisation: Organisation, slug: str, include_drafts: bool = False) -> ReportingCycle:
    """The cycle a URL names ("2021-02"); raises ReportingCycle.DoesNotExist."""
    try:
        month = Month.parse(slug)
    except PeriodError:
        raise ReportingCycle.DoesNotExist(slug) from None
    for cycle in cycle_list(organisation=organisation, include_drafts=include_drafts):
        if cycle.month == month.first_day:
            return cycle
    raise ReportingCycle.DoesNotExist(slug)


def cycle_latest_with_register(*, organisation: Organisation, include_drafts: bool = False) -> ReportingCycle | None:
    cycles = ReportingCycle.objects.filter(organisation=organisation, entries__isnull=False)
    if not include_drafts:
        cycles = cycles.filter(status=ReportingCycle.Status.PUBLISHED)
    return cycles.distinct().order_by("-month").first()


def cycle_portfolios(*, cycle: ReportingCycle) -> list[Portfolio]:
    """Portfolios with contracts in the cycle's register."""
    return list(Portfolio.objects.filter(register_entries__cycle=cycle).distinct().order_by("name"))


RISK_RANK = {colour.value: colour.rank for colour in RiskColour}
STATUS_RANK = {status.value: status.rank for status in ProcurementStatus}


def order_key(
    *, concern: bool, capital: bool, risk: str, status: str, portfolio: str, total: int, reference: str
) -> tuple[object, ...]:
    """The register key's order (`004_5a7191a0a14e1e5f.txt:3901`): contracts of concern first; then
    risk index (red first), procurement status (red first, imminent last), portfolio and total value
    (largest first); capital contracts at the foot, in the same order."""
    return (not concern, capital, RISK_RANK[risk], STATUS_RANK[status], portfolio, -total, reference)


def register_order_key(entry: RegisterEntry) -> tuple[object, ...]:
    return order_key(
        concern=entry.concern,
        capital=entry.capital,
        risk=entry.risk_colour,
        status=entry.procurement_status,
        portfolio=entry.portfolio.name,
        total=entry.total_value,
        reference=entry.contract.reference,
    )


def register_entries(
    *, cycle: ReportingCycle, portfolio: Portfolio | None = None, part: Part = Part.ONE, threshold: int = 0
) -> list[RegisterEntry]:
    """A cycle's register entries of at least `threshold` pence, in the register's order."""
    entries: QuerySet[RegisterEntry] = cycle.entries.select_related("contract", "portfolio").filter(
        total_value__gte=threshold
    )
    if portfolio is not None:
        entries = entries.filter(portfolio=portfolio)
    if part is Part.ONE:
        entries = entries.defer(*PART2_FIELDS)
    return sorted(entries, key=register_order_key)


def entry_get(*, cycle: ReportingCycle, portfolio: Portfolio, reference: str, part: Part = Part.ONE) -> RegisterEntry:
    """One contract in a cycle's register; raises RegisterEntry.DoesNotExist."""
    entries = cycle.entries.select_related("contract", "portfolio", "cycle")
    if part is Part.ONE:
        entries = entries.defer(*PART2_FIELDS)
    return entries.get(portfolio=portfolio, contract__reference=reference)


# --- the register report -----------------------------------------------------------------------

PART1_COLUMNS = (
    Column("risk_index", "Risk Index", tag="risk"),
    Column("contract_id", "Contract ID"),
    Column("owner", "Owner"),
    Column("approver", "Approver"),
    Column("title", "Contract Title"),
    Column("supplier", "Supplier Name"),
    Column("portfolio", "Portfolio"),
    Column("total_value", "Total Value", numeric=True),
    Column("annual_value", "Original Annual Value", numeric=True),
    Column("budget", "Budget", numeric=True),
    Column("projection", "Projection", numeric=True),
    Column("procurement_status", "Proc. Status", tag="status"),
    Column("start_date", "Start Date"),
    Column("end_date", "End Date"),
    Column("months_duration", "Months Duration", numeric=True),
    Column("attention", "Attention"),
    Column("capital", "Capital"),
)
PART2_COLUMNS = (*PART1_COLUMNS, Column("commentary", "Commentary"))


# The fields a register row shows, read as plain values: a register of thousands of contracts is
# built without making a model object for each.
ROW_FIELDS = (
    "contract__reference", "owner", "approver", "title", "supplier", "total_value", "original_annual_value",
    "budget", "projection", "procurement_status", "start_text", "end_text", "months_duration", "attention",
    "capital", "concern", "risk_colour", "risk_score",
)  # fmt: skip
_REF, _TOTAL, _STATUS, _CAPITAL, _CONCERN, _RISK = 0, 5, 9, 14, 15, 16
LABELS = {**{c.value: c.label for c in RiskColour}, **{s.value: s.label for s in ProcurementStatus}}


@dataclass(frozen=True)
class RegisterRows:
    columns: tuple[Column, ...]
    sections: tuple[RegisterSection, ...]
    imminent: int


def register_rows(*, cycle: ReportingCycle, portfolio: Portfolio, part: Part, threshold: int) -> RegisterRows:
    """The register's rows for `part` as display cells, in order, split into its sections."""
    fields = ROW_FIELDS + PART2_FIELDS if part is Part.TWO else ROW_FIELDS
    # Dates as ISO text, reformatted by slicing: quicker than a date object per cell.
    entries = cycle.entries.filter(portfolio=portfolio, total_value__gte=threshold).annotate(
        start_text=Cast("start_date", CharField()), end_text=Cast("end_date", CharField())
    )
    values = entries.values_list(*fields)
    ordered = sorted(values, key=_values_key)
    prefix = reverse("contracts:cycle", kwargs={"cycle": cycle.slug}) + f"{portfolio.slug}/"
    concern, revenue, capital = [], [], []
    for value in ordered:
        row = _row(value, prefix, portfolio.name, part)
        (concern if value[_CONCERN] else capital if value[_CAPITAL] else revenue).append(row)
    sections = (
        RegisterSection("concern", "Contracts of concern", tuple(concern)),
        RegisterSection("revenue", "Revenue-funded contracts", tuple(revenue)),
        RegisterSection("capital", "Capital-funded contracts", tuple(capital)),
    )
    imminent = sum(value[_STATUS] == ProcurementStatus.IMMINENT for value in ordered)
    return RegisterRows(PART2_COLUMNS if part is Part.TWO else PART1_COLUMNS, sections, imminent)


def _values_key(v: tuple) -> tuple[object, ...]:
    """The register's order (the rows are all of one portfolio)."""
    return order_key(
        concern=v[_CONCERN], capital=v[_CAPITAL], risk=v[_RISK], status=v[_STATUS], portfolio="", total=v[_TOTAL],
        reference=v[_REF],
    )  # fmt: skip


def _pounds(pence: int | None) -> str:
    """format_pounds, with a shortcut for the usual whole, positive amount."""
    if pence is None:
        return ""
    return f"£{pence // 100:,}" if pence >= 0 and not pence % 100 else format_pounds(pence)


def _day(iso: str) -> str:
    """ "2022-03-31" as the register prints it: "31/03/2022"."""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _row(v: tuple, prefix: str, portfolio: str, part: Part) -> RegisterRow:
    (reference, owner, approver, title, supplier, total, annual, budget, projection, status,
     start, end, months, attention, capital, _concern, risk, score) = v[:18]  # fmt: skip
    cells = (
        f"{LABELS[risk]} {score}",
        reference,
        owner,
        approver,
        title,
        supplier,
        portfolio,
        _pounds(total),
        _pounds(annual),
        _pounds(budget),
        _pounds(projection),
        LABELS[status],
        _day(start),
        _day(end),
        str(months),
        "Flagged" if attention else "",
        "Capital" if capital else "",
    )
    if part is Part.TWO:
        cells = (*cells, _commentary(*v[18:20]))
    return RegisterRow(reference, title, f"{prefix}{reference}/", risk, status, cells)


def _commentary(owner: str, procurement: str) -> str:
    parts = []
    if owner:
        parts.append(f"Contract Owner: {owner}")
    if procurement:
        parts.append(f"Commissioning & Procurement: {procurement}")
    return "\n\n".join(parts)


def register_report(
    *, cycle: ReportingCycle, portfolio: Portfolio, part: Part, include_drafts: bool = False, today: date | None = None
) -> RegisterReport:
    """The whole register report for one portfolio and cycle, as data (see report.py)."""
    from .summaries import recent_cycles, summary_table, turned_red

    rules = contract_rules(organisation=cycle.organisation)
    cycles = recent_cycles(cycle=cycle, include_drafts=include_drafts)
    shared = {"cycle": cycle, "cycles": cycles, "include_drafts": include_drafts}
    rows = register_rows(cycle=cycle, portfolio=portfolio, part=part, threshold=rules.register_threshold)
    as_at = cycle.as_at or today
    return RegisterReport(
        part=part,
        organisation=cycle.organisation.name,
        portfolio=portfolio.name,
        portfolio_slug=portfolio.slug,
        cycle_label=cycle.label,
        cycle_slug=cycle.slug,
        as_at=as_at,
        threshold=rules.threshold_label,
        columns=rows.columns,
        sections=rows.sections,
        summary=summary_table(portfolio=portfolio, threshold=rules.register_threshold, **shared),
        all_portfolios=summary_table(portfolio=None, threshold=rules.register_threshold, **shared),
        turned_red=turned_red(portfolio=portfolio, **shared),
        imminent_count=rows.imminent,
    )


# --- how the rules apply -------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixTable:
    bands: tuple[str, ...]
    rows: tuple[tuple[str, tuple[ProcurementStatus, ...]], ...]  # ("Within 3 months", colours per band)
    beyond_label: str
    beyond: ProcurementStatus
    customised: bool


def matrix_table(*, organisation: Organisation) -> MatrixTable:
    """The council's procurement-status matrix, laid out as the register key prints it."""
    rules = contract_rules(organisation=organisation)
    matrix = rules.matrix
    rows = tuple((f"Within {row.within_months} months", row.statuses) for row in matrix.rows)
    last = matrix.rows[-1].within_months
    return MatrixTable(
        bands=tuple(band.label for band in matrix.value_bands),
        rows=rows,
        beyond_label=f"More than {last} months",
        beyond=matrix.beyond,
        customised=rules.customised,
    )


@dataclass(frozen=True)
class CriterionLine:
    key: str
    label: str
    scoring: str
    weight: int
    points: int | None = None  # for one contract

    @property
    def contribution(self) -> str:
        """Weight x points / 4, as the score adds it up (before the whole score is scaled to 100)."""
        if self.points is None:
            return ""
        whole, quarters = divmod(self.weight * self.points, MAX_POINTS)
        return f"{whole}{('', '.25', '.5', '.75')[quarters]}"


def risk_criteria(*, organisation: Organisation, points: dict[str, int] | None = None) -> list[CriterionLine]:
    """The eight criteria with the council's weights (and one contract's points, when given)."""
    weights = contract_rules(organisation=organisation).risk.weight_of
    return [
        CriterionLine(c.key, c.label, c.scoring, weights.get(c.key, 0), (points or {}).get(c.key) if points else None)
        for c in CRITERIA
    ]


def entry_explanation(*, entry: RegisterEntry) -> dict[str, object]:
    """Why a contract has its procurement status and risk index, for its page."""
    cycle, rules = entry.cycle, contract_rules(organisation=entry.cycle.organisation)
    as_at = cycle.as_at or cycle.month
    status = ProcurementStatus(entry.procurement_status)
    now = rules.matrix.status(
        total_value_pence=entry.total_value, start=entry.start_date, end=entry.end_date, as_at=as_at
    )
    return {
        "status": status,
        "risk": RiskColour(entry.risk_colour),
        "as_at": as_at,
        "months_to_expiry": months_to_expiry(as_at=as_at, end=entry.end_date),
        "value_band": rules.matrix.value_bands[rules.matrix.band_index(entry.total_value)].label,
        "imminent": status is ProcurementStatus.IMMINENT,
        "status_now": now if now is not status else None,
        "criteria": risk_criteria(organisation=cycle.organisation, points=entry.risk_points or None),
        "term_worked_out": term_months(start=entry.start_date, end=entry.end_date),
        "values": {
            "total": format_pounds(entry.total_value),
            "annual": format_pounds(entry.original_annual_value),
            "budget": "" if entry.budget is None else format_pounds(entry.budget),
            "projection": "" if entry.projection is None else format_pounds(entry.projection),
        },
    }
