"""Committee reports in the browser: the pages, the cover-sheet form and the HTML report itself,
each checked with axe-core against WCAG 2.2 A and AA."""

import pytest

from tests.e2e.axe import axe_violations
from tests.e2e.two_factor import verify_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD_PAGE = "/reports/children-education-families/2020-21-Q3/"
BASE = "/reports/children-education-families/plan-update/2020-21-Q3/"
PASSWORD = "correct horse battery staple"


def _sign_in(page, live_server, user):
    user.set_password(PASSWORD)
    user.save()
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    verify_session(page, live_server, user)


def _open_download(page, live_server, path, tmp_path):
    """Fetch a report file as the browser would, then open it from disk as its reader would."""
    response = page.request.get(live_server.url + path)
    assert response.status == 200
    target = tmp_path / path.rsplit("/", 1)[-1]
    target.write_bytes(response.body())
    page.goto(target.as_uri())
    return target


def test_reports_page_and_part_1_html_report_pass_axe(live_server, page, demo, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Committee reports for Quarter 3 2020/21").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Committee reports: Quarter 3 2020/21"
    name = "Download PDF of the Part 1 portfolio plan update, Quarter 3 2020/21"
    assert page.get_by_role("link", name=name, exact=True).count() == 1
    assert axe_violations(page) == []

    _open_download(page, live_server, f"{BASE}part-1.html", tmp_path)
    assert page.title().startswith("CEF21009A: ")
    assert page.locator("h1").count() == 1
    alternative = page.get_by_role("img").first.get_attribute("alt")
    assert alternative.startswith("Stacked bar chart of the plan's 32 sub-actions")
    assert page.get_by_role("table").count() == 6
    assert axe_violations(page) == []


def test_part_2_html_report_passes_axe_for_a_committee_member(live_server, page, demo, committee_member, tmp_path):
    _sign_in(page, live_server, committee_member)
    _open_download(page, live_server, f"{BASE}part-2.html", tmp_path)
    assert "PART 2 – EXEMPT" in page.content()
    assert axe_violations(page) == []


def test_cover_sheet_form_and_its_errors_pass_axe(live_server, page, demo, performance_officer):
    _sign_in(page, live_server, performance_officer)
    page.goto(live_server.url + PERIOD_PAGE)
    assert "This report was published with 1 gap" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Edit the cover sheet of the portfolio plan update").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Cover sheet"
    assert axe_violations(page) == []
    page.get_by_label("Contact officer 3: email").fill("someone@example.org")
    page.get_by_role("button", name="Save the cover sheet").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="Enter the contact officer's name").count() == 1
    assert axe_violations(page) == []


COMMITTEE_REPORTS = [
    ("budget-monitoring", "2020-21-Q3", "CEF21002A"),
    ("capital-monitoring", "2020-21-Q3", "FSD21015A"),
    ("contracts-register", "2021-02", "CEF21007A"),
]


@pytest.mark.parametrize(("kind", "period", "number"), COMMITTEE_REPORTS)
def test_committee_reports_in_html_pass_axe(live_server, page, demo, tmp_path, kind, period, number):
    """The budget, capital and contracts register reports as a reader opens the HTML download."""
    _open_download(page, live_server, f"/reports/children-education-families/{kind}/{period}/part-1.html", tmp_path)
    assert page.title().startswith(f"{number}: ")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("table").count() >= 3
    assert axe_violations(page) == []


def test_the_contracts_register_part_2_html_passes_axe_for_a_committee_member(
    live_server, page, demo, committee_member, tmp_path
):
    _sign_in(page, live_server, committee_member)
    _open_download(
        page, live_server, "/reports/children-education-families/contracts-register/2021-02/part-2.html", tmp_path
    )
    assert page.get_by_role("columnheader", name="Commentary").count() == 1
    assert axe_violations(page) == []


def test_the_quarter_page_with_the_contracts_register_passes_axe(live_server, page, demo, performance_officer):
    _sign_in(page, live_server, performance_officer)
    page.goto(live_server.url + "/reports/children-education-families/2020-21-Q4/")
    assert page.get_by_role("heading", name="Contracts register: February 2021").count() == 1
    name = "Download Word of the Part 2 contracts register, February 2021"
    assert page.get_by_role("link", name=name, exact=True).count() == 1
    assert axe_violations(page) == []
