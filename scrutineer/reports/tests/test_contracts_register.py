"""The contracts register report (CEF21007A/B): what its files say, read back as readers' software
reads them, and the Part 1/Part 2 split.

Every commentary field of every contract gets a canary, and so does the report's own exempt
commentary. Then the Part 1 report is made in every format by the kind, downloaded from the
reports pages, and written by `scrutineer report`; every Part 1 page under /reports/ and
/contracts/ is crawled with every download it links to. No Part 1 output may hold a canary; the
Part 2 outputs must hold every one (so the search is shown to find them where they are).
"""

from __future__ import annotations

import html
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

import docx
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from docx.oxml.ns import qn
from pypdf import PdfReader

from scrutineer.accounts.models import Part2Access
from scrutineer.domain.parts import Part

from .conftest import PORTFOLIO, docx_text, pdf_pages, squash

pytestmark = pytest.mark.django_db

KIND = "contracts-register"
CYCLE = "2021-02"
FORMATS = ["html", "pdf", "docx"]
PERIOD_PAGE = f"/reports/{PORTFOLIO}/2020-21-Q4/"
BASE = f"/reports/{PORTFOLIO}/{KIND}/{CYCLE}/"
STEM = "CANARY"
LINK = re.compile(r'href="([^"#]+)')
# The three capital contracts, at the foot of the printed register (`004_5a7191a0a14e1e5f.txt:3967-3969`).
CAPITAL = ["5017", "4998", "4997"]


