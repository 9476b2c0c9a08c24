"""What goes into the pack for an agenda item: the minutes it agrees, a report Scrutineer makes
(pulled from the report framework, never copied), the PDF an officer uploaded, or a clear "report
not available" page that says why and carries the cover sheet as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scrutineer.domain.periods import PeriodError
from scrutineer.reports.models import Report
from scrutineer.reports.registry import ReportKind, report_kinds
from scrutineer.reports.selectors import report_for

from .models import AgendaItem, AgendaReport


class Source(StrEnum):
    MINUTES = "minutes"
    REPORT = "report"  # made by Scrutineer's report framework
    UPLOAD = "upload"  # the PDF an officer supplied
    UNAVAILABLE = "unavailable"


NOT_PUBLISHED = "The report has not been published yet."
NOT_MADE = "Scrutineer does not make this report yet, and no PDF of it has been uploaded."
NO_PDF = "The report is not held in Scrutineer: no PDF of it has been uploaded."
NOTHING_TO_REPORT = "There is nothing to report for that period yet."
NO_PORTFOLIO = "The committee is not linked to a portfolio, so its reports cannot be found."


@dataclass(frozen=True)
class Papers:
    item: AgendaItem
    source: Source
    kind: ReportKind | None = None
    report: Report | None = None
    reason: str = ""  # why a report is not available

    @property
    def paper(self) -> AgendaReport | None:
        return _paper(self.item)

    @property
    def available(self) -> bool:
        return self.source is not Source.UNAVAILABLE

    @property
    def draft(self) -> bool:
        return self.report is not None and not self.report.is_published


def has_papers(item: AgendaItem) -> bool:
    """Apologies, questions and headings go to the meeting without papers."""
    return item.minutes_of_id is not None or bool(item.report_kind) or _paper(item) is not None


def papers_for(
    item: AgendaItem, *, include_drafts: bool = False, kinds: dict[str, ReportKind] | None = None
) -> Papers | None:
    """The item's papers, or None for an item that has none. A generated report goes in once it is
    published (or as a draft, marked DRAFT, when `include_drafts`)."""
    if item.minutes_of_id is not None:
        return Papers(item, Source.MINUTES)
    reason = ""
    if item.report_kind:
        found, reason = _generated(item, include_drafts, report_kinds() if kinds is None else kinds)
        if found is not None:
            return found
    paper = _paper(item)
    if paper is not None and paper.has_pdf:
        return Papers(item, Source.UPLOAD)
    if paper is not None or item.report_kind:
        return Papers(item, Source.UNAVAILABLE, reason=reason or NO_PDF)
    return None


def _generated(item: AgendaItem, include_drafts: bool, kinds: dict[str, ReportKind]) -> tuple[Papers | None, str]:
    kind = kinds.get(item.report_kind)
    if kind is None:
        return None, NOT_MADE
    portfolio = item.meeting.committee.portfolio
    if portfolio is None:
        return None, NO_PORTFOLIO
    try:
        period = kind.parse_period(item.report_period)
    except PeriodError:
        return None, NOTHING_TO_REPORT
    if not kind.available(portfolio, period):
        return None, NOTHING_TO_REPORT
    report = report_for(portfolio=portfolio, kind=kind, period=period)
    if report.pk is None or not (report.is_published or include_drafts):
        return None, NOT_PUBLISHED
    return Papers(item, Source.REPORT, kind=kind, report=report), ""


def _paper(item: AgendaItem) -> AgendaReport | None:
    try:
        return item.paper
    except AgendaReport.DoesNotExist:
        return None
