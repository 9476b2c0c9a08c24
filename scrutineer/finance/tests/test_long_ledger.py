"""A council-wide ledger: the summary shows each division's sums, every total the same as from the lines."""

import random
import re

import pytest

from scrutineer.finance import selectors
from scrutineer.finance.models import BudgetLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_ledger(monitoring, monkeypatch):
    """The demo report with 300 generated lines added; anything over 100 lines counts as long."""
    monkeypatch.setattr(selectors, "DETAIL_LIMIT", 100)
    rng = random.Random(7)
    BudgetLine.objects.bulk_create(
        BudgetLine(
            monitoring=monitoring,
            position=1000 + i,
            department=f"Department {i % 3}",
            division=f"Division {i % 12}",
            name=f"Service {i}",
            classification=rng.choice(["controllable"] * 8 + ["non_controllable", "memorandum"]),
            memorandum_group="Traded",
            latest_approved=rng.randint(-100, 1000),
            projected_outturn=rng.choice([None, rng.randint(-100, 1000)]),
            full_year_effect=rng.choice([None, 0, rng.randint(0, 50)]),
            published_variation=rng.choice([None, 5]),
        )
        for i in range(300)
    )
    BudgetLine.objects.filter(monitoring=monitoring, classification="non_controllable").update(division="")
    BudgetLine.objects.filter(monitoring=monitoring).exclude(classification="memorandum").update(memorandum_group="")
    return monitoring


def test_division_sums_give_the_same_totals_as_the_lines(long_ledger):
    summed = selectors.budget_view(monitoring=long_ledger)
    full = selectors.budget_view(monitoring=long_ledger, detail=True)
    assert summed.detailed is False and full.detailed is True
    assert summed.line_count == full.line_count == BudgetLine.objects.filter(monitoring=long_ledger).count()
    assert {k: t.figures for k, t in summed.totals.items()} == {k: t.figures for k, t in full.totals.items()}


def test_line_disagreements_are_found_without_reading_every_line(long_ledger):
    summed = {
        (f.where, f.published, f.computed)
        for f in selectors.budget_findings(selectors.budget_view(monitoring=long_ledger))
    }
    full = {
        (f.where, f.published, f.computed)
        for f in selectors.budget_findings(selectors.budget_view(monitoring=long_ledger, detail=True))
    }
    assert summed == full
    assert ("Education Welfare Service (RSG Funded)", "6", "42") in summed


def test_the_summary_links_each_division_to_its_lines(client, long_ledger, budget_url):
    html = client.get(budget_url).content.decode()
    assert "so each division is shown by its sums" in html
    assert "Service 7<" not in html
    link = re.search(r'href="([^"]*budget/lines/\?department=Department\+1&amp;division=Division\+1)"', html).group(1)
    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert '<h1 class="govuk-heading-xl">Division 1</h1>' in page
    assert "Service 1<" in page and "Division 1 subtotal" in page


def test_a_division_that_does_not_exist_is_not_found(client, long_ledger, budget_url):
    assert client.get(budget_url + "lines/?division=Nowhere").status_code == 404
    assert client.get(budget_url + "lines/").status_code == 404
