"""D7 (reliability.md) through the database and the pages: the December 2020 index of the demo.

The seed suppresses 5 from August, 22.1, 22.2, 23 and 32 ("Data suppressed, see part 2 report",
`004_5a7191a0a14e1e5f.txt:4118`, 4140-4142, 4153). The demo holds realistic small Part 2 figures
for those cells (`demo/data/performance_index_dec2020_true_values.csv`), imported as an officer
would, and the engine decides what Part 1 shows. It must suppress exactly those cells as primary,
plus any secondary cells it chooses; the independent intruder finds nothing to recover; 22.2 and 23
stay AMBER (lines 4141, 4142) with their commentary in Part 2 only (line 4051).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from django.urls import reverse

from scrutineer.core.models import Portfolio
from scrutineer.disclosure.performance_index import index_disclosure
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month
from scrutineer.domain.tests.disclosure_oracle import intruder_view, narrow, recoverable
from scrutineer.indicators.models import ManagementCommentary
from scrutineer.indicators.selectors import performance_index

pytestmark = pytest.mark.django_db

DECEMBER = Month(2020, 12)
TRUE_VALUES = Path(__file__).resolve().parents[2] / "demo" / "data" / "performance_index_dec2020_true_values.csv"
SUPPRESSED_IN_SEED = {("5", f"2020-{m:02d}") for m in range(8, 13)} | {
    (number, f"2020-{m:02d}") for number in ("22.1", "22.2", "23", "32") for m in range(4, 13)
}
# The seed's own marks in the prior-year columns: "X", "x", "x (rate: 0.01)" (lines 4117, 4140-4142, 4146, 4149)
MARKED_IN_SEED = {
    ("4", "2018-19"), ("4", "2017-18"), ("22.1", "2019-20"), ("22.1", "2017-18"), ("22.2", "2019-20"),
    ("23", "2019-20"), ("28", "2018-19"), ("29", "2017-18"),
}  # fmt: skip


@pytest.fixture
def portfolio(demo):
    return Portfolio.objects.get(slug="children-education-families")


@pytest.fixture
def part1(portfolio):
    return performance_index(portfolio=portfolio, as_at=DECEMBER, part=Part.ONE)


def test_the_true_values_file_fills_exactly_the_cells_the_seed_suppressed():
    with TRUE_VALUES.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert {(row["indicator"], row["period"]) for row in rows} == SUPPRESSED_IN_SEED
    assert all(1 <= int(row["value"]) <= 5 for row in rows)


def test_part_1_suppresses_exactly_the_seeds_cells_plus_the_engines_complements(part1):
    withheld = part1.part1_decision.withheld
    by_kind: dict[str, set[tuple[str, str]]] = {}
    for (number, column, _), hit in withheld.items():
        if column != "latest":  # the latest value is its month's, and follows it
            by_kind.setdefault(hit.kind, set()).add((number, column))
    assert by_kind.pop("primary") == SUPPRESSED_IN_SEED
    assert by_kind.pop("at source") == MARKED_IN_SEED
    assert set(by_kind) <= {"secondary"}  # whatever else is withheld, the engine chose it as a complement
    for number, column in SUPPRESSED_IN_SEED:
        row = part1.row(number)
        cell = next(c for c in row.months if c.column == column)
        assert (cell.text, cell.number, cell.symbol) == ("c", None, "c")
        assert row.latest.text == "c"


def test_the_independent_intruder_recovers_nothing(portfolio):
    found = index_disclosure(performance_index(portfolio=portfolio, as_at=DECEMBER, part=Part.TWO))
    assert found.table.prior  # CEF21011A, recorded in the ledger when the demo loaded it as published
    view = intruder_view(found.table, found.disclosure)
    assert recoverable(view) == []
    assert narrow(view) == []
    assert found.disclosure.unprotected == ()


def test_22_2_and_23_stay_amber_on_the_public_pages(client, part1):
    assert part1.row("22.2").rating_text == part1.row("23").rating_text == "AMBER"
    html = client.get(reverse("indicators:index_at", args=["2020-12"])).content.decode()
    for number in ("22.2", "23"):
        row = html[html.index(f'<td class="govuk-table__cell">{number}</td>') :]
        row = row[: row.index("</tr>")]
        assert 'govuk-tag--orange">AMBER</strong>' in row
        assert re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', row)[-10:-1] == ["c"] * 9


def test_their_commentary_is_in_part_2_only(client, portfolio, committee_member):
    texts = [c.text for c in ManagementCommentary.objects.filter(indicator__number__in=["22.2", "23"])]
    assert len(texts) == 2
    for url in (
        reverse("indicators:exceptions", args=["2020-12"]),
        reverse("indicators:indicator_detail", args=["2020-12", "22.2"]),
        reverse("indicators:indicator_detail", args=["2020-12", "23"]),
    ):
        html = client.get(url).content.decode()
        assert "See Part 2 report" in html and not [text for text in texts if text in html]
    client.force_login(committee_member)
    members = client.get(reverse("indicators:part2_index", args=["2020-12"])).content.decode()
    assert all(text in members for text in texts)


def test_part_2_shows_the_values_and_marks_them(client, committee_member):
    client.force_login(committee_member)
    html = client.get(reverse("indicators:part2_index", args=["2020-12"])).content.decode()
    row = html[html.index(">Number of in-house foster carers recruited (YTD)</th>") :]
    row = row[: row.index("</tr>")]
    months = re.findall(r'<td class="govuk-table__cell">(\d+) <strong class="govuk-tag govuk-tag--grey">', row)
    assert months == ["1", "2", "2", "3", "3", "4", "4", "5", "5"]
    assert row.count("Part 1: c (primary)") == 9
