from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CorporateAmbition, CorporateStrategy, LeadRole, Organisation, Portfolio, ReportingPeriod


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Portfolio)
class PortfolioAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organisation")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(LeadRole)
class LeadRoleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "replaced_by")
    list_filter = ("organisation",)
    search_fields = ("title",)


class AmbitionInline(admin.TabularInline):
    model = CorporateAmbition
    extra = 0


@admin.register(CorporateStrategy)
class CorporateStrategyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "organisation")
    inlines = [AmbitionInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ("label", "organisation", "status", "deadline")
    list_filter = ("organisation", "status")
