"""The portfolio's money: quarterly revenue budget monitoring and the capital programme.

Shapes follow the council's reports: budget monitoring CEF21002 (`004_5a7191a0a14e1e5f.txt:869-1269`)
and capital programme monitoring FSD21015 (`004_5a7191a0a14e1e5f.txt:1271-1454`). Amounts are whole
thousands of pounds (£'000) held as integers, credits negative. Every line keeps the text as
printed beside its figures. Only lines are stored: totals, sub-totals and variations are computed
(scrutineer.domain.budget and .capital). A total the document prints is kept as a published figure,
so the product can show it beside its own sum and list any disagreement.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from scrutineer.domain.budget import Classification
from scrutineer.domain.capital import VariationKind


class BudgetMonitoring(models.Model):
    """A portfolio's budget monitoring report for one quarter ("Budget Monitoring 2020/21", Q3)."""

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="budget_monitorings")
    period = models.ForeignKey("core.ReportingPeriod", on_delete=models.PROTECT, related_name="budget_monitorings")
    title = models.CharField(max_length=300)
    report_number = models.CharField(max_length=40, blank=True)  # "CEF21002"
    position_at = models.CharField(
        max_length=200, blank=True, help_text='As the report words it: "activity up to the end of December 2020".'
    )
    controllable_total_label = models.CharField(max_length=300, default="Total Controllable")
    non_controllable_total_label = models.CharField(max_length=300, default="Total Non-Controllable")
    excluded_recharges_total_label = models.CharField(max_length=300, default="Total Excluded Recharges")
    portfolio_total_label = models.CharField(max_length=300, default="Total Portfolio")
    commentary = models.TextField(blank=True, help_text="Paragraphs separated by a blank line.")
    exclusions = models.TextField(
        blank=True, help_text="What the figures leave out and where it is reported (COVID-19 costs in 2020/21)."
    )
    cover = models.JSONField(
        default=list, blank=True, help_text='Cover-sheet fields as printed, in order: [{"key", "text", "source_line"}].'
    )
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["portfolio", "-period__year", "-period__quarter"]
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "period"], name="budget_monitoring_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period.long_label})"


class BudgetLine(models.Model):
    """A service-area line of the budget monitoring summary, as typed (never a total)."""

    CLASSIFICATIONS = [(c.value, c.label) for c in Classification]

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    department = models.CharField(max_length=200, blank=True)
    division = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=300)
    printed_label = models.CharField(max_length=300, blank=True, help_text="The label as printed, if it differs.")
    classification = models.CharField(max_length=30, choices=CLASSIFICATIONS)
    memorandum_group = models.CharField(max_length=200, blank=True)  # "Sold Services"
    note_ref = models.CharField(max_length=20, blank=True, help_text="The explanatory note the line points to.")
    prior_year_actuals = models.IntegerField(null=True, blank=True)
    original_budget = models.IntegerField(null=True, blank=True)
    latest_approved = models.IntegerField(null=True, blank=True)
    projected_outturn = models.IntegerField(null=True, blank=True)
    published_variation = models.IntegerField(
        null=True, blank=True, help_text="The variation as printed; the product computes its own."
    )
    variation_last_reported = models.IntegerField(null=True, blank=True)
    full_year_effect = models.IntegerField(null=True, blank=True)
    printed = models.JSONField(default=dict, blank=True, help_text="Each figure's text as printed.")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    remark = models.TextField(blank=True, help_text="What the source shows that the figures cannot.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["monitoring", "position"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring", "position"], name="budget_line_position_unique"),
        ]
        indexes = [
            # The summary of a long ledger adds up each division's lines in one grouped query.
            models.Index(
                fields=["monitoring", "classification", "department", "division", "memorandum_group"],
                name="budget_line_grouping",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BudgetPublishedFigure(models.Model):
    """A total or check figure as the document prints it, kept beside the product's own sum."""

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="published_figures")
    key = models.CharField(max_length=500, help_text='What it totals: "controllable", "division:<dept>/<div>", ...')
    label = models.CharField(max_length=300)
    column = models.CharField(max_length=60)
    value = models.IntegerField()
    printed = models.TextField(blank=True, help_text="The figure as printed, or the words that state it.")
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring", "key", "column"], name="budget_published_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.column} {self.printed or self.value}"


