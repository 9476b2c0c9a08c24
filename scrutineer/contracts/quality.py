"""Where the register disagrees with itself or with what was published: listed, never corrected.

The text of the February 2021 report lost every contract's colours, so the published summary counts
are the check on the colours Scrutineer works out (`004_5a7191a0a14e1e5f.txt:3800-3814`). The
published tables are also checked against their own totals, and each contract against its dates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from scrutineer.core.models import Organisation
from scrutineer.domain.procurement import term_months

from .models import PublishedCount, RegisterEntry, ReportingCycle
from .report import SummaryCell
from .selectors import cycle_list, cycle_portfolios
from .summaries import summary_table

G = PublishedCount.Group
COLOURS = {"red", "amber", "yellow", "green", "imminent"}


@dataclass(frozen=True)
class ComparisonLine:
    group: str
    label: str
    tag: str
    published: int | None
    ours: int | None

    @property
    def difference(self) -> int | None:
        if self.published is None or self.ours is None:
            return None
        return self.ours - self.published

    @property
    def difference_text(self) -> str:
        difference = self.difference
        if difference is None:
            return "–"
        return "matches" if difference == 0 else f"{abs(difference)} {'more' if difference > 0 else 'fewer'}"


@dataclass(frozen=True)
class Comparison:
    """Published counts beside those worked out from the register, for one cycle and portfolio."""

    cycle: ReportingCycle
    portfolio: str
    lines: tuple[ComparisonLine, ...]

    @property
    def matching(self) -> int:
        return sum(line.difference == 0 for line in self.lines)

    @property
    def differing(self) -> tuple[ComparisonLine, ...]:
        return tuple(line for line in self.lines if line.difference)


def published_comparisons(*, organisation: Organisation) -> list[Comparison]:
    """For each published cycle whose register is held, ours against the published counts, newest first."""
    found = []
    for cycle in reversed(cycle_list(organisation=organisation)):
        for portfolio in cycle_portfolios(cycle=cycle):
            table = summary_table(cycle=cycle, portfolio=portfolio)
            cells = [(row, row.cells[-1]) for row in table.rows]
            if not any(cell.published is not None for _, cell in cells):
                continue
            lines = tuple(_line(row.group, row.label, row.tag, cell) for row, cell in cells)
            found.append(Comparison(cycle, portfolio.name, lines))
    return found


def _line(group: str, label: str, tag: str, cell: SummaryCell) -> ComparisonLine:
    return ComparisonLine(group, label, tag, cell.published, cell.count)


@dataclass(frozen=True)
class Finding:
    cycle: str
    what: str  # the contract ("270 Software Licence ...") or the table row
    detail: str
    source: str = ""
    url: str = ""


@dataclass
class QualityReport:
    comparisons: list[Comparison] = field(default_factory=list)
    published_totals: list[Finding] = field(default_factory=list)
    durations: list[Finding] = field(default_factory=list)
    now_live: list[Finding] = field(default_factory=list)
    ended: list[Finding] = field(default_factory=list)
    no_supplier: list[Finding] = field(default_factory=list)
    colours: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        lists = (self.published_totals, self.durations, self.now_live, self.ended, self.no_supplier, self.colours)
        return sum(len(c.differing) for c in self.comparisons) + sum(len(items) for items in lists)


def data_quality(*, organisation: Organisation) -> QualityReport:
    cycles = cycle_list(organisation=organisation)
    report = QualityReport(comparisons=published_comparisons(organisation=organisation))
    report.published_totals = _published_totals(cycles)
    entries = (
        RegisterEntry.objects.filter(cycle__in=cycles)
        .select_related("contract", "portfolio", "cycle")
        .defer("owner_commentary", "procurement_commentary")
        .order_by("-cycle__month", "position")
    )
    for entry in entries:
        _check_entry(entry, report)
    return report


def _check_entry(entry: RegisterEntry, report: QualityReport) -> None:
    cycle = entry.cycle
    as_at = cycle.as_at or cycle.month
    what = f"{entry.contract.reference} {entry.title}"
    url = f"{cycle.get_absolute_url()}{entry.portfolio.slug}/{entry.contract.reference}/"
    term = term_months(start=entry.start_date, end=entry.end_date)
    dates = f"{entry.start_date:%d/%m/%Y} to {entry.end_date:%d/%m/%Y}"
    if entry.printed.get("months_duration") and entry.months_duration != term:
        report.durations.append(
            Finding(
                cycle.label, what, f"Printed as {entry.months_duration} months; {dates} is {term}.", entry.source, url
            )
        )
    if "now live" in entry.title.lower() and entry.start_date > as_at:
        detail = f"The title says it is live, but it starts on {entry.start_date:%d/%m/%Y}, after {as_at:%d/%m/%Y}."
        report.now_live.append(Finding(cycle.label, what, detail, entry.source, url))
    if entry.end_date < as_at:
        detail = f"It ended on {entry.end_date:%d/%m/%Y}, before the register's date {as_at:%d/%m/%Y}."
        report.ended.append(Finding(cycle.label, what, detail, entry.source, url))
    if not entry.supplier.strip():
        detail = "No supplier is recorded; the Transparency Code asks for the supplier's name."
        report.no_supplier.append(Finding(cycle.label, what, detail, entry.source, url))
    for column, label, ours in (
        ("risk_index", "Risk Index", entry.risk_colour),
        ("procurement_status", "Procurement Status", entry.procurement_status),
    ):
        printed = entry.printed.get(column, "").strip()
        if printed.lower() in COLOURS and printed.lower() != ours:
            detail = f"{label} printed as {printed}; worked out as {ours.title()}."
            report.colours.append(Finding(cycle.label, what, detail, entry.source, url))


def _published_totals(cycles: list[ReportingCycle]) -> list[Finding]:
    """Each published table's rows against its own Total row, and each total against the contract count."""
    tables: dict[tuple[int, int | None], list[PublishedCount]] = defaultdict(list)
    for item in PublishedCount.objects.filter(cycle__in=cycles).select_related("cycle", "portfolio"):
        tables[(item.cycle_id, item.portfolio_id)].append(item)
    findings = []
    for items in tables.values():
        findings.extend(_table_findings(items))
    return findings


