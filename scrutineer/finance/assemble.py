"""Assemble the budget monitoring and capital programme reports as plain data (report_data).

The sections follow the council's reports: the position, commentary, Appendix 1a (the summary),
1b (reasons for variations, with the DSG table), 1c (full year effect), 2 (reconciliation of the
latest approved budget) and the risks; for capital, the variations agreed, rephasing,
post-completion reviews, Appendix A (the programme) and Appendix B (progress). Every total shown
is computed; where the document printed something else, the cell carries the printed figure too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from scrutineer.domain import budget as b
from scrutineer.domain import capital as c
from scrutineer.domain.money import format_dr_cr, format_thousands
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialYear

from .models import BudgetNote
from .report_data import (
    BulletList,
    Cell,
    Chart,
    Column,
    CoverField,
    KeyFigures,
    NumberedList,
    Paragraph,
    Report,
    Row,
    RowKind,
    Section,
    Table,
)
from .selectors import (
    BudgetView,
    CapitalView,
    LineRecord,
    budget_findings,
    capital_findings,
    grant_block_rows,
    grant_blocks,
    grant_carried_forward,
    progress_totals,
    reconciled_latest_approved,
)

Published = Mapping[str, tuple[str, int, str, int | None]]


def k(value: int | None) -> str:
    """£'000 in prose: "£370k", "Cr £61k"."""
    if value is None:
        return "none"
    return f"Cr £{-value:,}k" if value < 0 else f"£{value:,}k"


def dr_cr_k(value: int) -> str:
    """A variation in prose: "Dr £370k" (overspend), "Cr £61k" (underspend), "£0k"."""
    return f"Dr £{value:,}k" if value > 0 else k(value)


def amount(value: int | None, published: int | None = None) -> Cell:
    """A figure as the council prints it, with the printed one beside it where they differ."""
    text = "" if value is None else format_thousands(value)
    differs = published is not None and published != value
    return Cell(text, value, format_thousands(published) if differs and published is not None else "")


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(p.strip()) for p in text.split("\n\n") if p.strip()]


def _cover(cover: Sequence[Mapping[str, object]]) -> list[CoverField]:
    return [
        CoverField(str(field["key"]), str(field.get("text", "")), field.get("source_line"))  # type: ignore[arg-type]
        for field in cover
    ]


# --- budget monitoring -----------------------------------------------------------------------


DivisionHref = Callable[[str, str], str]


def budget_report(view: BudgetView, *, division_href: DivisionHref | None = None) -> Report:
    """The budget monitoring report. For a long ledger the summary shows each division's sums;
    `division_href(department, division)` gives where that division's own lines are shown."""
    monitoring = view.monitoring
    year = FinancialYear(monitoring.period.year)
    sections = [
        _position(view),
        _chart_section(view),
        Section("summary", "Budget monitoring summary", [summary_table(view, year, division_href)]),
        _notes_section(view),
        _full_year_effect_section(view, year),
        _reconciliation_section(view, year),
        Section(
            "risks",
            "Financial risks",
            [NumberedList(tuple((f"{risk.numeral})", risk.text) for risk in view.risks))] if view.risks else [],
        ),
        Section("commentary", "Commentary", list(_paragraphs(monitoring.commentary))),
    ]
    return Report(
        kind="budget-monitoring",
        title=monitoring.title,
        period_label=monitoring.period.long_label,
        portfolio=monitoring.portfolio.name,
        part=Part.ONE,
        cover=_cover(monitoring.cover),
        sections=[s for s in sections if s.blocks or s.subsections],
        findings=budget_findings(view),
        source=monitoring.source,
    )


def _position(view: BudgetView) -> Section:
    controllable = view.summary.controllable
    portfolio = view.summary.portfolio
    variation = controllable.variation or 0
    direction = "overspend" if variation > 0 else "underspend" if variation < 0 else "on budget"
    next_year = FinancialYear(view.monitoring.period.year + 1).label
    items = (
        ("Latest approved budget (controllable)", k(controllable.latest_approved)),
        ("Projected outturn (controllable)", k(controllable.projected_outturn)),
        ("Projected variation (controllable)", f"{dr_cr_k(variation)} ({direction})"),
        ("Variation last reported", dr_cr_k(controllable.variation_last_reported or 0)),
        (f"Full year effect in {next_year}", k(controllable.full_year_effect)),
        ("Latest approved budget (whole portfolio)", k(portfolio.latest_approved)),
        ("Projected outturn (whole portfolio)", k(portfolio.projected_outturn)),
    )
    blocks: list = [KeyFigures(items)]
    if view.monitoring.position_at:
        blocks.insert(0, Paragraph(f"Based on {view.monitoring.position_at}."))
    blocks += _paragraphs(view.monitoring.exclusions)
    return Section("position", "The position", blocks)


