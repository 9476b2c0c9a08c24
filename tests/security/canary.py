"""The Part 2 canary crawl's tools (check A3 in reliability.md): plant canaries, crawl, read files.

`plant()` puts a unique `CANARY-<hex>` in every Part 2-only field of the demo council and turns the
cells the Part 1 index withholds into Part 2 figures of a recognisable size, then publishes what
the public pages need. `Crawler` fetches a site with Django's test client as one visitor, follows
same-origin links, and reads the text out of every response, whatever its format.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

PORTFOLIO = "children-education-families"
COMMITTEE = "children-education-families-pds"
MEETING = date(2021, 3, 10)
MINUTED = date(2021, 1, 26)
INDEX_MONTH = "2020-12"
# Part 2 figures: 9,0NN,007 (the value's position times a thousand, plus 7). Nothing in the demo is
# that large, so a figure of this size on a Part 1 page is a canary, even summed with small counts.
FIGURE_BASE = 9_000_000
FIGURE_PATTERN = re.compile(r"(?<![\d.,])9,?0\d\d,?\d{3}(?![\d])")


def canary() -> str:
    return f"CANARY-{uuid.uuid4().hex}"


@dataclass
class Planted:
    """What was planted: canary text by the field it went into, and the Part 2 figures."""

    texts: dict[str, str] = field(default_factory=dict)  # "contracts owner_commentary" -> CANARY-...
    figures: set[int] = field(default_factory=set)  # every Part 2 figure, with totals formed from them
    withheld_cells: list[tuple[str, str, str]] = field(default_factory=list)
    part2_urls: set[str] = field(default_factory=set)

    def add(self, where: str) -> str:
        self.texts[where] = canary()
        return self.texts[where]

    def hits(self, text: str) -> list[str]:
        """Where each canary found in `text` was planted ("field: context")."""
        found = []
        squashed = squash(text)
        for where, mark in self.texts.items():
            if mark in text or mark in squashed:
                found.append(f"{where} ({mark})")
        if "CANARY-" in squashed and not found:
            found.append("an unknown canary: " + _context(squashed, squashed.index("CANARY-")))
        for match in FIGURE_PATTERN.finditer(text):
            if int(match.group().replace(",", "")) in self.figures:
                found.append(f"Part 2 figure {match.group()}: …{_context(text, match.start())}…")
        return found


def squash(text: str) -> str:
    """Text without spacing or soft hyphens: a canary broken over lines in a PDF still matches."""
    return re.sub(r"[\s\u00ad]+", "", text)


def _context(text: str, at: int) -> str:
    return re.sub(r"\s+", " ", text[max(0, at - 60) : at + 60])


# --- planting ---------------------------------------------------------------------------------


def plant(*, officer) -> Planted:
    """Put canaries in every Part 2-only place, as the demo council's officers would, and publish."""
    planted = Planted()
    _plant_index(planted, officer)
    _plant_contracts(planted)
    _plant_committees(planted)
    _plant_reports(planted, officer)
    return planted


