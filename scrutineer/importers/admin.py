from django.contrib import admin

from .models import PlanImport


@admin.register(PlanImport)
class PlanImportAdmin(admin.ModelAdmin):
    """Read-only: a note of who imported which file, when, and what it held."""

    list_display = ("created_at", "file_name", "mode", "status", "created_by", "result_plan")
    list_filter = ("mode", "status")
    date_hierarchy = "created_at"
    exclude = ("document",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
