"""Two committee reports on the report framework: "Matters Outstanding & Work Programme", made for
each meeting from the committee's own records, and the risk register information report.

The first is agenda item 5 of 10 March 2021 (`004_5a7191a0a14e1e5f.txt:404-562`): the cover sheet,
3.1 the matters outstanding, 3.2-3.6 the work programme, and Appendix 1 the programme itself. Its
period is the meeting's date ("2021-03-10"), so a quarter can hold two (January and March).

The second is the information item "Risk Register Update" (`004_5a7191a0a14e1e5f.txt:122-128`, 553),
for a financial quarter: a summary, then the register in full.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.utils.dateformat import format as format_date

from scrutineer.core.models import Portfolio
from scrutineer.domain.committee_business import ItemType, MunicipalYear, ProgrammeStatus
from scrutineer.domain.cover_sheets import CALL_IN_NOT_APPLICABLE, Gap, exempt_gaps
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, PeriodError
from scrutineer.domain.risks import RiskBand
from scrutineer.reports.assemble import committee_report
from scrutineer.reports.charts import bar_chart
from scrutineer.reports.document import (
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
)
from scrutineer.reports.models import Report
from scrutineer.reports.registry import ReportKind, ReportUnavailable

from . import selectors
from .models import Committee, Meeting, Risk

NO_MATTERS = "There were no outstanding actions from the last meeting."
IMPLICATIONS = [
    "implications_vulnerable",
    "implications_policy",
    "implications_financial",
    "implications_legal",
    "implications_personnel",
    "implications_procurement",
]


# --- Matters Outstanding & Work Programme ---------------------------------------------------------

WORK_PROGRAMME = "Matters outstanding and work programme"
PROGRAMME_COLUMNS = ("Meeting", "Item", "Note", "Type", "Status")
PROGRAMME_WIDTHS = (20, 34, 20, 14, 12)
MATTER_COLUMNS = ("Raised at", "Action", "Owner", "Due", "Progress", "Status")
MATTER_WIDTHS = (14, 30, 14, 12, 20, 10)


def parse_meeting_date(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise PeriodError(f"{text!r} is not a meeting date such as 2021-03-10.") from None


def meeting_label(period: str) -> str:
    return f"meeting of {format_date(date.fromisoformat(period), 'j F Y')}"


def _meeting(portfolio: Portfolio, period: str) -> Meeting | None:
    try:
        day = date.fromisoformat(period)
    except ValueError:
        return None
    return (
        Meeting.objects.select_related("committee__organisation", "committee__portfolio")
        .filter(committee__portfolio=portfolio, date=day)
        .exclude(committee__kind=Committee.Kind.RELATED)
        .order_by("committee__kind", "pk")
        .first()
    )


def programme_available(portfolio: Portfolio, period: str) -> bool:
    return _meeting(portfolio, period) is not None


def meetings_in_quarter(portfolio: Portfolio, quarter: FinancialQuarter) -> list[str]:
    days = (
        Meeting.objects.filter(committee__portfolio=portfolio, date__gte=quarter.start, date__lte=quarter.end)
        .exclude(committee__kind=Committee.Kind.RELATED)
        .order_by("date")
        .values_list("date", flat=True)
        .distinct()
    )
    return [day.isoformat() for day in days]


def programme_defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    """The council's wording (`004_5a7191a0a14e1e5f.txt:432-503`), for this meeting."""
    meeting = _meeting(portfolio, period)
    committee = meeting.committee.name if meeting else f"{portfolio.name} PDS Committee"
    year = MunicipalYear.containing(date.fromisoformat(period))
    return {
        "title": "MATTERS OUTSTANDING & WORK PROGRAMME",
        "decision_maker": committee,
        "meeting_date": meeting.date if meeting else None,
        "ward": "(All Wards);",
        "reason": (
            "This report deals with the Committee's business management including:\n"
            "- Monitoring progress against actions arising from previous meetings;\n"
            f"- Developing the {year.label} Forward Work Programme."
        ),
        "recommendations": (
            "That the PDS Committee reviews and comments on: progress on matters outstanding from previous "
            "meetings; and\n\nthe work programme, indicating any changes or particular issues that it wishes to "
            "scrutinise for the year ahead."
        ),
        "impact_summary": "None",
        "policy_status": "Existing Policy",
        "cost_of_proposal": "No Cost",
        "ongoing_costs": "Not Applicable",
        "budget_head": "Democratic Services",
        "legal_requirement": "None",
        "call_in": CALL_IN_NOT_APPLICABLE,
        "procurement_summary": "N/A",
        "customer_impact": "This report is intended primarily for the benefit of Committee Members.",
        "ward_councillors_asked": "Not Applicable",
        "ward_councillors_comments": "Not Applicable",
        "commentary": (
            "Each PDS Committee determines its own work programme, balancing the roles of (i) pre-decision "
            "scrutiny and holding the Executive to account, (ii) policy development and review and (iii) external "
            "scrutiny.\n\nAppendix 1 sets out the Committee's forward work programme. The Committee is invited to "
            "comment on the proposed schedule and suggest any changes it considers appropriate.\n\nOther reports "
            "will be added to the work programme as items arise."
        ),
        "non_applicable_sections": list(IMPLICATIONS),
        "background_documents": "Minutes of previous meetings",
    }


