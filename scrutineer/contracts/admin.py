from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from scrutineer.core.tabular import ImportRejected

from .models import ContractRules, PublishedCount, RegisterEntry, ReportingCycle
from .services import register_recompute


@admin.register(ContractRules)
class ContractRulesAdmin(SimpleHistoryAdmin):
    """A council's procurement matrix and risk rules, as JSON; `clean()` refuses rules that cannot work."""

    list_display = ("organisation", "register_threshold")


@admin.action(description="Work out procurement status and risk index again with the current rules (drafts only)")
def recompute(modeladmin, request, queryset):
    for cycle in queryset:
        try:
            count = register_recompute(cycle=cycle)
        except ImportRejected as rejected:
            modeladmin.message_user(request, f"{cycle}: {rejected.errors[0].message}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{cycle}: {count} contracts worked out again.")


@admin.register(ReportingCycle)
class ReportingCycleAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "organisation", "as_at", "status", "whole_register")
    list_filter = ("organisation", "status")
    actions = [recompute]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(SimpleHistoryAdmin):
    list_display = ("contract", "title", "cycle", "portfolio", "procurement_status", "risk_colour", "risk_score")
    list_filter = ("cycle", "portfolio", "procurement_status", "risk_colour", "capital")
    search_fields = ("contract__reference", "title", "supplier")
    list_select_related = ("contract", "cycle", "portfolio")
    readonly_fields = ("procurement_status", "risk_score", "risk_colour", "risk_source", "risk_points", "printed")


@admin.register(PublishedCount)
class PublishedCountAdmin(admin.ModelAdmin):
    list_display = ("cycle", "portfolio", "label", "category", "count", "source")
    list_filter = ("cycle", "portfolio", "group")
