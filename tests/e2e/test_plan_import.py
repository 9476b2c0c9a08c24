import pytest

from scrutineer.accounts.models import User
from scrutineer.demo.loader import DATA_DIR
from scrutineer.plans.models import Plan
from tests.e2e.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-enough-passphrase-42"
PLAN_2018 = DATA_DIR / "seeds" / "000_7cb5b0983be37437.txt"


def test_upload_preview_and_import_a_plan_with_no_accessibility_violations(live_server, page, demo):
    User.objects.create_user("georgina", password=PASSWORD, role=User.Role.PERFORMANCE_OFFICER)
    page.goto(live_server.url + "/imports/plans/")
    page.fill("#id_username", "georgina")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Import a plan"
    assert axe_violations(page) == []

    page.get_by_role("button", name="Read the file").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Import a plan")
    assert "Choose the file to import" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []

    page.set_input_files("#id_file", str(PLAN_2018))
    page.get_by_label("A new plan").check()
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Check what was read from 000_7cb5b0983be37437.txt"
    assert "4 priorities, 16 actions, 17 sub-actions" in page.content()
    assert page.get_by_role("table", name="Actions of priority 1").count() == 1
    assert axe_violations(page) == []

    page.fill("#id_slug", "plan-2018-22")
    page.get_by_role("button", name="Import the plan").click()
    page.wait_for_load_state()
    assert "was imported" in page.locator(".govuk-notification-banner").inner_text()
    assert axe_violations(page) == []
    plan = Plan.objects.get(slug="plan-2018-22")
    page.get_by_role("link", name=f"Go to {plan.title}").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == plan.title
