"""Check A3 (reliability.md): Part 2 isolation, by a canary crawl of the whole site.

A unique `CANARY-<hex>` goes into every Part 2-only field of the demo council (exempt commentary
of the index, the contracts register and every report; exempt risks, minutes, agenda notes, cover
sheets and uploaded papers), every cell the Part 1 index withholds becomes a Part 2 figure of the
form 9,0NN,007, and everything is published as the performance officer would. Then the public
(with and without `HX-Request`), and a signed-in person with no role, go through every URL pattern
and every same-origin link from there, reading the text of every page, fragment, CSV, Excel, Word
and PDF file, the JSON API and its OpenAPI document, and the 404 and 500 pages; and the command
line's Part 1 exports and reports. No canary may appear anywhere, and every Part 2 address answers
404. A committee member, meanwhile, does see the canaries on the Part 2 pages: they were planted
where Part 2 shows them, so the crawl's silence means something.

Everything runs once for the module, inside a transaction that is rolled back at the end.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from scrutineer.accounts.tests.authenticators import give_authenticator, mark_verified

from .canary import (
    COMMITTEE,
    MEETING,
    PORTFOLIO,
    Crawl,
    Crawler,
    Planted,
    kind_of,
    plant,
    text_of,
)

pytestmark = pytest.mark.django_db  # the demo council in the test database (the checks roll back)

MATRIX = tomllib.loads((Path(__file__).parents[1] / "access" / "matrix.toml").read_text())
PART2_NAMES = {name for name, row in MATRIX["urls"].items() if row["get"] == "part2"}
VISITORS = ("anonymous", "signed in without a role")  # a lead officer may see Part 2: not here
KINDS = [
    "budget-monitoring",
    "capital-monitoring",
    "contracts-register",
    "performance",
    "plan-update",
    "risk-register",
    "work-programme",
]
FORMATS = ("csv", "xlsx", "html", "pdf", "docx", "json")


@dataclass
class Findings:
    planted: Planted
    crawls: dict[str, Crawl]
    part2_statuses: dict[str, dict[str, int]] = field(default_factory=dict)  # url -> {visitor: status}
    member_seen: dict[str, list[str]] = field(default_factory=dict)  # url -> canaries a member sees there
    command_line: dict[str, list[str]] = field(default_factory=dict)  # command -> canaries in its output
    error_pages: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def findings(django_db_setup, django_db_blocker, tmp_path_factory) -> Findings:
    from scrutineer.accounts.models import User
    from scrutineer.demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        cache.clear()
        officer = User.objects.create_user("crawl_officer", role="performance_officer")
        member = User.objects.create_user("crawl_member", role="committee_member")
        outsider = User.objects.create_user("crawl_outsider", role="")
        objects = _matrix_objects(officer)
        planted = plant(officer=officer)
        found = Findings(planted=planted, crawls={})
        # Signing in writes (the last sign-in date), which empties the page cache: everyone signs
        # in first, so the public files rendered for the first visitor are served to the second.
        clients = {name: Client(raise_request_exception=False) for name in (*VISITORS, "member")}
        clients["signed in without a role"].force_login(outsider)
        clients["member"].force_login(member)
        mark_verified(clients["member"], give_authenticator(member))  # Part 2 needs the second factor (A5)
        read: dict[str, list[str]] = {}  # a file served to both visitors is read once
        for name in VISITORS:
            # HX-Request changes nothing for a signed-in person: their pages are never cached
            crawler = Crawler(clients[name], planted, read=read, htmx=name == "anonymous")
            found.crawls[name] = crawler.run(_seeds(objects))
        for url, member_reads in _part2_urls(objects, found.crawls["anonymous"]).items():
            found.part2_statuses[url] = {name: clients[name].get(url).status_code for name in VISITORS}
            if member_reads:
                response = clients["member"].get(url)
                found.part2_statuses[url]["member"] = response.status_code
                found.member_seen[url] = planted.hits(text_of(kind_of(response), response.content))
        found.command_line = _command_line(planted, tmp_path_factory.mktemp("canary"))
        found.error_pages = _error_pages(planted)
        transaction.set_rollback(True)
    cache.clear()
    return found


# --- the checks ---------------------------------------------------------------------------------


def test_no_canary_on_any_public_page_file_or_api(findings):
    hits = [f"{visitor}: {url}: {what}" for visitor, crawl in findings.crawls.items() for url, what in crawl.hits]
    assert hits == [], "Part 2 material reached Part 1:\n" + "\n".join(hits)


def test_no_canary_in_the_command_lines_part_1_outputs(findings):
    assert len(findings.command_line) >= 8
    assert {command: hits for command, hits in findings.command_line.items() if hits} == {}


def test_no_canary_on_the_error_pages(findings):
    assert set(findings.error_pages) == {"404", "500"}
    assert {page: hits for page, hits in findings.error_pages.items() if hits} == {}


def test_the_crawl_met_no_server_error(findings):
    errors = [f"{visitor}: {error}" for visitor, crawl in findings.crawls.items() for error in crawl.errors]
    assert errors == []


def test_part_2_addresses_answer_404_to_anyone_who_may_not_see_part_2(findings):
    wrong = {
        url: statuses
        for url, statuses in findings.part2_statuses.items()
        if any(statuses[name] != 404 for name in VISITORS)
    }
    assert wrong == {}
    assert len(findings.part2_statuses) >= 40
    member = [statuses.get("member") for statuses in findings.part2_statuses.values()]
    assert member.count(200) >= 20  # the same addresses, there for a member


def test_the_crawl_reached_every_kind_of_output(findings):
    """Not vacuous: hundreds of pages, every file format, the API and its schema."""
    for visitor, crawl in findings.crawls.items():
        kinds = crawl.kinds()
        addresses = {visit.url for visit in crawl.visits}
        print(f"{visitor}: {len(crawl.visits)} fetches of {len(addresses)} addresses; 200s by kind {dict(kinds)}")
        assert kinds["html"] >= 150, kinds
        assert kinds["csv"] >= 3 and kinds["xlsx"] >= 2 and kinds["docx"] >= 5 and kinds["pdf"] >= 5, kinds
        assert kinds["json"] >= 5, kinds
        assert "/api/v1/openapi.json" in crawl.ok("/api/v1/openapi.json")
        assert {"/api/v1/performance-index?month=2020-12", "/api/v1/contracts?cycle=2021-02"} <= set(crawl.ok("/api/"))
        for area in ("/plans/", "/performance/", "/contracts/", "/finance/", "/reports/", "/committees/"):
            assert len(crawl.ok(area)) >= 3, area
        # the pages and files where the canaries' Part 1 counterparts are shown
        assert crawl.ok(reverse("contracts:register", args=["2021-02", PORTFOLIO]))
        assert crawl.ok(reverse("indicators:index_at", args=["2020-12"]))
        assert crawl.ok(reverse("committees:risk_register", args=[COMMITTEE]))
        assert crawl.ok(reverse("committees:pack_part1", args=[COMMITTEE, MEETING.isoformat()]))
        downloads = {url.split("/")[3] for url in crawl.ok("/reports/") if "/part-1." in url}
        assert set(KINDS) <= downloads
        assert {"html", "pdf", "docx"} == {url.rsplit(".", 1)[1] for url in crawl.ok("/reports/") if "/part-1." in url}


def test_every_public_url_pattern_was_crawled(findings):
    crawl = findings.crawls["anonymous"]
    public = [name for name, row in MATRIX["urls"].items() if _expected(row)["anonymous"] == 200]
    assert len(public) >= 40
    reached = {_view_name(visit.url) for visit in crawl.visits if visit.status == 200}
    assert sorted(set(public) - reached) == []


def _expected(row: dict) -> dict[str, int]:
    return MATRIX["profiles"][row["get"]] if isinstance(row["get"], str) else row["get"]


def _view_name(url: str) -> str | None:
    try:
        return resolve(url.split("?")[0]).view_name
    except Resolver404:
        return None


def test_the_public_crawl_asked_as_htmx_too(findings):
    visits = findings.crawls["anonymous"].visits
    pages = {v.url for v in visits if v.kind == "html" and not v.htmx}
    assert pages == {v.url for v in visits if v.htmx}


def test_a_committee_member_sees_every_canary_on_the_part_2_pages(findings):
    """The positive control: every canary planted is on a Part 2 page, file or report."""
    seen = {what for hits in findings.member_seen.values() for what in hits}
    planted = findings.planted
    missing = [where for where, mark in planted.texts.items() if f"{where} ({mark})" not in seen]
    assert missing == []
    assert any(what.startswith("Part 2 figure") for what in seen)
    assert len(planted.withheld_cells) >= 20 and len(planted.texts) >= 25


# --- what the crawl starts from ---------------------------------------------------------------------


def _matrix_objects(officer) -> dict[str, str]:
    """The objects tests/access/matrix.toml's placeholders name (as test_matrix.py makes them)."""
    from scrutineer.accounts.models import User
    from scrutineer.committees.tests.factories import access_matrix_objects
    from scrutineer.core.models import LeadRole, ReportingPeriod
    from scrutineer.domain.plan_document import PlanDocument
    from scrutineer.importers.models import PlanImport
    from scrutineer.plans import cycle
    from scrutineer.plans.models import Plan, SubAction

    plan = Plan.objects.get(slug="cef-portfolio-plan-2018-22")
    lead = User.objects.create_user("crawl_lead", role="lead_officer")
    lead.lead_roles.add(LeadRole.objects.get(title="Director Education"))
    period = ReportingPeriod.objects.get(year=2020, quarter=4)
    sub_action = SubAction.objects.get(action__priority__plan=plan, action__priority__number=3, action__number="7")
    update = cycle.update_save(
        sub_action=sub_action,
        period=period,
        by=lead,
        text="Submitted.",
        delivery_status=None,
        expected_version=0,
        submit=True,
    )
    staged = PlanImport.objects.create(
        mode=PlanImport.Mode.NEW_PLAN,
        file_name="plan.csv",
        file_size=1,
        file_sha256="0" * 64,
        file_format="csv",
        document=PlanDocument().to_dict(),
        portfolio=plan.portfolio,
        created_by=officer,
    )
    return {
        **access_matrix_objects(),
        "plan_import": str(staged.pk),
        "plan": plan.slug,
        "priority": str(sub_action.action.priority_id),
        "action": str(sub_action.action_id),
        "sub_action": str(sub_action.pk),
        "update": str(update.pk),
        "period": period.slug,
        "portfolio": PORTFOLIO,
        "cycle": "2021-02",
    }


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                names += _url_names(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{namespace}{entry.name}")
    return names


def _formats(name: str, objects: dict[str, str], formats: tuple[str, ...] = FORMATS) -> list[str]:
    """The URL in every format it takes."""
    urls = []
    for key in {"format", "file_format"} & set(MATRIX["urls"][name].get("kwargs", {})):
        for format in formats:
            try:
                urls.append(_matrix_url(name, objects, **{key: format}))
            except NoReverseMatch:
                continue
    return urls


def _matrix_url(name: str, objects: dict[str, str], **override: str) -> str:
    row = MATRIX["urls"][name]
    kwargs = {key: str(value).format(**objects) for key, value in row.get("kwargs", {}).items()}
    return reverse(name, kwargs=kwargs | override) + (f"?{row['query']}" if "query" in row else "")


def _seeds(objects: dict[str, str]) -> list[str]:
    """Every URL pattern (in every format where it takes one), the API with its parameters, home,
    and the public address of every agenda item's page and papers, Part 2 items' included."""
    from scrutineer.committees.models import AgendaItem

    seeds = ["/"]
    for item in AgendaItem.objects.filter(meeting__committee__slug=COMMITTEE).select_related("meeting"):
        day = item.meeting.date.isoformat()
        for name in ("committees:item", "committees:item_pdf"):
            seeds.append(reverse(name, args=[COMMITTEE, day, item.label]))
    for name in _url_names():
        seeds += [_matrix_url(name, objects), *_formats(name, objects)]
    seeds += [
        "/api/v1/performance-index?month=2020-12",
        "/api/v1/performance-index?month=2020-11",
        "/api/v1/contracts?cycle=2021-02",
        f"/api/v1/plans/{objects['plan']}?period=2020-21-Q3",
        f"/api/v1/plans/{objects['plan']}?period=2020-21-Q4",
    ]
    return seeds


def _part2_urls(objects: dict[str, str], crawl: Crawl) -> dict[str, bool]:
    """Every Part 2 address: the matrix's, each Part 1 download's Part 2 twin in every format, and
    every Part 2 item's page and papers; each with whether the member's positive control reads it
    (every page, but of the files rendered from reports only the HTML: a member's PDF and Word
    come from the same document, and rendering them all again would double the crawl's time)."""
    from django.db.models import Q

    from scrutineer.committees.models import AgendaItem, Meeting

    urls = [_matrix_url(name, objects) for name in sorted(PART2_NAMES)]
    for name in sorted(PART2_NAMES):
        urls += _formats(name, objects)
    for url in crawl.ok("/reports/"):
        if resolve(url.split("?")[0]).view_name == "reports:download_part1":
            urls.append(url.replace("/part-1.", "/part-2."))
    for meeting in Meeting.objects.filter(committee__slug=COMMITTEE).filter(Q(items__part=2) | Q(minutes__part=2)):
        day = meeting.date.isoformat()
        urls += [reverse(name, args=[COMMITTEE, day]) for name in ("committees:meeting_part2", "committees:pack_part2")]
    uploaded = set()
    items = AgendaItem.objects.filter(part=2, meeting__committee__slug=COMMITTEE).select_related("meeting", "paper")
    for item in items:
        day = item.meeting.date.isoformat()
        urls.append(reverse("committees:item_part2", args=[COMMITTEE, day, item.label]))
        papers = reverse("committees:item_pdf_part2", args=[COMMITTEE, day, item.label])
        urls.append(papers)
        if hasattr(item, "paper") and item.paper.has_pdf and not item.report_kind:
            uploaded.add(papers)
    return {url: url in uploaded or not url.endswith((".pdf", ".docx")) for url in dict.fromkeys(urls)}


def _command_line(planted: Planted, directory: Path) -> dict[str, list[str]]:
    """`scrutineer export KIND` and `scrutineer report KIND --part 1`, as a user would run them."""
    from scrutineer.reports.models import Report

    commands = [
        ["export", "performance-index", "--period", "2020-12"],
        ["export", "performance-index", "--period", "2020-12", "--format", "xlsx"],
        ["export", "contracts", "--cycle", "2021-02"],
        ["export", "budget", "--period", "2020-21-Q3"],
        ["export", "capital", "--period", "2020-21-Q3"],
        ["export", "plan", "--period", "2020-21-Q3"],
    ]
    for report in Report.objects.filter(portfolio__slug=PORTFOLIO).order_by("kind", "period"):
        for format in ("html", "docx"):
            commands.append(["report", report.kind, "--period", report.period, "--part", "1", "--format", format])
    found = {}
    for number, command in enumerate(commands):
        output = directory / f"output-{number}"
        call_command(*command, "-o", str(output))
        kind = "xlsx" if "xlsx" in command else "docx" if "docx" in command else "text"
        found[" ".join(command)] = planted.hits(text_of(kind, output.read_bytes()))
    return found


def _error_pages(planted: Planted) -> dict[str, list[str]]:
    client = Client(raise_request_exception=False)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    server_error = get_resolver().resolve_error_handler(500)(RequestFactory().get("/"))
    assert server_error.status_code == 500
    return {"404": planted.hits(response.content.decode()), "500": planted.hits(server_error.content.decode())}


# --- the detector itself ------------------------------------------------------------------------------


def test_the_crawler_finds_a_canary_in_every_format_it_reads(demo, client):
    """A mark put where Part 1 shows it (an indicator's name) is found in the page, the CSV, the
    Excel file, the API and the Word report: a silent crawl is not a blind one."""
    from scrutineer.indicators.models import Indicator

    planted = Planted()
    mark = planted.add("an indicator's name (public)")
    Indicator.objects.filter(portfolio__slug=PORTFOLIO, number="10").update(name=f"Indicator {mark}")
    crawler = Crawler(client, planted, htmx=False)
    urls = [
        reverse("indicators:index_at", args=["2020-12"]),
        reverse("indicators:download", args=["2020-12", "csv"]),
        reverse("indicators:download", args=["2020-12", "xlsx"]),
        "/api/v1/performance-index?month=2020-12",
        reverse("reports:download_part1", args=[PORTFOLIO, "performance", "2020-12", "docx"]),
    ]
    for url in urls:
        crawler.fetch(url)
    assert [visit.kind for visit in crawler.crawl.visits] == ["html", "csv", "xlsx", "json", "docx"]
    assert [url for url, _ in crawler.crawl.hits] == urls


def test_a_canary_broken_over_lines_of_a_pdf_is_found():
    from weasyprint import HTML

    from .canary import pdf_text

    planted = Planted()
    mark = planted.add("a narrow PDF cell")
    narrow = HTML(string=f'<p style="width: 2cm; overflow-wrap: anywhere">{mark}</p>').write_pdf()
    text = pdf_text(narrow)
    assert mark not in text  # it really is broken up
    assert planted.hits(text) == [f"a narrow PDF cell ({mark})"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        *[("9001007", True), ("9,001,007 children", True), ("9001007.000000", True), ("£9,001,007", True)],
        *[("19001007", False), ("9,001,0071", False), ("9001008", False), ("0.9001007", False)],
    ],
)
def test_a_part_2_figure_is_found_however_it_is_printed(text, found):
    planted = Planted(figures={9_001_007})
    assert bool(planted.hits(f"Total: {text}")) is found
