"""The revenue budget monitoring report: report CEF21002, "Budget Monitoring 2020/21".

`004_5a7191a0a14e1e5f.txt:869-1269`: the cover sheet; 3 Commentary (the position, variation by
division, the portfolio's financial risks); the implications; then Appendix 1a (the summary of
service areas with every total), 1b (reasons for variations, with the Dedicated Schools Grant
tables), 1c (full year effect) and 2 (reconciliation of the latest approved budget). The figures
and their totals come from the finance app (`finance.assemble.budget_report`); where the report
printed a different figure it is shown beside ours, and every disagreement is listed in a last
appendix rather than corrected.
"""

from __future__ import annotations

from typing import Any

from scrutineer.core.models import Portfolio
from scrutineer.domain.cover_sheets import Gap
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, FinancialYear
from scrutineer.finance.assemble import budget_report, k
from scrutineer.finance.models import BudgetMonitoring
from scrutineer.finance.selectors import BudgetView, budget_findings, budget_view, finance_period

from .. import finance_blocks
from ..assemble import committee_report
from ..document import Document, Footnote, LegendEntry
from ..models import Report
from ..registry import ReportKind, ReportUnavailable

NAME = "Budget monitoring"
# The finance report's sections: in the commentary (numbered 3.x), or an appendix of their own.
COMMENTARY = ("position", "variation-by-division", "risks")
APPENDICES = {
    "summary": "Appendix 1a",
    "reasons-for-variations": "Appendix 1b",
    "full-year-effect": "Appendix 1c",
    "reconciliation": "Appendix 2",
}
FINDINGS_APPENDIX = "Appendix 3"
# Printed as the cover sheet's own commentary (section 3), so not again.
LEFT_TO_THE_COVER_SHEET = ("commentary",)


def parse_period(text: str) -> str:
    return FinancialQuarter.parse(text).slug


def period_label(slug: str) -> str:
    return FinancialQuarter.parse(slug).long_label


def available(portfolio: Portfolio, period: str) -> bool:
    return _monitoring(portfolio, period) is not None


def defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    """Cover-sheet wording for a new report: worked out from the figures, then whatever the cover
    sheet the finance report was printed with says (CEF21002, `004_5a7191a0a14e1e5f.txt:869-944`)."""
    quarter = FinancialQuarter.parse(period)
    monitoring = _monitoring(portfolio, period)
    if monitoring is None:
        return {"title": f"Budget Monitoring {quarter.financial_year.label}"}
    view = budget_view(monitoring=monitoring)
    return {**_worked_out(portfolio, quarter, monitoring, view), **finance_blocks.cover_values(monitoring.cover)}


def build(report: Report, part: Part) -> Document:
    monitoring = _monitoring(report.portfolio, report.period)
    if monitoring is None:
        raise ReportUnavailable(f"No budget monitoring of {report.portfolio.name} for {period_label(report.period)}.")
    view = budget_view(monitoring=monitoring)
    data = budget_report(view)
    sections = {section.key: section for section in data.sections}
    commentary = [finance_blocks.section(sections[key]) for key in COMMENTARY if key in sections]
    commentary += [
        finance_blocks.section(section)
        for key, section in sections.items()
        if key not in COMMENTARY and key not in APPENDICES and key not in LEFT_TO_THE_COVER_SHEET
    ]
    appendices = [finance_blocks.appendix(sections[key], label) for key, label in APPENDICES.items() if key in sections]
    if data.findings:
        appendices.append(finance_blocks.findings_appendix(data.findings, FINDINGS_APPENDIX, monitoring.source))
    return committee_report(
        report=report,
        part=part,
        kind_name=NAME,
        period_label=period_label(report.period),
        commentary=commentary,
        appendices=appendices,
        footnotes=[
            Footnote("1", "Amounts are in thousands of pounds (£'000); totals and variations are Scrutineer's sums."),
            Footnote("2", "Where the report as printed shows a different figure, it is shown beside ours as printed."),
        ],
        legend=[
            LegendEntry("Cr", "A credit: income above spend, or an underspend."),
            LegendEntry("Dr", "A debit: an overspend."),
        ],
    )


def gaps(report: Report) -> list[Gap]:
    """Figures the report printed that differ from our sums are listed in its last appendix; a
    warning says how many, so nobody publishes without knowing."""
    monitoring = _monitoring(report.portfolio, report.period)
    if monitoring is None:
        return [Gap("period", f"No budget monitoring for {period_label(report.period)}")]
    return finance_blocks.findings_gaps(budget_findings(budget_view(monitoring=monitoring)), FINDINGS_APPENDIX)


KIND = ReportKind(
    slug="budget-monitoring",
    name=NAME,
    period_help="a financial quarter, e.g. 2020-21-Q3",
    parse_period=parse_period,
    period_label=period_label,
    available=available,
    defaults=defaults,
    build=build,
    gaps=gaps,
)


def _monitoring(portfolio: Portfolio, period: str) -> BudgetMonitoring | None:
    found = finance_period(portfolio_slug=portfolio.slug, period_slug=period, organisation=portfolio.organisation)
    return found.budget if found else None


def _worked_out(
    portfolio: Portfolio, quarter: FinancialQuarter, monitoring: BudgetMonitoring, view: BudgetView
) -> dict[str, Any]:
    """Wording from the figures, in the council's terms (`004_5a7191a0a14e1e5f.txt:894-907`)."""
    year = quarter.financial_year
    next_year = FinancialYear(year.start_year + 1).label
    controllable = view.summary.controllable
    variation = controllable.variation or 0
    direction = "overspend" if variation > 0 else "underspend" if variation < 0 else "balanced position"
    amount = f"£{abs(variation) * 1000:,}"
    position = monitoring.position_at or f"the end of {quarter.long_label}"
    full_year = controllable.full_year_effect or 0
    committee = f"{portfolio.name} Policy Development and Scrutiny Committee"
    return {
        "title": f"Budget Monitoring {year.label}",
        "decision_maker": committee,
        "ward": "All Wards",
        "reason": f"This report provides the budget monitoring position for {year.label} based on {position}.",
        "recommendations": (
            f"The {committee} is invited to:\n"
            f"- Note that a projected {direction} of {amount} is forecast on the controllable budget, "
            f"based on {position};\n"
            f"- Note the full year effect of {k(full_year)} in {next_year} as set out in Appendix 1c;\n"
            "- Refer the report to the Portfolio Holder for approval."
        ),
        "commentary": finance_blocks.commentary_text(monitoring.commentary),
        "policy_status": "Not Applicable",
        "cost_of_proposal": "Not Applicable",
        "ongoing_costs": "Not Applicable",
        "budget_head": f"{portfolio.name} Portfolio",
        "total_current_budget": k(view.summary.portfolio.latest_approved),
        "executive": "executive",  # the Committee refers the report to the Portfolio Holder
        "legal_requirement": "Statutory Requirement",
        "call_in": "Applicable",
        "implications_financial": (
            "A detailed breakdown of the projected outturn by service area is shown in Appendix 1a, with "
            "explanatory notes in Appendix 1b. Appendix 1c shows the full year effects, and Appendix 2 the "
            "reconciliation of the latest approved budget."
        ),
        "implications_policy": (
            "The Council aims to monitor and control expenditure effectively, within budget; each service "
            "department is expected to spend within its own budget."
        ),
        "non_applicable_sections": [
            "implications_vulnerable",
            "implications_legal",
            "implications_personnel",
            "implications_procurement",
        ],
        "background_documents": f"{year.label} Budget Monitoring files in the {portfolio.name} Finance Section",
    }
