from django import forms

from scrutineer.core.tabular import MAX_UPLOAD_BYTES
from scrutineer.domain.parts import Part
from scrutineer.domain.rag import Rating

from .services import COMMENTARY_NEEDED, REASON_NEEDED

PART_CHOICES = [(str(part.value), part.label) for part in Part]


class CommentaryForm(forms.Form):
    """Management commentary on one indicator for one index."""

    part = forms.TypedChoiceField(
        label="Which part of the report is it for?",
        choices=PART_CHOICES,
        coerce=lambda value: Part(int(value)),
        error_messages={"required": "Select Part 1 or Part 2.", "invalid_choice": "Select Part 1 or Part 2."},
        help_text="Commentary that could identify a person, or on a suppressed indicator, belongs in Part 2.",
    )
    paragraph = forms.CharField(
        label="Paragraph number (optional)",
        required=False,
        max_length=20,
        help_text="As numbered in the report, e.g. 3.6.1.",
    )
    text = forms.CharField(
        label="Management commentary",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        error_messages={"required": COMMENTARY_NEEDED},
    )


class RatingForm(forms.Form):
    """Set the rating in force by hand, or go back to the rule."""

    RULE = "rule"
    NONE = "none"

    rating = forms.ChoiceField(
        label="Rating in force",
        choices=[
            (RULE, "What the rule gives"),
            *((rating.value, rating.label) for rating in Rating),
            (NONE, "No rating"),
        ],
        error_messages={"required": "Select a rating.", "invalid_choice": "Select a rating."},
    )
    reason = forms.CharField(label="Reason (needed when you set the rating by hand)", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("rating") not in (None, self.RULE) and not (data.get("reason") or "").strip():
            self.add_error("reason", REASON_NEEDED)
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        help_text="Columns indicator, period and value; split, comparator and part if you need them. Up to 10 MB.",
        error_messages={"required": "Select a CSV or Excel file.", "empty": "The selected file is empty."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or an Excel (.xlsx) file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 10 MB.")
        return upload
