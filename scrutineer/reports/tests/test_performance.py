"""The performance report (CEF21011A and its Part 2 twin), read back from its files.

PDF text through pypdf, Word through python-docx, HTML with its markup stripped. Part 1 must carry
the cover sheet, the commentary and the index as the disclosure engine allows, and none of the
Part 2 figures or commentary; Part 2 carries them all.
"""

from __future__ import annotations

import html
import io
import re
import uuid
from dataclasses import dataclass, field

import docx
import pytest
from django.core.management import call_command
from django.db import transaction
from docx.oxml.ns import qn
from pypdf import PdfReader

from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month

from .conftest import docx_text, pdf_pages, squash

pytestmark = pytest.mark.django_db

FORMATS = ["html", "pdf", "docx"]
PERIOD = "2020-12"
# Part 2 figures put in place of indicator 23's (adoptions): unique, and short enough for a month column.
ADOPTIONS = {f"2020-{m:02d}": 90017 + 1000 * m for m in range(4, 13)}


@dataclass
class Files:
    canaries: list[str]
    files: dict[tuple[Part, str], bytes] = field(default_factory=dict)
    cover: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def report_files(django_db_setup, django_db_blocker) -> Files:
    """The demo's CEF21011 with canaries in every Part 2-only place, in both parts and all formats."""
    from scrutineer.demo.loader import load_demo
    from scrutineer.indicators.models import Indicator, IndicatorValue
    from scrutineer.indicators.services import commentary_save
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.renderers import Format, render_document

    words = [f"CANARY-{uuid.uuid4()}" for _ in range(3)]
    result = Files(canaries=[*words, *(str(value) for value in ADOPTIONS.values())])
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        for period, value in ADOPTIONS.items():
            IndicatorValue.objects.filter(indicator__number="23", period=period).update(
                text=str(value), number=value, part=Part.TWO
            )
        as_at = Month(2020, 12)
        commentary_save(indicator=Indicator.objects.get(number="23"), as_at=as_at, part=Part.TWO, text=words[0])
        # written for Part 1, on an indicator Part 1 suppresses: it moves to Part 2 by itself
        commentary_save(indicator=Indicator.objects.get(number="22.2"), as_at=as_at, part=Part.ONE, text=words[1])
        report = Report.objects.get(kind="performance", period=PERIOD)
        report.part2_commentary = f"Exempt: about a named child. {words[2]}"
        report.save()
        result.cover = _cover_texts(report)
        result.names = [re.sub(r"<[^>]+>", "", i.name) for i in Indicator.objects.filter(portfolio=report.portfolio)]
        kind = report_kind("performance")
        for part in Part:
            document = kind.build(report, part)
            for format in Format:
                result.files[(part, format.value)] = render_document(document, format).content
        transaction.set_rollback(True)
    return result


def _cover_texts(report) -> list[str]:
    return [
        "Wednesday 10 March 2021",
        "Non-Urgent Non-Executive Non-Key",
        report.decision_maker,
        report.title,
        "Georgina Sanger, Head of Service, Strategy and Performance (Children’s)",
        report.chief_officer,
        report.reason,
        report.recommendations,
        report.implications_vulnerable,
        "In January 2018, the Performance and Budget Sub-Committee received a draft",
    ]


def _text(files: Files, part: Part, format: str) -> str:
    content = files.files[(part, format)]
    if format == "pdf":
        return "\n".join(pdf_pages(content))
    if format == "docx":
        return docx_text(content)
    return html.unescape(re.sub(r"<[^>]+>", " ", content.decode("utf-8")))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("part", list(Part))
