"""Democratic services' forms: meetings, agenda items and their reports, minutes, matters
outstanding, the work programme and the risk register. For performance officers and administrators."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutineer.accounts.permissions import performance_officer_required
from scrutineer.domain.parts import Part

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    AgendaReportForm,
    MatterForm,
    MeetingForm,
    MinuteForm,
    ProgrammeItemForm,
    RiskForm,
    RiskReviewForm,
    UploadForm,
)
from ..models import AgendaItem, AgendaReport, MatterOutstanding, Meeting, Minute, Risk, WorkProgrammeItem
from ..pdfs import PdfRejected
from .pages import committee_or_404, item_or_404, meeting_or_404


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    legends = context.get("legends") or [None] * len(context["forms"])
    context["fieldsets"] = list(zip(legends, context["forms"], strict=True))
    return render(request, "committees/form.html", context)


def meeting_url(meeting: Meeting) -> str:
    return reverse("committees:meeting", args=[meeting.committee.slug, meeting.date])


def item_url(item: AgendaItem) -> str:
    name = "committees:item" if item.part == Part.ONE else "committees:item_part2"
    return reverse(name, args=[item.meeting.committee.slug, item.meeting.date, item.label])


# --- meetings -------------------------------------------------------------------------------------


@performance_officer_required
def meeting_create(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    return _meeting_form(request, Meeting(committee=committee_obj), reverse("committees:committee", args=[committee]))


@performance_officer_required
def meeting_edit(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    meeting = meeting_or_404(committee_or_404(committee), day)
    return _meeting_form(request, meeting, meeting_url(meeting))


def _meeting_form(request: HttpRequest, meeting: Meeting, back: str) -> HttpResponse:
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in MeetingForm.Meta.fields}
        values["agenda_published_at"] = _stamp(meeting.agenda_published_at, form.cleaned_data["agenda_published"])
        values["minutes_published_at"] = _stamp(meeting.minutes_published_at, form.cleaned_data["minutes_published"])
        taken = Meeting.objects.filter(committee=meeting.committee, date=values["date"]).exclude(pk=meeting.pk)
        if taken.exists():
            form.add_error("date", "The committee already meets on that day.")
        else:
            saved = services.meeting_save(meeting=meeting, values=values, user=request.user)
            messages.success(request, f"Saved the meeting of {saved.date:%-d %B %Y}.")
            return redirect(meeting_url(saved))
    title = f"Meeting of {meeting.date:%-d %B %Y}" if meeting.pk else "New meeting"
    return _form_page(
        request,
        {
            "forms": [form],
            "title": title,
            "caption": meeting.committee.name,
            "back": back,
            "submit": "Save the meeting",
        },
    )


def _stamp(current: Any, wanted: bool) -> Any:
    if not wanted:
        return None
    return current or timezone.now()


# --- agenda items ---------------------------------------------------------------------------------


@performance_officer_required
def item_create(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    meeting = meeting_or_404(committee_or_404(committee), day)
    return _item_form(request, AgendaItem(meeting=meeting), meeting)


@performance_officer_required
def item_edit(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    meeting = meeting_or_404(committee_or_404(committee), day)
    return _item_form(request, item_or_404(meeting, item), meeting)


def _item_form(request: HttpRequest, item: AgendaItem, meeting: Meeting) -> HttpResponse:
    paper = AgendaReport.objects.filter(item=item).defer("pdf").first() if item.pk else None
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    cover = AgendaReportForm(request.POST or None, instance=paper or AgendaReport(), prefix="cover")
    if request.method == "POST" and form.is_valid() and cover.is_valid():
        saved = services.agenda_item_save(item=item, values=form.values(), user=request.user)
        if paper is not None or cover.has_any():
            values = {name: cover.cleaned_data[name] for name in AgendaReportForm.Meta.fields}
            services.agenda_report_save(item=saved, values=values, user=request.user)
        messages.success(request, f"Saved item {saved.label}.")
        return redirect(meeting_url(meeting))
    title = f"Item {item.label}" if item.pk else "New agenda item"
    return _form_page(
        request,
        {
            "forms": [form, cover],
            "legends": ["The item", "Its report's cover sheet, if Scrutineer does not make the report"],
            "title": title,
            "caption": str(meeting),
            "back": meeting_url(meeting),
            "submit": "Save the item",
        },
    )


@require_POST
@performance_officer_required
def item_delete(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    meeting = meeting_or_404(committee_or_404(committee), day)
    item_obj = item_or_404(meeting, item)
    label = item_obj.label
    services.agenda_item_delete(item=item_obj, user=request.user)
    messages.success(request, f"Removed item {label} from the agenda.")
    return redirect(meeting_url(meeting))


@performance_officer_required
def item_upload(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    """The report's PDF, for a report Scrutineer does not make; checked before it is kept."""
    meeting = meeting_or_404(committee_or_404(committee), day)
    item_obj = item_or_404(meeting, item)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        services.agenda_report_remove_pdf(item=item_obj, user=request.user)
        messages.success(request, f"Removed the PDF of item {item_obj.label}.")
        return redirect(item_url(item_obj))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["pdf"]
        try:
            services.agenda_report_attach_pdf(item=item_obj, content=upload.read(), name=upload.name, user=request.user)
        except PdfRejected as rejected:
            form.add_error("pdf", str(rejected))
        else:
            messages.success(request, f"Uploaded the report for item {item_obj.label}.")
            return redirect(item_url(item_obj))
    paper = AgendaReport.objects.filter(item=item_obj).defer("pdf").first()
    return _form_page(
        request,
        {
            "forms": [form],
            "title": f"Report PDF for item {item_obj.label}",
            "caption": item_obj.title,
            "back": item_url(item_obj),
            "submit": "Upload the PDF",
            "multipart": True,
            "paper": paper,
            "item": item_obj,
        },
    )


