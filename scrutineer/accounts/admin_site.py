"""The admin site holds Part 2 material too (exempt papers, commentary, true figures): with
SCRUTINEER_PART2_REQUIRES_MFA it is open only to a session verified with an authenticator code
(check A5). Staff signed in with a password only are sent to enter a code, and brought back."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from .permissions import part2_second_factor_satisfied, second_factor_redirect


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and part2_second_factor_satisfied(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        user = request.user
        if user.is_active and user.is_staff and not part2_second_factor_satisfied(user):
            return second_factor_redirect(request, next_url=request.GET.get("next") or request.path)
        return super().login(request, extra_context)