def test_each_file_has_the_cover_sheet_commentary_and_every_indicator(report_files, part, format):
    text = squash(_text(report_files, part, format))
    missing = [item for item in (*report_files.cover, *report_files.names) if squash(item) not in text]
    assert missing == []
    for heading in (
        "3.6MANAGEMENTCOMMENTARYONEXCEPTION–Indexindicatorsperformingbelowexpectation",
        "AppendixOne:Children,EducationandFamiliesScrutiny-PerformanceIndex2020/21,asatDecember2020",
        "Indicator26:%ofCareleaverswhoareEET(aged19,20,21)(DFEdefinition)(RED)",
        "Indicator29:AverageCaseloads(AMBER)",
    ):
        assert heading in text, heading
    assert ("CEF21011A" in text) is (part is Part.ONE) and ("CEF21011B" in text) is (part is Part.TWO)


@pytest.mark.parametrize("format", FORMATS)
def test_part_1_numbers_its_exceptions_as_the_seed_does_and_points_to_part_2(report_files, format):
    text = squash(_text(report_files, Part.ONE, format))
    assert "3.6.1Indicator26:" in text and "3.6.2Indicator29:" in text and "3.6.3Indicator35.1:" in text
    assert squash("Please refer to the Part 2 report for management commentary on indicators 22.2 and 23") in text
    assert "PART1–PUBLIC" in text and "Schedule12A" not in text
    assert squash("c = suppressed to protect confidentiality (see Part 2 report); x = not available") in text


@pytest.mark.parametrize("format", FORMATS)
def test_part_1_holds_no_part_2_figure_or_commentary(report_files, format):
    text = _text(report_files, Part.ONE, format)
    flat = squash(text)
    found = [canary for canary in report_files.canaries if canary in text or squash(canary) in flat]
    assert found == []
    if format == "html":
        content = report_files.files[(Part.ONE, format)]
        assert not [canary for canary in report_files.canaries if canary.encode() in content]


@pytest.mark.parametrize("format", FORMATS)
def test_part_2_holds_every_figure_and_all_the_commentary(report_files, format):
    text = _text(report_files, Part.TWO, format)
    flat = squash(text)
    assert [canary for canary in report_files.canaries if squash(canary) not in flat] == []
    assert "3.6.1Indicator22.2:" in flat and "3.6.2Indicator23:" in flat and "3.6.3Indicator26:" in flat
    assert "[c-a]" in text and "[c-p]" in text  # how Part 1 withheld each figure
    assert "PART2–EXEMPT" in flat
    assert squash("paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972") in flat


def test_ratings_of_suppressed_indicators_still_show_in_part_1(report_files):
    content = report_files.files[(Part.ONE, "html")].decode()
    for number in ("22.2", "23"):
        row = content[content.index(f"<tr><td>{number}</td>") :]
        row = row[: row.index("</tr>")]
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
        assert "AMBER" in cells
        assert cells[-10:-1] == ["c"] * 9  # April to December
    assert "<caption>Performance Index 2020/21, as at the end of December 2020</caption>" in content


def test_the_pdf_prints_the_index_on_landscape_pages_with_headings_on_each(report_files):
    reader = PdfReader(io.BytesIO(report_files.files[(Part.ONE, "pdf")]))
    index_pages = [page for page in reader.pages if "Performance indicator" in page.extract_text()]
    assert len(index_pages) >= 3
    for page in index_pages:
        box = page.mediabox
        assert box.width > box.height
        assert "Polarity" in page.extract_text() and "Dec-20" in page.extract_text()


def test_word_repeats_the_index_headings_and_keeps_rows_whole(report_files):
    document = docx.Document(io.BytesIO(report_files.files[(Part.ONE, "docx")]))
    index = [t for t in document.tables if t.rows[0].cells[1].text == "Performance indicator"]
    assert len(index) == 2
    for table in index:
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows[1:])
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape


def test_the_command_line_writes_the_pdf(tmp_path, demo):
    path = tmp_path / "report.pdf"
    call_command("report", "performance", "--period", PERIOD, "--part", "1", "--format", "pdf", "-o", str(path))
    text = "\n".join(pdf_pages(path.read_bytes()))
    assert "CEF21011A" in text and "Appendix One" in text


# --- publication -----------------------------------------------------------------------------


