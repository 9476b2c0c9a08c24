"""Performance Reporting – Children's Scrutiny Dataset: report CEF21011A and its Part 2 twin.

`004_5a7191a0a14e1e5f.txt:3971-4162`: the cover sheet; the commentary (3.1-3.5); "3.6 MANAGEMENT
COMMENTARY ON EXCEPTION – Index indicators performing below expectation", one numbered sub-section
per red or amber indicator ("3.6.1 Indicator 26: ... (RED)", line 4053); the implications; then
"Appendix One", the performance index as at the month (lines 4104-4162), grouped by section with
polarity, target, prior years, benchmarks, rating, the months and the year to date.

Part 1 shows the index as the disclosure engine allows (`indicators.selectors.performance_index`
with Part 1, the one seam where Part 1 filtering happens): small counts and whatever would give
them away as `c`, with the legend under every table that uses a symbol, ratings still shown (rule
11), and commentary on a suppressed indicator left to Part 2 with a pointer to it (line 4051).
Part 2 prints every figure, marks those Part 1 withholds, and carries all the commentary.

Publication is blocked while a red or amber indicator has no commentary (line 4044: "the quarterly
reports would provide management commentary against those indicators that were performing below
expectation"), or while Part 1 text states a number that could give a suppressed figure away.
Publishing the report records its Part 1 index in the disclosure ledger.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.html import strip_tags

from scrutineer.accounts.models import User
from scrutineer.core.models import Portfolio
from scrutineer.disclosure.performance_index import publication_problems
from scrutineer.disclosure.services import PublicationBlocked, performance_index_publish
from scrutineer.domain.cover_sheets import CALL_IN_NOT_APPLICABLE, Gap, report_number
from scrutineer.domain.disclosure import commentary_check
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, Month, PeriodError
from scrutineer.domain.report_text import paragraphs
from scrutineer.indicators.index_view import Cell as IndexCell
from scrutineer.indicators.index_view import IndexRow, IndexTable, IndexView, symbols_of
from scrutineer.indicators.selectors import disclosure_threshold, index_available, performance_index

from ..assemble import committee_report
from ..document import (
    Block,
    Cell,
    Document,
    Footnote,
    LegendEntry,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Table,
    blocks_from_text,
)
from ..models import Report
from ..registry import ReportKind, ReportUnavailable

NAME = "Performance report"
EXCEPTIONS_TITLE = "MANAGEMENT COMMENTARY ON EXCEPTION – Index indicators performing below expectation"
NO_COMMENTARY = "No management commentary has been written yet."
# How the Part 2 report marks a figure Part 1 shows as c, kept short for the narrow month columns.
PART_2_MARKS = {
    "primary": ("[c-p]", "shown as c in the Part 1 report: primary suppression, a small number in itself"),
    "secondary": (
        "[c-s]",
        "shown as c in the Part 1 report: secondary suppression, so that a suppressed figure cannot be worked out",
    ),
    "at source": ("[c-a]", "shown as c in the Part 1 report: suppressed in the data as received"),
    "Part 2 only": ("[c-2]", "shown as c in the Part 1 report: a figure marked for Part 2 only"),
}
OTHER_MARK = ("[c]", "shown as c in the Part 1 report")
# "Indicator 26", "indicators 22 and 23", "indicators 22.2, 23 and 26": a paragraph about indicators.
_INDICATOR_REFERENCES = re.compile(r"\bindicators?\s+(\d+(?:\.\d+)?(?:\s*(?:,|and|&)\s*\d+(?:\.\d+)?)*)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
FREE_TEXT = ("reason", "recommendations", "impact_summary", "commentary", "customer_impact")


# --- the kind's periods ---------------------------------------------------------------------


def parse_period(text: str) -> str:
    """A month ("2020-12"); the index is as at its end."""
    return Month.parse(text.strip()).slug


def period_label(slug: str) -> str:
    return Month.parse(slug).label


def period_in_quarter(quarter: FinancialQuarter) -> str:
    """The quarter's report is the index as at its last month (December for Quarter 3)."""
    return quarter.months[2].slug


def quarter_of(period: str) -> FinancialQuarter:
    return FinancialQuarter.containing(Month.parse(period).first_day)


def available(portfolio: Portfolio, period: str) -> bool:
    try:
        as_at = Month.parse(period)
    except PeriodError:
        return False
    return index_available(portfolio=portfolio, as_at=as_at)


def defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    """Cover-sheet wording for a new performance report, after CEF21011A (`004_5a7191a0a14e1e5f.txt:3971-4102`)."""
    month = Month.parse(period)
    return {
        "title": f"Performance Reporting – {portfolio.name} Scrutiny Dataset",
        "decision_maker": f"{portfolio.name} Policy Development and Scrutiny Committee",
        "ward": "All",
        "reason": (
            "To provide the Scrutiny Committee with a regular update on the performance of services. The "
            f"performance index provided in appendix one is as at the end of {month.label}."
        ),
        "recommendations": (
            f"The Committee note and comment on the {month.label} outturns of key performance indicators and "
            "associated management commentary."
        ),
        "commentary": (
            "Where appropriate, Directors have attributed either a target or a range of acceptable "
            "performance/outturns alongside trend and benchmarking data, so that Members are alerted to issues "
            "needing further exploration. Management commentary is provided against those indicators that are "
            "performing below expectation.\n\n"
            "Data within this part 1 report may have been suppressed in order to minimise the risk of sensitive "
            "personal information being identified. The publication of data should not result in the "
            "identification of a person when it is reviewed with other publicly available data or when combined "
            "with information provided through FOI requests. Performance information for these indicators is "
            "presented in the Part 2 report."
        ),
        "policy_status": "Not Applicable",
        "cost_of_proposal": "No Cost",
        "ongoing_costs": "Not Applicable",
        "legal_requirement": "Non-Statutory - Government Guidance",
        "call_in": CALL_IN_NOT_APPLICABLE,
        "ward_councillors_asked": "No",
        "implications_vulnerable": (
            "Examination of performance by elected members holding scrutiny roles is part of a broader performance "
            "management framework which supports improvement of services, including for those vulnerable to "
            "poorer outcomes."
        ),
        "implications_policy": (
            "The monitoring of key performance measures is part of the performance management framework."
        ),
        "implications_financial": "There are no specific financial implications arising from this report.",
        "implications_legal": "There are no specific legal implications arising from this report.",
        "implications_personnel": "There are no specific personnel implications arising from this report.",
        "implications_procurement": "There are no specific procurement implications arising from this report.",
        "background_documents": "N/A",
        "schedule_12a_paragraph": 1,  # "Information relating to any individual" (`004_5a7191a0a14e1e5f.txt:147`)
    }


# --- the report -------------------------------------------------------------------------------


def build(report: Report, part: Part) -> Document:
    month = Month.parse(report.period)
    view = _index(report, part)
    appendix = Section(
        f"Appendix One: {view.title}, as at {month.label}",
        blocks=tuple(_appendix_blocks(view)),
        landscape=True,
        page_break_before=True,
        anchor="appendix-one",
    )
    return committee_report(
        report=report,
        part=part,
        kind_name=NAME,
        period_label=month.label,
        commentary=[_exceptions(view)],
        appendices=[appendix],
        footnotes=_footnotes(view),
        legend=_legend(view),
    )


def gaps(report: Report) -> list[Gap]:
    """Blocking: a red or amber indicator with no commentary; Part 1 text that states a number which
    could give a suppressed figure away. Warnings: what the disclosure check says."""
    try:
        view = _index(report, Part.TWO)
    except ReportUnavailable as error:
        return [Gap("period", str(error))]
    found = [
        Gap("commentary", f"Indicator {row.indicator.number} ({row.rating_text}) has no management commentary")
        for row in view.exceptions
        if row.commentary is None
    ]
    for problem in publication_problems(view):
        found.append(Gap("commentary", problem.message, part=Part.ONE, blocking=problem.blocking))
    found += _free_text_gaps(report, view)
    return found


def on_publish(report: Report, user: User | None) -> None:
    """Record the report's Part 1 index in the disclosure ledger (docs/adr/0004-what-publishes-part-1.md)."""
    from ..services import ReportIncomplete

    try:
        performance_index_publish(
            portfolio=report.portfolio,
            as_at=Month.parse(report.period),
            reference=ledger_reference(report),
            title=f"{report.title or NAME} (Part 1), appendix one",
            published_by=user,
        )
    except PublicationBlocked as blocked:
        raise ReportIncomplete([Gap("commentary", p.message, part=Part.ONE) for p in blocked.problems]) from None


def ledger_reference(report: Report) -> str:
    """How the ledger names the report's Part 1 index: "CEF21011A 2020-12"."""
    number = report_number(report.report_number, Part.ONE) or f"{report.portfolio.slug} performance report"
    return f"{number} {report.period}"


