"""The council's report form around a kind's own content: cover sheet, numbered sections, closing fields.

Every officer report has the same frame (`004_5a7191a0a14e1e5f.txt:566-680`, 3971-4107): the
cover sheet; 1 Reason for report; 2 Recommendation(s); the summary boxes; 3 Commentary; then one
numbered section per implication that applies; "Non-Applicable Sections" and "Background
Documents"; then the appendices. A kind passes what is its own (commentary sections, appendices,
footnotes, legend) and `committee_report` lays out the rest from the stored cover sheet.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence

from django.utils.dateformat import format as format_date

from scrutineer.core.models import CorporateStrategy
from scrutineer.domain.cover_sheets import exempt_notice, report_number
from scrutineer.domain.parts import Part

from .document import (
    Block,
    CoverSheet,
    Document,
    Field,
    FieldList,
    Footnote,
    LegendEntry,
    Paragraph,
    Section,
    blocks_from_text,
)
from .models import Report


def committee_report(
    *,
    report: Report,
    part: Part,
    kind_name: str,
    period_label: str,
    commentary: Sequence[Block] = (),
    appendices: Sequence[Section] = (),
    footnotes: Sequence[Footnote] = (),
    legend: Sequence[LegendEntry] = (),
    commentary_first: Sequence[Block] = (),
) -> Document:
    """A whole report for `part`. `commentary` follows the officers' commentary in section 3 and is
    numbered with it (`commentary_first` comes before it, as "Matters Outstanding from Previous
    Meetings" does, `004_5a7191a0a14e1e5f.txt:493-497`); the Part 2 report adds the exempt
    commentary after both."""
    organisation = report.portfolio.organisation.name
    sections = [
        _numbered_text("1", "Reason for report", report.reason),
        _recommendations(report.recommendations),
        *_summary_boxes(report),
        _commentary(report, part, commentary, first=commentary_first),
        *_implications(report, first_number=4),
    ]
    return Document(
        kind=report.kind,
        title=report.title or kind_name,
        part=part,
        organisation=organisation,
        cover=cover_sheet(report, part),
        sections=tuple(sections),
        closing=_closing(report),
        appendices=tuple(appendices),
        footnotes=tuple(footnotes),
        legend=tuple(legend),
        subject=f"{kind_name}, {period_label}",
        draft=not report.is_published,
    )


def cover_sheet(report: Report, part: Part) -> CoverSheet:
    notice = ""
    if part is Part.TWO and report.schedule_12a_paragraph:
        notice = exempt_notice(report.schedule_12a_paragraph)
    fields = (
        Field("Decision Maker", report.decision_maker),
        Field("Date", meeting_date_text(report)),
        Field("Decision Type", report.decision_type),
        Field("Contact Officer" + ("s" if len(report.contact_officers) > 1 else ""), contact_officers_text(report)),
        Field("Chief Officer", report.chief_officer),
        Field("Ward", report.ward),
    )
    return CoverSheet(
        organisation=report.portfolio.organisation.name,
        report_number=report_number(report.report_number, part),
        part=part,
        fields=fields,
        exempt_notice=notice,
        agenda_item=report.agenda_item,
    )


def meeting_date_text(report: Report) -> str:
    """ "Wednesday 10 March 2021", after any note ("For Pre-Decision Scrutiny by ... on")."""
    date_text = format_date(report.meeting_date, "l j F Y") if report.meeting_date else ""
    return " ".join(part for part in (report.date_note.strip(), date_text) if part)


def contact_officers_text(report: Report) -> str:
    """One officer a line: "Name, Role", then "Tel: ... Email: ..." where given."""
    lines = []
    for officer in report.contact_officers:
        lines.append(", ".join(part for part in (officer.get("name", ""), officer.get("role", "")) if part))
        reach = " ".join(
            f"{label}: {officer[key]}" for key, label in (("telephone", "Tel"), ("email", "Email")) if officer.get(key)
        )
        if reach:
            lines.append(reach)
    return "\n".join(line for line in lines if line)


def corporate_priority_label(report: Report) -> str:
    """ "BBB Priority": the organisation's corporate strategy, as the box names it (`...:611`)."""
    strategy = (
        CorporateStrategy.objects.filter(organisation_id=report.portfolio.organisation_id).order_by("-pk").first()
    )
    name = strategy.short_name or strategy.name if strategy else "Corporate"
    return f"{name} Priority"


def _numbered_text(number: str, title: str, text: str) -> Section:
    return Section(title, number=number, blocks=tuple(blocks_from_text(text, numbers=_numbers(number))))


def _recommendations(text: str) -> Section:
    """One numbered recommendation a paragraph, with the points listed under it ("(i) Note that ...",
    `004_5a7191a0a14e1e5f.txt:898-907`) as bullets."""
    return Section("RECOMMENDATION(S)", number="2", blocks=tuple(blocks_from_text(text, numbers=_numbers("2"))))


def _summary_boxes(report: Report) -> list[Section]:
    def box(title: str, *fields: tuple[str, str]) -> Section:
        return Section(title, blocks=(FieldList(tuple(Field(label, value) for label, value in fields), numbered=True),))

    return [
        box("Impact on Vulnerable Adults and Children", ("Summary of Impact", report.impact_summary)),
        box(
            "Corporate Policy",
            ("Policy Status", report.policy_status),
            (corporate_priority_label(report), report.corporate_priority),
        ),
        box(
            "Financial",
            ("Cost of proposal", report.cost_of_proposal),
            ("Ongoing costs", report.ongoing_costs),
            ("Budget head/performance centre", report.budget_head),
            ("Total current budget for this head", report.total_current_budget),
            ("Source of funding", report.source_of_funding),
        ),
        box(
            "Personnel",
            ("Number of staff (current and additional)", report.staff_number),
            ("If from existing staff resources, number of staff hours", report.staff_hours),
        ),
        box("Legal", ("Legal Requirement", report.legal_requirement), ("Call-in", report.call_in)),
        box("Procurement", ("Summary of Procurement Implications", report.procurement_summary)),
        box(
            "Customer Impact",
            ("Estimated number of users/beneficiaries (current and projected)", report.customer_impact),
        ),
        box(
            "Ward Councillor Views",
            ("Have Ward Councillors been asked for comments?", report.ward_councillors_asked),
            ("Summary of Ward Councillors comments", report.ward_councillors_comments),
        ),
    ]


def _commentary(report: Report, part: Part, extra: Sequence[Block], *, first: Sequence[Block] = ()) -> Section:
    numbers = _numbers("3")
    blocks: list[Block] = list(_numbered(first, numbers))
    blocks.extend(blocks_from_text(report.commentary, numbers=numbers))
    blocks.extend(_numbered(extra, numbers))
    if part is Part.TWO and report.part2_commentary.strip():
        number = next(numbers)
        exempt = blocks_from_text(report.part2_commentary, numbers=_numbers(number))
        blocks.append(Section("Exempt information (Part 2 only)", number=number, blocks=tuple(exempt)))
    return Section("COMMENTARY", number="3", blocks=tuple(blocks))


def _implications(report: Report, *, first_number: int) -> list[Section]:
    sections = []
    number = first_number
    for key, title in Report.IMPLICATIONS.items():
        text = getattr(report, key)
        if key in report.non_applicable_sections or not text.strip():
            continue
        sections.append(_numbered_text(str(number), title, text))
        number += 1
    return sections


def _closing(report: Report) -> tuple[Field, ...]:
    listed = [title for key, title in Report.IMPLICATIONS.items() if key in report.non_applicable_sections]
    return (
        Field("Non-Applicable Sections", ", ".join(listed) or "None"),
        Field("Background Documents (Access via Contact Officer)", report.background_documents),
    )


def _numbered(blocks: Sequence[Block], numbers: Iterator[str]) -> Iterator[Block]:
    """Number a kind's top-level paragraphs and sections in the commentary's sequence; a section's
    own sections are numbered under it ("3.6.1")."""
    for block in blocks:
        if isinstance(block, Paragraph) and not block.number:
            yield dataclasses.replace(block, number=next(numbers))
        elif isinstance(block, Section) and not block.number:
            yield _number_section(block, next(numbers))
        else:
            yield block


def _number_section(section: Section, number: str) -> Section:
    children = _numbers(number)
    blocks = tuple(
        _number_section(block, next(children)) if isinstance(block, Section) and not block.number else block
        for block in section.blocks
    )
    return dataclasses.replace(section, number=number, blocks=blocks)


def _numbers(prefix: str) -> Iterator[str]:
    return (f"{prefix}.{n}" for n in itertools.count(1))
