"""Fixtures for report tests: the demo council's plan update report, rendered once per module."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass, field

import pytest
from django.db import transaction

from scrutineer.domain.parts import Part

PORTFOLIO = "children-education-families"
PERIOD = "2020-21-Q3"


def squash(text: str) -> str:
    """Text with spacing and bullet marks removed, to compare what a file says with what was stored
    (line breaks, hyphen-free wrapping and list marks differ between formats)."""
    return re.sub(r"[\s•\u00ad]+", "", text)


@dataclass
class Rendered:
    """Both parts of the demo plan update in every format, and what they must (not) contain."""

    canary: str
    unapproved: str
    files: dict[tuple[Part, str], bytes] = field(default_factory=dict)
    titles: dict[Part, str] = field(default_factory=dict)
    chart_descriptions: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    cover: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> Rendered:
    """Load the demo, put a canary in the Part 2-only commentary and an unapproved update in the
    plan, render both parts in all three formats, then roll everything back."""
    from scrutineer.demo.loader import load_demo
    from scrutineer.plans.models import SubAction, Update
    from scrutineer.reports.document import Chart
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.renderers import Format, render_document

    result = Rendered(canary=f"CANARY-{uuid.uuid4()}", unapproved=f"UNAPPROVED-{uuid.uuid4()}")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        report = Report.objects.get(kind="plan-update", period=PERIOD)
        report.part2_commentary = f"Exempt detail about a named child. {result.canary}"
        report.schedule_12a_paragraph = 1
        report.save()
        sub_action = SubAction.objects.get(action__priority__number=5, action__number="4")
        Update.objects.filter(sub_action=sub_action).update(status=Update.Status.SUBMITTED, text=result.unapproved)
        approved = Update.objects.filter(status=Update.Status.APPROVED, period__year=2020, period__quarter=3)
        result.updates = [update.text for update in approved]
        result.details = [
            s.detail for s in SubAction.objects.filter(action__priority__plan__slug="cef-portfolio-plan-2018-22")
        ]
        result.priorities = [str(p) for p in report.portfolio.plans.get().priorities.order_by("position")]
        result.cover = _cover_texts(report)
        kind = report_kind("plan-update")
        for part in Part:
            document = kind.build(report, part)
            result.titles[part] = document.full_title
            result.chart_descriptions = [b.description for b in document.walk() if isinstance(b, Chart)]
            for format in Format:
                result.files[(part, format.value)] = render_document(document, format).content
        transaction.set_rollback(True)
    return result


def _cover_texts(report) -> list[str]:
    officers = [value for officer in report.contact_officers for value in officer.values() if value]
    return [
        "CEF21009",
        report.decision_maker,
        "Wednesday 10 March 2021",
        "Non-Urgent Non-Executive Non-Key",
        report.title,
        *officers,
        report.chief_officer,
        report.ward,
        report.reason,
        report.recommendations,
        report.corporate_priority,
        report.customer_impact,
        report.implications_vulnerable,
        report.implications_policy,
        report.implications_financial,
        report.implications_legal,
        "Personnel Implications, Procurement Implications",
    ]


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


TABLE_HEADING = "ACTION DETAIL MEASURES OF SUCCESS TARGET DATE LEAD UPDATES"


def pdf_flow(content: bytes) -> list[str]:
    """Each page's text without its furniture (running header, page number, the table headings
    repeated at its top), squashed."""
    pages = []
    for text in pdf_pages(content):
        text = re.sub(r"Report No\. \S+ · PART [12] – (PUBLIC|EXEMPT)( · DRAFT)?", "", text)
        text = re.sub(r"Page \d+ of \d+", "", text)
        pages.append(squash(text).replace(squash(TABLE_HEADING), ""))
    return pages


def runs_across_pages(needle: str, pages: list[str]) -> bool:
    """True if `needle` is printed whole, on one page or running on over the following ones.

    A table cell that breaks over a page is printed in pieces, each whole on its page but with the
    row's other cells between them, so each piece is looked for on its own page in turn.
    """
    needle = squash(needle)
    for start in range(len(pages)):
        rest, page = needle, start
        while page < len(pages):
            length = _longest_prefix(rest, pages[page])
            if length == len(rest):
                return True
            if length < min(20, len(rest)):
                break
            rest, page = rest[length:], page + 1
    return False


def _longest_prefix(text: str, page: str) -> int:
    low, high = 0, len(text)
    while low < high:  # a prefix found means every shorter prefix is found too
        middle = (low + high + 1) // 2
        if text[:middle] in page:
            low = middle
        else:
            high = middle - 1
    return low


def docx_text(content: bytes) -> str:
    """Every piece of text in a Word file: body paragraphs, table cells, headers and footers."""
    import docx

    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        texts.extend(p.text for p in section.header.paragraphs)
        texts.extend(p.text for p in section.footer.paragraphs)
    properties = document.core_properties
    texts += [properties.title or "", properties.subject or "", properties.keywords or "", properties.comments or ""]
    return "\n".join(texts)


@pytest.fixture
def quick_drawing(monkeypatch):
    """For tests of the publication workflow rather than of its files (test_published.py tests
    those): publishing stores a few bytes per file instead of drawing six, which takes seconds."""
    from scrutineer.reports import services
    from scrutineer.reports.renderers import Format

    def draw(report, kind):
        files = {(part, format): f"Part {part.value} {format.value}".encode() for part in Part for format in Format}
        return services._Drawn(files, 0.0)

    monkeypatch.setattr(services, "_draw", draw)
