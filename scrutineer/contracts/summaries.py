"""The register's summary tables across the last three cycles, what turned red, and data quality.

Two tables, as the report prints them: one per portfolio (`004_5a7191a0a14e1e5f.txt:3800-3814`) and
one for all portfolios (Appendix 1, `004_5a7191a0a14e1e5f.txt:3850-3871`). A cycle's column is
worked out from its register when the register is held for that scope; otherwise it shows the
counts the council published for it (September and November 2020 are held only that way). Where
both are held, the published figure is kept beside ours and any difference is listed, never hidden.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from scrutineer.core.models import Portfolio
from scrutineer.domain.procurement import MATRIX_COLOURS, ProcurementStatus
from scrutineer.domain.risk_index import RiskColour

from .models import PublishedCount, RegisterEntry, ReportingCycle
from .report import StatusChange, SummaryCell, SummaryColumn, SummaryRow, SummaryTable, TurnedRed
from .selectors import contract_rules, cycle_list

Key = tuple[str, str, bool]  # (group, category, is_total), as PublishedCount stores them
G = PublishedCount.Group
RISK = [colour.value for colour in RiskColour]
STATUS = [status.value for status in MATRIX_COLOURS]
IMMINENT = ProcurementStatus.IMMINENT.value
ALL = "All portfolios"


@dataclass(frozen=True)
class _Line:
    group: str
    label: str
    key: Key
    tag: str = ""
    is_total: bool = False


def _colour_lines(group: str, heading: str, colours: list[str], *, total: bool = True) -> list[_Line]:
    lines = [_Line(heading, c.title(), (group, c, False), tag=c) for c in colours]
    return [*lines, _Line(heading, "Total", (group, "", True), is_total=True)] if total else lines


def _portfolio_lines() -> list[_Line]:
    return [
        _Line("Total Contracts", "£50k+", (G.CONTRACTS, "", False)),
        _Line("Concern Flag", "Concern Flag", (G.CONCERN, "", False)),
        *_colour_lines(G.RISK_INDEX, "Risk Index", RISK),
        *_colour_lines(G.PROCUREMENT_STATUS, "Procurement Status", STATUS),
        _Line("Procurement Status", "Imminent", (G.PROCUREMENT_STATUS, IMMINENT, False), IMMINENT),
    ]


def _all_lines(portfolio_names: list[str]) -> list[_Line]:
    return [
        _Line("Contracts (>£50k TCV)", ALL, (G.CONTRACTS, "", False)),
        _Line("Flagged as a concern", ALL, (G.CONCERN, "", False)),
        _Line("Capital Contracts", ALL, (G.CAPITAL, "", False)),
        *(_Line("Portfolio", name, (G.PORTFOLIO, name, False)) for name in portfolio_names),
        _Line("Portfolio", "Total", (G.PORTFOLIO, "", True), is_total=True),
        *_colour_lines(G.RISK_INDEX, "Risk Index", RISK),
        *_colour_lines(G.PROCUREMENT_STATUS, "Procurement Status", [*STATUS, IMMINENT]),
    ]


def _counted(rows: list[dict], *, imminent_in_total: bool) -> Counter[Key]:
    """Counts for one scope from aggregated register rows, with the totals the tables print.

    The portfolio table's Procurement Status total leaves imminent contracts out (35/38/38 against
    36/39/40 contracts); the all-portfolios total counts them (216/222/226 against 213/220/223).
    """
    counts: Counter[Key] = Counter()
    for row in rows:
        n = row["n"]
        counts[(G.CONTRACTS, "", False)] += n
        counts[(G.CONCERN, "", False)] += n if row["concern"] else 0
        counts[(G.CAPITAL, "", False)] += n if row["capital"] else 0
        counts[(G.PORTFOLIO, row["portfolio__name"], False)] += n
        counts[(G.PORTFOLIO, "", True)] += n
        counts[(G.RISK_INDEX, row["risk_colour"], False)] += n
        counts[(G.RISK_INDEX, "", True)] += n
        counts[(G.PROCUREMENT_STATUS, row["procurement_status"], False)] += n
        if imminent_in_total or row["procurement_status"] != IMMINENT:
            counts[(G.PROCUREMENT_STATUS, "", True)] += n
    return counts


def _register_rows(cycles: list[ReportingCycle], threshold: int) -> dict[int, list[dict]]:
    rows = (
        RegisterEntry.objects.filter(cycle__in=cycles, total_value__gte=threshold)
        .values(
            "cycle_id", "portfolio_id", "portfolio__name", "procurement_status", "risk_colour", "capital", "concern"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    by_cycle: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_cycle[row["cycle_id"]].append(row)
    return by_cycle


def _published(cycles: list[ReportingCycle]) -> tuple[dict[tuple[int, int | None], dict[Key, int]], list[str]]:
    """Published counts by (cycle, portfolio or None), and the portfolio names the tables printed."""
    found: dict[tuple[int, int | None], dict[Key, int]] = defaultdict(dict)
    names: list[str] = []
    for item in PublishedCount.objects.filter(cycle__in=cycles).order_by("pk"):
        found[(item.cycle_id, item.portfolio_id)][(item.group, item.category, item.is_total)] = item.count
        if item.group == G.PORTFOLIO and item.category and item.category not in names:
            names.append(item.category)
    return found, names


def recent_cycles(*, cycle: ReportingCycle, include_drafts: bool = False, count: int = 3) -> list[ReportingCycle]:
    """`cycle` and the cycles before it, `count` in all, oldest first."""
    cycles = [
        c for c in cycle_list(organisation=cycle.organisation, include_drafts=include_drafts) if c.month <= cycle.month
    ]
    return cycles[-count:]


def summary_table(
    *,
    cycle: ReportingCycle,
    portfolio: Portfolio | None,
    include_drafts: bool = False,
    cycles: list[ReportingCycle] | None = None,
    threshold: int | None = None,
) -> SummaryTable:
    """The summary table for a portfolio (or all portfolios) over the three cycles up to `cycle`.

    `cycles` (from recent_cycles) and `threshold` save queries when the caller has them already.
    """
    cycles = cycles if cycles is not None else recent_cycles(cycle=cycle, include_drafts=include_drafts)
    if threshold is None:
        threshold = contract_rules(organisation=cycle.organisation).register_threshold
    register = _register_rows(cycles, threshold)
    published, printed_names = _published(cycles)
    columns, sources = [], []
    for each in cycles:
        rows = [r for r in register.get(each.pk, []) if portfolio is None or r["portfolio_id"] == portfolio.pk]
        held = bool(rows) and (portfolio is not None or each.whole_register)
        printed = published.get((each.pk, portfolio.pk if portfolio else None))
        source = "register" if held else "published" if printed else ""
        counts = _counted(rows, imminent_in_total=portfolio is None) if held else Counter()
        columns.append(SummaryColumn(each.label, each.slug, source))
        sources.append((source, counts, printed or {}))
    if portfolio is None:
        names = printed_names + sorted(
            {r["portfolio__name"] for rs in register.values() for r in rs} - set(printed_names)
        )
        lines = _all_lines(names)
    else:
        lines = _portfolio_lines()
    rows = tuple(
        SummaryRow(line.group, line.label, tuple(_cell(line.key, *s) for s in sources), line.tag, line.is_total)
        for line in lines
    )
    title = portfolio.name if portfolio else ALL
    caption = f"Contracts register summary: {title}, {columns[0].label} to {columns[-1].label}"
    extracts = {pk for pk, rs in register.items() if rs}
    notes = _notes(cycles, columns, extracts)
    if portfolio is not None:
        notes = (*notes, "Imminent contracts (not yet started) are not in the Procurement Status total.")
    return SummaryTable(title, caption, tuple(columns), rows, notes)


def _cell(key: Key, source: str, counts: Counter[Key], printed: dict[Key, int]) -> SummaryCell:
    if source == "register":
        return SummaryCell(counts.get(key, 0), "register", printed.get(key))
    if source == "published":
        return SummaryCell(printed.get(key), "published")
    return SummaryCell(None)


def _notes(cycles: list[ReportingCycle], columns: list[SummaryColumn], with_register: set[int]) -> tuple[str, ...]:
    notes = []
    for each, column in zip(cycles, columns, strict=True):
        if column.source == "register":
            as_at = f" as at {each.as_at:%-d %B %Y}" if each.as_at else ""
            notes.append(f"{each.label}: worked out from the register{as_at}, with the council's current rules.")
        elif column.source == "published" and each.pk in with_register:
            notes.append(f"{each.label}: as the council published them; only an extract of the register is held.")
        elif column.source == "published":
            notes.append(f"{each.label}: as the council published them; the register itself is not held.")
        else:
            notes.append(f"{each.label}: no figures are held.")
    return tuple(notes)


def turned_red(
    *,
    cycle: ReportingCycle,
    portfolio: Portfolio | None = None,
    include_drafts: bool = False,
    cycles: list[ReportingCycle] | None = None,
) -> TurnedRed:
    """Contracts whose procurement status or risk index is red now but was not in the cycle before."""
    cycles = (cycles if cycles is not None else recent_cycles(cycle=cycle, include_drafts=include_drafts))[-2:]
    if len(cycles) < 2:
        return TurnedRed("", available=False)
    previous = cycles[0]
    scope = {"portfolio": portfolio} if portfolio else {}
    if not previous.entries.filter(**scope).exists():
        return TurnedRed(previous.label, available=False)
    now = list(
        cycle.entries.filter(**scope)
        .select_related("contract", "portfolio")
        .only("contract__reference", "portfolio__slug", "title", "procurement_status", "risk_colour", "cycle_id")
        .order_by("position")
    )
    before = {
        e.contract_id: e
        for e in previous.entries.filter(contract_id__in=[e.contract_id for e in now]).only(
            "contract_id", "procurement_status", "risk_colour"
        )
    }
    changes = []
    for entry in now:
        earlier = before.get(entry.contract_id)
        for what, field in (("Procurement Status", "procurement_status"), ("Risk Index", "risk_colour")):
            if getattr(entry, field) == "red" and (earlier is None or getattr(earlier, field) != "red"):
                changes.append(_change(cycle, entry, earlier, what, field))
    return TurnedRed(previous.label, available=True, changes=tuple(changes))


def _change(cycle: ReportingCycle, entry: RegisterEntry, earlier: RegisterEntry | None, what: str, field: str):
    before = getattr(earlier, field) if earlier else ""
    return StatusChange(
        contract_id=entry.contract.reference,
        title=entry.title,
        url=f"{cycle.get_absolute_url()}{entry.portfolio.slug}/{entry.contract.reference}/",
        what=what,
        before=before.title() if before else "Not in the register",
        before_tag=before,
        after="Red",
        after_tag="red",
    )