def _table_findings(items: list[PublishedCount]) -> list[Finding]:
    cycle, scope = items[0].cycle, items[0].portfolio.name if items[0].portfolio else "All portfolios"
    contracts = next((i for i in items if i.group == G.CONTRACTS), None)
    findings = []
    for group in (G.PORTFOLIO, G.RISK_INDEX, G.PROCUREMENT_STATUS):
        total = next((i for i in items if i.group == group and i.is_total), None)
        parts = [i for i in items if i.group == group and not i.is_total]
        if total is None or not parts:
            continue
        # A portfolio's table leaves imminent contracts out of its Procurement Status total (004_...:3812-3814).
        in_total = [i for i in parts if not (items[0].portfolio and i.category == "imminent")]
        added = sum(i.count for i in in_total)
        label = f"{scope}: {G(group).label} total"
        if added != total.count:
            detail = f"The rows add up to {added}; the printed total is {total.count}."
            findings.append(Finding(cycle.label, label, detail, total.source))
        if contracts is not None and total.count != contracts.count:
            imminent = next((i.count for i in parts if i.category == "imminent"), None)
            why = _why_totals_differ(total.count, contracts.count, imminent)
            detail = f"The printed total is {total.count}, against {contracts.count} contracts{why}."
            findings.append(Finding(cycle.label, label, detail, total.source))
    return findings


def _why_totals_differ(total: int, contracts: int, imminent: int | None) -> str:
    if imminent is not None and total - imminent == contracts:
        return f": the {imminent} imminent contracts are counted in the total"
    if contracts > total and imminent is None:
        missing = contracts - total
        counted = "contracts are" if missing > 1 else "contract is"
        return f": {missing} {counted} not in the total, and no imminent count is printed"
    if imminent is not None and total + imminent == contracts:
        return f": the {imminent} imminent contracts are left out of the total"
    return ""