def _plant_index(planted: Planted, officer) -> None:
    """Every cell the Part 1 index withholds becomes a Part 2 figure 9,0NN,007; Part 2 commentary
    and Part 1 commentary on a suppressed indicator (which moves to Part 2) carry canaries."""
    from scrutineer.core.models import Portfolio
    from scrutineer.disclosure.services import performance_index_publish
    from scrutineer.domain.parts import Part
    from scrutineer.domain.periods import Month
    from scrutineer.domain.printed_values import ValueState
    from scrutineer.indicators.models import Indicator, IndicatorValue, ManagementCommentary
    from scrutineer.indicators.selectors import performance_index
    from scrutineer.indicators.services import commentary_save

    portfolio = Portfolio.objects.get(slug=PORTFOLIO)
    month = Month.parse(INDEX_MONTH)
    before = performance_index(portfolio=portfolio, as_at=month, part=Part.ONE)
    position = 0
    for cell in before.cells():
        for atom in cell.atoms:
            if not atom.withheld or atom.derived or atom.percent:
                continue
            value = IndicatorValue.objects.filter(
                indicator__portfolio=portfolio, indicator__number=atom.indicator, period=atom.column
            ).filter(split=atom.split)
            value = value.first()
            if value is None:  # a copy (latest) or a cell not held as a value
                continue
            position += 1
            figure = FIGURE_BASE + position * 1000 + 7
            value.part, value.state, value.text = Part.TWO.value, ValueState.VALUE.value, str(figure)
            value.number, value.rate = figure, None
            value.save()
            planted.withheld_cells.append(atom.ref)
    # Part 2 commentary, and Part 1 commentary on an indicator Part 1 suppresses
    for commentary in ManagementCommentary.objects.filter(as_at=month.first_day, part=Part.TWO.value):
        mark = planted.add(f"Part 2 management commentary on indicator {commentary.indicator.number}")
        commentary_save(indicator=commentary.indicator, as_at=month, part=Part.TWO, text=f"Exempt: {mark}", by=officer)
    suppressed = {ref[0] for ref in planted.withheld_cells}
    for number in sorted(suppressed - set(_commented(month))):
        mark = planted.add(f"Part 1 commentary on suppressed indicator {number} (moves to Part 2)")
        indicator = Indicator.objects.get(portfolio=portfolio, number=number)
        commentary_save(indicator=indicator, as_at=month, part=Part.ONE, text=f"Commentary {mark}", by=officer)
        break  # one is enough to prove the rule; each is another row of the same table
    # the Part 1 index published, as the performance officer does: the ledger records every cell
    performance_index_publish(portfolio=portfolio, as_at=month, published_by=officer)
    after_part1 = performance_index(portfolio=portfolio, as_at=month, part=Part.ONE)
    after_part2 = performance_index(portfolio=portfolio, as_at=month, part=Part.TWO)
    shown = {atom.ref: atom for cell in after_part1.cells() for atom in cell.atoms}
    still_shown = [ref for ref in planted.withheld_cells if not shown[ref].withheld]
    assert still_shown == [], f"Part 1 shows planted Part 2 figures: {still_shown}"
    for cell in after_part2.cells():
        for atom in cell.atoms:
            if atom.withheld_in_part1 and atom.number is not None and atom.number >= FIGURE_BASE:
                planted.figures.add(int(atom.number))  # the figures, their copies and totals formed from them


def _commented(month) -> list[str]:
    from scrutineer.indicators.models import ManagementCommentary

    return list(ManagementCommentary.objects.filter(as_at=month.first_day).values_list("indicator__number", flat=True))


def _plant_contracts(planted: Planted) -> None:
    from scrutineer.contracts.models import RegisterEntry

    owner = planted.add("contracts register owner_commentary")
    procurement = planted.add("contracts register procurement_commentary")
    RegisterEntry.objects.update(
        owner_commentary=f"Owner's view {owner}", procurement_commentary=f"C&P comment {procurement}"
    )


def _plant_committees(planted: Planted) -> None:
    from scrutineer.committees import services
    from scrutineer.committees.models import AgendaItem, Meeting, Minute, Risk
    from scrutineer.core.models import Portfolio
    from scrutineer.domain.committee_business import ItemType

    portfolio = Portfolio.objects.get(slug=PORTFOLIO)
    # the risk register: one public risk (so the register is there) and one exempt risk
    common = {"likelihood": 3, "impact": 4, "target_likelihood": 2, "target_impact": 2}
    services.risk_save(
        risk=Risk(portfolio=portfolio),
        values={
            **common,
            "reference": "CRAWL1",
            "title": "Placement sufficiency",
            "owner": "Director of Children's Social Care",
            "cause": "Demand",
            "effect": "Cost",
            "existing_controls": "Placement panel",
            "review_date": date(2021, 6, 30),
        },
    )
    exempt = {name: planted.add(f"Part 2 risk {name}") for name in ("title", "owner", "cause", "effect")}
    exempt |= {name: planted.add(f"Part 2 risk {name}") for name in ("existing_controls", "further_actions")}
    services.risk_save(
        risk=Risk(portfolio=portfolio),
        values={
            **common,
            **exempt,
            "reference": "CRAWL2",
            "review_date": date(2021, 6, 30),
            "part": 2,
            "schedule_12a_paragraph": 3,
        },
    )
    # exempt minutes of 26 January 2021: the minutes are published; its agenda is recorded as
    # published too, as it was before the meeting (the Part 2 minutes page is an agenda's page)
    services.meeting_agenda_publish(meeting=Meeting.objects.get(committee__slug=COMMITTEE, date=MINUTED))
    for minute in Minute.objects.filter(meeting__committee__slug=COMMITTEE, meeting__date=MINUTED, part=2):
        mark = planted.add(f"exempt minute {minute.number} exempt_text")
        services.minute_save(minute=minute, values={"exempt_text": f"Exempt discussion {mark}"})
    # Part 2 items of 10 March 2021: the note under each, and the papers' cover sheets and PDFs
    meeting = Meeting.objects.get(committee__slug=COMMITTEE, date=MEETING)
    public_notes = {ItemType.HEADING.value, ItemType.EXCLUSION.value}  # printed on the public agenda
    for item in AgendaItem.objects.filter(meeting=meeting, part=2).exclude(item_type__in=public_notes):
        mark = planted.add(f"Part 2 agenda item {item.label} note")
        services.agenda_item_save(item=item, values={"note": f"Named children {mark}"})
        if item.report_kind:
            continue  # its papers are Scrutineer's own Part 2 report (planted below)
        cover = {
            name: f"{name} {planted.add(f'Part 2 item {item.label} cover sheet {name}')}"
            for name in (
                "title",
                "decision_maker",
                "contact_officers",
                "chief_officer",
                "ward",
                "non_applicable_sections",
                "background_documents",
                "notes",
            )
        }
        box = planted.add(f"Part 2 item {item.label} cover sheet boxes")
        cover["boxes"] = [{"box": "Financial", "fields": [["Cost of proposal", box]]}]
        services.agenda_report_save(item=item, values=cover)
        mark = planted.add(f"Part 2 item {item.label} uploaded PDF")
        services.agenda_report_attach_pdf(item=item, content=small_pdf(f"Exempt paper {mark}"), name="exempt.pdf")
    # the exempt minutes of January, agreed in Part 2 on 10 March
    services.agenda_item_save(
        item=AgendaItem(meeting=meeting),
        values={
            "number": 21,
            "title": "EXEMPT MINUTES OF THE MEETING HELD ON 26 JANUARY 2021",
            "section": "standard",
            "item_type": "minutes",
            "part": 2,
            "schedule_12a_paragraph": 1,
            "minutes_of": Meeting.objects.get(committee__slug=COMMITTEE, date=MINUTED),
        },
    )


