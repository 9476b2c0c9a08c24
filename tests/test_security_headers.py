"""Security headers on every kind of page (check H2), and no caching of private pages (H5)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(demo, performance_officer):
    return {"public": "/", "signed in": reverse("cycle:periods")}


@pytest.mark.parametrize("kind", ["public", "signed in"])
def test_security_headers(client, pages, performance_officer, kind, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    if kind == "signed in":
        client.force_login(performance_officer)
    response = client.get(pages[kind], secure=True)
    assert response.status_code == 200
    assert int(re.search(r"max-age=(\d+)", response["Strict-Transport-Security"]).group(1)) >= 31_536_000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert csp["default-src"] == "'self'"
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9+/=]+'", csp["script-src"])
    assert (csp["object-src"], csp["base-uri"], csp["frame-ancestors"], csp["form-action"]) == (
        "'none'",
        "'self'",
        "'none'",
        "'self'",
    )
    assert "unsafe" not in response["Content-Security-Policy"]


def test_signed_in_pages_are_not_stored(client, pages, performance_officer):
    client.force_login(performance_officer)
    cache_control = client.get(pages["signed in"])["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_the_nonce_differs_on_every_response(client, pages):
    nonces = {re.search(r"nonce-([^']+)", client.get("/")["Content-Security-Policy"]).group(1) for _ in range(3)}
    assert len(nonces) == 3


def test_every_inline_script_carries_the_nonce_of_its_response(client, pages):
    response = client.get("/")
    nonce = re.search(r"nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    inline = [tag for tag in re.findall(r"<script[^>]*>", response.content.decode()) if "src=" not in tag]
    assert inline  # the GOV.UK js-enabled snippet
    assert all(f'nonce="{nonce}"' in tag for tag in inline)
