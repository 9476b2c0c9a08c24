from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@cache_control(no_store=True)
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial page for load balancers, and the baseline `make bench` compares pages with."""
    return HttpResponse("ok", content_type="text/plain")