def programme_build(report: Report, part: Part) -> Document:
    meeting = _meeting(report.portfolio, report.period)
    if meeting is None:
        raise ReportUnavailable(f"{report.portfolio.name} has no committee meeting on {report.period}.")
    matters = selectors.matters_outstanding(committee=meeting.committee, meeting=meeting)
    programme = selectors.forward_programme(meeting=meeting)
    years = sorted({MunicipalYear.containing(entry.meeting.date) for entry in programme})
    label = " and ".join(year.label for year in years) or MunicipalYear.containing(meeting.date).next().label
    first = [
        Section("Matters Outstanding from Previous Meetings", blocks=(_matters(matters, meeting),)),
    ]
    appendix = Section(
        f"Appendix 1: {meeting.committee.name} Work Programme {label}",
        blocks=(_programme_table(programme, label),),
        page_break_before=True,
        landscape=True,
        anchor="appendix-1",
    )
    return committee_report(
        report=report,
        part=part,
        kind_name=WORK_PROGRAMME,
        period_label=meeting_label(report.period),
        commentary_first=first,
        appendices=[appendix],
        legend=[
            LegendEntry("Tentative", "Planned but not yet confirmed (printed in italics in the council's papers)."),
            LegendEntry("Postponed", "Moved from the meeting shown; the note says why where known."),
        ],
    )


def _matters(matters: list, meeting: Meeting) -> Block:
    if not matters:
        return Paragraph(NO_MATTERS)
    rows = []
    for matter in matters:
        status = matter.get_status_display()
        if matter.due is not None and matter.due.date < meeting.date and matter.completed_at is None:
            status += " (overdue)"
        rows.append(
            Row(
                (
                    Cell.text(format_date(matter.raised_at.date, "j M Y"), header=True),
                    Cell.prose(matter.action),
                    Cell.text(matter.owner),
                    Cell.text(format_date(matter.due.date, "j M Y") if matter.due else ""),
                    Cell.prose(matter.progress),
                    Cell.text(status),
                )
            )
        )
    return Table(
        caption=f"Matters outstanding for the meeting of {format_date(meeting.date, 'j F Y')}",
        header_rows=(tuple(Cell.text(name) for name in MATTER_COLUMNS),),
        groups=(RowGroup(tuple(rows)),),
        widths=MATTER_WIDTHS,
    )


