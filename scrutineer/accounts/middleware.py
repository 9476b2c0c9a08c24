"""Signed-in sessions expire after SESSION_COOKIE_AGE of inactivity.

Django can only extend a session by saving it, and saving on every request (SESSION_SAVE_EVERY_REQUEST)
writes to the database on every page view. Instead the expiry is pushed back at most once a
minute, so an idle session still ends within a minute of its limit.
"""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

REFRESH_EVERY_SECONDS = 60
_KEY = "_scrutineer_refreshed"


class SlidingSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(_KEY, 0) >= REFRESH_EVERY_SECONDS:
                session[_KEY] = now  # marks the session modified, so it is saved with a new expiry
        return response


class PrivateResponsesMiddleware:
    """Pages built for a signed-in person are never stored by browsers or shared caches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
