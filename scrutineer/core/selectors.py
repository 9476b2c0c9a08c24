"""Reads shared by every area."""

from django.conf import settings

from .models import Organisation


def default_organisation() -> Organisation | None:
    """The council whose pages a visitor sees: SCRUTINEER_ORGANISATION, else the first one."""
    organisations = Organisation.objects.order_by("pk")
    if settings.SCRUTINEER_DEFAULT_ORGANISATION:
        organisations = organisations.filter(slug=settings.SCRUTINEER_DEFAULT_ORGANISATION)
    return organisations.first()
