"""The budget monitoring (CEF21002) and capital programme (FSD21015) reports: what their files say,
read back as readers' software reads them, against the figures the document prints.

The figures asserted are the document's (`004_5a7191a0a14e1e5f.txt`, lines given beside each), not
read from the code: where the document agrees with itself they must appear as printed, and where it
does not, our sum must appear with the printed figure beside it.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date

import docx
import pytest
from django.core.management import call_command
from django.db import transaction
from docx.oxml.ns import qn
from pypdf import PdfReader

from scrutineer.domain.parts import Part
from scrutineer.finance import report_data as fin
from scrutineer.reports import finance_blocks
from scrutineer.reports.document import Chart, Table

from .conftest import PERIOD, PORTFOLIO, docx_text, pdf_pages, squash

pytestmark = pytest.mark.django_db

FORMATS = ["html", "pdf", "docx"]
KINDS = ["budget-monitoring", "capital-monitoring"]


@pytest.fixture(scope="module")
def files(django_db_setup, django_db_blocker) -> dict[tuple[str, str], bytes]:
    """Both reports' Part 1 in every format, and their documents."""
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.renderers import Format, render_document

    made: dict[tuple[str, str], bytes] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for slug in KINDS:
            kind = report_kind(slug)
            document = kind.build(Report.objects.get(kind=slug, period=PERIOD), Part.ONE)
            made[(slug, "document")] = document  # type: ignore[assignment]
            for format in Format:
                made[(slug, format.value)] = render_document(document, format).content
        transaction.set_rollback(True)
    return made


def _text(content: bytes, format: str) -> str:
    if format == "pdf":
        return squash("\n".join(pdf_pages(content)))
    if format == "docx":
        return squash(docx_text(content))
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())))


def _tables(document) -> list[Table]:
    return [block for block in document.walk() if isinstance(block, Table)]


def _row(table: Table, label: str) -> list[str]:
    for row in (*table.rows, *table.total_rows):
        if row.cells[0].plain.split("\n")[0] == label:
            return [cell.plain for cell in row.cells]
    raise AssertionError(f"no row {label!r} in {table.caption!r}")


# --- budget monitoring ---------------------------------------------------------------------------

CONTROLLABLE = "TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES"


def test_the_budget_summary_totals_are_the_documents(files):
    # 004_5a7191a0a14e1e5f.txt:1088 and 1091: controllable 42,207 / 42,674 / 43,044, variation 370;
    # the portfolio's projected outturn 53,571.
    summary = next(
        t
        for t in _tables(files[("budget-monitoring", "document")])
        if t.caption.startswith("Budget monitoring summary")
    )
    controllable = _row(summary, CONTROLLABLE)
    assert controllable[2:6] == ["42,207", "42,674", "43,044", "370"]
    assert _row(summary, "TOTAL EDUCATION, CHILDREN & FAMILIES PORTFOLIO")[4] == "53,571"
    assert summary.landscape is True and summary.header_rows[0][0].plain == "Service areas"


@pytest.mark.parametrize("format", FORMATS)
def test_each_budget_file_prints_the_totals_credits_and_the_printed_figure_beside_ours(files, format):
    text = _text(files[("budget-monitoring", format)], format)
    for figures in ("42,207 42,674 43,044 370", "53,571"):
        assert squash(figures) in text
    # Credits the council's way: Adult Education Centres, 004_5a7191a0a14e1e5f.txt:1066 ("Cr 61").
    assert squash("Adult Education Centres Cr 350 Cr 401 Cr 376 Cr 437 Cr 61") in text
    # A sold services line that lost its "Cr": ours, then the document's (1095).
    assert squash("42 (printed: 6)") in text
    assert squash("Appendix 1a: Budget monitoring summary") in text
    assert squash("Appendix 3: Where the printed figures differ from Scrutineer's") in text


