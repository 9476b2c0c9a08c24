"""Commentary is Part 2 only: every Part 1 output is rendered and searched for every commentary string.

Each contract gets unique canary commentary, both through the importer (a cycle imported with
commentary columns) and on the demo register. Then every page reachable from /contracts/ is
crawled as the public, a signed-in person with no role and a committee member, with and without
the htmx header, together with every download, every command-line export and the report data the
report framework will render. None may hold a canary; the Part 2 register must, for members only.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command

from scrutineer.accounts.models import Part2Access
from scrutineer.contracts.models import RegisterEntry, ReportingCycle
from scrutineer.contracts.selectors import cycle_portfolios, register_entries, register_report
from scrutineer.contracts.services import cycle_publish
from scrutineer.domain.parts import Part

from .helpers import import_rows, row

pytestmark = pytest.mark.django_db

CANARY = f"CANARY-{uuid.uuid4().hex}"
LINK = re.compile(r'href="([^"#]+)')


@pytest.fixture
def commentary(council_register):
    """Canary commentary on every contract of two published cycles; returns every canary string."""
    rows = [
        row(
            contract_id=str(n),
            commentary=f"{CANARY}-import-owner-{n}",
            cp_commentary=f"{CANARY}-import-cp-{n}",
            end_date="31/07/2021" if n % 2 else "31/03/2025",
            months_duration="",
        )
        for n in range(1, 6)
    ]
    result = import_rows(council_register, rows, month="2021-05")
    cycle_publish(cycle=result.cycle)
    for entry in RegisterEntry.objects.filter(cycle__month="2021-02-01"):
        RegisterEntry.objects.filter(pk=entry.pk).update(
            owner_commentary=f"{CANARY}-owner-{entry.pk}", procurement_commentary=f"{CANARY}-cp-{entry.pk}"
        )
    strings = list(RegisterEntry.objects.values_list("owner_commentary", "procurement_commentary"))
    canaries = [text for pair in strings for text in pair]
    assert len(canaries) == 2 * 45 and all(CANARY in c for c in canaries)
    return canaries


def _crawl(client, *, headers=None) -> dict[str, bytes]:
    """Every /contracts/ address reachable from the index, Part 2 addresses left aside, with its body."""
    seen: dict[str, bytes] = {}
    queue = ["/contracts/"]
    while queue and len(seen) < 400:
        url = queue.pop()
        if url in seen or "/part-2/" in url:
            continue
        response = client.get(url, headers=headers or {})
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[url] = body
        if response["Content-Type"].startswith("text/html"):
            for link in LINK.findall(body.decode()):
                path = urlparse(urljoin(url, link)).path
                if path.startswith("/contracts/") and path not in seen:
                    queue.append(path)
    return seen


def _assert_clean(outputs: dict[str, bytes], canaries: list[str]) -> None:
    for where, body in outputs.items():
        assert CANARY.encode() not in body, f"commentary leaked into {where}"
    assert all(c.encode() not in b"".join(outputs.values()) for c in canaries)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "committee_member"])
@pytest.mark.parametrize("htmx", [False, True])
def test_no_part1_page_or_download_holds_any_commentary(client, commentary, request, who, htmx):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    outputs = _crawl(client, headers={"HX-Request": "true"} if htmx else None)
    downloads = [u for u in outputs if "/download/" in u]
    registers = [u for u in outputs if re.fullmatch(r"/contracts/\d{4}-\d{2}/[a-z-]+/", u)]
    contracts = [u for u in outputs if re.fullmatch(r"/contracts/\d{4}-\d{2}/[a-z-]+/\d+/", u)]
    assert len(downloads) == 6 and len(registers) == 2 and len(contracts) == 45
    _assert_clean(outputs, canaries=commentary)


def test_no_command_line_export_holds_any_commentary(commentary, capsysbinary):
    outputs = {}
    for cycle in ("2021-02", "2021-05"):
        for format in ("csv", "lgtc", "ocds"):
            call_command("export", "contracts", "--cycle", cycle, "--format", format)
            outputs[f"{cycle} {format}"] = capsysbinary.readouterr().out
    assert all(len(body) > 500 for body in outputs.values())
    _assert_clean(outputs, canaries=commentary)


def test_the_part1_report_data_holds_no_commentary(commentary):
    for cycle in ReportingCycle.objects.filter(entries__isnull=False).distinct():
        for portfolio in cycle_portfolios(cycle=cycle):
            report = register_report(cycle=cycle, portfolio=portfolio, part=Part.ONE)
            assert report.contract_count > 0
            assert "commentary" not in [column.key for column in report.columns]
            _assert_clean({f"report {cycle}": repr(report).encode()}, canaries=commentary)


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_part2_register_answers_404_to_the_public(client, commentary, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in (
        "/contracts/2021-02/children-education-families/part-2/",
        "/contracts/2021-05/children-education-families/part-2/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert CANARY.encode() not in response.content
    assert Part2Access.objects.count() == 0


def test_members_read_the_commentary_in_part2_and_each_read_is_logged(client, commentary, committee_member):
    client.force_login(committee_member)
    response = client.get("/contracts/2021-05/children-education-families/part-2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert all(text in html for text in commentary if "-import-" in text)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    log = Part2Access.objects.get()
    assert (log.user, log.path) == (committee_member, "/contracts/2021-05/children-education-families/part-2/")
    assert "Part 2" in log.what


def test_the_part2_report_data_carries_commentary(commentary):
    cycle = ReportingCycle.objects.get(month="2021-05-01")
    [portfolio] = cycle_portfolios(cycle=cycle)
    report = register_report(cycle=cycle, portfolio=portfolio, part=Part.TWO)
    assert report.columns[-1].key == "commentary"
    text = " ".join(row.cells[-1] for section in report.sections for row in section.rows)
    assert f"{CANARY}-import-owner-3" in text and f"{CANARY}-import-cp-3" in text


def test_a_part1_read_never_loads_commentary_from_the_database(commentary):
    cycle = ReportingCycle.objects.get(month="2021-05-01")
    entries = register_entries(cycle=cycle, part=Part.ONE)
    assert len(entries) == 5
    assert all({"owner_commentary", "procurement_commentary"} <= e.get_deferred_fields() for e in entries)
