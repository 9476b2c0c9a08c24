"""Authenticator apps for test people: a real confirmed django-otp TOTP device, and its codes.

The persona fixtures (conftest.py) give each member and officer one of these; `Client.force_login`
then also completes the second step for them, as a real sign-in followed by a code would. Tests of
the second step itself use people without one, or `force_login(user)` then `unverify(client)`.
"""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PERSONA_AUTHENTICATOR = "Persona authenticator (tests)"


def give_authenticator(user, *, name: str = PERSONA_AUTHENTICATOR) -> TOTPDevice:
    """A confirmed authenticator app for `user`."""
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def code_for(device: TOTPDevice, *, at: float | None = None, steps_later: int = 0) -> str:
    """The 6-digit code the app would show now (or at `at`, or `steps_later` 30-second steps on)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = (time.time() if at is None else at) + steps_later * device.step
    return f"{totp.token():0{device.digits}d}"


def mark_verified(client: Client, device: TOTPDevice) -> None:
    """What django_otp.login does on a right code: the session remembers the device that verified it."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def unverify(client: Client) -> None:
    """Signed in with a password only: the session holds no verified device."""
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()