class BudgetNote(models.Model):
    """An explanatory note of Appendix 1b ("REASONS FOR VARIATIONS"), or a part of one for one line."""

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="notes")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=20, blank=True, help_text="As printed; blank for a part of a note.")
    heading = models.CharField(max_length=300)
    text = models.TextField(blank=True, help_text="Paragraphs separated by a blank line.")
    line_name = models.CharField(max_length=300, blank=True, help_text="The budget line this part explains.")
    grant = models.CharField(max_length=200, blank=True, help_text="A ring-fenced grant whose tables sit in this note.")
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "position"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring", "position"], name="budget_note_position_unique"),
        ]

    def __str__(self) -> str:
        return self.heading


class NoteAnalysisItem(models.Model):
    """A line of an analysis inside a note (placements by type in note 5), Dr/Cr with last reported."""

    note = models.ForeignKey(BudgetNote, on_delete=models.CASCADE, related_name="analysis")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=300)
    variation = models.IntegerField()
    variation_last_reported = models.IntegerField(null=True, blank=True)
    printed = models.JSONField(default=dict, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["note", "position"]

    def __str__(self) -> str:
        return self.label


class GrantVariation(models.Model):
    """A line of a ring-fenced grant's variation table, analysed by funding block (the DSG table)."""

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="grant_variations")
    grant = models.CharField(max_length=200)  # "Dedicated Schools Grant"
    position = models.PositiveIntegerField()
    group = models.CharField(max_length=200, blank=True)  # "SEN"
    label = models.CharField(max_length=300)
    variation = models.IntegerField()
    # A list of pairs, not an object: PostgreSQL's jsonb does not keep the order of an object's keys.
    blocks = models.JSONField(
        default=list, blank=True, help_text='Funding blocks in order: [["High Needs", 407], ...].'
    )
    printed = models.JSONField(default=dict, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "grant", "position"]

    def __str__(self) -> str:
        return self.label


class GrantBalanceStep(models.Model):
    """A step of a ring-fenced grant's carry-forward arithmetic (`004_5a7191a0a14e1e5f.txt:963-967`)."""

    class Kind(models.TextChoices):
        BROUGHT_FORWARD = "brought_forward", "Brought forward"
        MOVEMENT = "movement", "Movement"

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="grant_balance_steps")
    grant = models.CharField(max_length=200)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MOVEMENT)
    label = models.CharField(max_length=300)
    amount = models.IntegerField(help_text="Signed effect on the balance in £'000; a surplus is positive.")
    printed = models.CharField(max_length=200, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "grant", "position"]

    def __str__(self) -> str:
        return self.label


class ReconciliationItem(models.Model):
    """A change from the original to the latest approved budget (Appendix 2)."""

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="reconciliation")
    position = models.PositiveIntegerField()
    heading = models.CharField(max_length=200, blank=True)  # "Carry forwards"
    label = models.CharField(max_length=300)
    amount = models.IntegerField()
    printed = models.CharField(max_length=200, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "position"]

    def __str__(self) -> str:
        return self.label


class FullYearEffectNote(models.Model):
    """What a division's pressures will cost next year, in words (Appendix 1c)."""

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="full_year_effects")
    division = models.CharField(max_length=200)
    text = models.TextField()
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "pk"]

    def __str__(self) -> str:
        return self.division


class FinancialRisk(models.Model):
    """A risk to the portfolio's budget, numbered i) to x) as the report lists them."""

    monitoring = models.ForeignKey(BudgetMonitoring, on_delete=models.CASCADE, related_name="risks")
    position = models.PositiveIntegerField()
    numeral = models.CharField(max_length=10)
    text = models.TextField()
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring", "position"]

    def __str__(self) -> str:
        return f"{self.numeral}) {self.text}"


# --- the capital programme -------------------------------------------------------------------


