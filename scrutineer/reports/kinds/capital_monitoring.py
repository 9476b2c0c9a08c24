"""The capital programme monitoring report: report FSD21015, "Capital Programme Monitoring – 3rd
Quarter 2020/21".

`004_5a7191a0a14e1e5f.txt:1271-1454`: the cover sheet; 3 Commentary (the variations agreed, with
the rephasing by scheme, and the post-completion reviews due); the implications; then Appendix A
(the approved programme, scheme by scheme, with each year's estimate) and Appendix B (progress in
the year). The programme and its totals come from the finance app (`finance.assemble.
capital_report`): the revised programme is the approved programme with every variation applied,
and where the report printed a different figure (its 2020/21 total is £1k off its own arithmetic)
both are shown and the disagreement is listed in a last appendix.
"""

from __future__ import annotations

from typing import Any

from scrutineer.core.models import Portfolio
from scrutineer.domain import capital as c
from scrutineer.domain.cover_sheets import Gap
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter, FinancialYear
from scrutineer.finance.assemble import capital_report, k
from scrutineer.finance.models import CapitalProgramme
from scrutineer.finance.selectors import CapitalView, capital_findings, capital_view, finance_period

from .. import finance_blocks
from ..assemble import committee_report
from ..document import Document, Footnote, LegendEntry
from ..models import Report
from ..registry import ReportKind, ReportUnavailable

NAME = "Capital programme monitoring"
COMMENTARY = ("position", "variations", "post-completion-reviews")
APPENDICES = {"programme": "Appendix A", "progress": "Appendix B"}
FINDINGS_APPENDIX = "Appendix C"
LEFT_TO_THE_COVER_SHEET = ("commentary",)
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


def parse_period(text: str) -> str:
    return FinancialQuarter.parse(text).slug


def period_label(slug: str) -> str:
    return FinancialQuarter.parse(slug).long_label


def available(portfolio: Portfolio, period: str) -> bool:
    return _programme(portfolio, period) is not None


def defaults(portfolio: Portfolio, period: str) -> dict[str, Any]:
    """Cover-sheet wording for a new report: worked out from the programme, then whatever the cover
    sheet it was printed with says (FSD21015, `004_5a7191a0a14e1e5f.txt:1271-1338`)."""
    quarter = FinancialQuarter.parse(period)
    programme = _programme(portfolio, period)
    if programme is None:
        return {"title": _title(quarter)}
    view = capital_view(programme=programme)
    return {**_worked_out(portfolio, quarter, programme, view), **finance_blocks.cover_values(programme.cover)}


def build(report: Report, part: Part) -> Document:
    programme = _programme(report.portfolio, report.period)
    if programme is None:
        raise ReportUnavailable(f"No capital programme of {report.portfolio.name} for {period_label(report.period)}.")
    data = capital_report(capital_view(programme=programme))
    sections = {section.key: section for section in data.sections}
    commentary = [finance_blocks.section(sections[key]) for key in COMMENTARY if key in sections]
    commentary += [
        finance_blocks.section(section)
        for key, section in sections.items()
        if key not in COMMENTARY and key not in APPENDICES and key not in LEFT_TO_THE_COVER_SHEET
    ]
    appendices = [finance_blocks.appendix(sections[key], label) for key, label in APPENDICES.items() if key in sections]
    if data.findings:
        appendices.append(finance_blocks.findings_appendix(data.findings, FINDINGS_APPENDIX, programme.source))
    return committee_report(
        report=report,
        part=part,
        kind_name=NAME,
        period_label=period_label(report.period),
        commentary=commentary,
        appendices=appendices,
        footnotes=[
            Footnote("1", "Amounts are in thousands of pounds (£'000); totals are Scrutineer's sums."),
            Footnote("2", "Where the report as printed shows a different figure, it is shown beside ours as printed."),
        ],
        legend=[LegendEntry("Cr", "A reduction: spend moved out of a year, or taken out of the programme.")],
    )


def gaps(report: Report) -> list[Gap]:
    programme = _programme(report.portfolio, report.period)
    if programme is None:
        return [Gap("period", f"No capital programme for {period_label(report.period)}")]
    return finance_blocks.findings_gaps(capital_findings(capital_view(programme=programme)), FINDINGS_APPENDIX)


KIND = ReportKind(
    slug="capital-monitoring",
    name=NAME,
    period_help="a financial quarter, e.g. 2020-21-Q3",
    parse_period=parse_period,
    period_label=period_label,
    available=available,
    defaults=defaults,
    build=build,
    gaps=gaps,
)


def _programme(portfolio: Portfolio, period: str) -> CapitalProgramme | None:
    found = finance_period(portfolio_slug=portfolio.slug, period_slug=period, organisation=portfolio.organisation)
    return found.capital if found else None


def _title(quarter: FinancialQuarter) -> str:
    return f"Capital Programme Monitoring – {ORDINALS[quarter.quarter]} Quarter {quarter.financial_year.label}"


def _worked_out(
    portfolio: Portfolio, quarter: FinancialQuarter, programme: CapitalProgramme, view: CapitalView
) -> dict[str, Any]:
    """Wording from the programme, in the council's terms (`004_5a7191a0a14e1e5f.txt:1292-1315`)."""
    first, last = FinancialYear(view.years[0]).label, FinancialYear(view.years[-1]).label
    years = f"the {len(view.years)} years {first} to {last}"
    net = sum(variation.net for _, variation in view.variations)
    change = f"Total {'increase' if net >= 0 else 'decrease'} of {k(abs(net))} over {years}."
    revised = k(c.grand_total(view.schemes_by_year))
    return {
        "title": _title(quarter),
        "decision_maker": f"Portfolio Holder for {portfolio.name}",
        "date_note": f"For Pre-Decision Scrutiny by the {portfolio.name} PDS Committee on",
        "executive": "leader",
        "ward": "All",
        "reason": (
            f"This report sets out the changes agreed to the capital programme of the {portfolio.name} Portfolio "
            f"after the {ORDINALS[quarter.quarter]} quarter of {quarter.financial_year.label}. The revised "
            "programme is set out in Appendix A, and progress on each scheme in Appendix B."
        ),
        "recommendations": "The Portfolio Holder is asked to note and acknowledge the changes agreed.",
        "commentary": finance_blocks.commentary_text(programme.commentary),
        "policy_status": "Existing Policy",
        "cost_of_proposal": change,
        "ongoing_costs": "Not Applicable",
        "budget_head": "Capital Programme",
        "total_current_budget": f"{revised} for the {portfolio.name} Portfolio over {years}",
        "legal_requirement": "Non-Statutory - Government Guidance",
        "call_in": "Applicable",
        "implications_policy": (
            "Capital programme monitoring and review is part of the planning and review process for all services."
        ),
        "implications_financial": "The changes agreed to the programme are set out in the table in section 3.",
        "non_applicable_sections": [
            "implications_vulnerable",
            "implications_legal",
            "implications_personnel",
            "implications_procurement",
        ],
        "background_documents": f"Capital Programme Monitoring {quarter.long_label}",
    }
