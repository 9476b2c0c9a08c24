import pytest

from tests.e2e.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_overview_to_action_page_with_no_accessibility_violations(live_server, page, demo):
    page.goto(live_server.url + "/")
    assert page.title().startswith(demo.title)
    assert page.locator("h1").inner_text() == demo.title
    assert "MAPE (Multi Agency Partnership Event) is on hold due to COVID" in page.content()
    assert axe_violations(page) == []

    page.get_by_role("link", name="2) Maintain effective oversight of case work impact").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "2) Maintain effective oversight of case work impact"
    assert "Implement the Children's Performance Framework" in page.content()
    assert page.get_by_role("heading", name="Quarter 3 2020/21").count() == 2
    assert axe_violations(page) == []


def test_filter_page_works_and_passes_axe(live_server, page, demo):
    page.goto(live_server.url + f"/plans/{demo.slug}/actions/")
    page.select_option("#id_due", "overdue")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "Showing 2 of 32 sub-actions" in page.content()
    assert axe_violations(page) == []
