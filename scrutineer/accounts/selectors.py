"""Reads about people: their authenticator apps (django-otp TOTP devices)."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_authenticator(user: Any) -> TOTPDevice | None:
    """The authenticator app this person has confirmed with a first code, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