def _plant_reports(planted: Planted, officer) -> None:
    """Every report's exempt commentary; and the risk register report for 2020/21 Q4, written and
    published through the services as the performance officer does (the demo's other reports are
    loaded as published, and stay so)."""
    from scrutineer.core.models import Portfolio
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.selectors import report_for
    from scrutineer.reports.services import report_cover_save, report_publish

    portfolio = Portfolio.objects.get(slug=PORTFOLIO)
    risk_kind = report_kind("risk-register")
    risk_report = report_for(portfolio=portfolio, kind=risk_kind, period="2020-21-Q4")
    mark = planted.add("report risk-register 2020-21-Q4 part2_commentary")
    values = {
        "report_number": "CEF21099",
        "meeting_date": date(2021, 3, 10),
        "chief_officer": "Director of Children's Social Care",
        "contact_officers": [{"name": "A Officer", "role": "Head of Performance", "telephone": "", "email": ""}],
        "schedule_12a_paragraph": 3,
        "part2_commentary": f"Exempt {mark}",
    }
    risk_report = report_cover_save(report=risk_report, values=values, user=officer, expected_version=None)
    report_publish(report=risk_report, kind=risk_kind, user=officer)
    for report in Report.objects.filter(portfolio=portfolio).exclude(pk=risk_report.pk):
        mark = planted.add(f"report {report.kind} {report.period} part2_commentary")
        report.part2_commentary = f"Exempt detail about a named child. {mark}"
        report.schedule_12a_paragraph = report.schedule_12a_paragraph or 1
        report.save()


def small_pdf(*lines: str) -> bytes:
    from weasyprint import HTML

    return HTML(string="".join(f"<p>{line}</p>" for line in lines)).write_pdf()


# --- reading what came back -----------------------------------------------------------------------


class _Links(HTMLParser):
    ATTRIBUTES = {"href", "src", "action", "hx-get", "data-href", "formaction"}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form" and (dict(attrs).get("method") or "get").lower() != "get":
            return  # a POST form's address is not something to GET
        self.links += [value for name, value in attrs if name in self.ATTRIBUTES and value]


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def kind_of(response) -> str:
    media = response.get("Content-Type", "").split(";")[0].strip().lower()
    return {
        "text/html": "html",
        "application/json": "json",
        "text/csv": "csv",
        "application/pdf": "pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "image/svg+xml": "svg",
        "text/plain": "text",
    }.get(media, media or "empty")


def text_of(kind: str, content: bytes) -> str:
    """Every piece of text a person (or a program) could read in a response."""
    if kind == "pdf":
        return pdf_text(content)
    if kind == "xlsx":
        return xlsx_text(content)
    if kind == "docx":
        return docx_text(content)
    return content.decode("utf-8", errors="replace")


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    texts = [page.extract_text() or "" for page in reader.pages]
    texts += [str(value) for value in (reader.metadata or {}).values()]
    texts += list(_outline_titles(reader.outline))
    return "\n".join(texts)


def _outline_titles(entries) -> Iterator[str]:
    for entry in entries:
        if isinstance(entry, list):
            yield from _outline_titles(entry)
        else:
            yield str(entry.title)


