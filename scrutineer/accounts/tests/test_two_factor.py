"""Two-factor sign-in for Part 2 (check A5): setting up an authenticator app, entering its codes,
throttling wrong ones, and Part 2 served only to a verified session."""

from base64 import b32decode
from binascii import hexlify
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest
import segno
from django.urls import reverse
from django.utils.html import escape
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from scrutineer.accounts.forms import SecurityCodeForm
from scrutineer.accounts.models import Part2Access, User
from scrutineer.accounts.tests.authenticators import code_for, give_authenticator, unverify

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase-42"
PART2 = reverse("contracts:register_part2", kwargs={"cycle": "2021-02", "portfolio": "children-education-families"})
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


@pytest.fixture
def member():
    """A councillor signed in with a password only, who has not set up an app yet."""
    return User.objects.create_user("cllr_new", password=PASSWORD, role=User.Role.COMMITTEE_MEMBER)


@pytest.fixture
def member_with_app(member):
    return give_authenticator(member, name="Phone")


# --- Part 2 sends a session without a code to get one, and back -------------------------------


def test_part2_sends_a_member_without_an_app_to_set_one_up_then_back(client, member):
    client.force_login(member)
    response = client.get(PART2)
    assert response.status_code == 302
    assert response["Location"] == _with_next(SETUP, PART2)


def test_part2_sends_a_member_with_an_app_to_enter_a_code(client, member_with_app):
    client.force_login(member_with_app.user)
    response = client.get(PART2)
    assert response.status_code == 302
    assert response["Location"] == _with_next(VERIFY, PART2)
    assert not Part2Access.objects.filter(user=member_with_app.user).exists()


def test_part2_is_still_404_to_the_public_and_to_people_without_a_role(client, outsider):
    assert client.get(PART2).status_code == 404
    client.force_login(outsider)
    assert client.get(PART2).status_code == 404


def test_a_persona_signed_in_by_the_suite_has_entered_a_code(client, committee_member):
    client.force_login(committee_member)
    assert client.session[DEVICE_ID_SESSION_KEY] == committee_member.totpdevice_set.get().persistent_id
    assert client.get(PART2).status_code == 200
    unverify(client)
    assert client.get(PART2).status_code == 302


def test_with_the_setting_off_part2_is_served_without_a_code(client, member, settings):
    settings.SCRUTINEER_PART2_REQUIRES_MFA = False
    client.force_login(member)
    assert client.get(PART2).status_code == 200


# --- entering a code --------------------------------------------------------------------------


def test_the_right_code_verifies_the_session_and_returns_to_part2(client, member_with_app):
    client.force_login(member_with_app.user)
    page = client.get(_with_next(VERIFY, PART2))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<title>Enter the code from your authenticator app" in html
    assert 'autocomplete="one-time-code"' in html and f'value="{PART2}"' in html
    before = client.session.session_key
    response = client.post(VERIFY, {"code": code_for(member_with_app), "next": PART2})
    assert response.status_code == 302 and response["Location"] == PART2
    assert client.session.session_key != before  # a new session key on gaining Part 2
    assert client.get(PART2).status_code == 200
    assert Part2Access.objects.filter(user=member_with_app.user, path=PART2).count() == 1


def test_a_wrong_code_is_answered_with_an_error_summary_and_part2_stays_closed(client, member_with_app):
    client.force_login(member_with_app.user)
    right = code_for(member_with_app)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong, "next": PART2})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Enter the code" in html
    assert "govuk-error-summary" in html and 'href="#id_code"' in html
    assert "The code is not right" in html
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(PART2).status_code == 302
    member_with_app.refresh_from_db()
    assert member_with_app.throttling_failure_count == 1


def test_a_code_cannot_be_used_twice(client, member_with_app):
    code = code_for(member_with_app)
    client.force_login(member_with_app.user)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    client.force_login(member_with_app.user)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_wrong_codes_are_throttled_then_allowed_again_after_the_wait(client, member_with_app, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 10  # waits of 10, 20, 40 ... seconds
    with freeze_time("2026-03-02 10:00:00") as frozen:
        client.force_login(member_with_app.user)
        right = code_for(member_with_app)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        first = client.post(VERIFY, {"code": wrong})
        assert "Too many wrong codes. Wait until 10:00:10" in first.content.decode()
        frozen.tick(5)
        refused = client.post(VERIFY, {"code": code_for(member_with_app)})  # right, but too soon
        assert "Too many wrong codes. Wait until 10:00:10" in refused.content.decode()
        assert DEVICE_ID_SESSION_KEY not in client.session
        member_with_app.refresh_from_db()
        assert member_with_app.throttling_failure_count == 1  # a refused try is not counted again
        frozen.tick(6)
        second = client.post(VERIFY, {"code": wrong})
        assert "Wait until 10:00:31" in second.content.decode()  # the wait doubles
        frozen.tick(21)
        assert client.post(VERIFY, {"code": code_for(member_with_app)}).status_code == 302
    member_with_app.refresh_from_db()
    assert member_with_app.throttling_failure_count == 0


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Enter the 6-digit code"), ("12345", "Enter the code as 6 digits"), ("12a456", "as 6 digits")],
)
def test_the_code_must_be_six_digits(typed, message):
    form = SecurityCodeForm({"code": typed})
    assert not form.is_valid()
    assert message in form.errors["code"][0]