@dataclass
class Outputs:
    canaries: list[str] = field(default_factory=list)
    files: dict[tuple[Part, str], bytes] = field(default_factory=dict)  # made by the kind
    downloads: dict[str, bytes] = field(default_factory=dict)  # Part 1 through the pages, by URL
    command: dict[tuple[Part, str], bytes] = field(default_factory=dict)  # `scrutineer report`
    pages: dict[str, bytes] = field(default_factory=dict)  # every Part 1 page and file crawled
    register_ids: list[str] = field(default_factory=list)  # the contracts app's own order
    columns: dict[Part, list[str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def outputs(django_db_setup, django_db_blocker, tmp_path_factory) -> Outputs:
    from scrutineer.contracts.models import RegisterEntry
    from scrutineer.contracts.selectors import cycle_get, register_report
    from scrutineer.core.models import Portfolio
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.renderers import Format, render_document

    result = Outputs()
    folder = tmp_path_factory.mktemp("register")
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        run = uuid.uuid4().hex[:6]
        for entry in RegisterEntry.objects.filter(cycle__month="2021-02-01"):
            entry.owner_commentary = f"Owner says the supplier is in talks. OWN{STEM}{entry.pk}{run}"
            entry.procurement_commentary = f"Plan agreed.\n\nC&P note CP{STEM}{entry.pk}{run}"
            entry.save()
            result.canaries += [f"OWN{STEM}{entry.pk}{run}", f"CP{STEM}{entry.pk}{run}"]
        report = Report.objects.get(kind=KIND, period=CYCLE)
        report.part2_commentary = f"Negotiations with a named supplier. EXEMPT{STEM}{run}"
        report.save()
        result.canaries.append(f"EXEMPT{STEM}{run}")
        cache.clear()

        portfolio = Portfolio.objects.get(slug=PORTFOLIO)
        cycle = cycle_get(organisation=portfolio.organisation, slug=CYCLE)
        data = register_report(cycle=cycle, portfolio=portfolio, part=Part.ONE)
        result.register_ids = [row.contract_id for section in data.sections for row in section.rows]

        kind = report_kind(KIND)
        for part in Part:
            document = kind.build(report, part)
            result.columns[part] = [cell.plain for cell in _register_table(document).header_rows[0]]
            for format in Format:
                result.files[(part, format.value)] = render_document(document, format).content

        from scrutineer.accounts.models import User

        reader = User.objects.create_user(f"reader-{run}", role="committee_member")  # Part 2 is read as someone
        client = Client()
        for format in FORMATS:
            url = f"{BASE}part-1.{format}"
            response = client.get(url)
            assert response.status_code == 200, url
            result.downloads[url] = response.content
            for part in (Part.ONE, Part.TWO) if format == "pdf" else (Part.ONE,):
                path = folder / f"part{part.value}.{format}"
                call_command(
                    "report", KIND, "--period", CYCLE, "--part", str(part.value), "--format", format,
                    "--user", reader.username, "-o", str(path),
                )  # fmt: skip
                result.command[(part, format)] = path.read_bytes()

        member = _member()
        for who in (Client(), member):
            result.pages.update(
                {f"{url} ({'member' if who is member else 'public'})": body for url, body in _crawl(who).items()}
            )
        cache.clear()
        transaction.set_rollback(True)
    return result


def _member() -> Client:
    from scrutineer.accounts.models import User

    client = Client()
    client.force_login(User.objects.create_user(f"member-{uuid.uuid4().hex[:8]}", role="committee_member"))
    return client


def _crawl(client: Client) -> dict[str, bytes]:
    """Every address under /reports/ and /contracts/ reachable from the home page, Part 2 left aside,
    with its body: pages, and the files they offer for download."""
    seen: dict[str, bytes] = {}
    queue = ["/", "/reports/", "/contracts/", PERIOD_PAGE]
    while queue and len(seen) < 500:
        url = queue.pop()
        if url in seen or "part-2" in url:
            continue
        response = client.get(url)
        if response.status_code != 200:
            continue  # forms that need a role, and so on: they show nothing from a register
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[url] = body
        if response["Content-Type"].startswith("text/html") and not url.endswith(".html"):
            for link in LINK.findall(body.decode()):
                path = urlparse(urljoin(url, link)).path
                if path.startswith(("/reports/", "/contracts/")) and path not in seen:
                    queue.append(path)
    return seen


def _register_table(document):
    appendix = next(section for section in document.appendices if section.anchor == "appendix-3")
    return next(block for block in appendix.blocks if block.kind == "table")


def _text(content: bytes, format: str) -> str:
    """What a reader sees, squashed; for Word also every piece of XML text, for HTML the markup."""
    if format == "pdf":
        return squash("\n".join(pdf_pages(content)))
    if format == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
        return squash(docx_text(content)) + xml
    markup = content.decode("utf-8")
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", markup))) + markup


# --- Part 1 holds no commentary, anywhere --------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_part_1_made_by_the_kind_holds_no_commentary(outputs, format):
    assert STEM not in _text(outputs.files[(Part.ONE, format)], format)


def test_part_1_downloads_from_the_reports_page_hold_no_commentary(outputs):
    assert len(outputs.downloads) == 3
    for url, content in outputs.downloads.items():
        assert STEM not in _text(content, url.rsplit(".", 1)[1]), url


@pytest.mark.parametrize("format", FORMATS)
def test_part_1_from_the_command_line_holds_no_commentary(outputs, format):
    assert STEM not in _text(outputs.command[(Part.ONE, format)], format)


def test_every_part_1_page_and_download_holds_no_commentary(outputs):
    crawled = outputs.pages
    # The crawl reached the register report's period page, its downloads and the contracts pages.
    assert any(url.startswith(f"{PERIOD_PAGE} ") for url in crawled)
    assert any(url.startswith(f"{BASE}part-1.pdf") for url in crawled)
    assert sum(url.startswith("/contracts/2021-02/children-education-families/") for url in crawled) > 40
    for url, body in crawled.items():
        format = "pdf" if body.startswith(b"%PDF") else "docx" if body.startswith(b"PK") else "html"
        text = _text(body, format) if format != "html" else body.decode("utf-8", "replace")
        assert STEM not in text, f"commentary leaked into {url}"
        assert STEM.encode() not in body, f"commentary leaked into {url}"


@pytest.mark.parametrize("format", FORMATS)
def test_part_2_holds_every_commentary_so_the_search_would_find_a_leak(outputs, format):
    text = _text(outputs.files[(Part.TWO, format)], format)
    missing = [canary for canary in outputs.canaries if canary not in text]
    assert missing == []


def test_part_2_from_the_command_line_holds_the_commentary(outputs):
    text = _text(outputs.command[(Part.TWO, "pdf")], "pdf")
    assert all(canary in text for canary in outputs.canaries)


# --- what the register report says ---------------------------------------------------------------


def test_part_1_has_the_registers_17_columns_and_part_2_adds_the_commentary_last(outputs):
    assert len(outputs.columns[Part.ONE]) == 17
    assert outputs.columns[Part.TWO] == [*outputs.columns[Part.ONE], "Commentary"]
    assert outputs.columns[Part.ONE][:2] == ["Risk Index", "Contract ID"]


def _register_rows(content: bytes) -> list[list[str]]:
    """The register's rows as Word holds them (one table row each, in order)."""
    document = docx.Document(io.BytesIO(content))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Contract ID")
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_contracts_are_printed_in_the_register_order_with_capital_contracts_at_the_foot(outputs):
    rows = _register_rows(outputs.files[(Part.ONE, "docx")])
    contracts = [row for row in rows if row[1] != row[0]]  # heading rows span the table
    headings = [row[0] for row in rows if row[1] == row[0]]
    assert [row[1] for row in contracts] == outputs.register_ids
    assert len(contracts) == 40
    assert [row[1] for row in contracts[-3:]] == CAPITAL
    assert all(row[16] == "Capital" for row in contracts[-3:]) and all(row[16] == "" for row in contracts[:-3])
    assert headings == ["Revenue-funded contracts", "Capital-funded contracts"]
    # The key's order, read from the printed words: risk index (red first), then procurement status
    # (red first, imminent last), then total value (largest first).
    risk = ["Red", "Amber", "Yellow", "Green"]
    status = ["Red", "Amber", "Yellow", "Green", "Imminent"]

    def order(row: list[str]) -> tuple[int, int, int]:
        return risk.index(row[0].split()[0]), status.index(row[11]), -int(re.sub(r"[£,]", "", row[7]))

    revenue = [order(row) for row in contracts[:-3]]
    assert revenue == sorted(revenue)


@pytest.mark.parametrize("format", FORMATS)
def test_the_summary_counts_40_contracts_and_2_imminent_as_the_document_does(outputs, format):
    # 004_5a7191a0a14e1e5f.txt:3801 (Total Contracts £50k+: 36, 39, 40) and 3814 (2 Imminent)
    text = _text(outputs.files[(Part.ONE, format)], format)
    assert squash("Total Contracts £50k+ 36 39 40") in text
    assert squash("Please note: 2 Imminent contracts.") in text
    assert squash("No contracts have been flagged as a concern.") in text


def test_the_summary_table_prints_each_cycles_counts_in_order(outputs):
    document = docx.Document(io.BytesIO(outputs.files[(Part.ONE, "docx")]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Item")
    rows = {tuple(cell.text for cell in row.cells[:2]): [cell.text for cell in row.cells[2:]] for row in table.rows}
    assert [cell.text for cell in table.rows[0].cells] == [
        "Item",
        "Category",
        "September 2020",
        "November 2020",
        "February 2021",
    ]
    assert rows[("Total Contracts", "£50k+")] == ["36", "39", "40"]
    assert rows[("Procurement Status", "Imminent")][-1] == "2"


@pytest.mark.parametrize("format", FORMATS)
def test_part_2_carries_the_b_number_and_cites_schedule_12a_paragraph_3(outputs, format):
    text = _text(outputs.files[(Part.TWO, format)], format)
    assert "CEF21007B" in text and "CEF21007A" not in text
    assert squash("paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972") in squash(text)
    part1 = _text(outputs.files[(Part.ONE, format)], format)
    assert "CEF21007A" in part1 and "Schedule12A" not in squash(part1)


def test_part_2_commentary_keeps_its_paragraphs_in_word(outputs):
    rows = _register_rows(outputs.files[(Part.TWO, "docx")])
    commentary = [row[17] for row in rows if row[1] != row[0]]
    assert all(text.startswith("Contract Owner: Owner says") for text in commentary)
    assert all("\n" in text and "Commissioning & Procurement: Plan agreed." in text for text in commentary)


# --- pages, headings and orientation -------------------------------------------------------------


HEADINGS = "Risk Index Contract ID Owner Approver Contract Title"


@pytest.mark.parametrize("part", list(Part))
def test_pdf_prints_the_register_on_landscape_pages_with_its_headings_on_each(outputs, part):
    content = outputs.files[(part, "pdf")]
    reader = PdfReader(io.BytesIO(content))
    pages = [squash(text) for text in pdf_pages(content)]
    first = next(index for index, text in enumerate(pages) if "Appendix3:ContractsDatabaseExtract" in text)
    register = range(first, len(pages))  # the register is the last appendix
    assert len(register) >= 2, "the register runs over several pages"
    assert "OLMSystemsLtd" in pages[first] and "BloomProcurementServicesLtd" in pages[-1]
    for index in register:
        page = reader.pages[index]
        assert page.mediabox.width > page.mediabox.height, f"page {index + 1} is not landscape"
        assert squash(HEADINGS) in pages[index], f"page {index + 1} does not repeat the headings"
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # the cover sheet is portrait


def test_word_marks_the_register_headings_to_repeat_and_puts_it_on_a_landscape_section(outputs):
    document = docx.Document(io.BytesIO(outputs.files[(Part.ONE, "docx")]))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Contract ID")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")).startswith("Contract Register Report - £50k")
    last = document.sections[-1]
    assert last.page_width > last.page_height


def test_html_register_is_one_captioned_table_with_a_row_header_per_contract(outputs):
    page = outputs.files[(Part.ONE, "html")].decode()
    register = page[page.index("Contracts Database Extract PART 1") :]
    assert register.count('<th scope="row">') >= 40  # each contract's ID heads its row
    assert '<th scope="rowgroup" colspan="17">Capital-funded contracts</th>' in register
    caption = "Contract Register Report - £50k Portfolio Filtered - Children, Education and Families - February 2021"
    assert f"<caption>{caption}</caption>" in register


# --- the reports page, downloads and access ---------------------------------------------------


def test_the_quarter_page_offers_the_register_of_each_cycle_held_in_it(client, demo):
    html = client.get(PERIOD_PAGE).content.decode()
    assert "Contracts register: February 2021" in html
    assert html.count(f'href="{BASE}part-1.') == 3
    assert "part-2" not in html
    q3 = client.get(f"/reports/{PORTFOLIO}/2020-21-Q3/").content.decode()
    assert "Contracts register" not in q3  # November 2020 is held only as published counts


def test_part_2_downloads_are_for_members_and_officers_and_each_is_logged(client, demo, committee_member, outsider):
    url = f"{BASE}part-2.pdf"
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(committee_member)
    before = Part2Access.objects.filter(user=committee_member).count()
    response = client.get(f"{BASE}part-2.html")
    assert response.status_code == 200
    assert "PART 2 – EXEMPT" in response.content.decode()
    assert response["Cache-Control"].count("no-store") == 1
    assert Part2Access.objects.filter(user=committee_member).count() == before + 1
    assert "CEF21007B" in Part2Access.objects.filter(user=committee_member).latest("pk").what


def test_a_register_still_in_draft_cannot_be_published(demo):
    from scrutineer.contracts.models import ReportingCycle
    from scrutineer.reports.checks import blocking, report_gaps
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind

    kind = report_kind(KIND)
    report = Report.objects.get(kind=KIND, period=CYCLE)
    assert blocking(report_gaps(report, kind)) == []
    warnings = [gap.message for gap in report_gaps(report, kind)]
    assert any(message.startswith("20 red or amber contracts have no commentary") for message in warnings)
    ReportingCycle.objects.filter(month="2021-02-01").update(status=ReportingCycle.Status.DRAFT)
    assert [gap.message for gap in blocking(report_gaps(report, kind))] == [
        "The February 2021 register is a draft: publish it on the contracts pages first"
    ]
