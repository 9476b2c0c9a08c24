"""Published reports in the admin: to read, never to change (check C4)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from scrutineer.disclosure.admin import ReadOnlyAdmin

from .models import PublishedArtefact, ReportPublication


class PublishedArtefactInline(admin.TabularInline):
    model = PublishedArtefact
    fields = ("part", "format", "size", "sha256")  # never the bytes: Part 2 files hold exempt material
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportPublication)
class ReportPublicationAdmin(ReadOnlyAdmin):
    list_display = ("report", "number", "published_at", "published_by", "render_seconds")
    list_filter = ("report__kind", "report__portfolio")
    list_select_related = ("report", "published_by")
    fields = ("report", "number", "published_at", "published_by", "cover_version", "report_number", "title", "note")
    inlines = [PublishedArtefactInline]