@performance_officer_required
def minute_edit(request: HttpRequest, committee: str, day: date, item: str) -> HttpResponse:
    meeting = meeting_or_404(committee_or_404(committee), day)
    item_obj = item_or_404(meeting, item)
    minute = Minute.objects.filter(agenda_item=item_obj).order_by("sort_number", "sort_letter").first() or Minute(
        meeting=meeting, agenda_item=item_obj, title=item_obj.title, part=item_obj.part
    )
    form = MinuteForm(request.POST or None, instance=minute)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in MinuteForm.Meta.fields}
        if Minute.objects.filter(meeting=meeting, number=values["number"]).exclude(pk=minute.pk).exists():
            form.add_error("number", "This meeting already has a minute with that number.")
        else:
            services.minute_save(minute=minute, values=values, user=request.user)
            messages.success(request, f"Saved the minute of item {item_obj.label}.")
            return redirect(item_url(item_obj))
    return _form_page(
        request,
        {
            "forms": [form],
            "title": f"Minute of item {item_obj.label}",
            "caption": item_obj.title,
            "back": item_url(item_obj),
            "submit": "Save the minute",
        },
    )


@require_POST
@performance_officer_required
def meeting_publish(request: HttpRequest, committee: str, day: date) -> HttpResponse:
    meeting = meeting_or_404(committee_or_404(committee), day)
    if request.POST.get("action") == "withdraw":
        services.meeting_agenda_withdraw(meeting=meeting, user=request.user)
        messages.success(request, "The agenda is no longer published.")
    else:
        services.meeting_agenda_publish(meeting=meeting, user=request.user)
        messages.success(request, "Published the agenda and its Part 1 pack.")
    return redirect(meeting_url(meeting))


# --- work programme and matters outstanding -------------------------------------------------------


@performance_officer_required
def programme_item_create(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    initial_meeting = request.GET.get("meeting")
    item = WorkProgrammeItem()
    if initial_meeting and initial_meeting.isdigit():
        item.meeting = Meeting.objects.filter(pk=int(initial_meeting)).first()  # type: ignore[assignment]
    return _programme_form(request, committee_obj, item)


@performance_officer_required
def programme_item_edit(request: HttpRequest, committee: str, pk: int) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    item = get_object_or_404(
        WorkProgrammeItem.objects.select_related("meeting__committee"),
        pk=pk,
        meeting__committee__in=[committee_obj, *committee_obj.related_bodies.all()],
    )
    return _programme_form(request, committee_obj, item)


def _programme_form(request: HttpRequest, committee: Any, item: WorkProgrammeItem) -> HttpResponse:
    form = ProgrammeItemForm(request.POST or None, instance=item, committee=committee)
    back = reverse("committees:work_programme", args=[committee.slug])
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ProgrammeItemForm.Meta.fields}
        services.programme_item_save(item=item, values=values, user=request.user)
        messages.success(request, f"Saved “{item.title}” in the work programme.")
        return redirect(back)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": "Work programme item" if item.pk else "New work programme item",
            "caption": committee.name,
            "back": back,
            "submit": "Save the item",
        },
    )


