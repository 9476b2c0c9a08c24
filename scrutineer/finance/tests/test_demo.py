"""The demo's Quarter 3 2020/21 figures, computed by the product, against the published report."""

import re
from pathlib import Path

import pytest

from scrutineer.demo.loader import load_demo
from scrutineer.domain.capital import estimate_column
from scrutineer.finance import selectors
from scrutineer.finance.models import BudgetLine, BudgetNote, CapitalScheme, FinancialRisk

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "seeds" / "004_5a7191a0a14e1e5f.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")


def test_controllable_total_is_computed_as_the_report_prints_it(monitoring):
    controllable = selectors.budget_view(monitoring=monitoring).summary.controllable
    assert (controllable.original_budget, controllable.latest_approved, controllable.projected_outturn) == (
        42207,
        42674,
        43044,
    )
    assert controllable.variation == 370
    assert (controllable.variation_last_reported, controllable.full_year_effect) == (1792, 3469)


def test_portfolio_total_is_computed_as_the_report_prints_it(monitoring):
    portfolio = selectors.budget_view(monitoring=monitoring).summary.portfolio
    assert (portfolio.latest_approved, portfolio.projected_outturn, portfolio.variation) == (53201, 53571, 370)
    assert portfolio.prior_year_actuals == 63493


def test_no_total_is_stored_as_a_line(monitoring):
    names = set(BudgetLine.objects.filter(monitoring=monitoring).values_list("name", flat=True))
    assert not {name for name in names if name.upper().startswith("TOTAL") or name.endswith("subtotal")}


def test_division_variations_are_102_and_268(monitoring):
    view = selectors.budget_view(monitoring=monitoring)
    divisions = {d.name: d.figures.variation for d in view.summary.departments[0].divisions}
    assert divisions == {"Education Division": 102, "Children's Social Care": 268}


def test_revised_capital_programme_from_the_schemes_matches_the_report(programme):
    view = selectors.capital_view(programme=programme)
    assert [view.schemes_by_year[year] for year in (2021, 2022, 2023, 2024)] == [11305, 190, 10, 10]
    assert [view.revised[year] for year in (2021, 2022, 2023, 2024)] == [11305, 190, 10, 10]
    assert sum(v.net for _, v in view.variations) == 145


def test_dsg_carry_forward_and_block_totals(monitoring):
    view = selectors.budget_view(monitoring=monitoring)
    grant = "Dedicated Schools Grant"
    assert selectors.grant_carried_forward(view.grant_steps[grant]) == -1009
    rows = selectors.grant_block_rows(view.grant_variations[grant])
    assert sum(row.variation for row in rows) == 4254
    assert {block: sum(row.blocks[block] for row in rows) for block in rows[0].blocks} == {
        "High Needs": 4122,
        "Schools": 166,
        "Early Years": -23,
        "Central": -11,
    }


def test_latest_approved_budget_reconciles(monitoring):
    assert selectors.reconciled_latest_approved(selectors.budget_view(monitoring=monitoring)) == 53201


def test_risks_are_numbered_i_to_x(monitoring):
    numerals = list(FinancialRisk.objects.filter(monitoring=monitoring).values_list("numeral", flat=True))
    assert numerals == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def _words(text):
    return re.sub(r"\s+", " ", text).strip()


def test_every_note_and_risk_is_the_seed_text_as_printed(monitoring):
    seed = _words("\n".join(SEED_LINES))
    for note in BudgetNote.objects.filter(monitoring=monitoring):
        for paragraph in note.text.split("\n\n"):
            assert _words(paragraph) in seed, paragraph[:60]
    for risk in FinancialRisk.objects.filter(monitoring=monitoring):
        assert risk.text in SEED_LINES[risk.source_line - 1]


def test_each_line_keeps_its_printed_text_at_its_source_line(monitoring):
    for line in BudgetLine.objects.filter(monitoring=monitoring, source_line__isnull=False):
        printed_row = SEED_LINES[line.source_line - 1]
        for text in line.printed.values():
            assert text in printed_row, (line.name, text)


def test_schemes_keep_officer_remarks_and_years(programme):
    glebe = CapitalScheme.objects.get(programme=programme, name__startswith="Glebe")
    assert (glebe.responsible_officer, glebe.remarks) == ("Rob Bollen", "Approved by Full Council 14/04/14")
    assert glebe.estimates == {"2020": 0, "2021": 382, "2022": 0, "2023": 0}
    assert glebe.printed[estimate_column(2024)] == ""
    assert programme.reviews_due.count() == 4


def test_loading_twice_changes_nothing(demo):
    before = (BudgetLine.objects.count(), CapitalScheme.objects.count())
    report = load_demo()
    assert (BudgetLine.objects.count(), CapitalScheme.objects.count()) == before
    assert any("Budget Monitoring 2020/21" in title for title in report.kept)
