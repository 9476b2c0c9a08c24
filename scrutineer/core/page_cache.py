"""A cache of public pages, so the public and the press get the published plan at once.

Only anonymous GET requests are served from it, and only for views marked `@public_page`: those
show public (Part 1) content alone, the same for every visitor. Any committed write to the
database changes the content version, and the version is part of every key, so a page is never
served after the data behind it changed. Signed-in people always get a freshly built page.

The CSP nonce of a cached page is swapped for the nonce of the response that serves it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "scrutineer:content-version"
NONCE_PLACEHOLDER = "__scrutineer_csp_nonce__"
# Writes to these never change what a public page shows.
IGNORED_APPS = frozenset({"sessions", "admin", "contenttypes", "axes", "otp_static", "otp_totp"})
IGNORED_MODELS = frozenset({"accounts.part2access", "plans.remindersent"})
TIMEOUT = 60 * 60


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed(**_: object) -> None:
    """Invalidate every cached page: now, and again when the transaction commits.

    Bumping at once stops this process serving a page built before the write; bumping on commit
    stops another process keeping a page it built from data read before the commit.
    """
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def on_model_change(sender: type, **kwargs: object) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return
    content_changed()


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from the cache to anonymous visitors when the data has not changed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return _from_cache(request, cached)
        response = view(request, *args, **kwargs)
        if _cacheable_response(response):
            cache.set(key, _to_cache(request, response), TIMEOUT)
        return response

    return wrapper


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and not getattr(request, "htmx", False)
    )


def _cacheable_response(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.cookies and not response.streaming


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"scrutineer:page:{content_version()}:{path}"


def _to_cache(request: HttpRequest, response: HttpResponse) -> tuple[bytes, str, bool]:
    nonce = getattr(request, "_csp_nonce", None) or ""
    content = response.content
    had_nonce = bool(nonce) and nonce.encode() in content
    if had_nonce:
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER.encode())
    return content, response["Content-Type"], had_nonce


def _from_cache(request: HttpRequest, cached: tuple[bytes, str, bool]) -> HttpResponse:
    content, content_type, had_nonce = cached
    if had_nonce:
        content = content.replace(NONCE_PLACEHOLDER.encode(), str(request.csp_nonce).encode())
    return HttpResponse(content, content_type=content_type)
