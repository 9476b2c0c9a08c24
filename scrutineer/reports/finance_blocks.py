"""The finance app's reports (budget monitoring, the capital programme) as committee report blocks.

`scrutineer.finance.assemble` gives each report as plain data (`finance.report_data`): sections of
paragraphs, key figures, numbered lists, charts and tables whose cells carry our figure and, where
the document printed another, the printed one. This module only translates that into the shared
report document; what the figures are, and which of them disagree, is the finance app's business.

- A table's heading rows (a department, a division, a category) start a new row group, spanning
  the table; its lines are indented under them; sub-totals are bold rows in place; the totals it
  ends with are its total rows. A cell whose printed figure differs shows both ("(printed: x)").
- A wide table with many columns is printed on landscape pages, its headings repeated on each page.
- A chart is drawn either side of zero with its Dr/Cr labels, beside the table it is drawn from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from scrutineer.domain.cover_sheets import Gap, parse_contact_officer, parse_decision_type, parse_meeting_date
from scrutineer.domain.money import format_dr_cr
from scrutineer.finance import report_data as fin
from scrutineer.finance.charts import OVER, UNDER

from .charts import diverging_bar_chart
from .document import (
    Block,
    BulletList,
    Cell,
    Chart,
    Field,
    FieldList,
    NumberedList,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Table,
)

# A wide table with more columns than this goes on landscape pages; narrower ones fit a portrait page.
PORTRAIT_COLUMNS = 7
_PRINTED_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+\s+")  # "3.1 " at the head of a printed paragraph


def section(
    source: fin.Section,
    *,
    title: str | None = None,
    page_break_before: bool = False,
    anchor: str = "",
) -> Section:
    """A finance section with its subsections, as a report section; landscape when a table in it is."""
    blocks = [*convert_blocks(source.blocks), *(section(sub) for sub in source.subsections)]
    landscape = any(isinstance(block, Table) and block.landscape for block in blocks)
    return Section(
        title or source.heading,
        blocks=tuple(blocks),
        landscape=landscape,
        page_break_before=page_break_before,
        anchor=anchor or source.key,
    )


def appendix(source: fin.Section, label: str) -> Section:
    """An appendix on a page of its own: "Appendix 1a: Budget monitoring summary"."""
    return section(
        source, title=f"{label}: {source.heading}", page_break_before=True, anchor=label.lower().replace(" ", "-")
    )


def findings_appendix(findings: Sequence[fin.Finding], label: str, source: str) -> Section:
    """The last appendix: every figure the report printed that differs from Scrutineer's sums."""
    return Section(
        f"{label}: Where the printed figures differ from Scrutineer's",
        blocks=(
            Paragraph(
                "The report as printed does not always agree with itself. Scrutineer keeps every printed figure, "
                "works out its own from the lines, and lists each disagreement here rather than correcting it."
            ),
            findings_table(findings, seed_note=f"Line numbers refer to {source}." if source else ""),
        ),
        landscape=True,
        page_break_before=True,
        anchor="data-quality",
    )


def findings_gaps(findings: Sequence[fin.Finding], label: str) -> list[Gap]:
    """A warning (not a block on publication) saying how many printed figures differ from ours."""
    count = len(findings)
    if not count:
        return []
    verb = "s differ" if count != 1 else " differs"
    message = f"{count} printed figure{verb} from Scrutineer's sums: both are shown, and listed in {label}"
    return [Gap("period", message, blocking=False)]


def convert_blocks(blocks: Sequence[fin.Block]) -> list[Block]:
    """Each finance block as a report block; a chart takes the table it is drawn from with it."""
    tables = {block.key: block for block in blocks if isinstance(block, fin.Table)}
    charted = {block.table_key for block in blocks if isinstance(block, fin.Chart) and block.table_key in tables}
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, fin.Chart):
            out.append(chart(block, table(tables[block.table_key]) if block.table_key in tables else None))
        elif isinstance(block, fin.Table):
            if block.key not in charted:
                out.append(table(block))
        elif isinstance(block, fin.Paragraph):
            out.append(Paragraph(_PRINTED_NUMBER.sub("", block.text)))  # the report numbers its own
        elif isinstance(block, fin.KeyFigures):
            out.append(FieldList(tuple(Field(label, value) for label, value in block.items)))
        elif isinstance(block, fin.NumberedList):
            out.append(NumberedList(tuple(block.items)))
        elif isinstance(block, fin.BulletList):
            out.append(BulletList(tuple(block.items)))
    return out


