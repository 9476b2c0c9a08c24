"""The plan as Word, Excel and CSV files, laid out so that the plan reader reads them back unchanged.

`scrutineer export plan --period 2020-21-Q3 --format docx|xlsx|csv -o FILE` writes the council's
current plan with its approved updates for the period. Plans hold no Part 2 material, and only
approved updates are written, so every export is Part 1 (public).

* Word: the title, then per priority a heading, its statement, rationale, ambitions and strategic
  links, and a table with one row per sub-action (header row repeated on each page, the action cell
  merged down its sub-actions).
* Excel: sheet "Plan" with one row per sub-action; sheet "Priorities" with one row per priority;
  the plan's title in the workbook's properties.
* CSV: the "Plan" sheet alone.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from django.db.models import QuerySet

from scrutineer.core.exports import ExportError, ExportOptions
from scrutineer.core.models import ReportingPeriod
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import spreadsheet_safe
from scrutineer.domain.periods import FinancialQuarter, PeriodError
from scrutineer.domain.plan_document import PlanDocument, PriorityDocument, SubActionDocument
from scrutineer.plans import selectors as plan_selectors
from scrutineer.plans.models import Plan

from .selectors import plan_as_document

FORMATS = ("docx", "xlsx", "csv")
EXCEL_CELL_LIMIT = 32_767
PLAN_HEADINGS = [
    "Priority number",
    "Priority",
    "Action number",
    "Action",
    "Sub-action letter",
    "Detail",
    "Measures of success",
    "Target date",
    "Lead",
]
PRIORITY_HEADINGS = [
    "Priority number",
    "Priority",
    "Statement",
    "Rationale",
    "Ambitions introduction",
    "Ambitions",
    "Strategic links introduction",
    "Strategic links",
]
WORD_HEADINGS = ["ACTION", "DETAIL", "MEASURES OF SUCCESS", "TARGET DATE", "LEAD"]


def export_plan(options: ExportOptions, stream: IO[bytes]) -> None:
    """`scrutineer export plan`: the default council's current plan, with its updates for --period."""
    if options.format not in FORMATS:
        raise ExportError(f"A plan can be exported as {', '.join(FORMATS)}, not {options.format!r}.")
    organisation = default_organisation()
    plan = plan_selectors.plan_default(organisation=organisation)
    if plan is None:
        raise ExportError("There is no published plan to export.")
    period = _period(plan, options.period)
    write_plan(plan_as_document(plan=plan, period=period), stream, format=options.format)


def _period(plan: Plan, text: str | None) -> ReportingPeriod | None:
    if not text:
        return plan_selectors.plan_current_period(plan=plan)
    try:
        quarter = FinancialQuarter.parse(text)
    except PeriodError as error:
        raise ExportError(str(error)) from None
    periods: QuerySet[ReportingPeriod] = ReportingPeriod.objects.filter(
        organisation=plan.portfolio.organisation, year=quarter.start_year, quarter=quarter.quarter
    )
    period = periods.first()
    if period is None:
        raise ExportError(f"There is no reporting period {quarter.long_label}.")
    return period


def write_plan(document: PlanDocument, stream: IO[bytes], *, format: str) -> None:
    if format == "docx":
        write_docx(document, stream)
    elif format == "xlsx":
        write_xlsx(document, stream)
    elif format == "csv":
        write_plan_csv(document, stream)
    else:
        raise ExportError(f"A plan can be exported as {', '.join(FORMATS)}, not {format!r}.")


def _update_heading(document: PlanDocument) -> str:
    return f"Update {document.update_period}".strip() if document.update_period else "Update"


def _has_updates(document: PlanDocument) -> bool:
    return bool(document.update_period) or any(sub.update for sub in document.sub_actions)


# --- spreadsheets ---------------------------------------------------------------------------------


def _plan_rows(document: PlanDocument) -> tuple[list[str], list[list[str]]]:
    headings = list(PLAN_HEADINGS)
    updates = _has_updates(document)
    if updates:
        headings.append(_update_heading(document))
    rows: list[list[str]] = []
    for priority in document.priorities:
        for action in priority.actions:
            for sub in action.sub_actions:
                row = [
                    "" if priority.number is None else str(priority.number),
                    priority.title,
                    action.number_text,
                    action.title,
                    sub.letter or "",
                    _detail_lines(sub),
                    "\n".join(sub.measures),
                    sub.target_date,
                    sub.lead_text,
                ]
                if updates:
                    row.append(sub.update or "")
                rows.append(row)
    return headings, rows


def _detail_lines(sub: SubActionDocument) -> str:
    if sub.detail_items and " ".join(sub.detail_items) == sub.detail:
        return "\n".join(f"• {item}" for item in sub.detail_items)
    return sub.detail


