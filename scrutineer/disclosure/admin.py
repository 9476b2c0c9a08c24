"""Admin: a policy change is a new version; publications and the ledger are read-only evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from scrutineer.accounts.permissions import can_view_part2, part2_second_factor_satisfied
from scrutineer.domain.disclosure import Policy, PolicyError

from .models import DisclosurePolicy, LedgerEntry, Publication
from .services import disclosure_policy_set


class DisclosurePolicyForm(forms.ModelForm):
    class Meta:
        model = DisclosurePolicy
        fields = ["organisation", "preset", "threshold", "zeros_are_disclosive", "reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            Policy.for_preset(
                data.get("preset", ""),
                threshold=data.get("threshold"),
                zeros_are_disclosive=bool(data.get("zeros_are_disclosive")),
            )
        except (PolicyError, ValueError) as error:
            raise forms.ValidationError(str(error)) from error
        return data


@admin.register(DisclosurePolicy)
class DisclosurePolicyAdmin(admin.ModelAdmin):
    """Add a version; never edit one, since publications record the version they were built with."""

    form = DisclosurePolicyForm
    list_display = (
        "organisation",
        "version",
        "preset",
        "threshold",
        "zeros_are_disclosive",
        "created_at",
        "created_by",
    )
    list_filter = ("organisation", "preset")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: DisclosurePolicy, form: Any, change: bool) -> None:
        data = form.cleaned_data
        saved = disclosure_policy_set(
            organisation=data["organisation"],
            preset=data["preset"],
            threshold=data["threshold"],
            zeros_are_disclosive=data["zeros_are_disclosive"],
            changed_by=request.user,  # type: ignore[arg-type]
            reason=data["reason"],
        )
        obj.pk, obj.version = saved.pk, saved.version


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    can_delete = False
    show_change_link = False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return _ledger_fields(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _ledger_fields(request: HttpRequest) -> list[str]:
    """The true value is Part 2 material: only for people who may see Part 2, with a second factor."""
    fields = ["key", "shown", "suppression", "rounding_base", "preset", "threshold", "reasons"]
    part2 = can_view_part2(request.user) and part2_second_factor_satisfied(request.user)
    return [*fields[:2], "true_value", *fields[2:]] if part2 else fields


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("reference", "version", "organisation", "published_at", "preset", "threshold", "policy_version")
    list_filter = ("organisation", "preset")
    search_fields = ("reference", "title")
    inlines = [LedgerEntryInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_filter = ("suppression", "publication__organisation")
    search_fields = ("key", "subject")
    list_select_related = ("publication",)

    def get_list_display(self, request: HttpRequest) -> list[str]:
        return ["publication", *_ledger_fields(request)]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["publication", *_ledger_fields(request)]
