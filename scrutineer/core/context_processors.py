"""Template context every page needs: the council's name and the service navigation."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .selectors import default_organisation


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url: str
    active: bool


def council(request: HttpRequest) -> dict[str, object]:
    match = getattr(request, "resolver_match", None)
    current = match.app_name if match else ""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else None
    is_superuser = bool(getattr(user, "is_superuser", False))
    navigation = [
        NavigationItem(label, reverse(url_name), active=current == app_name and not _is_home(match))
        for label, url_name, app_name, roles in settings.SCRUTINEER_NAVIGATION
        if roles is None or (role is not None and (role in roles or is_superuser))
    ]
    return {"council": SimpleLazyObject(default_organisation), "navigation": navigation}


def _is_home(match: object) -> bool:
    return getattr(match, "url_name", "") == "home"
