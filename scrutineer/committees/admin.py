"""The admin for democratic services: committees with their members, meetings with their agenda,
attendance and minutes, and the risk register. Uploading a report's PDF is done on the item's page,
where the file is checked; the admin shows what was uploaded."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    AgendaReport,
    Attendance,
    Committee,
    MatterOutstanding,
    Meeting,
    Membership,
    Minute,
    Risk,
    WorkProgrammeItem,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("position", "role", "group", "name", "representing", "starts_on", "ends_on")


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "organisation", "portfolio", "parent")
    list_filter = ("organisation", "kind")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ("number", "letter", "title", "section", "item_type", "part", "schedule_12a_paragraph")
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ("kind", "position", "name", "role", "councillor")


class ProgrammeInline(admin.TabularInline):
    model = WorkProgrammeItem
    extra = 0
    fields = ("position", "title", "note", "item_type", "status")


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("committee", "date", "time", "venue", "agenda_published_at")
    list_filter = ("committee",)
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline, ProgrammeInline]


class AgendaReportInline(admin.StackedInline):
    model = AgendaReport
    extra = 0
    readonly_fields = ("pdf_name", "pdf_pages", "pdf_sha256", "pdf_uploaded_at", "pdf_uploaded_by")


class MinuteInline(admin.StackedInline):
    model = Minute
    extra = 0
    fields = ("number", "title", "report_number", "part", "text", "resolution", "exempt_text")


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "meeting", "section", "part", "report_kind", "report_period")
    list_filter = ("meeting__committee", "part", "section")
    list_select_related = ("meeting__committee",)
    inlines = [AgendaReportInline, MinuteInline]


@admin.register(Minute)
class MinuteAdmin(SimpleHistoryAdmin):
    list_display = ("number", "title", "meeting", "part")
    list_filter = ("meeting__committee", "part")
    list_select_related = ("meeting__committee",)


@admin.register(MatterOutstanding)
class MatterOutstandingAdmin(SimpleHistoryAdmin):
    list_display = ("action", "owner", "raised_at", "due", "status", "completed_at")
    list_filter = ("committee", "status")


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "item_type", "status", "note")
    list_filter = ("meeting__committee", "status", "item_type")
    list_select_related = ("meeting__committee",)


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "title", "owner", "likelihood", "impact", "review_date", "part", "status")
    list_filter = ("portfolio", "status", "part")
