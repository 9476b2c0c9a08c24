from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, DeliveryStatus, MeasureOfSuccess, Plan, Priority, SubAction, Update


class PriorityInline(admin.TabularInline):
    model = Priority
    fields = ("position", "number", "title")
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "portfolio", "period_label", "edition", "status")
    list_filter = ("status", "portfolio")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PriorityInline]


class ActionInline(admin.TabularInline):
    model = Action
    fields = ("position", "number", "number_text", "title")
    extra = 0
    show_change_link = True


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "plan", "position")
    list_filter = ("plan",)
    inlines = [ActionInline]


class SubActionInline(admin.StackedInline):
    model = SubAction
    fields = ("position", "letter", "detail", "target_date_text", "lead_text")
    extra = 0
    show_change_link = True


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "priority")
    list_filter = ("priority__plan",)
    inlines = [SubActionInline]


class MeasureInline(admin.TabularInline):
    model = MeasureOfSuccess
    extra = 0


@admin.register(SubAction)
class SubActionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "target_date_text", "lead_text")
    list_filter = ("action__priority__plan", "annual_programme")
    search_fields = ("detail", "lead_text")
    inlines = [MeasureInline]


@admin.register(Update)
class UpdateAdmin(SimpleHistoryAdmin):
    """Updates are written and reviewed through the update cycle pages; here they are read-only."""

    list_display = ("sub_action", "period", "status", "delivery_status", "author", "updated_at")
    list_filter = ("period", "status")
    search_fields = ("text",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DeliveryStatus)
class DeliveryStatusAdmin(SimpleHistoryAdmin):
    list_display = ("name", "colour", "position", "active", "organisation")
    list_filter = ("organisation", "active")
