"""The cover-sheet form, in the order of the council's own form."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutineer.domain.cover_sheets import report_number_base

from .models import Report

CONTACT_SLOTS = 3
CONTACT_PARTS = (("name", "Name"), ("role", "Role"), ("telephone", "Telephone"), ("email", "Email"))

FIELDSETS = (
    ("The report", ("agenda_item", "report_number", "title")),
    (
        "The decision",
        ("decision_maker", "meeting_date", "date_note", "urgency", "executive", "key_decision", "ward"),
    ),
    ("Officers", ("contact_officers", "chief_officer")),
    ("Reason for report and recommendations", ("reason", "recommendations")),
    ("Impact on vulnerable adults and children", ("impact_summary",)),
    ("Corporate policy", ("policy_status", "corporate_priority")),
    (
        "Financial",
        ("cost_of_proposal", "ongoing_costs", "budget_head", "total_current_budget", "source_of_funding"),
    ),
    ("Personnel", ("staff_number", "staff_hours")),
    ("Legal", ("legal_requirement", "call_in")),
    (
        "Procurement, customers and ward councillors",
        (
            "procurement_summary",
            "customer_impact",
            "ward_councillors_asked",
            "ward_councillors_comments",
        ),
    ),
    ("Commentary", ("commentary",)),
    ("Implications", (*Report.IMPLICATIONS, "non_applicable_sections")),
    ("Background documents", ("background_documents",)),
    ("Part 2 (exempt) report", ("schedule_12a_paragraph", "part2_commentary")),
)
MODEL_FIELDS = [
    name for _, names in FIELDSETS for name in names if name not in {"contact_officers", "non_applicable_sections"}
]


class CoverSheetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    meeting_date = forms.DateField(
        label="Date of the meeting",
        required=False,
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"],
        help_text="For example, 10/03/2021",
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    non_applicable_sections = forms.MultipleChoiceField(
        label="Non-applicable sections",
        choices=list(Report.IMPLICATIONS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sections listed here are left out of the report and named under Non-Applicable Sections.",
    )

    class Meta:
        model = Report
        fields = MODEL_FIELDS
        widgets = {
            "urgency": forms.RadioSelect,
            "executive": forms.RadioSelect,
            "key_decision": forms.RadioSelect,
        }
        labels = {"executive": "Decision taken by", "key_decision": "Key decision"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in range(1, CONTACT_SLOTS + 1):
            for part, label in CONTACT_PARTS:
                self.fields[f"contact_{slot}_{part}"] = forms.CharField(
                    label=f"Contact officer {slot}: {label.lower()}",
                    required=False,
                    max_length=254 if part == "email" else 200,
                )
        officers = list(self.instance.contact_officers or [])
        for slot, officer in enumerate(officers[:CONTACT_SLOTS], start=1):
            for part, _ in CONTACT_PARTS:
                self.initial.setdefault(f"contact_{slot}_{part}", officer.get(part, ""))
        self.initial.setdefault("non_applicable_sections", list(self.instance.non_applicable_sections or []))
        self.initial.setdefault("version", self.instance.version if self.instance.pk else None)
        if self.instance.meeting_date:
            self.initial["meeting_date"] = self.instance.meeting_date.strftime("%d/%m/%Y")
        self.fields["schedule_12a_paragraph"].label = "Schedule 12A paragraph"
        self.fields["report_number"].label = "Report number"

    def clean_report_number(self) -> str:
        return report_number_base(self.cleaned_data["report_number"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        officers = []
        for slot in range(1, CONTACT_SLOTS + 1):
            officer = {part: data.get(f"contact_{slot}_{part}", "").strip() for part, _ in CONTACT_PARTS}
            if any(officer.values()):
                if not officer["name"]:
                    self.add_error(f"contact_{slot}_name", "Enter the contact officer's name")
                officers.append(officer)
        data["contact_officers"] = officers
        return data

    def values(self) -> dict[str, Any]:
        """What the service saves: the model fields, the contact officers and the non-applicable list."""
        values = {name: self.cleaned_data[name] for name in MODEL_FIELDS}
        values["contact_officers"] = self.cleaned_data["contact_officers"]
        values["non_applicable_sections"] = list(self.cleaned_data["non_applicable_sections"])
        return values

    def fieldsets(self) -> list[tuple[str, list[Any]]]:
        """(legend, bound fields) in the order of the council's form; contact officers by slot."""
        groups = []
        for legend, names in FIELDSETS:
            fields = []
            for name in names:
                if name == "contact_officers":
                    fields += [
                        self[f"contact_{slot}_{part}"]
                        for slot in range(1, CONTACT_SLOTS + 1)
                        for part, _ in CONTACT_PARTS
                    ]
                else:
                    fields.append(self[name])
            groups.append((legend, fields))
        return groups