@pytest.fixture
def performance(demo):
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind

    return report_kind("performance"), Report.objects.get(kind="performance", period=PERIOD)


def test_the_published_cef21011_has_no_gaps(performance):
    from scrutineer.reports.checks import report_gaps

    kind, report = performance
    assert report_gaps(report, kind) == []


def test_publication_is_blocked_while_a_red_or_amber_indicator_lacks_commentary(
    performance, performance_officer, client
):
    from scrutineer.disclosure.models import Publication
    from scrutineer.indicators.models import ManagementCommentary
    from scrutineer.reports.checks import blocking, report_gaps
    from scrutineer.reports.services import ReportIncomplete, report_publish, report_withdraw

    kind, report = performance
    report_withdraw(report=report, user=performance_officer)
    ManagementCommentary.objects.filter(indicator__number__in=["26", "29"]).delete()
    messages = [gap.message for gap in blocking(report_gaps(report, kind))]
    assert messages == [
        "Indicator 26 (RED) has no management commentary",
        "Indicator 29 (AMBER) has no management commentary",
    ]
    with pytest.raises(ReportIncomplete) as incomplete:
        report_publish(report=report, kind=kind, user=performance_officer)
    assert [gap.message for gap in incomplete.value.gaps] == messages
    client.force_login(performance_officer)
    page = client.get("/reports/children-education-families/2020-21-Q3/").content.decode()
    assert "Indicator 26 (RED) has no management commentary" in page
    assert Publication.objects.filter(reference="CEF21011A 2020-12").count() == 1  # the demo's, nothing more


def test_publishing_records_the_part_1_index_in_the_ledger(performance, performance_officer, quick_drawing):
    from scrutineer.disclosure.models import LedgerEntry, Publication
    from scrutineer.reports.services import report_publish, report_withdraw

    kind, report = performance
    report_withdraw(report=report, user=performance_officer)
    report_publish(report=report, kind=kind, user=performance_officer)
    latest = Publication.objects.filter(reference="CEF21011A 2020-12").order_by("-version").first()
    assert latest.version == 2 and latest.published_by == performance_officer
    assert latest.title == "Performance Reporting – Children’s Scrutiny Dataset (Part 1), appendix one"
    entry = LedgerEntry.objects.get(publication=latest, key="23|2020-12|value")
    assert (entry.shown, entry.suppression) == ("c", "primary")


def test_part_1_text_about_a_suppressed_indicator_may_not_state_a_small_number(performance):
    from scrutineer.reports.checks import blocking, report_gaps

    kind, report = performance
    report.commentary += "\n\nIndicator 23: two adoptions were delayed by the courts."
    report.recommendations += "\n\nMembers note indicators 22 and 23, and the 4 quarterly reports a year."
    gaps = blocking(report_gaps(report, kind))
    assert [(gap.field, gap.part) for gap in gaps] == [("recommendations", Part.ONE), ("commentary", Part.ONE)]
    assert "“4”" in gaps[0].message and "“two”" in gaps[1].message


def test_any_month_with_an_index_can_be_reported_with_defaults(demo):
    from scrutineer.reports.registry import ReportUnavailable, report_kind
    from scrutineer.reports.selectors import report_for

    kind = report_kind("performance")
    assert kind.available(demo.portfolio, "2021-01") and not kind.available(demo.portfolio, "2019-11")
    assert kind.period_in_quarter(kind.quarter_of("2020-11")) == "2020-12"
    report = report_for(portfolio=demo.portfolio, kind=kind, period="2021-01")
    assert report.pk is None and report.chief_officer.startswith("Naheed Chaudhry")  # standing fields carried over
    assert "as at the end of January 2021" in report.reason
    document = kind.build(report, Part.ONE)
    assert document.draft and document.appendices[0].title.endswith("as at January 2021")
    with pytest.raises(ReportUnavailable):
        kind.build(report_for(portfolio=demo.portfolio, kind=kind, period="2019-11"), Part.ONE)