KIND = ReportKind(
    slug="performance",
    name=NAME,
    period_help="a month, e.g. 2020-12 (the index is as at its end)",
    parse_period=parse_period,
    period_label=period_label,
    available=available,
    defaults=defaults,
    build=build,
    gaps=gaps,
    period_in_quarter=period_in_quarter,
    quarter_of=quarter_of,
    part2_exempt_material=True,
    on_publish=on_publish,
)


def _index(report: Report, part: Part) -> IndexView:
    month = Month.parse(report.period)
    if not index_available(portfolio=report.portfolio, as_at=month):
        raise ReportUnavailable(f"{report.portfolio.name} has no performance index as at {month.label}.")
    view = performance_index(portfolio=report.portfolio, as_at=month, part=part)
    if not view.rows:
        raise ReportUnavailable(f"{report.portfolio.name} has no performance index as at {month.label}.")
    return view


# --- 3.6 management commentary on exception ----------------------------------------------------


def _exceptions(view: IndexView) -> Section:
    """One sub-section per red or amber indicator whose commentary this part prints; Part 1 points to
    Part 2 for the others (`004_5a7191a0a14e1e5f.txt:4047-4053`)."""
    rows = view.exceptions
    blocks: list[Block] = []
    if not rows:
        blocks.append(Paragraph(f"As at the end of {view.as_at.label}, no indicator was performing below expectation."))
        return Section(EXCEPTIONS_TITLE, blocks=tuple(blocks))
    blocks.append(
        Paragraph(
            f"As at the end of {view.as_at.label}, the following key performance indicators were performing "
            "below expectation."
        )
    )
    elsewhere = [row for row in rows if row.commentary is not None and row.commentary.text is None]
    if elsewhere:
        blocks.append(
            Paragraph(
                f"Please refer to the Part 2 report for management commentary on {_indicators(elsewhere)}, as "
                "their figures are suppressed in this report or the commentary is exempt."
            )
        )
    for row in rows:
        if row in elsewhere:
            continue
        text = row.commentary.text if row.commentary is not None else None
        body = blocks_from_text(text) if text else [Paragraph(NO_COMMENTARY)]
        title = f"Indicator {row.indicator.number}: {_name(row)} ({row.rating_text})"
        blocks.append(Section(title, blocks=tuple(body), anchor=f"indicator-{_slug(row.indicator.number)}"))
    return Section(EXCEPTIONS_TITLE, blocks=tuple(blocks))


def _indicators(rows: list[IndexRow]) -> str:
    numbers = [row.indicator.number for row in rows]
    if len(numbers) == 1:
        return f"indicator {numbers[0]}"
    return f"indicators {', '.join(numbers[:-1])} and {numbers[-1]}"


# --- appendix one: the index table --------------------------------------------------------------


def _appendix_blocks(view: IndexView) -> Iterable[Block]:
    for table in view.tables:
        yield _index_table(view, table)
        cells = [cell for row in table.rows for cell in row.cells()]
        if view.part is Part.ONE:
            symbols = symbols_of(cells)
            if symbols:
                yield Paragraph("Symbols: " + "; ".join(f"{s} = {meaning}" for s, meaning in symbols.items()) + ".")
        else:
            marks = _marks(cells)
            if marks:
                yield Paragraph("Marks: " + "; ".join(f"{mark} = {meaning}" for mark, meaning in marks) + ".")


def _index_table(view: IndexView, table: IndexTable) -> Table:
    short = view.portfolio.organisation.short_name or "Council"
    headings = [
        "No.",
        "Performance indicator",
        "Polarity",
        f"Target {table.year.label}",
        *(f"{short} {year.label}" for year in table.prior_years),
        "England",
        "London",
        "RAG rating",
        *(month.short_label for month in table.months),
        "Year to date",
    ]
    columns = len(headings)
    groups = []
    for section in table.sections:
        rows = [Row((Cell.text(section.name or table.caption, header=True, colspan=columns),))]
        rows += [_index_row(view, row) for row in section.rows]
        groups.append(RowGroup(tuple(rows)))
    return Table(
        caption=f"{table.caption}, as at the end of {view.as_at.label}"
        + (" (Part 2)" if view.part is Part.TWO else ""),
        header_rows=(
            tuple(Cell.text(text, numeric=i > 3 and text != "RAG rating") for i, text in enumerate(headings)),
        ),
        groups=tuple(groups),
        widths=_widths(len(table.months)),
        landscape=True,
        dense=True,
    )