def _chart_section(view: BudgetView) -> Section:
    divisions = [(department, division) for department in view.summary.departments for division in department.divisions]
    if not divisions:
        return Section("variation-by-division", "Variation by division")
    many_departments = len(view.summary.departments) > 1
    names = [f"{d.name}: {v.name}" if many_departments else v.name for d, v in divisions]
    values = [v.figures.variation or 0 for _, v in divisions]
    rows = [
        Row(
            name,
            (
                amount(v.figures.latest_approved),
                amount(v.figures.projected_outturn),
                amount(v.figures.variation),
                amount(v.figures.variation_last_reported),
            ),
        )
        for name, (_, v) in zip(names, divisions, strict=True)
    ]
    controllable = view.summary.controllable
    rows.append(
        Row(
            view.labels.controllable,
            (
                amount(controllable.latest_approved),
                amount(controllable.projected_outturn),
                amount(controllable.variation),
                amount(controllable.variation_last_reported),
            ),
            RowKind.TOTAL,
        )
    )
    table = Table(
        "variation-by-division-table",
        "Controllable budget by division (£'000)",
        (
            Column("Division", key="division"),
            Column("Latest approved", True, "latest_approved"),
            Column("Projected outturn", True, "projected_outturn"),
            Column("Variation", True, "variation"),
            Column("Variation last reported", True, "variation_last_reported"),
        ),
        tuple(rows),
    )
    chart = Chart(
        "variation-by-division",
        "Projected variation by division (£'000)",
        variation_description(names, values),
        tuple(names),
        tuple(values),
        table_key=table.key,
    )
    return Section("variation-by-division", "Variation by division", [chart, table])


def variation_description(names: Sequence[str], values: Sequence[int]) -> str:
    """The chart's text alternative, said plainly: what is drawn, and what stands out."""
    over = [(n, v) for n, v in zip(names, values, strict=True) if v > 0]
    under = [(n, v) for n, v in zip(names, values, strict=True) if v < 0]
    parts = [
        f"Bar chart of the projected variation against the latest approved budget for each of "
        f"{len(names)} division{'s' if len(names) != 1 else ''}, in thousands of pounds; "
        "bars to the right are overspends (Dr), to the left underspends (Cr)."
    ]
    if over:
        name, value = max(over, key=lambda item: item[1])
        parts.append(f"{len(over)} overspend; the largest is {name} at {format_dr_cr(value)}.")
    if under:
        name, value = min(under, key=lambda item: item[1])
        parts.append(f"{len(under)} underspend; the largest is {name} at {format_dr_cr(value)}.")
    if not over and not under:
        parts.append("Every division is on budget.")
    return " ".join(parts)


# The summary table, Appendix 1a ---------------------------------------------------------------


def summary_columns(year: FinancialYear) -> tuple[Column, ...]:
    prior = FinancialYear(year.start_year - 1)
    return (
        Column("Service areas", key="line"),
        Column(f"{prior.label} Actuals", True, "prior_year_actuals"),
        Column(f"{year.label} Original Budget", True, "original_budget"),
        Column(f"{year.label} Latest Approved", True, "latest_approved"),
        Column(f"{year.label} Projected Outturn", True, "projected_outturn"),
        Column("Variation", True, "variation"),
        Column("Notes", key="notes"),
        Column("Variation Last Reported", True, "variation_last_reported"),
        Column("Full Year Effect", True, "full_year_effect"),
    )


def _figure_cells(figures: b.Figures, published: Mapping[str, int | None], note: Cell) -> tuple[Cell, ...]:
    cells = [amount(figures.get(column), published.get(column)) for column in b.COLUMNS]
    return (*cells[:5], note, *cells[5:])