def _programme_table(programme: list[selectors.ProgrammeMeeting], label: str) -> Block:
    if not programme:
        return Paragraph("No meetings are planned yet.")
    groups = []
    for entry in programme:
        meeting = entry.meeting
        heading = f"{meeting.committee.name}, {format_date(meeting.date, 'j F Y')}"
        if not entry.items:
            groups.append(
                RowGroup(
                    (Row((Cell.text(heading, header=True), Cell.text("No items listed"), *(Cell() for _ in range(3)))),)
                )
            )
            continue
        rows = []
        for index, item in enumerate(entry.items):
            status = ProgrammeStatus(item.status)
            cells = [
                Cell.text(item.title),
                Cell.text(item.note),
                Cell.text(ItemType(item.item_type).label if item.item_type else ""),
                Cell.text("" if status is ProgrammeStatus.PLANNED else status.label),
            ]
            if index == 0:
                cells.insert(0, Cell.text(heading, header=True, rowspan=len(entry.items)))
            rows.append(Row(tuple(cells)))
        groups.append(RowGroup(tuple(rows)))
    return Table(
        caption=f"Work programme {label}",
        header_rows=(tuple(Cell.text(name) for name in PROGRAMME_COLUMNS),),
        groups=tuple(groups),
        widths=PROGRAMME_WIDTHS,
        landscape=True,
    )


def _quarter_of_meeting(period: str) -> FinancialQuarter:
    return FinancialQuarter.containing(date.fromisoformat(period))


WORK_PROGRAMME_KIND = ReportKind(
    slug="work-programme",
    name=WORK_PROGRAMME,
    period_help="the date of the committee meeting, e.g. 2021-03-10",
    parse_period=parse_meeting_date,
    period_label=meeting_label,
    available=programme_available,
    defaults=programme_defaults,
    build=programme_build,
    period_in_quarter=lambda quarter: quarter.slug,
    quarter_of=_quarter_of_meeting,
    periods_in_quarter=meetings_in_quarter,
)


# --- Risk register ------------------------------------------------------------------------------

RISK_REGISTER = "Risk register update"
RISK_COLUMNS = (
    "Ref",
    "Risk, cause and effect",
    "Owner",
    "Existing controls",
    "Current rating",
    "Target rating",
    "Trend",
    "Review date",
)
RISK_WIDTHS = (6, 27, 11, 22, 10, 10, 7, 7)


def risk_period(text: str) -> str:
    return FinancialQuarter.parse(text).slug


def risk_period_label(slug: str) -> str:
    return FinancialQuarter.parse(slug).long_label


def risk_available(portfolio: Portfolio, period: str) -> bool:
    return Risk.objects.filter(portfolio=portfolio, status=Risk.Status.OPEN).exists()


def risk_defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    quarter = FinancialQuarter.parse(period)
    committee = selectors.committee_for_portfolio(portfolio=portfolio)
    return {
        "title": f"{portfolio.name} Risk Register Update – {quarter.long_label}",
        "decision_maker": committee.name if committee else f"{portfolio.name} PDS Committee",
        "ward": "All Wards",
        "reason": (
            f"This information report presents the {portfolio.name} risk register as reviewed in "
            f"{quarter.long_label}. It is not debated unless a Member asks the Clerk 24 hours before the meeting."
        ),
        "recommendations": "Members are asked to note the risk register.",
        "policy_status": "Existing Policy",
        "cost_of_proposal": "Not Applicable",
        "ongoing_costs": "Not Applicable",
        "legal_requirement": "None",
        "call_in": CALL_IN_NOT_APPLICABLE,
        "ward_councillors_asked": "Not Applicable",
        "ward_councillors_comments": "Not Applicable",
        "commentary": (
            "Each risk is scored for likelihood and impact from 1 to 5; its rating is the product of the two, "
            "banded Low (1 to 4), Medium (5 to 12) and High (15 to 25). The target rating is the rating the "
            "further actions aim for. The trend compares the current rating with the rating at the last review."
        ),
        "non_applicable_sections": list(IMPLICATIONS),
        "background_documents": "The portfolio's risk register",
    }


def risk_build(report: Report, part: Part) -> Document:
    risks = selectors.risks(portfolio=report.portfolio, part=part)
    if not risks:
        raise ReportUnavailable(f"{report.portfolio.name} has no open risks on its register.")
    quarter = FinancialQuarter.parse(report.period)
    appendix = Section(
        f"Appendix 1: {report.portfolio.name} Risk Register",
        blocks=(_risk_table(risks, part),),
        landscape=True,
        page_break_before=True,
        anchor="appendix-1",
    )
    return committee_report(
        report=report,
        part=part,
        kind_name=RISK_REGISTER,
        period_label=quarter.long_label,
        commentary=[_risk_summary(risks)],
        appendices=[appendix],
        legend=[
            LegendEntry("L x I", "Likelihood times impact, each scored from 1 (lowest) to 5 (highest)."),
            *(LegendEntry(band.label, _band_range(band)) for band in RiskBand),
        ],
        footnotes=[Footnote("1", "Part 2 (exempt) risks are listed only in the Part 2 report.")]
        if part is Part.ONE
        else [],
    )


