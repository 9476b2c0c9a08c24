"""Forms democratic services use: a meeting, an agenda item with its report, a minute, a matter
outstanding, a work programme item, a risk. Each lists its fields; nothing else can be posted."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutineer.domain.committee_business import AgendaNumber
from scrutineer.domain.parts import Part
from scrutineer.reports.registry import report_kinds

from .models import AgendaItem, AgendaReport, MatterOutstanding, Meeting, Minute, Risk, WorkProgrammeItem
from .pdfs import MAX_PDF_BYTES

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%I.%M%p", "%I:%M%p", "%I.%M %p", "%I:%M %p", "%I%p", "%I %p"]


def _date(label: str, *, required: bool = False, help_text: str = "For example, 10/03/2021") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )


def _time(label: str, help_text: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        help_text=help_text,
        widget=forms.TimeInput(format="%H:%M"),
    )


class MeetingForm(forms.ModelForm):
    date = _date("Date of the meeting", required=True)
    time = _time("Start time", "For example, 18:30")
    ended_at = _time("Ended at", "For the minutes: for example, 20:10")
    agenda_dispatched = _date(
        "Date the agenda is sent out", help_text="Printed on the front sheet. For example, 02/03/2021"
    )
    agenda_published = forms.BooleanField(
        label="The agenda is published", required=False, help_text="The meeting's agenda and Part 1 pack become public."
    )
    minutes_published = forms.BooleanField(label="The minutes are published", required=False)
    live_stream_url = forms.URLField(label="Live stream address", required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = [
            "date",
            "time",
            "ended_at",
            "venue",
            "virtual",
            "live_stream_url",
            "clerk",
            "issued_by",
            "agenda_dispatched",
            "notes",
        ]
        labels = {"virtual": "Held online", "live_stream_url": "Live stream address"}
        widgets = {"issued_by": forms.Textarea, "notes": forms.Textarea}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["agenda_published"].initial = self.instance.agenda_published
            self.fields["minutes_published"].initial = self.instance.minutes_published


class AgendaItemForm(forms.ModelForm):
    number_text = forms.CharField(label="Item number", help_text="A number, with a letter for a sub-item: 8 or 8a")
    report_kind = forms.ChoiceField(
        label="Report Scrutineer makes", required=False, help_text="Pulled into the agenda pack once it is published."
    )
    minutes_of = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label="Minutes of", help_text="For a minutes item only."
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "section",
            "item_type",
            "part",
            "schedule_12a_paragraph",
            "note",
            "to_follow",
            "report_kind",
            "report_period",
            "minutes_of",
        ]
        labels = {"to_follow": "The report is to follow", "report_period": "Period of that report"}
        widgets = {"note": forms.Textarea}

    field_order = ["number_text", *Meta.fields]

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        kinds = [("", "None")] + [(slug, kind.name) for slug, kind in report_kinds().items()]
        if self.instance.report_kind and self.instance.report_kind not in dict(kinds):
            kinds.append((self.instance.report_kind, f"{self.instance.report_kind} (not made by Scrutineer yet)"))
        self.fields["report_kind"].choices = kinds
        self.fields["minutes_of"].queryset = Meeting.objects.filter(
            committee=meeting.committee, date__lt=meeting.date
        ).order_by("-date")
        self.fields["minutes_of"].label_from_instance = lambda held: f"{held.date:%-d %B %Y}"
        if self.instance.pk:
            self.fields["number_text"].initial = self.instance.label

    def clean_number_text(self) -> AgendaNumber:
        try:
            number = AgendaNumber.parse(self.cleaned_data["number_text"])
        except ValueError:
            raise forms.ValidationError("Enter a number, with a letter for a sub-item: 8 or 8a.") from None
        taken = AgendaItem.objects.filter(meeting=self.meeting, number=number.number, letter=number.letter)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"This meeting already has an item {number.label}.")
        return number

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        number = self.cleaned_data["number_text"]
        values.update(number=number.number, letter=number.letter, meeting=self.meeting)
        if values["part"] in {Part.ONE.value, str(Part.ONE.value)}:
            values["schedule_12a_paragraph"] = None
        return values


class AgendaReportForm(forms.ModelForm):
    """The cover sheet of a report Scrutineer does not make, as it was printed."""

    class Meta:
        model = AgendaReport
        fields = [
            "report_number",
            "part_marking",
            "decision_maker",
            "date_text",
            "decision_type",
            "title",
            "contact_officers",
            "chief_officer",
            "ward",
            "non_applicable_sections",
            "background_documents",
        ]
        labels = {"title": "Title of the report", "part_marking": "Part, as printed"}
        widgets = {
            "contact_officers": forms.Textarea,
            "non_applicable_sections": forms.Textarea,
            "background_documents": forms.Textarea,
        }

    def has_any(self) -> bool:
        return any(str(self.cleaned_data.get(name) or "").strip() for name in self.Meta.fields)


class UploadForm(forms.Form):
    pdf = forms.FileField(label="The report as a PDF", help_text=f"Up to {MAX_PDF_BYTES // (1024 * 1024)} MB.")

    def clean_pdf(self) -> Any:
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_PDF_BYTES // (1024 * 1024)} MB.")
        return upload


class MinuteForm(forms.ModelForm):
    class Meta:
        model = Minute
        fields = ["number", "title", "report_number", "part", "text", "resolution", "exempt_text"]
        labels = {"text": "What the minutes say", "resolution": "Resolved"}
        help_texts = {
            "text": "For a Part 2 minute, the summary the public minutes print.",
            "exempt_text": "Printed only in the exempt minutes, for members and officers.",
        }
        widgets = {"text": forms.Textarea, "resolution": forms.Textarea, "exempt_text": forms.Textarea}


class MatterForm(forms.ModelForm):
    class Meta:
        model = MatterOutstanding
        fields = ["raised_at", "action", "owner", "due", "status", "progress", "completed_at"]
        labels = {
            "raised_at": "Raised at the meeting of",
            "due": "Due by the meeting of",
            "completed_at": "Reported done at",
        }
        widgets = {"action": forms.Textarea, "progress": forms.Textarea}

    def __init__(self, *args: Any, committee: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.filter(committee=committee).order_by("date")
        for name in ("raised_at", "due", "completed_at"):
            self.fields[name].queryset = meetings
            self.fields[name].label_from_instance = lambda held: f"{held.date:%-d %B %Y}"


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = WorkProgrammeItem
        fields = ["meeting", "title", "note", "item_type", "status", "position"]
        labels = {"meeting": "Meeting", "note": "Note (as the programme prints it)", "item_type": "Type"}

    def __init__(self, *args: Any, committee: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.filter(committee__in=[committee, *committee.related_bodies.all()]).select_related(
            "committee"
        )
        self.fields["meeting"].queryset = meetings.order_by("date")
        self.fields["meeting"].label_from_instance = lambda held: f"{held.committee.name}, {held.date:%-d %B %Y}"


class RiskForm(forms.ModelForm):
    review_date = _date("Next review", required=True)
    last_reviewed = _date("Last reviewed")

    class Meta:
        model = Risk
        fields = [
            "reference",
            "title",
            "owner",
            "cause",
            "effect",
            "existing_controls",
            "further_actions",
            "likelihood",
            "impact",
            "target_likelihood",
            "target_impact",
            "last_reviewed",
            "review_date",
            "part",
            "schedule_12a_paragraph",
            "status",
            "position",
        ]
        labels = {"likelihood": "Likelihood now (1 to 5)", "impact": "Impact now (1 to 5)"}
        widgets = {name: forms.Textarea for name in ("cause", "effect", "existing_controls", "further_actions")}


class RiskReviewForm(forms.Form):
    likelihood = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)], coerce=int, label="Likelihood (1 to 5)"
    )
    impact = forms.TypedChoiceField(choices=[(n, str(n)) for n in range(1, 6)], coerce=int, label="Impact (1 to 5)")
    reviewed_on = _date("Reviewed on", required=True)
    review_date = _date("Next review", required=True)
