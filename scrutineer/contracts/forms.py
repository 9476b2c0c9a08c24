from datetime import date, datetime

from django import forms

from scrutineer.core.tabular import MAX_UPLOAD_BYTES
from scrutineer.domain.periods import Month, PeriodError


class RegisterImportForm(forms.Form):
    """A cycle's register from the contracts database, as CSV or Excel."""

    file = forms.FileField(
        label="Register file",
        help_text="A CSV or Excel (.xlsx) file with the register's columns: Contract ID, Contract Title, "
        "Portfolio, Total Value, Original Annual Value, Start Date, End Date, and any others the register has.",
    )
    cycle = forms.CharField(
        label="Reporting cycle", max_length=7, help_text="The cycle's month as year and month, for example 2021-02."
    )
    as_at = forms.CharField(
        label="Data as at", max_length=10, help_text="The date the register's data is as at, for example 21/01/2021."
    )
    whole_register = forms.BooleanField(
        label="This file lists every portfolio's contracts (the whole register, not one portfolio's extract)",
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or an Excel (.xlsx) file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        return upload

    def clean_cycle(self) -> Month:
        try:
            return Month.parse(self.cleaned_data["cycle"])
        except PeriodError:
            raise forms.ValidationError("Enter the cycle as year and month, for example 2021-02.") from None

    def clean_as_at(self) -> date:
        text = self.cleaned_data["as_at"].strip()
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
            except ValueError:
                continue
        raise forms.ValidationError("Enter a real date, for example 21/01/2021.")
