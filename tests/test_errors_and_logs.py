"""Errors show no internals (check H5), and logs hold no secrets (part of A7)."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_not_found_page_is_the_councils_not_a_debug_page(client):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found" in html
    assert "Traceback" not in html and "settings" not in html.lower()


def test_a_server_error_shows_no_traceback_or_settings(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("SECRET-INTERNAL-DETAIL")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("broken/", broken)]})
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "SECRET-INTERNAL-DETAIL" not in html and "Traceback" not in html
    assert settings.SECRET_KEY not in html


def test_failed_and_successful_sign_ins_log_no_password_session_or_token(client, caplog, django_user_model):
    password = "a-very-private-passphrase-123"
    django_user_model.objects.create_user("kim", password=password, role="lead_officer")
    caplog.set_level(logging.DEBUG)
    client.get(reverse("accounts:login"))
    token = client.cookies["csrftoken"].value
    client.post(reverse("accounts:login"), {"username": "kim", "password": "wrong-" + password})
    client.post(reverse("accounts:login"), {"username": "kim", "password": password})
    session = client.cookies["sessionid"].value
    logged = caplog.text
    assert password not in logged
    assert session not in logged
    assert token not in logged