def _total_row(view: BudgetView, total: b.Total, kind: RowKind, level: int = 0) -> Row:
    printed = {column: entry[1] for column, entry in view.published.get(total.key, {}).items()}
    return Row(total.label, _figure_cells(total.figures, printed, Cell("")), kind, level)


def _line_row(line: b.Line, note_numbers: set[str], level: int) -> Row:
    record: LineRecord = line.ref  # type: ignore[assignment]
    ref = record.note_ref
    note = Cell(ref, href=f"#note-{ref}" if ref in note_numbers else "")
    remark = f"Printed as “{record.printed_label}”." if record.printed_label else ""
    return Row(
        line.name,
        _figure_cells(line.figures, {"variation": record.published_variation}, note),
        RowKind.LINE,
        level,
        remark,
    )


def _heading(text: str, level: int = 0) -> Row:
    return Row(text, (), RowKind.HEADING, level)


def summary_table(view: BudgetView, year: FinancialYear, division_href: DivisionHref | None = None) -> Table:
    notes = {note.number for note in view.notes if note.number}
    totals = view.totals
    rows: list[Row] = []
    for department in view.summary.departments:
        if department.name:
            rows.append(_heading(department.name))
        for division in department.divisions:
            key = b.division_key(department.name, division.name)
            if view.detailed:
                rows.append(_heading(division.name, 1))
                rows += [_line_row(line, notes, 2) for line in division.lines]
                rows.append(_total_row(view, totals[key], RowKind.SUBTOTAL, 1))
            else:
                rows.append(_division_row(view, totals[key], division, division_href))
        if f"department:{department.name}" in totals:
            rows.append(_total_row(view, totals[f"department:{department.name}"], RowKind.SUBTOTAL))
    for key in ("controllable", "non_controllable", "excluded_recharges", "portfolio"):
        rows.append(_total_row(view, totals[key], RowKind.TOTAL))
    if view.summary.memoranda:
        rows.append(_heading("Memorandum Item"))
    for group in view.summary.memoranda:
        if view.detailed:
            rows.append(_heading(group.name, 1))
            rows += [_line_row(line, notes, 2) for line in group.lines]
        rows.append(_total_row(view, totals[f"memorandum:{group.name}"], RowKind.SUBTOTAL, 1))
    footnotes = [
        "Credits (income above spend, or underspends) are shown Cr. Variation is projected outturn less "
        "latest approved budget; totals and sub-totals are the product's own sums.",
        "Where the report printed a different figure, it is shown beside ours as printed.",
        "Non-controllable budgets and excluded recharges are shown as totals, as the council's summary "
        "shows them; their lines are in the export.",
        "Memorandum items are already included in the service areas above and are not added to the portfolio total.",
    ]
    if not view.detailed:
        footnotes.insert(
            0,
            f"The ledger has {view.line_count:,} lines, so each division is shown by its sums; "
            "each division's own lines are on its page and in the export.",
        )
    return Table(
        "budget-summary", "Budget monitoring summary", summary_columns(year), tuple(rows), footnotes=tuple(footnotes),
        wide=True,
    )  # fmt: skip


def _division_row(view: BudgetView, total: b.Total, division: b.Division, href: DivisionHref | None) -> Row:
    """A division standing for its lines: its sums, checked against its printed subtotal."""
    printed = {column: entry[1] for column, entry in view.published.get(total.key, {}).items()}
    count = sum(line.ref.line_count for line in division.lines)  # type: ignore[attr-defined]
    department = division.lines[0].department if division.lines else ""
    return Row(
        division.name,
        _figure_cells(total.figures, printed, Cell("")),
        RowKind.LINE,
        1,
        f"{count:,} line{'s' if count != 1 else ''}",
        href(department, division.name) if href else "",
    )


def division_table(view: BudgetView, year: FinancialYear, department: str, division: str) -> Table:
    """One division's lines with its subtotal: the page a long ledger's summary links to."""
    notes = {note.number for note in view.notes if note.number}
    found = next(
        (d for dep in view.summary.departments if dep.name == department for d in dep.divisions if d.name == division),
        None,
    )
    rows = [_line_row(line, notes, 0) for line in (found.lines if found else [])]
    if found is not None:
        rows.append(_total_row(view, view.totals[b.division_key(department, division)], RowKind.SUBTOTAL))
    return Table("division-lines", f"{division}: lines", summary_columns(year), tuple(rows), wide=True)


