from django import forms

from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.core.tabular import MAX_UPLOAD_BYTES


class FinanceImportForm(forms.Form):
    """Upload budget lines or capital schemes, as a finance system exports them, for one quarter."""

    KIND_CHOICES = [("budget", "Budget lines"), ("capital", "Capital schemes")]

    kind = forms.ChoiceField(label="What the file holds", choices=KIND_CHOICES, widget=forms.RadioSelect)
    portfolio = forms.ModelChoiceField(label="Portfolio", queryset=Portfolio.objects.none(), empty_label=None)
    period = forms.ModelChoiceField(label="Quarter", queryset=ReportingPeriod.objects.none(), empty_label=None)
    file = forms.FileField(label="File", help_text="A CSV file or an Excel workbook (.xlsx), up to 10 MB.")

    def __init__(self, *args: object, portfolios: object, periods: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["portfolio"].queryset = portfolios
        self.fields["period"].queryset = periods
        self.fields["period"].label_from_instance = lambda period: period.long_label

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV file or an Excel workbook (.xlsx).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be 10 MB or smaller.")
        return upload
