"""The contracts register report: report CEF21007A (Part 1) and CEF21007B (Part 2), "Contracts
Register and Contracts Database Report", for one portfolio and one contract reporting cycle.

`004_5a7191a0a14e1e5f.txt:3705-3969`: the cover sheet; 3 Commentary with the portfolio's summary
over the last three cycles (3.6) and the contracts of concern (3.7); the implications; Appendix 1,
Key Data (All Portfolios); Appendix 2, the register key, its order, the risk index and the
procurement status matrix; Appendix 3, the register itself, on landscape pages, in the key's order
with capital contracts at the foot. The Part 2 register adds each contract's commentary, which is
exempt under paragraph 3 of Schedule 12A; the Part 1 report is built from a read that never
loads it (`contracts.selectors.register_report(part=Part.ONE)`).

The period is the cycle's month ("2021-02"); the reports page of a quarter lists the cycles held in it.
"""

from __future__ import annotations

from typing import Any

from scrutineer.contracts.models import ReportingCycle
from scrutineer.contracts.report import RegisterReport, SummaryCell, SummaryTable, TurnedRed
from scrutineer.contracts.selectors import (
    contract_rules,
    cycle_get,
    cycle_list,
    cycle_portfolios,
    matrix_table,
    register_report,
    register_rows,
    risk_criteria,
)
from scrutineer.core.models import Portfolio
from scrutineer.domain.cover_sheets import CALL_IN_NOT_APPLICABLE, Gap
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, Month
from scrutineer.domain.procurement import ProcurementStatus

from ..assemble import committee_report
from ..document import (
    Cell,
    Document,
    Footnote,
    LegendEntry,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Table,
)
from ..models import Report
from ..registry import ReportKind, ReportUnavailable

NAME = "Contracts register"
EXEMPT_PARAGRAPH = 3  # the financial or business affairs of any particular person
# Relative widths (percent) of the register's columns on a landscape page, by column key.
WIDTHS = {
    "risk_index": 4, "contract_id": 5, "owner": 6, "approver": 6, "title": 12, "supplier": 9, "portfolio": 6,
    "total_value": 6, "annual_value": 6, "budget": 5, "projection": 6, "procurement_status": 5, "start_date": 5,
    "end_date": 5, "months_duration": 5, "attention": 5, "capital": 4,
}  # fmt: skip
WIDTHS_PART2 = {
    "risk_index": 4, "contract_id": 5, "owner": 5, "approver": 5, "title": 8, "supplier": 6, "portfolio": 4,
    "total_value": 6, "annual_value": 6, "budget": 5, "projection": 5, "procurement_status": 4, "start_date": 5,
    "end_date": 5, "months_duration": 5, "attention": 5, "capital": 4, "commentary": 13,
}  # fmt: skip


def parse_period(text: str) -> str:
    return Month.parse(text).slug


def period_label(slug: str) -> str:
    return Month.parse(slug).label


def quarter_of(period: str) -> FinancialQuarter:
    return FinancialQuarter.containing(Month.parse(period).first_day)


def periods_in_quarter(portfolio: Portfolio, quarter: FinancialQuarter) -> list[str]:
    """The cycles held in the quarter (drafts too: officers prepare the report before the register
    is published; the public sees a report only once it is published)."""
    cycles = cycle_list(organisation=portfolio.organisation, include_drafts=True)
    return [cycle.slug for cycle in cycles if FinancialQuarter.containing(cycle.month) == quarter]


def available(portfolio: Portfolio, period: str) -> bool:
    cycle = _cycle(portfolio, period, include_drafts=True)
    return cycle is not None and portfolio in cycle_portfolios(cycle=cycle)


def defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    """Cover-sheet wording for a new register report, after CEF21007A (`004_5a7191a0a14e1e5f.txt:3705-3845`)."""
    cycle = _cycle(portfolio, period, include_drafts=True)
    label = period_label(period)
    as_at = f"{cycle.as_at:%-d %B %Y}" if cycle and cycle.as_at else label
    threshold = contract_rules(organisation=portfolio.organisation).threshold_label
    committee = f"{portfolio.name} PDS Committee"
    return {
        "title": "Contracts Register and Contracts Database Report",
        "decision_maker": committee,
        "ward": "All Wards",
        "reason": (
            f"This report presents an extract from {label}'s Contracts Register for detailed scrutiny by PDS "
            "Committee – all PDS committees will receive a similar report each contract reporting cycle, based "
            f"on data as at {as_at}.\n\n"
            "The Contracts Register appended to the 'Part 2' report includes a commentary on each contract to "
            "inform Members of any issues or developments."
        ),
        "recommendations": (
            f"The {committee} reviews and comments on the Contracts Register as at {as_at}.\n\n"
            "The Committee notes that in Part 2 of this agenda the Contracts Register contains additional, "
            "potentially commercially sensitive, information in its commentary."
        ),
        "impact_summary": (
            "The appended Contracts Register covers services which may be universal or targeted. Addressing the "
            "impact of service provision on vulnerable adults and children is a matter for the relevant "
            "procurement strategies, contracts award and monitoring reports, and service delivery rather than "
            "this report."
        ),
        "commentary": (
            "The Register is generated from the Contracts Database, populated by the relevant service managers "
            "(Contract Owners) and approved by their managers (Contract Approvers).\n\n"
            "Each PDS committee is expected to undertake detailed scrutiny of its contracts – including "
            "scrutinising suppliers – and hold the Portfolio Holder to account on service quality and "
            "procurement arrangements.\n\n"
            f"The summary below covers the portfolio's contracts of {threshold} or more over the last three "
            "contract reporting cycles; the register itself is in Appendix 3."
        ),
        "policy_status": "Existing Policy",
        "cost_of_proposal": "N/A",
        "ongoing_costs": "N/A",
        "budget_head": portfolio.name,
        "legal_requirement": "Statutory Requirement",
        "call_in": CALL_IN_NOT_APPLICABLE,
        "procurement_summary": "Improves the Council's approach to contract management",
        "customer_impact": "N/A",
        "ward_councillors_asked": "N/A",
        "ward_councillors_comments": "N/A",
        "implications_vulnerable": (
            "The Contracts Register covers all Council services: both those used universally by residents and "
            "those specifically directed towards vulnerable adults and children. Addressing the impact of service "
            "provision on the vulnerable is a matter for the relevant procurement strategies, contracts, and "
            "delivery of specific services rather than this summary register."
        ),
        "implications_policy": (
            "The Contracts Database and Contract Registers help ensure good contract management, for value for "
            "money and quality services."
        ),
        "implications_procurement": (
            f"Most of the Council's ({threshold} plus) procurement spend is captured by the Contracts Database. "
            "It helps ensure that procurement activity is undertaken in a timely manner, that Contract Procedure "
            "Rules are followed and that Members are able to scrutinise procurement activity in a regular and "
            "systematic manner."
        ),
        "implications_financial": (
            "The Contracts Database and Contract Registers are not primarily financial tools, but they contain "
            "financial information: contract dates and values, and budgets and spend for the current year."
        ),
        "implications_personnel": (
            "There are no direct personnel implications, but the Contracts Database identifies the officers "
            "directly involved in managing the Council's contracts."
        ),
        "implications_legal": (
            "There are no direct legal implications, but the Contracts Database identifies the contracts which "
            "have a statutory basis and the laws to be complied with in delivering the contracted services."
        ),
        "non_applicable_sections": [],
        "background_documents": (
            "Appendix 1 – Key Data (All Portfolios)\nAppendix 2 – Contracts Register Key and Background "
            "Information\nAppendix 3 – Contracts Database Extract"
        ),
        "schedule_12a_paragraph": EXEMPT_PARAGRAPH,
    }


