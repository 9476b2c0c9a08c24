from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Part2Access, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "get_full_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")
    filter_horizontal = ("lead_roles", "groups", "user_permissions")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Scrutineer", {"fields": ("organisation", "role", "job_title", "lead_roles")}),
    )

    def has_delete_permission(self, request, obj=None):
        # People are deactivated, never deleted: their history and Part 2 reads stay attributable.
        return False


@admin.register(Part2Access)
class Part2AccessAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence, so nobody edits or deletes it here."""

    list_display = ("at", "user", "what", "path")
    list_filter = ("user",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
