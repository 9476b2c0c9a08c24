"""The second step of signing in, in the browser: type the code the person's authenticator app shows."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutineer.accounts.tests.authenticators import code_for

VERIFY = "/accounts/two-factor/verify/"


def enter_code(page, user):
    """On the code page: type the current code of the person's app and continue."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).latest("pk")
    page.get_by_label("Security code").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def verify_session(page, live_server, user):
    """After signing in with a password: enter a code, so Part 2 pages are served."""
    page.goto(live_server.url + VERIFY)
    enter_code(page, user)
