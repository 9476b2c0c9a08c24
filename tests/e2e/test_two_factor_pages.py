"""Two-factor sign-in in the browser (check A5): a councillor opens a Part 2 paper, sets up an
authenticator app on the way, signs out, and next time enters a code; each page, with its errors,
checked with axe-core against WCAG 2.2 A and AA."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutineer.accounts.tests.authenticators import code_for
from tests.e2e.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PART2 = "/contracts/2021-02/children-education-families/part-2/"
PASSWORD = "a-long-enough-passphrase-42"


def _sign_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/sign-in/?next={PART2}")
    page.fill("#id_username", "cllr_new")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_setting_up_an_app_then_entering_its_code_pass_axe(live_server, page, demo):
    from scrutineer.accounts.models import User

    member = User.objects.create_user("cllr_new", password=PASSWORD, role="committee_member")
    _sign_in(page, live_server)
    assert page.title().startswith("Set up an authenticator app")
    assert page.locator("h1").count() == 1
    qr_code = page.get_by_role("img", name="QR code holding the setup key below, for the authenticator app to scan")
    assert qr_code.evaluate("image => image.complete && image.naturalWidth") > 0  # drawn, not blocked by the CSP
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm the app").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="Enter the 6-digit code from your authenticator app").count() == 1
    assert axe_violations(page) == []

    device = TOTPDevice.objects.get(user=member, confirmed=False)
    key = page.locator("#setup-key").inner_text().replace(" ", "")
    assert key and key in page.get_by_role("link", name="add the account to it directly").get_attribute("href")
    page.get_by_label("Security code").fill(code_for(device))
    page.get_by_role("button", name="Confirm the app").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + PART2
    assert page.locator("h1").inner_text() == "Contracts register: Children, Education and Families"

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    _sign_in(page, live_server)
    assert page.title().startswith("Enter the code from your authenticator app")
    assert axe_violations(page) == []
    page.get_by_label("Security code").fill("12345")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Enter the code as 6 digits, like 123456").count() == 1
    assert axe_violations(page) == []
    device.refresh_from_db()
    page.get_by_label("Security code").fill(code_for(device, steps_later=1))  # the setup code is spent
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + PART2

    page.goto(live_server.url + "/accounts/two-factor/")
    assert page.locator("h1").inner_text() == "Your authenticator app"
    assert axe_violations(page) == []
