"""The quarterly cycle in a real browser: write, submit, return, revise, approve, publish."""

import pytest

from scrutineer.core.models import LeadRole
from scrutineer.plans.models import SubAction
from tests.e2e.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-demo-passphrase-for-tests"


def _sign_in(page, base, username):
    page.goto(base + "/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_lead_submits_officer_returns_lead_revises_officer_approves_public_sees_it(
    live_server, page, demo, django_user_model
):
    lead = django_user_model.objects.create_user("eden", password=PASSWORD, role="lead_officer", first_name="Eden")
    lead.lead_roles.add(LeadRole.objects.get(title="Director Education"))
    django_user_model.objects.create_user("priya", password=PASSWORD, role="performance_officer", first_name="Priya")
    sub_action = SubAction.objects.get(action__priority__plan=demo, action__priority__number=3, action__number="7")
    base = live_server.url

    _sign_in(page, base, "eden")
    page.get_by_role("link", name="My actions").click()
    assert "11 sub-actions to update" in page.content()
    page.get_by_role("link", name=f"Write update for {sub_action}").click()
    assert axe_violations(page) == []
    page.get_by_label("Update").fill("Cookery pilot running in two centres.")
    page.get_by_label("On track").check()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    assert "submitted for review" in page.content()
    _sign_out(page)

    _sign_in(page, base, "priya")
    page.goto(base + "/updates/2020-21-Q4/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=str(sub_action)).click()
    page.get_by_role("button", name="Return to the lead officer").click()  # without a comment first
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    assert axe_violations(page) == []
    page.get_by_label("Comment for the lead officer").fill("Say how many learners took part.")
    page.get_by_role("button", name="Return to the lead officer").click()
    page.wait_for_load_state()
    _sign_out(page)

    _sign_in(page, base, "eden")
    page.goto(base + f"/updates/2020-21-Q4/sub-actions/{sub_action.pk}/")
    assert "Say how many learners took part." in page.content()
    page.get_by_label("Update").fill("Cookery pilot running in two centres with 42 learners.")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    _sign_out(page)

    _sign_in(page, base, "priya")
    page.goto(base + "/updates/2020-21-Q4/")
    page.get_by_role("link", name=str(sub_action)).click()
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_load_state()
    assert "approved: it is now public" in page.content()
    _sign_out(page)

    page.goto(base + sub_action.action.get_absolute_url())
    assert page.get_by_role("heading", name="Quarter 4 2020/21").count() == 1
    assert "Cookery pilot running in two centres with 42 learners." in page.content()
    assert "On track" in page.content()
    assert axe_violations(page) == []


def test_sign_in_page_with_an_error_passes_axe(live_server, page, db):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    assert axe_violations(page) == []