def test_spaces_and_dashes_in_a_code_are_ignored():
    form = SecurityCodeForm({"code": " 123 456 "})
    assert form.is_valid() and form.cleaned_data["code"] == "123456"
    assert SecurityCodeForm({"code": "123-456"}).is_valid()


def test_next_must_be_an_address_on_this_site(client, member_with_app):
    client.force_login(member_with_app.user)
    response = client.post(VERIFY, {"code": code_for(member_with_app), "next": "https://evil.example/part-2/"})
    assert response["Location"] == "/"


def test_the_code_page_sends_someone_without_an_app_to_set_one_up(client, member):
    client.force_login(member)
    response = client.get(_with_next(VERIFY, PART2))
    assert response["Location"] == _with_next(SETUP, PART2)


def test_the_pages_are_for_people_signed_in(client):
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


# --- signing out ends the verified session ----------------------------------------------------


def test_signing_out_loses_the_verification(client, member_with_app):
    assert client.post(reverse("accounts:login"), {"username": "cllr_new", "password": PASSWORD}).status_code == 302
    assert client.get(PART2)["Location"] == _with_next(VERIFY, PART2)
    client.post(VERIFY, {"code": code_for(member_with_app)})
    assert client.get(PART2).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(PART2).status_code == 404
    client.post(reverse("accounts:login"), {"username": "cllr_new", "password": PASSWORD})
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(PART2)["Location"] == _with_next(VERIFY, PART2)


# --- setting up an app ------------------------------------------------------------------------


def _setup_device(html: str, user: User) -> TOTPDevice:
    """The unconfirmed device the page shows, checked against the key and otpauth address on it."""
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    uri = next(part for part in html.split('"') if part.startswith("otpauth://"))
    secret = parse_qs(urlsplit(uri.replace("&amp;", "&")).query)["secret"][0]
    assert hexlify(b32decode(secret)).decode() == device.key
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html  # the key to type
    assert unquote(urlsplit(uri).path) == "/Scrutineer:cllr_new"
    # The QR code to scan holds that same address (segno, drawn independently here, gives the same image).
    qr_code = html.split('id="setup-qr-code" src="', 1)[1].split('"', 1)[0]
    expected = segno.make(uri.replace("&amp;", "&"), error="m")
    assert qr_code == escape(expected.svg_data_uri(scale=5, border=4, dark="#0b0c0c", light="#ffffff"))
    return device


def test_setting_up_an_app_confirms_it_with_a_first_code(client, member):
    client.force_login(member)
    page = client.get(_with_next(SETUP, PART2))
    html = page.content.decode()
    assert page.status_code == 200 and "<title>Set up an authenticator app" in html
    device = _setup_device(html, member)
    assert client.get(SETUP).status_code == 200
    assert TOTPDevice.objects.filter(user=member).count() == 1  # reloading keeps the same key
    response = client.post(SETUP, {"code": code_for(device), "next": PART2})
    assert response.status_code == 302 and response["Location"] == PART2
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(PART2).status_code == 200  # verified by the first code


def test_a_wrong_first_code_leaves_the_app_unconfirmed(client, member):
    client.force_login(member)
    device = _setup_device(client.get(SETUP).content.decode(), member)
    right = code_for(device)
    response = client.post(SETUP, {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    assert response.status_code == 200 and "The code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(PART2)["Location"] == _with_next(SETUP, PART2)


def test_someone_with_an_app_enters_its_code_before_replacing_it(client, member_with_app):
    client.force_login(member_with_app.user)
    response = client.get(SETUP + "?replace=1")
    assert response["Location"] == _with_next(VERIFY, SETUP + "?replace=1")
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=member_with_app.user)) == [member_with_app]


def test_a_verified_member_can_replace_their_app(client, member_with_app):
    client.force_login(member_with_app.user)
    client.post(VERIFY, {"code": code_for(member_with_app)})
    done = client.get(SETUP)
    assert "An authenticator app is set up for your account" in done.content.decode()
    html = client.get(SETUP + "?replace=1").content.decode()
    assert "the app you set up before stops working" in html
    new = _setup_device(html, member_with_app.user)
    assert client.post(SETUP, {"code": code_for(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=member_with_app.user)) == [new]
    assert client.get(PART2).status_code == 200


# --- the admin site holds Part 2 material too -------------------------------------------------


def test_the_admin_asks_staff_for_a_code_first(client, administrator):
    client.force_login(administrator)
    changelist = reverse("admin:accounts_part2access_changelist")
    assert client.get(changelist).status_code == 200
    unverify(client)
    response = client.get(changelist, follow=True)
    assert response.redirect_chain[-1][0] == _with_next(VERIFY, changelist)
    device = administrator.totpdevice_set.get()
    assert client.post(VERIFY, {"code": code_for(device), "next": changelist})["Location"] == changelist
    assert client.get(changelist).status_code == 200