def _band_range(band: RiskBand) -> str:
    return {RiskBand.LOW: "Rating 1 to 4", RiskBand.MEDIUM: "Rating 5 to 12", RiskBand.HIGH: "Rating 15 to 25"}[band]


def _risk_summary(risks: list[Risk]) -> Section:
    bands = [band.label for band in RiskBand]
    current = Counter(risk.current.band.label for risk in risks)
    target = Counter(risk.target.band.label for risk in risks)
    worse = [risk.reference for risk in risks if risk.trend.value == "increased"]
    chart = bar_chart(
        title="Risks by rating band, now and at target",
        description=(
            f"Bar chart of the {len(risks)} risks on the register by rating band, now and at target: "
            + "; ".join(f"{band}, {current[band]} now and {target[band]} at target" for band in bands)
            + "."
        ),
        caption="Risks by rating band, current and target",
        category_label="Rating band",
        categories=bands,
        series={"Current": [current[b] for b in bands], "Target": [target[b] for b in bands]},
        stacked=False,
    )
    note = (
        f"The rating of {len(worse)} risk{'s' if len(worse) != 1 else ''} increased since the last review: "
        f"{', '.join(worse)}."
        if worse
        else "No risk's rating increased since the last review."
    )
    return Section("The register at a glance", blocks=(chart, Paragraph(note)))


def _risk_table(risks: list[Risk], part: Part) -> Table:
    rows = []
    for risk in risks:
        title = risk.title + (" (Part 2)" if risk.part == Part.TWO else "")
        described = Cell(
            (
                Paragraph(title, strong=True),
                Paragraph(f"Cause: {risk.cause}"),
                Paragraph(f"Effect: {risk.effect}"),
            )
        )
        controls = [Paragraph(risk.existing_controls)]
        if risk.further_actions:
            controls.append(Paragraph(f"Further actions: {risk.further_actions}"))
        rows.append(
            Row(
                (
                    Cell.text(risk.reference, header=True),
                    described,
                    Cell.text(risk.owner),
                    Cell(tuple(controls)),
                    Cell.text(risk.current.text),
                    Cell.text(risk.target.text),
                    Cell.text(risk.trend.label),
                    Cell.text(format_date(risk.review_date, "j M Y")),
                )
            )
        )
    return Table(
        caption="The risk register" + (" (Part 1 risks)" if part is Part.ONE else " (all risks)"),
        header_rows=(tuple(Cell.text(name) for name in RISK_COLUMNS),),
        groups=(RowGroup(tuple(rows)),),
        widths=RISK_WIDTHS,
        landscape=True,
    )


def risk_gaps(report: Report) -> list[Gap]:
    risks = selectors.risks(portfolio=report.portfolio, part=Part.TWO)
    gaps = exempt_gaps(report.schedule_12a_paragraph, has_exempt_material=any(r.part == Part.TWO for r in risks))
    quarter = FinancialQuarter.parse(report.period)
    late = [risk.reference for risk in risks if risk.review_date < quarter.end]
    if late:
        gaps.append(
            Gap("period", f"Due for review before the end of {quarter.long_label}: {', '.join(late)}", blocking=False)
        )
    return gaps


RISK_REGISTER_KIND = ReportKind(
    slug="risk-register",
    name=RISK_REGISTER,
    period_help="a financial quarter, e.g. 2020-21-Q4",
    parse_period=risk_period,
    period_label=risk_period_label,
    available=risk_available,
    defaults=risk_defaults,
    build=risk_build,
    gaps=risk_gaps,
)

KINDS = [WORK_PROGRAMME_KIND, RISK_REGISTER_KIND]