def build(report: Report, part: Part) -> Document:
    # A published report shows only published cycles; a draft (seen by officers only) may use drafts.
    drafts = not report.is_published
    cycle = _cycle(report.portfolio, report.period, include_drafts=drafts)
    if cycle is None or report.portfolio not in cycle_portfolios(cycle=cycle):
        raise ReportUnavailable(f"No contracts register of {report.portfolio.name} for {period_label(report.period)}.")
    data = register_report(cycle=cycle, portfolio=report.portfolio, part=part, include_drafts=drafts)
    appendices = [
        Section(
            "Appendix 1: Key Data (All Portfolios)",
            blocks=(_summary_table(data.all_portfolios),),
            page_break_before=True,
            anchor="appendix-1",
        ),
        _key_appendix(report, data),
        _register_appendix(data),
    ]
    as_at = f"{data.as_at:%-d %B %Y}" if data.as_at else "the date of the cycle"
    return committee_report(
        report=report,
        part=part,
        kind_name=NAME,
        period_label=data.cycle_label,
        commentary=[_summary_section(data), _turned_red_section(data.turned_red)],
        appendices=appendices,
        footnotes=[
            Footnote("1", f"The register is based on data as at {as_at}."),
            Footnote(
                "2", "Where a published count differs from the count worked out from the register, both are shown."
            ),
        ],
        legend=[LegendEntry(f"Procurement Status {status.label}", status.meaning) for status in ProcurementStatus],
    )


def gaps(report: Report) -> list[Gap]:
    """A register still in draft blocks publication; red and amber contracts without commentary are a
    warning (the key asks owners to comment "especially where ... ragged red or amber", `...:3896`)."""
    cycle = _cycle(report.portfolio, report.period, include_drafts=True)
    if cycle is None:
        return [Gap("period", f"No contracts register for {period_label(report.period)}")]
    found = []
    if not cycle.is_published:
        found.append(Gap("period", f"The {cycle.label} register is a draft: publish it on the contracts pages first"))
    threshold = contract_rules(organisation=cycle.organisation).register_threshold
    rows = register_rows(cycle=cycle, portfolio=report.portfolio, part=Part.TWO, threshold=threshold)
    urgent = {"red", "amber"}
    silent = [
        row.contract_id
        for section in rows.sections
        for row in section.rows
        if (row.risk in urgent or row.status in urgent) and not row.cells[-1].strip()
    ]
    if silent:
        listed = ", ".join(silent[:12]) + (" and others" if len(silent) > 12 else "")
        message = (
            f"{len(silent)} red or amber contract{'s have' if len(silent) != 1 else ' has'} no commentary: {listed}"
        )
        found.append(Gap("period", message, part=Part.TWO, blocking=False))
    return found


KIND = ReportKind(
    slug="contracts-register",
    name=NAME,
    period_help="a contract reporting cycle as its month, e.g. 2021-02",
    parse_period=parse_period,
    period_label=period_label,
    available=available,
    defaults=defaults,
    build=build,
    gaps=gaps,
    quarter_of=quarter_of,
    periods_in_quarter=periods_in_quarter,
    part2_exempt_material=True,
)


def _cycle(portfolio: Portfolio, period: str, *, include_drafts: bool) -> ReportingCycle | None:
    try:
        return cycle_get(organisation=portfolio.organisation, slug=period, include_drafts=include_drafts)
    except ReportingCycle.DoesNotExist:
        return None


# --- section 3 -------------------------------------------------------------------------------


def _summary_section(data: RegisterReport) -> Section:
    """The portfolio's summary over three cycles (`004_5a7191a0a14e1e5f.txt:3798-3816`)."""
    concern = next((len(s.rows) for s in data.sections if s.key == "concern"), 0)
    blocks: list[Any] = [_summary_table(data.summary)]
    if data.imminent_count:
        blocks.append(
            Paragraph(f"Please note: {data.imminent_count} Imminent contract{'s' if data.imminent_count != 1 else ''}.")
        )
    blocks.append(
        Paragraph(
            "No contracts have been flagged as a concern."
            if not concern
            else f"{concern} contract{'s have' if concern != 1 else ' has'} been flagged as a concern: "
            "they are listed first in the register (Appendix 3)."
        )
    )
    return Section(data.portfolio, blocks=tuple(blocks), anchor="summary")


