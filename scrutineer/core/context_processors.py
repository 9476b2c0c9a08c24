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
    navigation = [
        NavigationItem(label, reverse(url_name), active=current == app_name)
        for label, url_name, app_name in settings.SCRUTINEER_NAVIGATION
    ]
    return {"council": SimpleLazyObject(default_organisation), "navigation": navigation}
