"""Writes to people and their records."""

from __future__ import annotations

import getpass
import logging
import shlex
from dataclasses import dataclass
from datetime import datetime

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Part2Access, User
from .permissions import can_view_part2

logger = logging.getLogger(__name__)

AUTHENTICATOR_NAME = "Authenticator app"


def part2_access_record(*, request: HttpRequest, what: str) -> Part2Access:
    """Log a read of Part 2 material by the signed-in person making the request."""
    return Part2Access.objects.create(user=request.user, path=request.get_full_path()[:500], what=what[:300])


class Part2Refused(Exception):
    """A Part 2 read from the command line that names no account allowed Part 2."""


def part2_account(username: str | None) -> User:
    """The account a command-line read of Part 2 is made as: named, active and allowed Part 2.

    The command line is no way round the access log: whoever runs it says whose read it is, and
    that person must be one the site would show Part 2 to (a second factor aside).
    """
    if not username:
        raise Part2Refused("Part 2 is exempt: give --user with the account this read is made for; it is logged.")
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise Part2Refused(f"No active account {username!r}.")
    if not can_view_part2(user):
        raise Part2Refused(f"{username} may not see Part 2 (exempt) material.")
    return user


def part2_command_line_record(*, user: User, command: list[str], what: str) -> Part2Access:
    """Log a read of Part 2 material made from the command line, with the command and system account."""
    path = f"command line, as {_system_account()}: scrutineer {shlex.join(command)}"
    return Part2Access.objects.create(user=user, path=path[:500], what=what[:300])


def _system_account() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this process's user id, as in some containers
        return "an unnamed system account"


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of entering a code: accepted, or why not (and until when no code is tried)."""

    accepted: bool
    wait_until: datetime | None = None
    throttled: bool = False  # refused without trying the code: too many wrong ones just before


@transaction.atomic
def authenticator_setup_start(*, user: User) -> TOTPDevice:
    """The app being set up: one unconfirmed device per person, so reloading the page keeps its key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(*, request: HttpRequest, device_id: int, code: str) -> CodeCheck:
    """Confirm the app being set up with its first code; it replaces any app confirmed before.

    The session is verified with it straight away (the person has just proved they hold it).
    """
    device = TOTPDevice.objects.select_for_update().filter(pk=device_id, user=request.user, confirmed=False).first()
    if device is None:
        return CodeCheck(accepted=False)
    check = _check(device, code)
    if check.accepted:
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _verified(request, device)
    return check


@transaction.atomic
def authenticator_verify(*, request: HttpRequest, code: str) -> CodeCheck:
    """Check a code against the person's confirmed app; if right, the session is verified."""
    device = TOTPDevice.objects.select_for_update().filter(user=request.user, confirmed=True).order_by("-pk").first()
    if device is None:
        return CodeCheck(accepted=False)
    check = _check(device, code)
    if check.accepted:
        _verified(request, device)
    return check


def _check(device: TOTPDevice, code: str) -> CodeCheck:
    """django-otp's check, throttled: after each wrong code the next is refused for twice as long."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(accepted=False, wait_until=(why or {}).get("locked_until"), throttled=True)
    if device.verify_token(code):
        return CodeCheck(accepted=True)
    logger.warning(
        "Wrong authenticator code for user %s (%s in a row)", device.user_id, device.throttling_failure_count
    )
    _, why = device.verify_is_allowed()
    return CodeCheck(accepted=False, wait_until=(why or {}).get("locked_until"))


def _verified(request: HttpRequest, device: TOTPDevice) -> None:
    # A new session key on gaining Part 2 access, as on signing in: a fixed session cannot ride along.
    request.session.cycle_key()
    django_otp.login(request, device)