class CapitalProgramme(models.Model):
    """A portfolio's capital programme as monitored in one quarter (report FSD21015)."""

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="capital_programmes")
    period = models.ForeignKey("core.ReportingPeriod", on_delete=models.PROTECT, related_name="capital_programmes")
    title = models.CharField(max_length=300)
    report_number = models.CharField(max_length=40, blank=True)
    first_year = models.PositiveSmallIntegerField(help_text="First financial year shown: 2020 for 2020/21.")
    year_count = models.PositiveSmallIntegerField(default=5)
    approved_heading = models.CharField(max_length=300, blank=True)  # "APPROVED CAPITAL PROGRAMME 10TH FEBRUARY 2021"
    base_label = models.CharField(max_length=300, help_text='"Programme approved by Leader Nov 2020".')
    base_amounts = models.JSONField(default=dict, help_text="The programme before this quarter's variations.")
    base_printed = models.JSONField(default=dict, blank=True)
    revised_label = models.CharField(max_length=300, default="Revised programme")
    portfolio_total_label = models.CharField(max_length=300, default="TOTAL")
    actual_to_label = models.CharField(max_length=100, default="Actual to last year end")  # "Actual to 31.3.20"
    previous_estimate_label = models.CharField(max_length=100, blank=True)  # "Revised Estimate Nov 2020"
    actual_in_year_label = models.CharField(max_length=100, blank=True)  # "Actual to 18.11.20"
    current_estimate_label = models.CharField(max_length=100, blank=True)  # "Revised Estimate Jan 2021"
    commentary = models.TextField(blank=True)
    cover = models.JSONField(default=list, blank=True, help_text="Cover-sheet fields, as for budget monitoring.")
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["portfolio", "-period__year", "-period__quarter"]
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "period"], name="capital_programme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period.long_label})"

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + self.year_count))


class CapitalScheme(models.Model):
    """A scheme of Appendix A, with its in-year progress from Appendix B."""

    programme = models.ForeignKey(CapitalProgramme, on_delete=models.CASCADE, related_name="schemes")
    position = models.PositiveIntegerField()
    category = models.CharField(max_length=200)  # "SPECIAL SCHOOLS"
    name = models.CharField(max_length=300)
    total_approved_estimate = models.IntegerField()
    actual_to_date = models.IntegerField(help_text="Actual spend to the end of last financial year.")
    estimates = models.JSONField(default=dict, help_text='Financial year to estimate: {"2020": 0, "2021": 382}.')
    responsible_officer = models.CharField(max_length=200, blank=True)
    remarks = models.TextField(blank=True)
    previous_estimate = models.IntegerField(null=True, blank=True)  # Revised Estimate Nov 2020
    actual_in_year = models.IntegerField(null=True, blank=True)  # Actual to 18.11.20
    current_estimate = models.IntegerField(null=True, blank=True)  # Revised Estimate Jan 2021
    progress_remarks = models.TextField(blank=True)
    printed = models.JSONField(default=dict, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    remark = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="capital_scheme_position_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CapitalVariation(models.Model):
    """A change to the programme agreed at a meeting (s106 receipts, rephasing, a new scheme)."""

    KINDS = [(k.value, k.label) for k in VariationKind]

    programme = models.ForeignKey(CapitalProgramme, on_delete=models.CASCADE, related_name="variations")
    position = models.PositiveIntegerField()
    description = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=KINDS)
    agreed_by = models.CharField(max_length=200, blank=True, help_text='"Executive 10/02/21".')
    amounts = models.JSONField(default=dict, blank=True, help_text="By year; computed from items when it has any.")
    printed = models.JSONField(default=dict, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position"]

    def __str__(self) -> str:
        return self.description


class CapitalVariationItem(models.Model):
    """One scheme's share of a variation (the rephasing table, `004_5a7191a0a14e1e5f.txt:1364-1372`)."""

    variation = models.ForeignKey(CapitalVariation, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=300)
    amounts = models.JSONField(default=dict)
    printed = models.JSONField(default=dict, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["variation", "position"]

    def __str__(self) -> str:
        return self.label


class PostCompletionReview(models.Model):
    """A scheme due a post-completion review (within a year of completion; `004_...:1382-1386`).

    Only the scheme is listed here; the review report itself is Part 2 business.
    """

    programme = models.ForeignKey(CapitalProgramme, on_delete=models.CASCADE, related_name="reviews_due")
    position = models.PositiveIntegerField()
    scheme = models.CharField(max_length=300)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "position"]

    def __str__(self) -> str:
        return self.scheme


class CapitalPublishedFigure(models.Model):
    """A capital total as the document prints it, kept beside the product's own sum."""

    programme = models.ForeignKey(CapitalProgramme, on_delete=models.CASCADE, related_name="published_figures")
    key = models.CharField(max_length=500)
    label = models.CharField(max_length=300)
    column = models.CharField(max_length=60)
    value = models.IntegerField()
    printed = models.TextField(blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key", "column"], name="capital_published_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.column} {self.printed or self.value}"