def table(source: fin.Table) -> Table:
    columns = source.columns
    count = len(columns)
    header = tuple(Cell.text(column.label, numeric=column.numeric) for column in columns)
    rows = list(source.rows)
    trailing: list[fin.Row] = []
    while rows and rows[-1].kind is fin.RowKind.TOTAL:
        trailing.insert(0, rows.pop())
    groups: list[list[Row]] = [[]]
    for row in rows:
        if row.kind is fin.RowKind.HEADING:
            groups.append([Row((Cell.text(row.header, header=True, colspan=count, indent=row.level),))])
        else:
            groups[-1].append(_row(row, columns))
    caption = source.caption
    if source.unit and source.unit not in caption:
        caption = f"{caption} ({source.unit})"
    landscape = source.wide and count > PORTRAIT_COLUMNS
    return Table(
        caption=caption,
        header_rows=(header,),
        groups=tuple(RowGroup(tuple(group)) for group in groups if group),
        total_rows=tuple(_row(row, columns) for row in trailing),
        widths=_widths(columns, source.rows) if landscape else (),
        landscape=landscape,
        notes=tuple(source.footnotes),
    )


def _row(row: fin.Row, columns: Sequence[fin.Column]) -> Row:
    label = Cell.lines([row.header, row.note], header=True, indent=row.level)
    cells = [
        Cell.figure(cell.text, printed=cell.published) if column.numeric else Cell.text(cell.text)
        for column, cell in zip(columns[1:], row.cells, strict=False)
    ]
    cells += [Cell() for _ in range(len(columns) - 1 - len(cells))]
    return Row((label, *cells), total=row.kind in (fin.RowKind.SUBTOTAL, fin.RowKind.TOTAL))