def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        texts.append(sheet.title)
        texts += [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    properties = book.properties
    texts += [str(value) for value in (properties.title, properties.subject, properties.description) if value]
    return "\n".join(texts)


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    texts += list(_table_texts(document.tables))
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            texts += [p.text for p in part.paragraphs]
            texts += list(_table_texts(part.tables))
    properties = document.core_properties
    texts += [properties.title or "", properties.subject or "", properties.keywords or "", properties.comments or ""]
    texts += [shape._inline.docPr.get("descr", "") for shape in document.inline_shapes]  # image alt text
    return "\n".join(texts)


def _table_texts(tables) -> Iterator[str]:
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
                yield from _table_texts(cell.tables)


# --- crawling ---------------------------------------------------------------------------------------


@dataclass
class Visit:
    url: str
    status: int
    kind: str
    htmx: bool = False
    seconds: float = 0.0


@dataclass
class Crawl:
    """Everything one visitor fetched, and every canary found (url, what)."""

    visits: list[Visit] = field(default_factory=list)
    hits: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def kinds(self) -> Counter[str]:
        return Counter(visit.kind for visit in self.visits if visit.status == 200)

    def status_of(self, url: str) -> int | None:
        return next((visit.status for visit in self.visits if visit.url == url and not visit.htmx), None)

    def ok(self, prefix: str) -> list[str]:
        return sorted({v.url for v in self.visits if v.status == 200 and v.url.startswith(prefix)})


SKIPPED_PREFIXES = ("/static/", "/admin/", "/accounts/logout/")


class Crawler:
    """One visitor going through the site: every seed, then every same-origin link found, once.

    Each HTML page is fetched again with `HX-Request: true` (an htmx request may get a fragment
    rather than the page). Binary files with the same content are read once.
    """

    def __init__(
        self,
        client: Client,
        planted: Planted,
        *,
        htmx: bool = True,
        read: dict[str, list[str]] | None = None,
        cap: int = 2500,
    ) -> None:
        self.client, self.planted, self.htmx, self.cap = client, planted, htmx, cap
        self.crawl = Crawl()
        self._read = {} if read is None else read  # hash of kind and bytes -> canaries found

    def run(self, seeds: Iterable[str]) -> Crawl:
        queue = list(dict.fromkeys(_normal(url) for url in seeds))
        seen = set(queue)
        while queue:
            url = queue.pop(0)
            if len(self.crawl.visits) >= self.cap:
                self.crawl.errors.append(f"crawl stopped at {self.cap} fetches with {len(queue) + 1} left")
                break
            for found in self.fetch(url):
                found = _normal(found)
                if found not in seen and not found.startswith(SKIPPED_PREFIXES):
                    seen.add(found)
                    queue.append(found)
        return self.crawl

    def fetch(self, url: str, *, htmx: bool = False) -> list[str]:
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        started = time.perf_counter()
        response = self.client.get(url, **headers)
        kind = kind_of(response)
        visit = Visit(url, response.status_code, kind, htmx)
        self.crawl.visits.append(visit)
        if response.status_code >= 500:
            self.crawl.errors.append(f"{url}: {response.status_code}")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        for what in self._canaries(kind, content):
            self.crawl.hits.append((url + (" [HX-Request]" if htmx else ""), what))
        visit.seconds = time.perf_counter() - started
        found = []
        if response.status_code in (301, 302, 303, 307, 308):
            found.append(urljoin(url, response["Location"]))
        if kind == "html":
            found += [urljoin(url, link) for link in links(content.decode("utf-8", errors="replace"))]
            if self.htmx and not htmx:
                found += self.fetch(url, htmx=True)
        elif kind == "json" and url.rstrip("/").endswith("openapi.json"):
            found += list(_openapi_paths(content))
        return [link for link in found if _same_origin(link)]

    def _canaries(self, kind: str, content: bytes) -> list[str]:
        key = hashlib.sha256(kind.encode() + b":" + content).hexdigest()
        if key not in self._read:
            try:
                self._read[key] = self.planted.hits(text_of(kind, content))
            except Exception as error:  # an unreadable file is a finding too
                self._read[key] = []
                self.crawl.errors.append(f"could not read a {kind} file: {error!r}")
        return self._read[key]


def _same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("", "http") and parts.netloc in ("", "testserver")


def _normal(url: str) -> str:
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _openapi_paths(content: bytes) -> Iterator[str]:
    """The API's GET operations without path parameters (those with them come from the seeds)."""
    document = json.loads(content)
    for path, operations in document.get("paths", {}).items():
        if "get" in operations and "{" not in path:
            yield path
