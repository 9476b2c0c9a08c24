import pytest
from django.urls import reverse

from scrutineer.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-passphrase-42"


@pytest.fixture
def officer():
    return User.objects.create_user("georgina", password=PASSWORD, role=User.Role.PERFORMANCE_OFFICER)


def test_passwords_are_stored_with_argon2(officer):
    assert officer.password.startswith("argon2")


def test_sign_in_rotates_the_session_key(client, officer):
    client.get(reverse("accounts:login"))
    before = client.session.session_key
    response = client.post(reverse("accounts:login"), {"username": "georgina", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert int(client.session["_auth_user_id"]) == officer.pk


def test_a_wrong_password_is_answered_with_an_error_summary(client, officer):
    response = client.post(reverse("accounts:login"), {"username": "georgina", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert "Enter a correct username and password" in html


def test_the_sixth_try_is_refused_even_with_the_right_password(client, officer):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "georgina", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "georgina", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_server_side_session(client, officer):
    client.post(reverse("accounts:login"), {"username": "georgina", "password": PASSWORD})
    old_cookie = client.cookies["sessionid"].value
    response = client.post(reverse("accounts:logout"))
    assert "You have signed out" in response.content.decode()
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=old_cookie).exists()


@pytest.mark.parametrize("password", ["short-pass", "password1234", "qwertyuiop123"])
def test_short_and_common_passwords_are_rejected(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_needs_no_symbols_or_capitals():
    from django.contrib.auth.password_validation import validate_password

    validate_password("correct horse battery staple")


def test_header_offers_sign_in_to_the_public_and_sign_out_to_people(client, officer, demo):
    assert "Sign in</a>" in client.get("/").content.decode()
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert "Sign out" in html and "Sign in</a>" not in html
