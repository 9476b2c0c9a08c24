import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from freezegun import freeze_time

pytestmark = pytest.mark.django_db


def test_an_idle_session_ends_after_thirty_minutes(client, performance_officer, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with freeze_time("2026-01-05 09:00:00"):
        client.force_login(performance_officer)
        assert client.get(reverse("cycle:periods")).status_code == 200
    with freeze_time("2026-01-05 09:31:00"):
        assert client.get(reverse("cycle:periods")).status_code == 302


def test_an_active_session_is_extended(client, performance_officer):
    with freeze_time("2026-01-05 09:00:00"):
        client.force_login(performance_officer)
    for minute in (20, 40, 60):
        with freeze_time(f"2026-01-05 {9 + minute // 60:02d}:{minute % 60:02d}:00"):
            assert client.get(reverse("cycle:periods")).status_code == 200


def test_a_page_view_within_the_minute_does_not_write_the_session(client, performance_officer):
    with freeze_time("2026-01-05 09:00:00"):
        client.force_login(performance_officer)
        client.get(reverse("cycle:periods"))
        expiry = Session.objects.get().expire_date
    with freeze_time("2026-01-05 09:00:30"):
        client.get(reverse("cycle:periods"))
        assert Session.objects.get().expire_date == expiry