def _widths(columns: Sequence[fin.Column], rows: Sequence[fin.Row]) -> tuple[int, ...]:
    """Relative widths in percent, from what each column holds: its longest heading word, or the
    average length of its texts if longer (up to a point: long remarks wrap)."""
    texts: list[list[str]] = [[row.header for row in rows if row.kind is not fin.RowKind.HEADING]]
    texts += [[row.cells[index].text for row in rows if index < len(row.cells)] for index in range(len(columns) - 1)]
    shares = []
    for column, column_texts in zip(columns, texts, strict=True):
        present = [text for text in column_texts if text]
        average = sum(map(len, present)) // len(present) if present else 0
        shares.append(max(4, max(map(len, column.label.split()), default=0), min(average, 40)))
    total = sum(shares)
    widths = [share * 100 // total for share in shares]
    widths[0] += 100 - sum(widths)
    return tuple(widths)


def chart(source: fin.Chart, table_block: Table | None) -> Chart:
    """A chart of variations either side of zero: overspends (Dr) to the right, underspends (Cr) to
    the left, each bar labelled as the council prints it."""
    if table_block is None:
        header = (Cell.text("Category"), Cell.text(source.unit, numeric=True))
        rows = tuple(
            Row((Cell.text(name, header=True), Cell.figure(format_dr_cr(value))))
            for name, value in zip(source.categories, source.values, strict=True)
        )
        table_block = Table(source.title, (header,), (RowGroup(rows),))
    return diverging_bar_chart(
        title=source.title,
        description=source.description,
        categories=source.categories,
        values=source.values,
        labels=[format_dr_cr(value) for value in source.values],
        table=table_block,
        axis_title=f"Variation ({source.unit})",
        positive=("Overspend (Dr)", OVER),
        negative=("Underspend (Cr)", UNDER),
    )


def findings_table(findings: Iterable[fin.Finding], *, seed_note: str = "") -> Table:
    """Where the document disagrees with itself: its figure and ours, and why it matters."""
    header = tuple(
        Cell.text(label, numeric=numeric)
        for label, numeric in (
            ("Where", False),
            ("Column", False),
            ("Printed", True),
            ("Ours", True),
            ("Difference", True),
            ("Line", True),
            ("Explanation", False),
        )
    )
    rows = tuple(
        Row(
            (
                Cell.text(finding.where, header=True),
                Cell.text(finding.column),
                Cell.text(finding.published, numeric=True),
                Cell.text(finding.computed, numeric=True),
                Cell.text(finding.difference, numeric=True),
                Cell.text(str(finding.source_line) if finding.source_line else "", numeric=True),
                Cell.text(finding.explanation),
            )
        )
        for finding in findings
    )
    return Table(
        caption="Figures printed in the report that differ from Scrutineer's own sums",
        header_rows=(header,),
        groups=(RowGroup(rows),),
        widths=(20, 11, 8, 8, 8, 6, 39),
        landscape=True,
        notes=(seed_note,) if seed_note else (),
    )


def commentary_text(text: str) -> str:
    """A report's printed commentary for the cover sheet: its paragraphs in order, without the
    paragraph numbers they were printed with (the report numbers its paragraphs itself)."""
    paragraphs = [_PRINTED_NUMBER.sub("", paragraph.strip()) for paragraph in re.split(r"\n\s*\n", text)]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


# --- the cover sheet the finance report was printed with ----------------------------------------

_TEXT_FIELDS = {  # the finance report's cover field: the cover-sheet form's
    "report_number": "report_number",
    "decision_maker": "decision_maker",
    "title": "title",
    "chief_officer": "chief_officer",
    "ward": "ward",
    "reason_for_report": "reason",
    "policy_status": "policy_status",
    "bbb_priority": "corporate_priority",
    "cost_of_proposal": "cost_of_proposal",
    "ongoing_costs": "ongoing_costs",
    "budget_head": "budget_head",
    "total_current_budget": "total_current_budget",
    "source_of_funding": "source_of_funding",
    "staff": "staff_number",
    "legal_requirement": "legal_requirement",
    "call_in": "call_in",
    "background_documents": "background_documents",
}
# How a printed "Non-Applicable Sections" line names each implications section.
_NON_APPLICABLE_WORDS = {
    "implications_vulnerable": "vulnerable",
    "implications_policy": "policy",
    "implications_financial": "financial",
    "implications_legal": "legal",
    "implications_personnel": "personnel",
    "implications_procurement": "procurement",
}
_RECOMMENDATION = re.compile(r"^\s*\d+\.\d+\s+")
_POINT = re.compile(r"^\s*\(([ivx]+|[a-z])\)\s*", re.IGNORECASE)


def cover_values(cover: Iterable[Mapping[str, Any]]) -> dict[str, object]:
    """Cover-sheet values from the cover sheet a finance report was printed with (CEF21002,
    `004_5a7191a0a14e1e5f.txt:869-944`; each {key, text, source_line}), for a report not started
    yet. Fields it cannot read are left out, so the kind's own defaults stand."""
    printed = {str(field["key"]): str(field.get("text", "")).strip() for field in cover}
    printed = {key: text for key, text in printed.items() if text}
    values: dict[str, object] = {name: printed[key] for key, name in _TEXT_FIELDS.items() if key in printed}
    if "date" in printed:
        note, when = parse_meeting_date(printed["date"])
        if when is not None:
            values["meeting_date"] = date(*when)
            values["date_note"] = note
    decision = parse_decision_type(printed.get("decision_type", ""))
    if decision is not None:
        values["urgency"], values["executive"], values["key_decision"] = (part.value for part in decision)
    if "contact_officer" in printed:
        values["contact_officers"] = [parse_contact_officer(printed["contact_officer"])]
    if "recommendations" in printed:
        values["recommendations"] = recommendations_text(printed["recommendations"])
    if "non_applicable_sections" in printed:
        words = printed["non_applicable_sections"].lower()
        values["non_applicable_sections"] = [key for key, word in _NON_APPLICABLE_WORDS.items() if word in words]
    return values


def recommendations_text(printed: str) -> str:
    """ "2.1 The Committee are invited to:\\n(i) Note ...\\n(ii) ..." as the form holds it: one
    recommendation a paragraph (the report numbers them), its points as bullets under it."""
    paragraphs: list[list[str]] = []
    for line in printed.splitlines():
        if not line.strip():
            continue
        if _POINT.match(line) and paragraphs:
            paragraphs[-1].append(f"- {line.strip()}")
        else:
            paragraphs.append([_RECOMMENDATION.sub("", line).strip()])
    return "\n\n".join("\n".join(lines) for lines in paragraphs)