def _summary_table(table: SummaryTable) -> Table:
    """Item, category and one column a cycle; each item's rows in a group headed by the item."""
    header = (Cell.text("Item"), Cell.text("Category"), *(Cell.text(c.label, numeric=True) for c in table.columns))
    groups: list[list[Any]] = []
    previous = None
    for row in table.rows:
        if row.group != previous:
            groups.append([])
            previous = row.group
        groups[-1].append(row)
    body = []
    for rows in groups:
        out = []
        for index, row in enumerate(rows):
            item = [Cell.text(row.group, header=True, rowspan=len(rows))] if index == 0 else []
            label = Cell.text(row.label, header=True)
            counts = tuple(_count(cell) for cell in row.cells)
            out.append(Row((*item, label, *counts), total=row.is_total))
        body.append(RowGroup(tuple(out)))
    return Table(caption=table.caption, header_rows=(header,), groups=tuple(body), notes=table.notes)


def _count(cell: SummaryCell) -> Cell:
    if cell.count is None:
        return Cell.text("Not held", numeric=True)
    printed = str(cell.published) if cell.differs else ""
    return Cell.figure(str(cell.count), printed=printed)


def _turned_red_section(turned: TurnedRed) -> Section:
    title = f"Contracts that turned red since {turned.previous_label}" if turned.previous_label else "Turned red"
    if not turned.previous_label:
        return Section(title, blocks=(Paragraph("There is no earlier cycle to compare with."),))
    if not turned.available:
        text = (
            f"Not worked out: the {turned.previous_label} register is held only as the counts the council "
            "published, so contract-by-contract changes cannot be compared."
        )
        return Section(title, blocks=(Paragraph(text),))
    if not turned.changes:
        return Section(title, blocks=(Paragraph(f"No contract turned red since {turned.previous_label}."),))
    header = tuple(Cell.text(label) for label in ("Contract ID", "Contract Title", "What turned red", "Before", "Now"))
    rows = tuple(
        Row(
            (
                Cell.text(change.contract_id, header=True),
                Cell.text(change.title),
                Cell.text(change.what),
                Cell.text(change.before),
                Cell.text(change.after),
            )
        )
        for change in turned.changes
    )
    return Section(title, blocks=(Table(title, (header,), (RowGroup(rows),)),))


# --- appendices ------------------------------------------------------------------------------