# Reasons for variations, Appendix 1b ----------------------------------------------------------


def _notes_section(view: BudgetView) -> Section:
    section = Section("reasons-for-variations", "Reasons for variations")
    current: Section | None = None
    for note in view.notes:
        heading = f"{note.number}. {note.heading}" if note.number else note.heading
        anchor = f"note-{note.number}" if note.number else f"note-part-{note.position}"
        sub = Section(anchor, heading, list(_paragraphs(note.text)))
        sub.blocks += _note_tables(view, note)
        if note.number or not note.line_name or current is None:
            section.subsections.append(sub)
            current = sub if note.number else None
        else:
            current.subsections.append(sub)
    return section


def _note_tables(view: BudgetView, note: BudgetNote) -> list[Table]:
    tables: list[Table] = []
    items = list(note.analysis.all())
    if items:
        printed = view.published.get(f"note:{note.position}:analysis", {}).get("variation")
        rows = [Row(item.label, (_dr_cr(item.variation), _dr_cr(item.variation_last_reported))) for item in items]
        net = sum(item.variation for item in items)
        rows.append(
            Row(
                "Net",
                (
                    Cell(format_dr_cr(net), net, format_dr_cr(printed[1]) if printed and printed[1] != net else ""),
                    _dr_cr(_sum_or_none(item.variation_last_reported for item in items)),
                ),
                RowKind.TOTAL,
            )
        )
        tables.append(
            Table(
                f"note-{note.position}-analysis",
                f"{note.heading}: analysis of the variation (£'000)",
                (Column("Analysis", key="label"), Column("Projected variation", True), Column("Last reported", True)),
                tuple(rows),
                footnotes=("Dr is an overspend, Cr an underspend.",),
            )
        )
    if note.grant:
        tables += _grant_tables(view, note.grant)
    return tables


def _dr_cr(value: int | None) -> Cell:
    return Cell("" if value is None else format_dr_cr(value), value)


