import re

import pytest

from tests.e2e.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = "/finance/children-education-families/2020-21-Q3/budget/"


def test_budget_page_with_its_chart_passes_axe(live_server, page, demo):
    page.goto(live_server.url + "/finance/")
    page.get_by_role("link", name=re.compile(r"^Budget monitoring\W+Children, Education and Families")).click()
    page.wait_for_load_state()
    assert page.url == live_server.url + BUDGET
    assert page.locator("h1").inner_text() == "Budget Monitoring 2020/21"
    chart = page.get_by_role("img", name="Projected variation by division (£'000)")
    assert chart.count() == 1
    assert chart.locator("rect").count() == 2
    assert "Children's Social Care at Dr 268" in chart.locator("desc").text_content()
    table = page.locator("#variation-by-division-table")
    assert table.get_by_role("row", name="Children's Social Care").inner_text().split("\t")[-2:] == ["268", "1,583"]
    summary = page.locator("#budget-summary")
    total = summary.get_by_role("row", name="TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES")
    assert "42,674" in total.inner_text() and "43,044" in total.inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Note 1").click()
    assert page.url.endswith("#note-1")


def test_capital_and_data_quality_pages_pass_axe(live_server, page, demo):
    page.goto(live_server.url + BUDGET.replace("budget/", "capital/"))
    assert page.locator("h1").inner_text() == "Capital Programme Monitoring - 3rd Quarter 2020/21"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Data quality").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Data quality"
    assert "Total Sold Services" in page.content()
    assert axe_violations(page) == []
