"""Where the published report disagrees with itself, the product finds it and keeps both figures."""

import pytest

from scrutineer.finance import selectors
from scrutineer.finance.models import BudgetLine

pytestmark = pytest.mark.django_db


def _found(findings):
    return {(f.where, f.column, f.published, f.computed) for f in findings}


def test_budget_disagreements_are_the_two_lost_crs_and_their_total(monitoring):
    found = _found(selectors.budget_findings(selectors.budget_view(monitoring=monitoring)))
    assert found == {
        ("Education Welfare Service (RSG Funded)", "Variation", "6", "42"),
        ("Workforce Development (DSG/RSG Funded)", "Variation", "0", "62"),
        ("Total Sold Services", "Projected outturn", "170", "268"),
        ("Total Sold Services", "Variation", "185", "283"),
    }


def test_the_published_figures_are_kept_not_corrected(monitoring):
    line = BudgetLine.objects.get(monitoring=monitoring, name="Education Welfare Service (RSG Funded)")
    assert (line.projected_outturn, line.published_variation, line.printed["projected_outturn"]) == (18, 6, "18")
    published = monitoring.published_figures.get(key="memorandum:Sold Services", column="projected_outturn")
    assert published.value == 170


def test_capital_disagreements_include_the_1k_rounding(programme):
    found = _found(selectors.capital_findings(selectors.capital_view(programme=programme)))
    assert ("Revised Children, Education & Families Programme", "2020/21", "9,835", "9,836") in found
    assert ("Revised Children, Education & Families Programme", "TOTAL", "21,350", "21,351") in found
    portfolio = "TOTAL CHILDREN, EDUCATION & FAMILIES PORTFOLIO"
    assert (portfolio, "Total approved estimate", "128,887", "128,886") in found
    assert (portfolio, "Actual to last year end", "107,537", "107,536") in found
    assert (portfolio, "Previous revised estimate", "13,040", "13,039") in found
    assert (portfolio, "Actual in year", "5,297", "5,296") in found


def test_consistent_capital_rows_raise_nothing(programme):
    wheres = {f.where for f in selectors.capital_findings(selectors.capital_view(programme=programme))}
    assert "TOTAL SPECIAL SCHOOLS" not in wheres
    assert "Total Children, Education & Families re-phasing" not in wheres
    assert "Programme approved by Leader Nov 2020" not in wheres


def test_a_changed_line_makes_its_printed_division_total_disagree(monitoring):
    line = BudgetLine.objects.get(monitoring=monitoring, name="SEN and Inclusion")
    line.projected_outturn += 10
    line.save(update_fields=["projected_outturn"])
    found = _found(selectors.budget_findings(selectors.budget_view(monitoring=monitoring)))
    assert ("Education Division subtotal", "Projected outturn", "6,808", "6,818") in found
    assert ("TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES", "Variation", "370", "380") in found


def test_data_quality_page_lists_every_disagreement(client, monitoring):
    html = client.get(f"/finance/{monitoring.portfolio.slug}/2020-21-Q3/data-quality/").content.decode()
    assert '<h1 class="govuk-heading-xl">Data quality</h1>' in html
    assert "Total Sold Services" in html and "Education Welfare Service (RSG Funded)" in html
    assert "Revised Children, Education &amp; Families Programme" in html
    assert "Appendix B: Jared Nehra" in html
    assert "Source line 1099" in html
    assert "Management Action" in html  # the lines whose labels were lost, with the reason