def test_the_budget_chart_is_drawn_from_the_division_table_with_a_text_alternative(files):
    document = files[("budget-monitoring", "document")]
    charts = [block for block in document.walk() if isinstance(block, Chart)]
    assert len(charts) == 1
    chart = charts[0]
    plotted = {value["category"]: value["value"] for value in chart.spec["data"]["values"]}
    assert plotted == {"Education Division": 102, "Children's Social Care": 268}  # 1078, 1087
    assert [_row(chart.table, name)[3] for name in plotted] == ["102", "268"]
    assert chart.description.startswith("Bar chart of the projected variation")
    page = files[("budget-monitoring", "html")].decode()
    assert f'alt="{html.escape(chart.description)}"' in page
    assert 'src="data:image/svg+xml;base64,' in page
    word = docx.Document(io.BytesIO(files[("budget-monitoring", "docx")]))
    assert [pr.get("descr") for pr in word.element.body.iter(qn("wp:docPr"))] == [chart.description]
    picture = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert word.part.related_parts[picture].content_type == "image/png"


def test_the_budget_pdf_prints_the_summary_on_landscape_pages_with_its_headings_on_each(files):
    content = files[("budget-monitoring", "pdf")]
    reader = PdfReader(io.BytesIO(content))
    pages = [squash(text) for text in pdf_pages(content)]
    first = next(i for i, text in enumerate(pages) if "Appendix1a:" in text)
    summary = range(first, next(i for i, text in enumerate(pages) if "Appendix1b:" in text))
    table = next(t for t in _tables(files[("budget-monitoring", "document")]) if t.caption.startswith("Budget monitor"))
    lines = [squash(row.cells[0].plain.split("\n")[0]) for row in table.rows if len(row.cells) > 1]
    with_rows = [index for index in summary if any(line in pages[index] for line in lines)]
    assert len(with_rows) >= 2, "the summary runs over several pages"
    for index in summary:
        assert reader.pages[index].mediabox.width > reader.pages[index].mediabox.height
    for index in with_rows:
        assert squash("Service areas 2019/20 Actuals 2020/21 Original Budget") in pages[index]
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height


def test_the_budget_report_in_word_repeats_table_headings_and_puts_the_summary_on_landscape(files):
    document = docx.Document(io.BytesIO(files[("budget-monitoring", "docx")]))
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in document.tables)
    assert any(section.page_width > section.page_height for section in document.sections)
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Service areas")
    row = next(r for r in summary.rows if r.cells[0].text.startswith(CONTROLLABLE))
    assert all(run.bold for cell in row.cells for p in cell.paragraphs for run in p.runs)


def test_the_budget_risks_keep_their_printed_numerals(files):
    text = _text(files[("budget-monitoring", "docx")], "docx")
    assert squash("i) Recruitment and retention of permanent staff") in text  # 004_5a7191a0a14e1e5f.txt:1045
    assert squash("x) Continuing impact of 2014 Children and Families Act") in text  # 1054


def test_the_budget_cover_sheet_is_report_cef21002s(files):
    text = _text(files[("budget-monitoring", "pdf")], "pdf")
    for printed in (
        "CEF21002A",  # 870, with the Part 1 letter
        "BUDGET MONITORING 2020/21",
        "Non-Urgent Executive Non-Key",  # 881
        "David Bradshaw, Head of Finance, Children, Education and Families",  # 885
        "Tel: 020 8313 4807",
        "Wednesday 10 March 2021",  # 879
        "£53,201k",  # 920
        "1,155 Full time equivalent",  # 926
    ):
        assert squash(printed) in text, printed


# --- capital programme ---------------------------------------------------------------------------

REVISED = "Revised Children, Education & Families Programme"


def test_the_revised_capital_programme_is_the_documents_from_2021_22(files):
    # 004_5a7191a0a14e1e5f.txt:1354: 9,835 / 11,305 / 190 / 10 / 10, total 21,350
    variations = next(
        t for t in _tables(files[("capital-monitoring", "document")]) if t.caption.startswith("Variations")
    )
    revised = _row(variations, REVISED)
    assert revised[2:6] == ["11,305", "190", "10", "10"]
    # The printed 2020/21 figure is £1k off the document's own arithmetic: ours, with the printed one.
    assert revised[1] == "9,836\n(printed: 9,835)"
    assert revised[6] == "21,351\n(printed: 21,350)"