def _key_appendix(report: Report, data: RegisterReport) -> Section:
    """Appendix 2: the register key, its order, the risk index and the procurement status matrix
    (`004_5a7191a0a14e1e5f.txt:3873-3920`), with the council's own rules as they stand."""
    organisation = report.portfolio.organisation
    key = Table(
        "Contract Register Key",
        ((Cell.text("Register Category"), Cell.text("Explanation")),),
        (RowGroup(tuple(Row((Cell.text(term, header=True), Cell.text(text))) for term, text in data.key)),),
        widths=(22, 78),
    )
    criteria = risk_criteria(organisation=organisation)
    bands = contract_rules(organisation=organisation).risk.bands
    risk = Table(
        "Risk Index criteria and their weights",
        ((Cell.text("Criterion"), Cell.text("How it is scored"), Cell.text("Weight", numeric=True)),),
        (
            RowGroup(
                tuple(
                    Row((Cell.text(c.label, header=True), Cell.text(c.scoring), Cell.text(str(c.weight), numeric=True)))
                    for c in criteria
                )
            ),
        ),
    )
    matrix = matrix_table(organisation=organisation)
    status = Table(
        "Procurement Status by months to expiry and Total Contract Value",
        ((Cell.text("Months to expiry"), *(Cell.text(band) for band in matrix.bands)),),
        (
            RowGroup(
                (
                    *(
                        Row((Cell.text(label, header=True), *(Cell.text(s.label) for s in statuses)))
                        for label, statuses in matrix.rows
                    ),
                    Row(
                        (
                            Cell.text(matrix.beyond_label, header=True),
                            *(Cell.text(matrix.beyond.label) for _ in matrix.bands),
                        )
                    ),
                )
            ),
        ),
        notes=tuple(f"{s.label}: {s.meaning}." for s in ProcurementStatus),
    )
    rules = "the council's own" if matrix.customised else "Scrutineer's default"
    blocks = (
        Section("Contract Register Key", blocks=(key,)),
        Section("Contract Register Order", blocks=(Paragraph(data.order_note),)),
        Section(
            "Risk Index",
            blocks=(
                Paragraph(
                    "The Risk Index is designed to focus attention on contracts presenting the most significant "
                    "risks to the Council. Each contract is scored against eight weighted criteria to give a score "
                    f"out of 100: red from {bands.red_from}, amber from {bands.amber_from}, yellow from "
                    f"{bands.yellow_from}, green below. These are {rules} criteria and weights."
                ),
                risk,
            ),
        ),
        Section(
            "Procurement Status",
            blocks=(
                Paragraph(
                    "A contract's Procurement Status combines its Total Contract Value and the number of months to "
                    "its expiry. Contracts ragged red, amber or yellow require action, which should be set out in "
                    "the Commentary. Red simply means the contract is nearing expiry and is not an implied "
                    "criticism. A contract not yet started is Imminent."
                ),
                status,
            ),
        ),
    )
    return Section(
        "Appendix 2: Contracts Register Key and Background Information",
        blocks=blocks,
        page_break_before=True,
        anchor="appendix-2",
    )


def _register_appendix(data: RegisterReport) -> Section:
    """Appendix 3: the register, on landscape pages with its headings repeated on each."""
    widths_by_key = WIDTHS_PART2 if data.part is Part.TWO else WIDTHS
    columns = data.columns
    header = tuple(Cell.text(column.label, numeric=column.numeric) for column in columns)
    identifier = next(index for index, column in enumerate(columns) if column.key == "contract_id")
    groups = []
    for section in data.sections:
        if not section.rows:
            continue
        heading = Row((Cell.text(section.heading, header=True, colspan=len(columns)),))
        rows = tuple(_register_row(row.cells, columns, identifier) for row in section.rows)
        groups.append(RowGroup((heading, *rows)))
    table = Table(
        caption=data.title,
        header_rows=(header,),
        groups=tuple(groups),
        widths=tuple(widths_by_key.get(column.key, 5) for column in columns),
        landscape=True,
        compact=True,
    )
    part = "PART 2" if data.part is Part.TWO else "PART 1"
    as_at = f"Data as at {data.as_at:%-d %B %Y}. " if data.as_at else ""
    count = data.contract_count
    summary = f"{as_at}{count} contract{'s' if count != 1 else ''} of {data.threshold} or more. {data.order_note}"
    return Section(
        f"Appendix 3: Contracts Database Extract {part}",
        blocks=(Paragraph(summary), table),
        landscape=True,
        page_break_before=True,
        anchor="appendix-3",
    )


def _register_row(cells: tuple[str, ...], columns: tuple[Any, ...], identifier: int) -> Row:
    out = []
    for index, (column, text) in enumerate(zip(columns, cells, strict=True)):
        if column.key == "commentary":  # Part 2 only: the owner's and C&P's comments, as paragraphs
            out.append(Cell(tuple(Paragraph(part) for part in text.split("\n\n") if part.strip())))
        else:
            out.append(Cell.text(text, numeric=column.numeric, header=index == identifier))
    return Row(tuple(out))
