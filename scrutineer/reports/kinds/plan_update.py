"""The portfolio plan update report: agenda item 7 of the committee, report CEF21009.

`004_5a7191a0a14e1e5f.txt:566-867`: the cover sheet, then Appendix 1, "Portfolio Plan for 2020/21
Quarter 3 Update": for each priority its ambitions, strategic links and the action table (ACTION,
DETAIL, MEASURES OF SUCCESS, TARGET DATE, LEAD, UPDATES). Only approved updates are printed. A
measures, date or lead cell that the plan prints once for several lettered sub-actions is printed
once here too (`004_5a7191a0a14e1e5f.txt:790`).
"""

from __future__ import annotations

from typing import Any

from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.domain.cover_sheets import CALL_IN_NOT_APPLICABLE, Gap
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter
from scrutineer.plans.selectors import (
    ActionRow,
    PriorityAlignment,
    PriorityRow,
    SubActionRow,
    plan_for_period,
    plan_outline,
    priority_alignments,
)

from ..assemble import committee_report
from ..charts import bar_chart
from ..document import BulletList, Cell, Document, Footnote, LegendEntry, Paragraph, Row, RowGroup, Section, Table
from ..models import Report
from ..registry import ReportKind, ReportUnavailable
from ..selectors import reporting_period

NAME = "Portfolio plan update"
COLUMNS = ("ACTION", "DETAIL", "MEASURES OF SUCCESS", "TARGET DATE", "LEAD", "UPDATES")
WIDTHS = (14, 19, 16, 9, 13, 29)
NO_UPDATE = "No approved update for this quarter."
PAST_TARGET = "Past target date"
# Cells the plan may print once for several lettered sub-actions, by the name plan fixtures use.
SHARED = {2: "measures_of_success", 3: "target_date_text", 4: "lead_text"}


def parse_period(text: str) -> str:
    return FinancialQuarter.parse(text).slug


def period_label(slug: str) -> str:
    return FinancialQuarter.parse(slug).long_label


def available(portfolio: Portfolio, period: str) -> bool:
    found = _period(portfolio, period)
    return found is not None and plan_for_period(portfolio=portfolio, period=found) is not None


def defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    """Cover-sheet wording for a new plan update, after CEF21009 (`004_5a7191a0a14e1e5f.txt:566-680`)."""
    quarter = FinancialQuarter.parse(period)
    found = _period(portfolio, period)
    plan = plan_for_period(portfolio=portfolio, period=found) if found else None
    plan_title = plan.title if plan else f"{portfolio.name} Portfolio Plan"
    priorities = "\n".join(f"- {p.title}" for p in plan.priorities.order_by("position")) if plan else ""
    return {
        "title": f"{plan_title} Update – {quarter.long_label}",
        "decision_maker": f"{portfolio.name} Policy Development and Scrutiny Committee",
        "ward": "N/A",
        "reason": f"This report presents the Committee with the {quarter.long_label} updates of the {plan_title}.",
        "recommendations": (
            f"Members are asked to note the {quarter.long_label} updates of the {plan_title} as detailed in Appendix 1."
        ),
        "commentary": (
            f"The {plan_title} focuses on {plan.priorities.count() if plan else 'its'} priority outcomes:\n{priorities}"
            f"\n\nThe Committee is asked to note the {quarter.long_label} updates on the actions and measures of "
            "success within each priority of the plan. Only updates approved for publication are included."
        ),
        "policy_status": "Existing Policy",
        "cost_of_proposal": "No cost",
        "ongoing_costs": "Not Applicable",
        "legal_requirement": "None",
        "call_in": CALL_IN_NOT_APPLICABLE,
        "ward_councillors_asked": "Not Applicable",
        "ward_councillors_comments": "N/A",
        "implications_vulnerable": (
            "All priorities of the plan have regard to the needs of vulnerable adults and children."
        ),
        "implications_policy": _none_directly("policy"),
        "implications_financial": _none_directly("financial"),
        "implications_legal": _none_directly("legal"),
        "non_applicable_sections": ["implications_personnel", "implications_procurement"],
        "background_documents": "N/A",
    }


