"""Forms of the plan import pages: the upload, and the details of a new plan checked before import."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.core.tabular import MAX_UPLOAD_BYTES
from scrutineer.plans.models import Plan

from .models import PlanImport
from .readers import ACCEPTED


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="Plan file",
        help_text=f"A Word document, spreadsheet or text export of the plan: {ACCEPTED}, up to 10 MB.",
        error_messages={"required": "Choose the file to import", "empty": "The file is empty"},
    )
    mode = forms.ChoiceField(
        label="What does the file hold?",
        choices=PlanImport.Mode.choices,
        widget=forms.RadioSelect,
        initial=PlanImport.Mode.NEW_PLAN,
        error_messages={"required": "Say whether the file is a new plan or updates for a plan"},
    )
    portfolio = forms.ModelChoiceField(
        label="Portfolio of the new plan", queryset=Portfolio.objects.none(), required=False, empty_label=None
    )
    plan = forms.ModelChoiceField(
        label="Plan the updates are for", queryset=Plan.objects.none(), required=False, empty_label="Choose a plan"
    )
    period = forms.ModelChoiceField(
        label="Reporting period of the updates",
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label="Choose an open period",
        help_text="Only periods open for updates are listed.",
    )

    def __init__(
        self,
        *args: object,
        portfolios: QuerySet[Portfolio],
        plans: QuerySet[Plan],
        periods: QuerySet[ReportingPeriod],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["portfolio"].queryset = portfolios
        self.fields["plan"].queryset = plans
        self.fields["period"].queryset = periods
        self.fields["portfolio"].label_from_instance = lambda p: (
            f"{p.name} ({p.organisation.short_name or p.organisation})"
        )
        self.fields["period"].label_from_instance = lambda p: p.long_label

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 10 MB")
        return upload

    def clean(self):
        data = super().clean()
        if data.get("mode") == PlanImport.Mode.UPDATES:
            if not data.get("plan"):
                self.add_error("plan", "Choose the plan the updates are for")
            if not data.get("period"):
                self.add_error("period", "Choose the reporting period of the updates")
        elif data.get("mode") == PlanImport.Mode.NEW_PLAN and not data.get("portfolio"):
            self.add_error("portfolio", "Choose the portfolio of the new plan")
        return data


class NewPlanForm(forms.Form):
    """What the new plan is called and covers; filled in from the document, checked by the officer."""

    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter the plan's title"})
    slug = forms.SlugField(
        label="Web name",
        max_length=100,
        help_text="Letters, numbers and hyphens; it becomes part of the plan's web address.",
        error_messages={"required": "Enter a web name", "invalid": "Use only letters, numbers and hyphens"},
    )
    period_label = forms.CharField(label="Period, as printed", max_length=40, help_text='For example "2018 to 2022".')
    start_year = forms.IntegerField(
        label="First financial year", min_value=1990, max_value=2100, help_text="2018 for 2018/19."
    )
    end_year = forms.IntegerField(
        label="Last financial year", min_value=1990, max_value=2100, help_text="2021 for 2021/22."
    )
    edition = forms.CharField(
        label="Edition (optional)", max_length=40, required=False, help_text='For example "2020/21".'
    )
    status = forms.ChoiceField(
        label="Publish the plan?",
        choices=[
            (Plan.Status.APPROVED, "Yes: the plan is approved and its pages are public"),
            (Plan.Status.DRAFT, "No: keep it as a draft"),
        ],
        widget=forms.RadioSelect,
        initial=Plan.Status.APPROVED,
    )
    update_period = forms.ModelChoiceField(
        label="Reporting period of the document's updates",
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label="Leave the updates out",
        help_text="The updates arrive as submitted, for the performance team to review.",
    )

    def __init__(self, *args: object, periods: QuerySet[ReportingPeriod], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["update_period"].queryset = periods
        self.fields["update_period"].label_from_instance = lambda p: p.long_label

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "The last year must not come before the first")
        return data