def _index_row(view: IndexView, row: IndexRow) -> Row:
    figures = [*row.prior_years, row.benchmarks["england"], row.benchmarks["london"]]
    return Row(
        (
            Cell.text(row.indicator.number),
            Cell.text(_name(row), header=True),
            Cell.text(row.indicator.polarity_rule.label),
            Cell.text(row.target.text if row.target else ""),
            *(_figure(view, cell) for cell in figures),
            Cell.text(row.rating_text),
            *(_figure(view, cell) for cell in row.months),
            _figure(view, row.ytd),
        )
    )


def _figure(view: IndexView, cell: IndexCell) -> Cell:
    if cell.is_blank:
        return Cell(numeric=True)
    text = cell.shown
    if view.part is Part.TWO:
        marked = [atom for atom in cell.atoms if atom.withheld_in_part1]
        if marked:
            text = f"{text} {PART_2_MARKS.get(marked[0].part1_kind, OTHER_MARK)[0]}"
    return Cell.text(text, numeric=True)


def _marks(cells: Iterable[IndexCell]) -> list[tuple[str, str]]:
    """The Part 2 marks a table uses, with their meanings, in a fixed order."""
    used = {PART_2_MARKS.get(cell.part1_kind, OTHER_MARK) for cell in cells if cell.withheld_in_part1}
    return [mark for mark in (*PART_2_MARKS.values(), OTHER_MARK) if mark in used]


def _widths(months: int) -> tuple[int, ...]:
    """Relative widths in percent, summing to 100: each month wide enough for "Dec-20" in small
    print, the other figures a little wider, the indicator's name whatever is left."""
    wide = months <= 9
    figure, words = (5, 6) if wide else (4, 5)
    fixed = [3, 0, 4, words, figure, figure, figure, figure, figure, words]
    name = 100 - sum(fixed) - 4 * months - 4
    fixed[1] = name
    return (*fixed, *([4] * months), 4)


# --- notes and key ------------------------------------------------------------------------------


def _footnotes(view: IndexView) -> list[Footnote]:
    decision = view.part1_decision
    notes = []
    if view.part is Part.ONE:
        notes.append(
            "Figures that could identify a child, young person, carer or member of staff are shown as c, with any "
            "figure from which one could be worked out; they are in the Part 2 report. RAG ratings are shown for "
            "every indicator."
        )
        if decision is not None:
            notes += [f"Disclosure policy: {decision.policy}." if decision.policy else "", *decision.footnotes]
    else:
        notes.append(
            "This Part 2 report prints every figure held. Figures marked [c-p], [c-s], [c-a] or [c-2] are shown "
            "as c in the Part 1 report; they and the commentary on those indicators are exempt information."
        )
        if decision is not None and decision.policy:
            notes.append(f"Part 1 disclosure policy: {decision.policy}.")
    return [Footnote(str(number), text) for number, text in enumerate((n for n in notes if n), start=1)]


def _legend(view: IndexView) -> list[LegendEntry]:
    if view.part is Part.ONE:
        return [LegendEntry(symbol, meaning) for symbol, meaning in view.symbols.items()]
    return [LegendEntry(mark, meaning) for mark, meaning in _marks(view.cells())]


# --- Part 1 free text ----------------------------------------------------------------------------


def _free_text_gaps(report: Report, view: IndexView) -> list[Gap]:
    """Rule 9 for the report's own Part 1 text: a paragraph about an indicator Part 1 suppresses may
    not state a whole number from 1 to T (`../shared/disclosure.md` 2.3)."""
    suppressed = {row.indicator.number: row for row in view.rows if row.suppressed_in_part1}
    measures = {number.split(".")[0]: row for number, row in suppressed.items()}
    found = []
    for field in FREE_TEXT:
        for paragraph in paragraphs(str(getattr(report, field) or "")):
            named = [n for m in _INDICATOR_REFERENCES.finditer(paragraph) for n in _NUMBER.findall(m.group(1))]
            rows = [suppressed.get(n) or measures.get(n) for n in named]
            rows = [row for row in rows if row is not None]
            if not rows:
                continue
            threshold = min(disclosure_threshold(view, row.indicator) for row in rows)
            check = commentary_check(
                _INDICATOR_REFERENCES.sub("", paragraph), indicator_suppressed=True, threshold=threshold
            )
            if not check.allowed:
                numbers = ", ".join(dict.fromkeys(row.indicator.number for row in rows))
                message = f"A paragraph about indicator {numbers} (suppressed in Part 1): {check.message}"
                found.append(Gap(field, message, part=Part.ONE))
    return found


def _name(row: IndexRow) -> str:
    return strip_tags(row.indicator.name).strip()


def _slug(number: str) -> str:
    return number.replace(".", "-")