def _priority_rows(document: PlanDocument) -> list[list[str]]:
    return [
        [
            "" if priority.number is None else str(priority.number),
            priority.title,
            priority.statement,
            priority.rationale,
            priority.ambitions_intro,
            "\n".join(priority.ambitions),
            priority.strategic_links_intro,
            "\n".join(priority.strategic_links),
        ]
        for priority in document.priorities
    ]


def write_xlsx(document: PlanDocument, stream: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.properties.title = document.title
    workbook.properties.subject = document.update_period or document.period
    sheets = (
        ("Plan", *_plan_rows(document)),
        ("Priorities", PRIORITY_HEADINGS, _priority_rows(document)),
    )
    for index, (name, headings, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        sheet.append(headings)
        for row in rows:
            for value in row:
                if len(value) > EXCEL_CELL_LIMIT:
                    raise ExportError("A cell of the plan is longer than Excel allows (32,767 characters).")
            sheet.append([spreadsheet_safe(value) for value in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in zip("ABCDEFGHIJ", (10, 30, 10, 40, 10, 60, 40, 18, 30, 80), strict=False):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
    workbook.save(stream)


def write_plan_csv(document: PlanDocument, stream: IO[bytes]) -> None:
    headings, rows = _plan_rows(document)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    stream.write(text.getvalue().encode("utf-8"))


# --- Word ---------------------------------------------------------------------------------------


def write_docx(document: PlanDocument, stream: IO[bytes]) -> None:
    from docx import Document
    from docx.shared import Pt

    word = Document()
    word.core_properties.title = document.title
    word.core_properties.subject = document.update_period or document.period
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(10)
    word.add_heading(document.title or "Portfolio plan", level=0)
    if document.update_period:
        word.add_paragraph(f"This document holds the plan and its approved updates for {document.update_period}.")
    for priority in document.priorities:
        _priority_section(word, document, priority)
    word.save(stream)


def _priority_section(word: object, document: PlanDocument, priority: PriorityDocument) -> None:
    from docx.document import Document as WordDocument

    assert isinstance(word, WordDocument)
    label = f"Priority {priority.number}" if priority.number is not None else "Priority"
    word.add_heading(f"{label}: {priority.title}" if priority.title else label, level=1)
    for paragraph in priority.statement.split("\n\n"):
        if paragraph.strip():
            word.add_paragraph(paragraph)
    if priority.rationale:
        word.add_paragraph(f"Rationale: {priority.rationale}")
    for label_text, intro, items in (
        ("Our ambitions:", priority.ambitions_intro, priority.ambitions),
        ("Strategic links:", priority.strategic_links_intro, priority.strategic_links),
    ):
        if not (intro or items):
            continue
        word.add_paragraph(label_text)
        if intro:
            word.add_paragraph(intro)
        for item in items:
            word.add_paragraph(item, style="List Bullet")
    if priority.actions:
        _action_table(word, document, priority)


def _action_table(word: object, document: PlanDocument, priority: PriorityDocument) -> None:
    from docx.document import Document as WordDocument
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    assert isinstance(word, WordDocument)
    headings = list(WORD_HEADINGS)
    updates = _has_updates(document)
    if updates:
        headings.append(_update_heading(document).upper())
    table = word.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header_properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for action in priority.actions:
        first_row = None
        for sub in action.sub_actions:
            cells = table.add_row().cells
            if first_row is None:
                first_row = cells[0]
                title = f"{action.number_text} {action.title}".strip()
                cells[0].text = title
            else:
                first_row = first_row.merge(cells[0])
            _write_lines(cells[1], _detail_paragraphs(sub))
            _write_lines(cells[2], [(measure, False) for measure in sub.measures])
            cells[3].text = sub.target_date
            cells[4].text = sub.lead_text
            if updates:
                cells[5].text = sub.update or ""


def _detail_paragraphs(sub: SubActionDocument) -> list[tuple[str, bool]]:
    prefix = f"{sub.letter}) " if sub.letter else ""
    if sub.detail_items and " ".join(sub.detail_items) == sub.detail:
        head = [(prefix.strip(), False)] if prefix else []
        return head + [(item, True) for item in sub.detail_items]
    return [(f"{prefix}{sub.detail}", False)]


def _write_lines(cell: object, lines: list[tuple[str, bool]]) -> None:
    from docx.table import _Cell

    assert isinstance(cell, _Cell)
    if not lines:
        return
    first, *rest = lines
    cell.text = first[0]
    if first[1]:
        cell.paragraphs[0].style = "List Bullet"
    for text, bullet in rest:
        cell.add_paragraph(text, style="List Bullet" if bullet else None)


EXPORTS = {"plan": export_plan}