def build(report: Report, part: Part) -> Document:
    quarter = FinancialQuarter.parse(report.period)
    period, plan = _period_and_plan(report.portfolio, report.period)
    rows = plan_outline(plan=plan, period=period)
    alignments = priority_alignments(plan=plan)
    appendix_title = (
        f"{report.portfolio.name} Portfolio Plan for {quarter.financial_year.label} {_quarter_name(quarter)} Update"
    )
    appendix = Section(
        f"Appendix 1: {appendix_title}",
        blocks=(_summary(rows, quarter), *(_priority(row, alignments, quarter) for row in rows)),
        landscape=True,
        page_break_before=True,
        anchor="appendix-1",
    )
    return committee_report(
        report=report,
        part=part,
        kind_name=NAME,
        period_label=quarter.long_label,
        appendices=[appendix],
        footnotes=[
            Footnote("1", f"Only updates approved for publication are printed. {NO_UPDATE[:-1]} is printed otherwise."),
            Footnote("2", "Numbers and letters of actions are as the plan prints them; they can skip."),
        ],
        legend=[
            LegendEntry("[AP]", "Annual programme: the action recurs every year until the date shown."),
            LegendEntry(PAST_TARGET, "The target date falls before the quarter reported on."),
        ],
    )


def gaps(report: Report) -> list[Gap]:
    """A plan update needs approved updates to report; sub-actions without one are listed as a warning."""
    try:
        period, plan = _period_and_plan(report.portfolio, report.period)
    except ReportUnavailable as error:
        return [Gap("period", str(error))]
    rows = plan_outline(plan=plan, period=period)
    missing = [
        _reference(sub) for row in rows for action in row.actions for sub in action.sub_actions if not sub.update
    ]
    total = sum(len(action.sub_actions) for row in rows for action in row.actions)
    if missing and len(missing) == total:
        return [Gap("period", f"No update has been approved for {period.long_label} yet")]
    if missing:
        listed = ", ".join(missing[:12]) + (" and others" if len(missing) > 12 else "")
        return [
            Gap("period", f"{len(missing)} of {total} sub-actions have no approved update: {listed}", blocking=False)
        ]
    return []


KIND = ReportKind(
    slug="plan-update",
    name=NAME,
    period_help="a financial quarter, e.g. 2020-21-Q3",
    parse_period=parse_period,
    period_label=period_label,
    available=available,
    defaults=defaults,
    build=build,
    gaps=gaps,
)


def _period(portfolio: Portfolio, period: str) -> ReportingPeriod | None:
    return reporting_period(organisation=portfolio.organisation, quarter=FinancialQuarter.parse(period))


def _period_and_plan(portfolio: Portfolio, period: str) -> tuple[ReportingPeriod, Any]:
    found = _period(portfolio, period)
    if found is None:
        raise ReportUnavailable(f"{period_label(period)} is not a reporting period of {portfolio.organisation}.")
    plan = plan_for_period(portfolio=portfolio, period=found)
    if plan is None:
        raise ReportUnavailable(f"No published plan of {portfolio.name} covers {found.long_label}.")
    return found, plan


def _none_directly(topic: str) -> str:
    return (
        f"There are no {topic} implications arising directly from this report. Any {topic} implications arising "
        "from the implementation of the actions in the plan will be reported to the Committee separately."
    )


def _quarter_name(quarter: FinancialQuarter) -> str:
    return f"Quarter {quarter.quarter}"


def _summary(rows: list[PriorityRow], quarter: FinancialQuarter) -> Section:
    categories = [str(row.priority) for row in rows]
    updated = [sum(action.updated_count for action in row.actions) for row in rows]
    totals = [row.sub_action_count for row in rows]
    without = [total - done for total, done in zip(totals, updated, strict=True)]
    each = "; ".join(
        f"{name}, {done} of {total}" for name, done, total in zip(categories, updated, totals, strict=True)
    )
    chart = bar_chart(
        title=f"Sub-actions with an approved update for {quarter.long_label}, by priority",
        description=(
            f"Stacked bar chart of the plan's {sum(totals)} sub-actions by priority, showing how many have an "
            f"approved update for {quarter.long_label}: {each}."
        ),
        caption=f"Sub-actions by priority, with and without an approved update for {quarter.long_label}",
        category_label="Priority",
        categories=categories,
        series={"Approved update": updated, "No approved update": without},
    )
    past = [_reference(sub) for row in rows for action in row.actions for sub in action.sub_actions if sub.overdue]
    note = (
        f"{len(past)} sub-action{'s are' if len(past) != 1 else ' is'} past {'their' if len(past) != 1 else 'its'} "
        f"target date: {', '.join(past)}."
        if past
        else "No sub-action is past its target date."
    )
    return Section("Progress at a glance", blocks=(chart, Paragraph(note)))