@pytest.mark.parametrize("format", FORMATS)
def test_each_capital_file_prints_the_revised_programme_and_lists_the_disagreements(files, format):
    text = _text(files[("capital-monitoring", format)], format)
    assert squash("11,305 190 10 10") in text
    assert squash("9,836 (printed: 9,835)") in text
    assert squash("Cr 3,204") in text  # the rephasing, 1351
    assert squash("Appendix C: Where the printed figures differ from Scrutineer's") in text
    # Appendix A's totals (1427-1428) are £1k off their schemes: ours beside each printed one.
    assert squash("124,006 (printed: 124,007)") in text
    assert squash("Langley Park Boys School (BSF) (Langley Park Learning Trust)") in text  # 1383


def test_the_capital_findings_appendix_lists_every_finding_of_the_finance_app(files):
    from scrutineer.finance.selectors import capital_findings, capital_view, finance_period
    from scrutineer.reports.models import Report

    report = Report.objects.get(kind="capital-monitoring", period=PERIOD)
    found = finance_period(portfolio_slug=PORTFOLIO, period_slug=PERIOD, organisation=report.portfolio.organisation)
    findings = capital_findings(capital_view(programme=found.capital))
    document = files[("capital-monitoring", "document")]
    appendix = next(s for s in document.appendices if s.anchor == "data-quality")
    table = next(block for block in appendix.blocks if isinstance(block, Table))
    assert len(table.rows) == len(findings) > 0
    assert table.landscape is True
    assert {row.cells[2].plain for row in table.rows} >= {"9,835"}


def test_the_capital_programme_appendix_is_landscape_with_its_totals_at_the_foot(files):
    document = files[("capital-monitoring", "document")]
    appendix = next(s for s in document.appendices if s.title.startswith("Appendix A:"))
    table = next(block for block in appendix.blocks if isinstance(block, Table))
    assert appendix.landscape and table.landscape and appendix.page_break_before
    assert [row.cells[0].plain for row in table.total_rows] == ["TOTAL CHILDREN, EDUCATION & FAMILIES PORTFOLIO"]
    assert table.total_rows[0].cells[4].plain == "11,305"  # 1428
    headings = [group.rows[0].cells[0].plain for group in table.groups if group.rows[0].cells[0].colspan > 1]
    assert headings == ["SPECIAL SCHOOLS", "OTHER EDUCATION SCHEMES"]  # 1406, 1409


# --- the reports page, the command line and publication checks -----------------------------------


def test_the_quarter_page_offers_both_finance_reports_to_the_public(client, demo):
    page = client.get(f"/reports/{PORTFOLIO}/{PERIOD}/").content.decode()
    for slug, heading in (
        ("budget-monitoring", "Budget monitoring"),
        ("capital-monitoring", "Capital programme monitoring"),
    ):
        assert f"{heading}: Quarter 3 2020/21" in page
        assert page.count(f'href="/reports/{PORTFOLIO}/{slug}/{PERIOD}/part-1.') == 3
    assert 'Download PDF<span class="govuk-visually-hidden"> of the Part 1 budget monitoring, Quarter 3 2020/21' in page


