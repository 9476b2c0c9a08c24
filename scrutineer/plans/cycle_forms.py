"""Forms of the update cycle. Each lists its fields explicitly: nothing else can be posted in."""

from __future__ import annotations

import datetime

from django import forms

from scrutineer.domain.periods import FinancialQuarter, PeriodError

from .models import DeliveryStatus


class UpdateForm(forms.Form):
    text = forms.CharField(
        label="Update",
        required=False,
        widget=forms.Textarea,
        max_length=10_000,
        help_text="What has happened this quarter: progress against the measures of success, and any slippage.",
    )
    delivery_status = forms.ModelChoiceField(
        label="Delivery status", queryset=DeliveryStatus.objects.none(), required=False, empty_label=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: object, statuses: list[DeliveryStatus], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivery_status"].queryset = DeliveryStatus.objects.filter(pk__in=[s.pk for s in statuses])
        self.statuses = statuses


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the lead officer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        help_text="Needed when you return the update: say what should change.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PeriodOpenForm(forms.Form):
    period = forms.CharField(
        label="Reporting period", max_length=20, help_text="For example, 2020/21 Q4 or Quarter 4 2020/21."
    )
    deadline_day = forms.IntegerField(label="Day", min_value=1, max_value=31)
    deadline_month = forms.IntegerField(label="Month", min_value=1, max_value=12)
    deadline_year = forms.IntegerField(label="Year", min_value=2000, max_value=2100)
    remind_days_before = forms.IntegerField(
        label="Remind lead officers this many days before the deadline", min_value=0, max_value=60, initial=7
    )

    def clean_period(self) -> FinancialQuarter:
        try:
            return FinancialQuarter.parse(self.cleaned_data["period"])
        except PeriodError:
            raise forms.ValidationError("Enter a reporting period like 2020/21 Q4.") from None

    def clean(self) -> dict[str, object]:
        data = super().clean()
        parts = [data.get(f"deadline_{p}") for p in ("year", "month", "day")]
        if all(part is not None for part in parts):
            try:
                data["deadline"] = datetime.date(*parts)  # type: ignore[arg-type]
            except ValueError:
                self.add_error("deadline_day", "The deadline must be a real date.")
        elif not self.errors:
            self.add_error("deadline_day", "Enter the deadline.")
        return data