def _priority(row: PriorityRow, alignments: dict[int, PriorityAlignment], quarter: FinancialQuarter) -> Section:
    priority = row.priority
    aligned = alignments.get(priority.pk, PriorityAlignment())
    blocks: list[Any] = []
    if aligned.ambitions:
        intro = (Paragraph(priority.ambitions_intro),) if priority.ambitions_intro else ()
        blocks.append(Section("Our Ambitions", blocks=(*intro, BulletList(tuple(aligned.ambitions)))))
    if aligned.strategic_links:
        intro = (Paragraph(priority.strategic_links_intro),) if priority.strategic_links_intro else ()
        blocks.append(Section("Strategic links", blocks=(*intro, BulletList(tuple(aligned.strategic_links)))))
    blocks.append(Section("What are we going to do?", blocks=(_action_table(row, quarter),)))
    return Section(str(priority), blocks=tuple(blocks), anchor=f"priority-{priority.position}")


def _action_table(row: PriorityRow, quarter: FinancialQuarter) -> Table:
    header = tuple(Cell.text(name) for name in COLUMNS)
    groups = tuple(RowGroup(_action_rows(action)) for action in row.actions)
    return Table(
        caption=f"{row.priority}: actions, with updates for {quarter.long_label}",
        header_rows=(header,),
        groups=groups,
        widths=WIDTHS,
        landscape=True,
    )


def _action_rows(action_row: ActionRow) -> tuple[Row, ...]:
    action = action_row.action
    subs = action_row.sub_actions
    if not subs:
        title = Cell.text(f"{action.number_text} {action.title}".strip(), header=True)
        return (Row((title, *(Cell() for _ in COLUMNS[1:]))),)
    grid = [_sub_action_cells(sub) for sub in subs]
    spans = {column: _shared_spans(subs, grid, column, field) for column, field in SHARED.items()}
    rows = []
    for index, cells in enumerate(grid):
        row: list[Cell] = []
        if index == 0:
            row.append(Cell.text(f"{action.number_text} {action.title}".strip(), header=True, rowspan=len(subs)))
        for column, cell in enumerate(cells, start=1):
            span = spans.get(column, {}).get(index, 1)
            if span == 0:
                continue  # printed once, in the row above
            row.append(Cell(cell.blocks, rowspan=span) if span > 1 else cell)
        rows.append(Row(tuple(row)))
    return tuple(rows)


def _sub_action_cells(row: SubActionRow) -> list[Cell]:
    sub = row.sub_action
    detail: list[Any] = [Paragraph(f"{sub.letter}) {sub.detail}" if sub.letter else sub.detail)] if sub.detail else []
    if sub.detail_items:
        detail.append(BulletList(tuple(sub.detail_items)))
    target = [sub.target_date_text, PAST_TARGET if row.overdue else ""]
    update = Cell.prose(row.update.text) if row.update and row.update.text.strip() else Cell.text(NO_UPDATE)
    return [
        Cell(tuple(detail)),
        Cell.lines([measure.text for measure in sub.measure_list]),
        Cell.lines(target),
        Cell.text(sub.lead_text),
        update,
    ]


def _shared_spans(subs: list[SubActionRow], grid: list[list[Cell]], column: int, field: str) -> dict[int, int]:
    """Row spans of a column: a run of sub-actions that share the printed cell and say the same
    thing is printed once, spanning the run (0 for the rows it covers)."""
    spans: dict[int, int] = {}
    index = 0
    while index < len(subs):
        end = index + 1
        while (
            end < len(subs)
            and field in subs[end].sub_action.shared_fields
            and field in subs[index].sub_action.shared_fields
            and grid[end][column - 1] == grid[index][column - 1]
        ):
            end += 1
        spans[index] = end - index
        for covered in range(index + 1, end):
            spans[covered] = 0
        index = end
    return spans


def _reference(row: SubActionRow) -> str:
    """ "3.2B": priority 3, action 2, sub-action B, in the plan's own notation."""
    sub = row.sub_action
    return f"{sub.action.reference}{sub.letter}"
