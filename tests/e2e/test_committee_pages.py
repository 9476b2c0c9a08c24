"""Committee pages in the browser, each checked with axe-core against WCAG 2.2 A and AA: the
committee, the 10 March 2021 meeting and an item, the work programme, matters outstanding, the
risk register (public and Part 2), and democratic services' item form showing its errors."""

from datetime import date

import pytest

from tests.e2e.axe import axe_violations
from tests.e2e.two_factor import verify_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/committees/children-education-families-pds/"
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


def _risks():
    from scrutineer.committees import services
    from scrutineer.committees.models import Risk
    from scrutineer.core.models import Portfolio

    portfolio = Portfolio.objects.get(slug="children-education-families")
    common = {
        "owner": "Director of Children's Services",
        "cause": "Rising demand for placements",
        "effect": "Children placed far from home",
        "existing_controls": "Placement panel",
        "target_likelihood": 2,
        "target_impact": 3,
        "review_date": date(2021, 6, 30),
    }
    services.risk_save(
        risk=Risk(portfolio=portfolio),
        values={**common, "reference": "CEF1", "title": "Sufficiency", "likelihood": 4, "impact": 4},
    )
    services.risk_save(
        risk=Risk(portfolio=portfolio),
        values={
            **common,
            "reference": "CEF2",
            "title": "A named provider",
            "likelihood": 2,
            "impact": 5,
            "part": 2,
            "schedule_12a_paragraph": 3,
        },
    )


def test_committee_meeting_and_item_pages_pass_axe(live_server, page, demo):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Committees").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Committees"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Children, Education and Families PDS Committee").click()
    page.wait_for_load_state()
    assert "Councillor Nicky Dykes" in page.content()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Wednesday 10 March 2021").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Meeting of Wednesday 10 March 2021"
    assert page.get_by_role("link", name="Download the Part 1 (public) agenda pack (PDF)").count() == 1
    assert page.get_by_role("link", name="Report (PDF) for item 7").count() == 1
    assert axe_violations(page) == []

    page.get_by_role("link", name="LOCAL AUTHORITY DESIGNATED OFFICER ANNUAL REPORT 2019/20").click()
    page.wait_for_load_state()
    assert "Report not available" in page.content()
    assert "CEF21004A" in page.content()
    assert axe_violations(page) == []

    page.goto(live_server.url + BASE + "2021-01-26/")
    assert "The following summaries refer to matters involving exempt information" in page.content()
    assert axe_violations(page) == []


def test_programme_matters_and_risk_register_pass_axe(live_server, page, demo):
    _risks()
    page.goto(live_server.url + BASE + "work-programme/")
    assert page.locator("h1").inner_text() == "Work programme 2021/22"
    assert page.get_by_role("table").count() == 6  # the PDS Committee's five meetings and the Budget Sub-Committee
    assert axe_violations(page) == []
    page.goto(live_server.url + BASE + "matters-outstanding/")
    assert axe_violations(page) == []
    page.goto(live_server.url + BASE + "risk-register/")
    assert "4 x 4 = 16" in page.content() and "A named provider" not in page.content()
    assert axe_violations(page) == []


def test_part_2_and_the_item_form_pass_axe(live_server, page, demo, performance_officer):
    _risks()
    _sign_in(page, live_server, performance_officer)
    page.goto(live_server.url + BASE + "risk-register/part-2/")
    assert "A named provider" in page.content()
    assert axe_violations(page) == []
    page.goto(live_server.url + BASE + "2021-03-10/part-2/")
    assert page.locator("h1").inner_text() == "Part 2 (exempt) agenda and minutes"
    assert axe_violations(page) == []

    page.goto(live_server.url + BASE + "2021-03-10/items/new/")
    assert axe_violations(page) == []
    page.get_by_label("Item number").fill("7")
    page.get_by_label("Title", exact=True).fill("A second item 7")
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="This meeting already has an item 7.").count() == 1
    assert axe_violations(page) == []