@performance_officer_required
def matter_create(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    return _matter_form(request, committee_obj, MatterOutstanding(committee=committee_obj))


@performance_officer_required
def matter_edit(request: HttpRequest, committee: str, pk: int) -> HttpResponse:
    committee_obj = committee_or_404(committee)
    return _matter_form(request, committee_obj, get_object_or_404(MatterOutstanding, pk=pk, committee=committee_obj))


def _matter_form(request: HttpRequest, committee: Any, matter: MatterOutstanding) -> HttpResponse:
    form = MatterForm(request.POST or None, instance=matter, committee=committee)
    back = reverse("committees:matters", args=[committee.slug])
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in MatterForm.Meta.fields}
        services.matter_save(matter=matter, values=values, user=request.user)
        messages.success(request, "Saved the matter outstanding.")
        return redirect(back)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": "Matter outstanding" if matter.pk else "New matter outstanding",
            "caption": committee.name,
            "back": back,
            "submit": "Save the matter",
        },
    )


# --- risk register --------------------------------------------------------------------------------


def _risk_committee(committee: str) -> Any:
    committee_obj = committee_or_404(committee)
    if committee_obj.portfolio is None:
        raise Http404("This committee has no portfolio, so no risk register.")
    return committee_obj


def _risk_back(committee: Any, risk: Risk | None = None) -> str:
    part2 = risk is not None and risk.part == Part.TWO
    return reverse("committees:risk_register_part2" if part2 else "committees:risk_register", args=[committee.slug])


@performance_officer_required
def risk_create(request: HttpRequest, committee: str) -> HttpResponse:
    committee_obj = _risk_committee(committee)
    return _risk_form(request, committee_obj, Risk(portfolio=committee_obj.portfolio))


@performance_officer_required
def risk_edit(request: HttpRequest, committee: str, risk: str) -> HttpResponse:
    committee_obj = _risk_committee(committee)
    risk_obj = selectors.risk_get(portfolio=committee_obj.portfolio, reference=risk)
    if risk_obj is None:
        raise Http404("No such risk.")
    return _risk_form(request, committee_obj, risk_obj)


def _risk_form(request: HttpRequest, committee: Any, risk: Risk) -> HttpResponse:
    form = RiskForm(request.POST or None, instance=risk)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in RiskForm.Meta.fields}
        if Risk.objects.filter(portfolio=risk.portfolio, reference=values["reference"]).exclude(pk=risk.pk).exists():
            form.add_error("reference", "The register already has a risk with that reference.")
        else:
            saved = services.risk_save(risk=risk, values=values, user=request.user)
            messages.success(request, f"Saved risk {saved.reference}.")
            return redirect(_risk_back(committee, saved))
    return _form_page(
        request,
        {
            "forms": [form],
            "title": f"Risk {risk.reference}" if risk.pk else "New risk",
            "caption": f"{committee.portfolio} risk register",
            "back": _risk_back(committee, risk if risk.pk else None),
            "submit": "Save the risk",
        },
    )


@performance_officer_required
def risk_review(request: HttpRequest, committee: str, risk: str) -> HttpResponse:
    committee_obj = _risk_committee(committee)
    risk_obj = selectors.risk_get(portfolio=committee_obj.portfolio, reference=risk)
    if risk_obj is None:
        raise Http404("No such risk.")
    form: Form = RiskReviewForm(
        request.POST or None,
        initial={"likelihood": risk_obj.likelihood, "impact": risk_obj.impact, "reviewed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        services.risk_review(risk=risk_obj, user=request.user, **form.cleaned_data)
        messages.success(request, f"Recorded the review of risk {risk_obj.reference}.")
        return redirect(_risk_back(committee_obj, risk_obj))
    return _form_page(
        request,
        {
            "forms": [form],
            "title": f"Review risk {risk_obj.reference}",
            "caption": risk_obj.title,
            "back": _risk_back(committee_obj, risk_obj),
            "submit": "Record the review",
            "intro": f"Now {risk_obj.current.text}. The scores you record become current; these become the previous "
            "scores the trend compares with.",
        },
    )