def _sum_or_none(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _grant_tables(view: BudgetView, grant: str) -> list[Table]:
    tables = []
    variations = view.grant_variations.get(grant, [])
    if variations:
        blocks = grant_blocks(variations)
        rows: list[Row] = []
        group = ""
        for variation in variations:
            if variation.group != group and variation.group:
                rows.append(_heading(variation.group))
            group = variation.group
            by_block = dict(variation.blocks)
            cells = (amount(variation.variation), *(amount(by_block.get(block, 0)) for block in blocks))
            rows.append(Row(variation.label, cells, level=1 if variation.group else 0))
        totals = b.block_totals(grant_block_rows(variations))
        printed = {column: entry[1] for column, entry in view.published.get(f"grant:{grant}", {}).items()}
        rows.append(
            Row(
                "Total",
                (
                    amount(totals["variation"], printed.get("Variations")),
                    *(amount(totals.get(block, 0), printed.get(block)) for block in blocks),
                ),
                RowKind.TOTAL,
            )
        )
        tables.append(
            Table(
                "grant-variations",
                f"{grant}: variations by funding block (£'000)",
                (Column("Variation"), Column("Variations", True), *(Column(block, True) for block in blocks)),
                tuple(rows),
            )
        )
    steps = view.grant_steps.get(grant, [])
    if steps:
        carried = grant_carried_forward(steps)
        printed = view.published.get(f"grant:{grant}:carried_forward", {}).get("balance")
        rows = [
            Row(
                step.label,
                (amount(step.amount),),
            )
            for step in steps
        ]
        state = "deficit" if carried < 0 else "surplus"
        rows.append(
            Row(
                f"Balance carried forward ({state})",
                (amount(carried, printed[1] if printed else None),),
                RowKind.TOTAL,
            )
        )
        tables.append(
            Table(
                "grant-carry-forward",
                f"{grant}: balance carried forward (£'000)",
                (Column("Step"), Column("£'000", True)),
                tuple(rows),
                footnotes=(
                    "The grant is ring-fenced: any over- or underspend is carried forward to next year's "
                    "Schools Budget. A balance shown Cr is a deficit.",
                ),
            )
        )
    return tables


# Full year effect (Appendix 1c) and reconciliation (Appendix 2) -------------------------------


def _full_year_effect_section(view: BudgetView, year: FinancialYear) -> Section:
    next_year = FinancialYear(year.start_year + 1).label
    rows: list[Row] = []
    for department in view.summary.departments:
        for division in department.divisions:
            fye_lines = [line for line in division.lines if line.figures.full_year_effect]
            if not fye_lines:
                continue
            if not view.detailed:
                fye_lines = []
            figures = division.figures
            rows.append(
                Row(
                    division.name,
                    (amount(figures.latest_approved), amount(figures.variation), amount(figures.full_year_effect)),
                    RowKind.SUBTOTAL,
                )
            )
            rows += [
                Row(
                    line.name,
                    (
                        amount(line.figures.latest_approved),
                        amount(line.figures.variation),
                        amount(line.figures.full_year_effect),
                    ),
                    level=1,
                )
                for line in fye_lines
            ]
    if not rows:
        return Section("full-year-effect", f"Full year effect going into {next_year}")
    controllable = view.summary.controllable
    rows.append(
        Row(
            view.labels.controllable,
            (
                amount(controllable.latest_approved),
                amount(controllable.variation),
                amount(controllable.full_year_effect),
            ),
            RowKind.TOTAL,
        )
    )
    table = Table(
        "full-year-effect",
        f"Full year effect of this year's pressures in {next_year} (£'000)",
        (
            Column("Description"),
            Column(f"{year.label} Latest Approved", True, "latest_approved"),
            Column(f"Variation to {year.label} budget", True, "variation"),
            Column(f"Potential impact in {next_year}", True, "full_year_effect"),
        ),
        tuple(rows),
    )
    blocks: list = [table]
    for note in view.full_year_effects:
        blocks.append(Paragraph(f"{note.division}: {note.text}"))
    return Section("full-year-effect", f"Full year effect going into {next_year}", blocks)


def _reconciliation_section(view: BudgetView, year: FinancialYear) -> Section:
    if not view.reconciliation:
        return Section("reconciliation", "Reconciliation of latest approved budget")
    printed = view.published.get("reconciliation", {})
    original = view.summary.portfolio.original_budget
    rows = [
        Row(
            f"Original Budget {year.label}",
            (amount(original, printed["original_budget"][1] if "original_budget" in printed else None),),
        )
    ]
    heading = ""
    for item in view.reconciliation:
        if item.heading != heading and item.heading:
            rows.append(_heading(item.heading))
        heading = item.heading
        rows.append(Row(item.label, (amount(item.amount),), level=1 if item.heading else 0))
    latest = reconciled_latest_approved(view)
    rows.append(
        Row(
            f"Latest Approved Budget for {year.label}",
            (amount(latest, printed["latest_approved"][1] if "latest_approved" in printed else None),),
            RowKind.TOTAL,
        )
    )
    footnotes: tuple[str, ...] = ()
    if latest != view.summary.portfolio.latest_approved:
        footnotes = (
            f"This does not agree with the summary's latest approved budget of "
            f"{format_thousands(view.summary.portfolio.latest_approved or 0)}.",
        )
    else:
        footnotes = ("This agrees with the latest approved budget in the summary.",)
    table = Table(
        "reconciliation",
        f"Reconciliation of latest approved budget {year.label} (£'000)",
        (Column("Change"), Column("£'000", True)),
        tuple(rows),
        footnotes=footnotes,
    )
    return Section("reconciliation", "Reconciliation of latest approved budget", [table])


# --- capital programme -----------------------------------------------------------------------


def capital_report(view: CapitalView) -> Report:
    programme = view.programme
    sections = [
        _capital_position(view),
        _variations_section(view),
        Section("commentary", "Commentary", list(_paragraphs(programme.commentary))),
        Section(
            "post-completion-reviews",
            "Post-completion reviews due",
            [
                Paragraph(
                    "Capital schemes should have a post-completion review within one year of completion, comparing "
                    "actual spend with the budget and judging whether the scheme met its other objectives."
                ),
                BulletList(tuple(view.reviews_due)),
            ]
            if view.reviews_due
            else [],
        ),
        Section("programme", programme.approved_heading or "Approved capital programme", [programme_table(view)]),
        Section("progress", "Progress in the year", [progress_table(view)] if _has_progress(view) else []),
    ]
    return Report(
        kind="capital-programme",
        title=programme.title,
        period_label=programme.period.long_label,
        portfolio=programme.portfolio.name,
        part=Part.ONE,
        cover=_cover(programme.cover),
        sections=[s for s in sections if s.blocks or s.subsections],
        findings=capital_findings(view),
        source=programme.source,
    )


def _capital_position(view: CapitalView) -> Section:
    first, last = FinancialYear(view.years[0]).label, FinancialYear(view.years[-1]).label
    net = sum(v.net for _, v in view.variations)
    items = (
        (f"{view.programme.base_label}, {first} to {last}", k(c.grand_total(view.base))),
        ("Variations agreed", f"{'+' if net >= 0 else ''}{k(net)}"),
        (f"Revised programme, {first} to {last} (the schemes' estimates)", k(c.grand_total(view.schemes_by_year))),
        (f"Revised programme in {first}", k(view.schemes_by_year[view.years[0]])),
        ("Schemes", str(len(view.schemes))),
        ("Post-completion reviews due", str(len(view.reviews_due))),
    )
    return Section("position", "The programme", [KeyFigures(items)])


def _year_columns(years: Sequence[int], first_label: str) -> tuple[Column, ...]:
    first, last = FinancialYear(years[0]).label, FinancialYear(years[-1]).label
    return (
        Column(first_label),
        *(Column(FinancialYear(y).label, True, str(y)) for y in years),
        Column(f"TOTAL {first} to {last}", True, "total"),
    )


def _programme_cells(amounts: Mapping[int, int], years: Sequence[int], printed: Published) -> tuple[Cell, ...]:
    cells = [amount(amounts.get(y, 0), printed[str(y)][1] if str(y) in printed else None) for y in years]
    total = c.grand_total(c.over(years, amounts))
    cells.append(amount(total, printed["total"][1] if "total" in printed else None))
    return tuple(cells)


def _variations_section(view: CapitalView) -> Section:
    years = view.years
    rows = [Row(view.programme.base_label, _programme_cells(view.base, years, view.published_row("base")))]
    agreed_by = next((v.agreed_by for v, _ in view.variations if v.agreed_by), "")
    if view.variations:
        rows.append(_heading(f"Variations approved by {agreed_by}" if agreed_by else "Variations"))
    for position, (variation, domain) in enumerate(view.variations, start=1):
        printed = view.published_row(f"variation:{position}")
        rows.append(
            Row(
                variation.description,
                _programme_cells(domain.amounts, years, printed),
                level=1,
                note=c.VariationKind(variation.kind).label,
            )
        )
    rows.append(
        Row(
            "Total variations",
            _programme_cells(view.variations_total, years, view.published_row("variations")),
            RowKind.SUBTOTAL,
        )
    )
    rows.append(
        Row(
            view.programme.revised_label,
            _programme_cells(view.revised, years, view.published_row("revised")),
            RowKind.TOTAL,
        )
    )
    table = Table(
        "capital-variations",
        "Variations to the capital programme (£'000)",
        _year_columns(years, "Programme"),
        tuple(rows),
        footnotes=(
            "The revised programme is the approved programme with every variation applied; where the report "
            "printed a different figure it is shown beside ours.",
        ),
        wide=True,
    )
    blocks: list = [table]
    for position, (variation, domain) in enumerate(view.variations, start=1):
        if domain.items:
            blocks.append(_items_table(view, position, variation.description, domain))
    return Section("variations", "Variations agreed", blocks)


def _items_table(view: CapitalView, position: int, description: str, domain: c.Variation) -> Table:
    years = [y for y in view.years if any(item.amounts.get(y) for item in domain.items)]
    rows = [Row(item.description, _programme_cells(item.amounts, years, {})) for item in domain.items]
    printed = view.published_row(f"variation:{position}:items")
    label = next(iter(printed.values()))[0] if printed else "Total"
    rows.append(Row(label, _programme_cells(domain.amounts, years, printed), RowKind.TOTAL))
    return Table(
        f"capital-variation-{position}-items",
        f"{description}: by scheme (£'000)",
        _year_columns(years, "Scheme") if years else (Column("Scheme"), Column("TOTAL", True, "total")),
        tuple(rows),
        footnotes=("Rephasing moves spend between years: each line nets to zero.",)
        if domain.kind is c.VariationKind.REPHASING
        else (),
    )


def programme_table(view: CapitalView) -> Table:
    years = view.years
    programme = view.programme
    columns = (
        Column("Capital Scheme/Project", key="scheme"),
        Column("Total Approved Estimate", True, "total_approved_estimate"),
        Column(programme.actual_to_label, True, "actual_to_date"),
        *(Column(f"Estimate {FinancialYear(y).label}", True, c.estimate_column(y)) for y in years),
        Column("Responsible Officer", key="responsible_officer"),
        Column("Remarks", key="remarks"),
    )
    rows: list[Row] = []
    for category in view.categories:
        rows.append(_heading(category.name))
        for scheme in category.schemes:
            record = scheme.ref
            cells = (
                amount(scheme.total_approved_estimate),
                amount(scheme.actual_to_date),
                *(amount(scheme.estimates.get(y)) for y in years),
                Cell(record.responsible_officer),
                Cell(record.remarks),
            )
            rows.append(Row(scheme.name, cells, level=1, note=record.remark))
        rows.append(
            _scheme_total_row(
                view, f"category:{category.name}", f"TOTAL {category.name}", category.totals(years), RowKind.SUBTOTAL
            )
        )
    rows.append(_scheme_total_row(view, "schemes", programme.portfolio_total_label, view.scheme_totals, RowKind.TOTAL))
    return Table(
        "capital-programme",
        f"{programme.approved_heading or 'Approved capital programme'} (£'000)",
        columns,
        tuple(rows),
        wide=True,
    )


def _scheme_total_row(view: CapitalView, key: str, label: str, totals: Mapping[str, int], kind: RowKind) -> Row:
    printed = view.published_row(key)
    label = next(iter(printed.values()))[0] if printed else label
    columns = ["total_approved_estimate", "actual_to_date", *(c.estimate_column(y) for y in view.years)]
    cells = tuple(amount(totals[column], printed[column][1] if column in printed else None) for column in columns)
    return Row(label, (*cells, Cell(""), Cell("")), kind)


def _has_progress(view: CapitalView) -> bool:
    return any(s.current_estimate is not None or s.previous_estimate is not None for s in view.schemes)


def progress_table(view: CapitalView) -> Table:
    programme = view.programme
    columns = (
        Column("Capital Scheme/Project", key="scheme"),
        Column(programme.previous_estimate_label or "Previous estimate", True, "previous_estimate"),
        Column(programme.actual_in_year_label or "Actual in year", True, "actual_in_year"),
        Column(programme.current_estimate_label or "Revised estimate", True, "current_estimate"),
        Column("Responsible Officer", key="responsible_officer"),
        Column("Remarks", key="progress_remarks"),
    )
    rows: list[Row] = []
    for category in view.categories:
        rows.append(_heading(category.name))
        schemes = [s.ref for s in category.schemes]
        for scheme in schemes:
            officer = scheme.printed.get("appendix_b_responsible_officer", scheme.responsible_officer)
            cells = (
                amount(scheme.previous_estimate),
                amount(scheme.actual_in_year),
                amount(scheme.current_estimate),
                Cell(officer),
                Cell(scheme.progress_remarks),
            )
            rows.append(Row(scheme.name, cells, level=1))
        rows.append(
            _progress_total_row(
                view, f"category:{category.name}", f"TOTAL {category.name}", progress_totals(schemes), RowKind.SUBTOTAL
            )
        )
    rows.append(
        _progress_total_row(
            view, "schemes", programme.portfolio_total_label, progress_totals(view.schemes), RowKind.TOTAL
        )
    )
    return Table("capital-progress", "Progress on each scheme this year (£'000)", columns, tuple(rows), wide=True)


def _progress_total_row(view: CapitalView, key: str, label: str, totals: Mapping[str, int], kind: RowKind) -> Row:
    printed = view.published_row(key)
    label = next(iter(printed.values()))[0] if printed else label
    columns = ("previous_estimate", "actual_in_year", "current_estimate")
    cells = tuple(amount(totals[column], printed[column][1] if column in printed else None) for column in columns)
    return Row(label, (*cells, Cell(""), Cell("")), kind)
