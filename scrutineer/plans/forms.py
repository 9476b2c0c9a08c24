from django import forms

from scrutineer.core.models import LeadRole, ReportingPeriod

from .models import Priority
from .selectors import Due


class PlanFilterForm(forms.Form):
    """The filters of the plan table: by priority, lead and target date, for one period."""

    period = forms.ChoiceField(label="Reporting period", required=False)
    priority = forms.TypedChoiceField(label="Priority", coerce=int, required=False, empty_value=None)
    lead = forms.TypedChoiceField(label="Lead", coerce=int, required=False, empty_value=None)
    due = forms.ChoiceField(
        label="Target date",
        required=False,
        choices=[("", "Any target date"), *((due.value, due.label) for due in Due)],
    )

    def __init__(
        self,
        data: object,
        *,
        periods: list[ReportingPeriod],
        priorities: list[Priority],
        leads: list[LeadRole],
    ) -> None:
        super().__init__(data)
        self.fields["period"].choices = [(p.slug, p.long_label) for p in reversed(periods)]
        self.fields["priority"].choices = [("", "All priorities"), *((p.pk, str(p)) for p in priorities)]
        self.fields["lead"].choices = [("", "All leads"), *((role.pk, role.title) for role in leads)]
        self._periods = {p.slug: p for p in periods}
        self._priorities = {p.pk: p for p in priorities}
        self._leads = {role.pk: role for role in leads}

    def selected(self) -> dict[str, object]:
        """The objects the valid filters name; an invalid filter is left out, never guessed."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        due = data.get("due")
        return {
            "period": self._periods.get(data.get("period") or ""),
            "priority": self._priorities.get(data.get("priority")),
            "lead": self._leads.get(data.get("lead")),
            "due": Due(due) if due else None,
        }
