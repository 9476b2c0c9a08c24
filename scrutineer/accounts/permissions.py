"""Who may see and do what. Every view, export and API operation asks here.

Roles: administrator, performance officer, lead officer (for the lead roles they hold), committee
member, and the public (not signed in). Part 2 (exempt) material is for signed-in members and
officers only; to anyone else a Part 2 address answers 404, so its existence is not revealed.
With SCRUTINEER_PART2_REQUIRES_MFA (on unless a local demo turns it off) it is served only once
the session is verified with a code from the person's authenticator app (check A5): before that,
a member or officer is sent to enter a code, or to set up an app, and brought back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .models import User

Role = User.Role
OFFICER_ROLES = frozenset({Role.ADMINISTRATOR, Role.PERFORMANCE_OFFICER, Role.LEAD_OFFICER})
PART2_ROLES = OFFICER_ROLES | {Role.COMMITTEE_MEMBER}


def has_role(user: Any, *roles: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role in roles


def is_administrator(user: Any) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def is_performance_officer(user: Any) -> bool:
    """Performance officers (and administrators) run the cycle, the index and publication."""
    return has_role(user, Role.ADMINISTRATOR, Role.PERFORMANCE_OFFICER)


def is_officer(user: Any) -> bool:
    return has_role(user, *OFFICER_ROLES)


def can_view_part2(user: Any) -> bool:
    """Members and officers see Part 2 (exempt) material; the public never does."""
    return has_role(user, *PART2_ROLES)


def is_verified(user: Any) -> bool:
    """The session was verified with a code from a confirmed authenticator (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


def part2_second_factor_satisfied(user: Any) -> bool:
    """Part 2 may be served to this person's session now (it holds a verified code, or MFA is off)."""
    return not settings.SCRUTINEER_PART2_REQUIRES_MFA or is_verified(user)


def second_factor_redirect(request: HttpRequest, next_url: str | None = None) -> HttpResponse:
    """To the code page (or setting up an app, for someone who has none), then back to this address
    (or `next_url`: the code page checks it is on this site)."""
    from .selectors import confirmed_authenticator  # selectors import the device model; keep this module light

    name = "accounts:two_factor_verify" if confirmed_authenticator(request.user) else "accounts:two_factor_setup"
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': next_url or request.get_full_path()})}")


def part2_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A Part 2 page: 404 to anyone who may not see Part 2, so the page's existence is not revealed;
    a member or officer whose session has no second factor yet is sent to enter a code first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not can_view_part2(request.user):
            raise Http404("Page not found")
        if not part2_second_factor_satisfied(request.user):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def second_factor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a page already limited by role that shows Part 2 material (the disclosure check): put it
    under the role decorator; a session with no second factor yet is sent to enter a code first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not part2_second_factor_satisfied(request.user):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def role_required(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A page for some roles: sign in first; a signed-in person without the role gets 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


performance_officer_required = role_required(Role.ADMINISTRATOR, Role.PERFORMANCE_OFFICER)
officer_required = role_required(*OFFICER_ROLES)
member_or_officer_required = role_required(*PART2_ROLES)