@pytest.mark.parametrize(("slug", "number"), [("budget-monitoring", "CEF21002A"), ("capital-monitoring", "FSD21015A")])
def test_a_part_1_download_is_a_named_word_file(client, demo, slug, number):
    response = client.get(f"/reports/{PORTFOLIO}/{slug}/{PERIOD}/part-1.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{number}-{slug}-{PERIOD}.docx"'
    assert number in docx_text(response.content)


def test_the_command_line_writes_the_budget_report_in_word(demo, tmp_path):
    path = tmp_path / "budget.docx"
    call_command("report", "budget-monitoring", "--period", PERIOD, "--format", "docx", "-o", str(path))
    assert squash("42,207 42,674 43,044 370") in _text(path.read_bytes(), "docx")


def test_differences_warn_but_do_not_stop_publication(demo):
    from scrutineer.reports.checks import report_gaps
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind

    for slug, appendix in (("budget-monitoring", "Appendix 3"), ("capital-monitoring", "Appendix C")):
        report = Report.objects.get(kind=slug, period=PERIOD)
        warnings = [gap for gap in report_gaps(report, report_kind(slug)) if "differ" in gap.message]
        assert len(warnings) == 1 and warnings[0].blocking is False
        assert warnings[0].message.endswith(f"listed in {appendix}")


def test_a_new_report_takes_its_cover_sheet_from_the_one_the_finance_report_was_printed_with(demo):
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.selectors import report_for

    Report.objects.filter(kind__in=KINDS).delete()
    budget = report_for(portfolio=demo.portfolio, kind=report_kind("budget-monitoring"), period=PERIOD)
    assert budget.pk is None
    assert (budget.report_number, budget.meeting_date, budget.decision_type) == (
        "CEF21002",
        date(2021, 3, 10),
        "Non-Urgent Executive Non-Key",
    )
    assert budget.contact_officers[0]["email"] == "David.Bradshaw@bromley.gov.uk"
    assert budget.recommendations.startswith("The Children, Education and Families Policy Development")
    assert "\n- (ii) Note the full year effect" in budget.recommendations
    assert not re.match(r"\d+\.\d+ ", budget.commentary)  # the printed paragraph numbers are left out
    assert budget.commentary.startswith("The 2020/21 projected outturn")
    capital = report_for(portfolio=demo.portfolio, kind=report_kind("capital-monitoring"), period=PERIOD)
    assert capital.date_note == "For Pre-Decision Scrutiny by the Children, Education, & Families PDS Committee on"
    assert capital.decision_type == "Non-Urgent Leader Non-Key"


def test_a_quarter_without_finance_figures_offers_no_finance_report(demo):
    from scrutineer.reports.registry import ReportUnavailable, report_kind
    from scrutineer.reports.selectors import report_for

    for slug in KINDS:
        kind = report_kind(slug)
        assert kind.available(demo.portfolio, "2020-21-Q4") is False
        with pytest.raises(ReportUnavailable):
            kind.build(report_for(portfolio=demo.portfolio, kind=kind, period="2020-21-Q4"), Part.ONE)


# --- translating the finance app's data ----------------------------------------------------------


def test_a_finance_table_becomes_row_groups_subtotals_and_total_rows():
    columns = (fin.Column("Line"), fin.Column("Budget", True), fin.Column("Remarks"))
    rows = (
        fin.Row("Education", (), fin.RowKind.HEADING),
        fin.Row(
            "Adult Education", (fin.Cell("Cr 61", -61), fin.Cell("Ceased costs")), level=1, note="Printed as “AE”."
        ),
        fin.Row("Education total", (fin.Cell("42", 42, "6"), fin.Cell("")), fin.RowKind.SUBTOTAL),
        fin.Row("TOTAL", (fin.Cell("42", 42), fin.Cell("")), fin.RowKind.TOTAL),
    )
    table = finance_blocks.table(fin.Table("t", "Budget", columns, rows, footnotes=("Credits are Cr.",), wide=True))
    assert table.caption == "Budget (£'000)"
    assert [row.cells[0].plain for row in table.groups[-1].rows] == [
        "Education",
        "Adult Education\nPrinted as “AE”.",
        "Education total",
    ]
    assert table.groups[-1].rows[0].cells[0].colspan == 3
    assert table.groups[-1].rows[1].cells[0].indent == 1
    assert table.groups[-1].rows[2].total is True
    assert table.groups[-1].rows[2].cells[1].plain == "42\n(printed: 6)"
    assert [row.cells[0].plain for row in table.total_rows] == ["TOTAL"]
    assert table.notes == ("Credits are Cr.",)
    assert table.landscape is False  # three columns fit a portrait page, wide or not


def test_printed_paragraph_numbers_and_recommendation_points_are_read_as_the_form_holds_them():
    assert finance_blocks.commentary_text("3.1 The position.\n\n3.12 Risks.\n\nNo number 4.2 here.") == (
        "The position.\n\nRisks.\n\nNo number 4.2 here."
    )
    printed = "2.1 The Committee are invited to:\n(i) Note the overspend;\n(ii) Refer it.\n2.2 The Holder:\n(i) Note."
    assert finance_blocks.recommendations_text(printed) == (
        "The Committee are invited to:\n- (i) Note the overspend;\n- (ii) Refer it.\n\nThe Holder:\n- (i) Note."
    )
