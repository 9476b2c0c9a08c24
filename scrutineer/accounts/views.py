from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.core.audit import audit_entries, audited_models

from .forms import SignInForm
from .permissions import performance_officer_required


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
