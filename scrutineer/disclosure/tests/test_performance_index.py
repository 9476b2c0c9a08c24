"""The performance index through the engine: the rule on the Part 1 seam, publication and the ledger.

Audits use the independent intruder in `domain/tests/disclosure_oracle.py` (exact rank test and
scipy's linprog), never the engine's own audit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from scrutineer.core.models import Portfolio
from scrutineer.disclosure.models import LedgerEntry, Publication
from scrutineer.disclosure.performance_index import (
    disclosure_rule,
    index_disclosure,
    index_key,
    publication_problems,
)
from scrutineer.disclosure.services import (
    PublicationBlocked,
    disclosure_policy_set,
    index_reference,
    performance_index_publish,
)
from scrutineer.domain.disclosure import LEGEND, Suppression, Symbol
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month
from scrutineer.domain.tests.disclosure_oracle import intruder_view, narrow, recoverable
from scrutineer.indicators import part1
from scrutineer.indicators.models import Indicator, IndicatorValue
from scrutineer.indicators.selectors import performance_index
from scrutineer.indicators.services import commentary_save

pytestmark = pytest.mark.django_db

DECEMBER, NOVEMBER = Month(2020, 12), Month(2020, 11)


@pytest.fixture
def portfolio(demo):
    return Portfolio.objects.get(slug="children-education-families")


def _view(portfolio, part=Part.ONE, as_at=DECEMBER):
    return performance_index(portfolio=portfolio, as_at=as_at, part=part)


def _audit(found):
    view = intruder_view(found.table, found.disclosure)
    return recoverable(view), narrow(view)


def test_the_engine_is_registered_on_the_part_1_seam():
    assert disclosure_rule in part1.registered_rules()
    assert "; ".join(f"{s} = {m}" for s, m in part1.LEGEND.items()) == LEGEND  # the same words as the engine


def test_keys_are_stable_between_publications(portfolio):
    view = _view(portfolio, Part.TWO)
    cells = {cell.ref: cell for cell in view.cells()}
    assert index_key(view, cells[("22.1", "2020-12", "")]) == "22.1|2020-12|value"
    assert index_key(view, cells[("1.1", "ytd", "")]) == "1.1|2020-12-ytd|value"
    assert index_key(view, cells[("14", "2020-11", "initial")]) == "14|2020-11|initial"
    assert index_key(view, cells[("22.2", "2019-20", "")]) == "22.2|2019-20|value"


def test_copies_follow_their_cell_and_are_not_figures_of_their_own(portfolio):
    found = index_disclosure(_view(portfolio, Part.TWO))
    keys = {cell.key for cell in found.table.cells}
    assert "23|latest@2020-12|value" not in keys  # the latest value is December's
    assert found.index.refs["23|2020-12|value"] == [("23", "2020-12", ""), ("23", "latest", "")]
    part_1 = _view(portfolio)
    assert part_1.row("23").latest.text == "c" and part_1.row("23").latest.symbol == "c"


def test_missing_and_not_applicable_figures_show_their_gss_symbols_with_the_legend(portfolio):
    view = _view(portfolio)
    row = view.row("28")
    assert [cell.text for cell in row.months[3:]] == ["x"] * 6  # printed "Not Available"
    assert row.prior_years[2].text == "z"  # "New indicator 18/19"
    assert view.row("1.1").benchmarks["england"].text == "z"  # "Local Measure"
    assert view.row("6").prior_years[0].text == "x"  # "Data published March 2021"
    assert view.row("17").months[5].text == "x"  # "Data Not Published"
    part2 = _view(portfolio, Part.TWO)
    assert part2.row("28").months[3].text == "Not Available"  # Part 2 shows the cell as printed


def test_the_per_indicator_policy_rounds_and_is_named(portfolio):
    view = _view(portfolio)
    row = view.row("32")  # ons-10-5 in the demo: under 10 suppressed, other counts to the nearest 5
    assert [cell.text for cell in row.prior_years] == ["40", "55", "110"]  # printed 38, 57, 108
    assert row.prior_years[0].number == Decimal(40)
    assert view.row("32").benchmarks["england"].text == "15182"  # not about the council's own children
    assert view.row("19").months[-1].text == "328"  # the council's policy does not round
    decision = view.part1_decision
    assert "indicator 32: ons-10-5, T = 9" in decision.policy
    assert decision.footnotes == [
        "Counts are rounded to the nearest 5, and totals are rounded separately, so figures may not sum."
    ]


def test_a_page_view_publishes_nothing(client, portfolio):
    before = Publication.objects.count()
    pages = ("/performance/2020-12/", "/performance/2020-12/indicators/22.2/", "/performance/2020-12/exceptions/")
    for url in (*pages, "/performance/2020-12/performance-index.csv"):
        assert client.get(url).status_code == 200
    assert Publication.objects.count() == before


def test_publishing_records_every_public_cell_with_the_policy(portfolio, performance_officer):
    found = index_disclosure(_view(portfolio, Part.TWO))
    publication = performance_index_publish(portfolio=portfolio, as_at=DECEMBER, published_by=performance_officer)
    assert publication.reference == index_reference(portfolio, DECEMBER)
    assert (publication.preset, publication.threshold, publication.policy_version) == ("dfe-la", 5, 1)
    entries = {entry.key: entry for entry in publication.entries.all()}
    figures = [cell.key for cell in found.table.cells if cell.kind.value != "text"]
    assert sorted(entries) == sorted(figures)
    carers = entries["22.2|2020-12|value"]
    assert (carers.shown, carers.suppression, carers.true_value) == ("c", "primary", "5")
    assert (entries["32|2019-20|value"].shown, entries["32|2019-20|value"].preset) == ("40", "ons-10-5")
    assert entries["32|2019-20|value"].threshold == 9  # the indicator's own policy, recorded per cell
    assert entries["19|2020-12|value"].shown == "328"
    again = performance_index_publish(portfolio=portfolio, as_at=DECEMBER)
    assert again.version == 2 and Publication.objects.filter(reference=publication.reference).count() == 2


def test_a_published_index_stays_as_it_was_published(portfolio):
    performance_index_publish(portfolio=portfolio, as_at=DECEMBER)
    found = index_disclosure(_view(portfolio, Part.TWO))
    assert found.disclosure["22.2|2020-12|value"].suppression is Suppression.PRIMARY
    assert found.disclosure.unprotected == () and found.disclosure.warnings == ()
    assert _audit(found) == ([], [])


def test_a_later_month_cannot_difference_an_earlier_publication(portfolio):
    """D4 through the database: November published with its year to date; December's year to date
    would then give December away, so the engine hides it too (rule 6 with rule 5)."""
    referrals = Indicator.objects.get(portfolio=portfolio, number="9")  # year to date = sum of the months
    IndicatorValue.objects.filter(indicator=referrals, period="2020-12").update(text="3", number=3)
    IndicatorValue.objects.filter(indicator=referrals, period="2020-12-ytd").update(text="2536", number=2536)
    performance_index_publish(portfolio=portfolio, as_at=NOVEMBER)
    november = LedgerEntry.objects.get(key="9|2020-11-ytd|value")
    assert november.shown == "2533"  # the sum of April to November, shown in November's Part 1
    found = index_disclosure(_view(portfolio, Part.TWO))
    shown = found.disclosure
    assert shown["9|2020-12|value"].suppression is Suppression.PRIMARY
    assert shown["9|2020-12-ytd|value"].symbol is Symbol.CONFIDENTIAL  # else 2536 - 2533 = 3
    assert found.table.prior and _audit(found) == ([], [])
    view = _view(portfolio)
    assert (view.row("9").months[-1].text, view.row("9").ytd.text) == ("c", "c")


def test_without_the_ledger_a_month_is_the_complement(portfolio):
    referrals = Indicator.objects.get(portfolio=portfolio, number="9")
    IndicatorValue.objects.filter(indicator=referrals, period="2020-12").update(text="3", number=3)
    IndicatorValue.objects.filter(indicator=referrals, period="2020-12-ytd").update(text="2536", number=2536)
    found = index_disclosure(_view(portfolio, Part.TWO))
    secondary = found.disclosure.suppressed(Suppression.SECONDARY)
    assert secondary and all(key.startswith("9|") for key in secondary)
    assert _audit(found) == ([], [])
    part2 = _view(portfolio, Part.TWO)
    marks = {cell.ref: cell.part1_kind for cell in part2.row("9").cells() if cell.withheld_in_part1}
    assert marks[("9", "2020-12", "")] == "primary" and "secondary" in marks.values()


def test_part_1_commentary_stating_a_small_number_on_a_suppressed_indicator_blocks_publication(portfolio):
    commentary_save(
        indicator=Indicator.objects.get(number="22.2"), as_at=DECEMBER, part=Part.ONE, text="Four carers joined."
    )
    problems = publication_problems(_view(portfolio, Part.TWO))
    assert [p.indicator for p in problems if p.blocking] == ["22.2"]
    with pytest.raises(PublicationBlocked) as blocked:
        performance_index_publish(portfolio=portfolio, as_at=DECEMBER)
    assert "“Four”" in blocked.value.problems[0].message
    assert not Publication.objects.filter(reference=index_reference(portfolio, DECEMBER)).exists()
    assert problems == publication_problems(_view(portfolio, Part.ONE))  # a Part 1 view reads the stored text


def test_part_1_commentary_on_a_suppressed_indicator_moves_to_part_2(client, portfolio, committee_member):
    commentary_save(
        indicator=Indicator.objects.get(number="23"), as_at=DECEMBER, part=Part.ONE, text="Adoptions are behind plan."
    )
    public = client.get(reverse("indicators:exceptions", args=["2020-12"])).content.decode()
    assert "Adoptions are behind plan." not in public and "See Part 2 report" in public
    assert _view(portfolio).row("23").commentary.text is None
    client.force_login(committee_member)
    members = client.get(reverse("indicators:part2_index", args=["2020-12"])).content.decode()
    assert "Adoptions are behind plan." in members and "moved to Part 2 automatically" in members


def test_the_officer_checks_then_publishes(client, portfolio, performance_officer):
    client.force_login(performance_officer)
    url = reverse("disclosure:index_publication", args=["2020-12"])
    html = client.get(url).content.decode()
    assert html.count("<h1") == 1
    assert "Performance Reporting – Children’s Scrutiny Dataset (Part 1), appendix one" in html  # CEF21011A
    assert "dfe-la, T = 5" in html and "rule 1: a count from 1 to 5" in html
    assert "no-store" in client.get(url)["Cache-Control"]
    response = client.post(reverse("disclosure:index_publish", args=["2020-12"]))
    assert response.status_code == 302
    publication = Publication.objects.get(reference=index_reference(portfolio, DECEMBER))
    assert publication.published_by == performance_officer
    html = client.get(url).content.decode()
    assert f"{publication.title}</td>" in html


def test_a_failed_check_withholds_every_count(portfolio, monkeypatch):
    from scrutineer.disclosure import performance_index as module
    from scrutineer.domain.disclosure import TableError

    def broken(view):
        raise TableError(["23|2020-12|value: a count must be a whole number"])

    monkeypatch.setattr(module, "index_disclosure", broken)
    view = _view(portfolio)
    assert view.row("19").months[-1].text == "c"  # 328 children looked after, withheld all the same
    assert view.row("26").months[-1].text == "c"  # a percentage of care leavers: about individuals too
    assert view.row("10").months[-1].text == "86%"  # assessments: not about individuals
    assert view.part1_decision.warnings[0].startswith("Disclosure check failed")


def test_a_looser_policy_shows_new_figures_but_not_what_an_earlier_publication_hid(portfolio):
    """The demo recorded CEF21011A (December 2020) in the ledger. Under T = 3, a corrected December
    figure of 4 is a new figure and shows; the rest stay as CEF21011A showed them (rule 6)."""
    assert Publication.objects.filter(reference="CEF21011A 2020-12").exists()
    disclosure_policy_set(organisation=portfolio.organisation, preset="dfe-la", threshold=3)
    IndicatorValue.objects.filter(indicator__number="22.2", period="2020-12").update(text="4", number=4)
    view = _view(portfolio)
    assert "dfe-la, T = 3" in view.part1_decision.policy
    assert [cell.text for cell in view.row("22.2").months] == ["c"] * 8 + ["4"]
    marks = {c.ref[1]: c.part1_kind for c in _view(portfolio, Part.TWO).row("22.2").months}
    assert marks["2020-11"] == "secondary" and marks["2020-04"] == "primary"
    found = index_disclosure(_view(portfolio, Part.TWO))
    assert "rule 6: suppressed in CEF21011A 2020-12" in found.disclosure["22.2|2020-11|value"].reasons[-1]
