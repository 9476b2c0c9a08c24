"""The finance pages: accessible HTML from the assembled report data, with the chart as SVG."""

import re

import pytest

from scrutineer.finance import selectors
from scrutineer.finance.assemble import budget_report, capital_report
from scrutineer.finance.models import BudgetLine
from scrutineer.finance.report_data import RowKind

pytestmark = pytest.mark.django_db


def test_finance_is_in_the_navigation_and_lists_the_quarter(client, monitoring):
    html = client.get("/finance/").content.decode()
    assert '<a class="govuk-service-navigation__link" href="/finance/" aria-current="true">' in html
    assert "Quarter 3 2020/21" in html
    assert f"/finance/{monitoring.portfolio.slug}/2020-21-Q3/budget/" in html


def test_budget_page_shows_the_summary_with_computed_totals(client, budget_url):
    response = client.get(budget_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Budget Monitoring 2020/21, Quarter 3 2020/21 – Children, Education and Families" in html
    assert html.count("<h1") == 1
    assert "TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN &amp; FAMILIES" in html
    assert "Dr £370k (overspend)" in html
    assert "printed: 170</span>" in html and "printed: 6</span>" in html
    assert '<a class="govuk-link" href="#note-1"><span class="govuk-visually-hidden">Note </span>1</a>' in html
    assert 'id="note-1"' in html and "1. Adult Education - Cr £61k" in html
    assert "Recruitment and retention of permanent staff" in html


def test_budget_page_chart_is_svg_with_a_text_alternative_and_a_table(client, budget_url):
    html = client.get(budget_url).content.decode()
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="variation-by-division-title variation-by-division-desc"' in svg
    assert '<title id="variation-by-division-title">Projected variation by division (£&#x27;000)</title>' in svg
    assert "the largest is Children&#x27;s Social Care at Dr 268" in svg
    assert svg.count("<rect") == 2
    assert 'id="variation-by-division-table"' in html


def test_pages_have_no_inline_script_or_style_attributes(client, budget_url, capital_url):
    for url in (budget_url, capital_url, budget_url.replace("budget/", "data-quality/")):
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert len(re.findall(r"<script(?![^>]*nonce)", html)) == 1  # the GOV.UK module, loaded from a file


def test_capital_page_shows_variations_schemes_and_reviews(client, capital_url):
    html = client.get(capital_url).content.decode()
    assert "Programme approved by Leader Nov 2020" in html
    assert "Revised Children, Education &amp; Families Programme" in html
    assert "printed: 9,835" in html  # ours is 9,836, the approved programme plus the variations
    assert "Total Children, Education &amp; Families re-phasing" in html
    assert "Langley Park Boys School (BSF) (Langley Park Learning Trust)" in html
    assert "TOTAL SPECIAL SCHOOLS" in html and "Rob Bollen" in html
    assert "Revised Estimate Jan 2021" in html


@pytest.mark.parametrize(
    "path",
    [
        "/finance/no-such-portfolio/2020-21-Q3/budget/",
        "/finance/children-education-families/2019-20-Q3/budget/",
        "/finance/children-education-families/not-a-quarter/capital/",
    ],
)
def test_unknown_reports_are_not_found(client, monitoring, path):
    assert client.get(path).status_code == 404


def _add_lines(monitoring, count, start):
    BudgetLine.objects.bulk_create(
        BudgetLine(
            monitoring=monitoring, position=start + i, department="D", division=f"Division {i % 40}",
            name=f"Line {start + i}", classification="controllable", latest_approved=i, projected_outturn=i + 1,
        )
        for i in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("limit", [100_000, 0], ids=["every line shown", "divisions shown"])
def test_the_budget_page_takes_the_same_queries_whatever_the_ledger_size(
    client, monitoring, budget_url, monkeypatch, limit
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(selectors, "DETAIL_LIMIT", limit)
    _add_lines(monitoring, 10, 1000)
    with CaptureQueriesContext(connection) as small:
        client.get(budget_url + "?a")
    _add_lines(monitoring, 490, 2000)
    with CaptureQueriesContext(connection) as large:
        response = client.get(budget_url + "?b")
    assert "Division 39" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries) <= 25


def test_report_data_is_plain_sections_tables_and_total_rows(monitoring, programme):
    report = budget_report(selectors.budget_view(monitoring=monitoring))
    assert [s.key for s in report.sections][:3] == ["position", "variation-by-division", "summary"]
    summary = report.table("budget-summary")
    totals = [row.header for row in summary.rows if row.kind is RowKind.TOTAL]
    assert totals == [
        "TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES",
        "Total Non-Controllable",
        "Total Excluded Recharges",
        "TOTAL EDUCATION, CHILDREN & FAMILIES PORTFOLIO",
    ]
    assert [c.key for c in summary.columns][:2] == ["line", "prior_year_actuals"]
    assert report.cover[0].key == "report_number" and report.cover[0].text == "CEF21002"
    capital = capital_report(selectors.capital_view(programme=programme))
    revised = capital.table("capital-variations").rows[-1]
    assert [cell.value for cell in revised.cells] == [9836, 11305, 190, 10, 10, 21351]
    assert [cell.published for cell in revised.cells] == ["9,835", "", "", "", "", "21,350"]
