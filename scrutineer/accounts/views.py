from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from scrutineer.core.audit import audit_entries, audited_models

from . import services
from .forms import SecurityCodeForm, SignInForm
from .permissions import is_verified, performance_officer_required
from .selectors import confirmed_authenticator

# Wrong codes: a wait shorter than this is not worth telling people about.
WAIT_WORTH_MENTIONING_SECONDS = 5


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/signed_out.html"


@performance_officer_required
def audit(request: HttpRequest) -> HttpResponse:
    """The audit trail, for administrators and performance officers."""
    labels = {m._meta.label_lower: str(m._meta.verbose_name).capitalize() for m in audited_models()}
    chosen = request.GET.get("record")
    chosen = chosen if chosen in labels else None
    entries = audit_entries(model_label=chosen, limit=100)
    return render(request, "accounts/audit.html", {"entries": entries, "labels": labels, "chosen": chosen})


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Enter the code from your authenticator app; Part 2 is then served for the rest of the session."""
    next_url = _next(request)
    if confirmed_authenticator(request.user) is None:
        return redirect(_with_next("accounts:two_factor_setup", next_url))
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.authenticator_verify(request=request, code=form.cleaned_data["code"])
        if check.accepted:
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        form.add_error("code", _refusal(check))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: its key (to type, or as an otpauth link), then a first code.

    Someone who already has an app must enter a code from it before replacing it, so a stolen
    password alone cannot swap in the thief's app.
    """
    next_url = _next(request)
    existing = confirmed_authenticator(request.user)
    if existing is not None and not is_verified(request.user):
        return redirect(_with_next("accounts:two_factor_verify", request.get_full_path()))
    replacing = request.method == "POST" or request.GET.get("replace") == "1"
    if existing is not None and not replacing:
        return render(request, "accounts/two_factor_done.html", {"device": existing, "next": next_url})
    device = services.authenticator_setup_start(user=request.user)
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.authenticator_confirm(request=request, device_id=device.pk, code=form.cleaned_data["code"])
        if check.accepted:
            messages.success(request, "Your authenticator app is set up. You can now read Part 2 (exempt) papers.")
            return redirect(next_url or reverse("accounts:two_factor_setup"))
        form.add_error("code", _refusal(check))
    key = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url,
        "existing": existing,
        "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
        "otpauth_uri": device.config_url,
        "qr_code": setup_qr_code(device.config_url),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def setup_qr_code(otpauth_uri: str) -> str:
    """The otpauth address as a QR code for the app to scan: an SVG data address for an <img>."""
    return segno.make(otpauth_uri, error="m").svg_data_uri(scale=5, border=4, dark="#0b0c0c", light="#ffffff")


def _refusal(check: services.CodeCheck) -> str:
    now = timezone.now()
    if check.wait_until is not None and (
        check.throttled or (check.wait_until - now).total_seconds() >= WAIT_WORTH_MENTIONING_SECONDS
    ):
        until = timezone.localtime(check.wait_until).strftime("%H:%M:%S")
        return f"Too many wrong codes. Wait until {until}, then enter the code your app shows then"
    return "The code is not right. Enter the code your authenticator app shows now"


def _next(request: HttpRequest) -> str:
    """Where to go afterwards: an address on this site only."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=False)
    return candidate if safe and candidate.startswith("/") else ""


def _with_next(name: str, next_url: str) -> str:
    return reverse(name) + (f"?{urlencode({'next': next_url})}" if next_url else "")
