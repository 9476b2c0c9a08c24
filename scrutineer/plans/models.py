"""A portfolio plan: priorities, actions, lettered sub-actions, and the updates written each quarter.

The shape follows the council's own plans (`000_7cb5b0983be37437.txt`, `004_5a7191a0a14e1e5f.txt:686-867`).
Everything keeps the printed wording: numbers and letters as printed (never renumbered), lists as
lists, and target dates as printed beside what they mean.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.domain.target_dates import TargetDate


class Plan(models.Model):
    """A portfolio plan, e.g. "Children, Education and Families Portfolio Plan 2018 to 2022"."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        REFRESHED = "refreshed", "Refreshed"

    class UpdateFrequency(models.TextChoices):
        QUARTERLY = "quarterly", "Quarterly"
        SIX_MONTHLY = "six_monthly", "Six-monthly"

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100)
    period_label = models.CharField(max_length=40, help_text='As printed: "2018 to 2022".')
    start_year = models.PositiveSmallIntegerField(help_text="First financial year the plan covers (2018 for 2018/19).")
    end_year = models.PositiveSmallIntegerField(help_text="Last financial year the plan covers (2021 for 2021/22).")
    edition = models.CharField(max_length=40, blank=True, help_text='The yearly refresh shown, e.g. "2020/21".')
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    update_frequency = models.CharField(
        max_length=20, choices=UpdateFrequency.choices, default=UpdateFrequency.QUARTERLY
    )
    corporate_strategy = models.ForeignKey(
        "core.CorporateStrategy", null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    source = models.CharField(max_length=300, blank=True, help_text="The document the plan was loaded from.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "slug"], name="plan_slug_unique"),
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="plan_years_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"plan": self.slug})


class Priority(models.Model):
    """A priority (also called an ambition or outcome) with the actions that deliver it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField(help_text="Order in the plan, from 1.")
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="As printed; blank if unnumbered.")
    title = models.CharField(max_length=300)
    statement = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    ambitions_intro = models.TextField(blank=True)
    strategic_links_intro = models.TextField(blank=True)
    ambitions = models.ManyToManyField(
        "core.CorporateAmbition", through="PriorityAmbition", blank=True, related_name="priorities"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="priority_position_unique"),
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}" if self.number else f"Priority: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:priority_detail", kwargs={"plan": self.plan.slug, "pk": self.pk})


class PriorityAmbition(models.Model):
    """A corporate ambition a priority aligns to, in the order the plan lists them."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="ambition_links")
    ambition = models.ForeignKey("core.CorporateAmbition", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["priority_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"], name="priority_ambition_position_unique"),
        ]

    def __str__(self) -> str:
        return str(self.ambition)


class StrategicLink(models.Model):
    """A strategic plan a priority links to. Duplicates are kept as printed (`004_...:707, 712`)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="strategic_links")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["priority_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"], name="strategic_link_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """An action to meet a priority. Its number is kept as printed: numbers restart and can skip."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=10, blank=True, help_text='The number alone: "1".')
    number_text = models.CharField(max_length=20, blank=True, help_text='As printed: "1)" or "1.".')
    title = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"], name="action_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number_text or self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("plans:action_detail", kwargs={"plan": self.priority.plan.slug, "pk": self.pk})

    @property
    def reference(self) -> str:
        """ "3.2" for priority 3, action 2: the plan's own cross-reference notation."""
        if self.priority.number and self.number:
            return f"{self.priority.number}.{self.number}"
        return self.number


class SubAction(models.Model):
    """A lettered detail line of an action ("A) ..."), or the single unlettered one.

    The target date is stored as printed (`target_date_text`) with what it means beside it.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="sub_actions")
    position = models.PositiveSmallIntegerField()
    letter = models.CharField(max_length=4, blank=True, help_text="As printed; blank when unlettered.")
    detail = models.TextField(blank=True)
    detail_items = models.JSONField(default=list, blank=True, help_text="Bullets under the detail, in order.")
    target_date_text = models.CharField(max_length=200, blank=True)
    target_month = models.PositiveSmallIntegerField(null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    annual_programme = models.BooleanField(default=False)
    target_ongoing = models.BooleanField(default=False)
    target_starts = models.BooleanField(default=False, help_text="The date is a start date, not a deadline.")
    target_to_be_confirmed = models.BooleanField(default=False)
    target_marker = models.CharField(max_length=40, blank=True)
    target_note = models.CharField(max_length=200, blank=True)
    target_date_recognised = models.BooleanField(default=True)
    lead_text = models.TextField(blank=True, help_text="The LEAD cell as printed.")
    leads = models.ManyToManyField("core.LeadRole", through="SubActionLead", blank=True, related_name="sub_actions")
    shared_fields = models.JSONField(
        default=list, blank=True, help_text="Fields printed once in a cell shared with other sub-actions."
    )
    notes = models.TextField(blank=True, help_text="Provenance: page-break joins, shifted cells.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["action", "position"], name="sub_action_position_unique"),
        ]

    def __str__(self) -> str:
        label = f"{self.action.reference}{self.letter}" if self.letter else self.action.reference
        return f"{label} {self.detail[:60]}".strip()

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url() + f"#sub-action-{self.pk}"

    @property
    def target_date(self) -> TargetDate:
        return TargetDate(
            text=self.target_date_text,
            month=self.target_month,
            year=self.target_year,
            annual_programme=self.annual_programme,
            ongoing=self.target_ongoing,
            starts=self.target_starts,
            to_be_confirmed=self.target_to_be_confirmed,
            marker=self.target_marker or None,
            note=self.target_note or None,
            recognised=self.target_date_recognised,
        )

    @target_date.setter
    def target_date(self, value: TargetDate) -> None:
        self.target_date_text = value.text
        self.target_month = value.month
        self.target_year = value.year
        self.annual_programme = value.annual_programme
        self.target_ongoing = value.ongoing
        self.target_starts = value.starts
        self.target_to_be_confirmed = value.to_be_confirmed
        self.target_marker = value.marker or ""
        self.target_note = value.note or ""
        self.target_date_recognised = value.recognised


class SubActionLead(models.Model):
    """A lead role of a sub-action, in the order the LEAD cell names them."""

    sub_action = models.ForeignKey(SubAction, on_delete=models.CASCADE, related_name="lead_links")
    role = models.ForeignKey("core.LeadRole", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["sub_action_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sub_action", "position"], name="sub_action_lead_position_unique"),
        ]

    def __str__(self) -> str:
        return str(self.role)


class MeasureOfSuccess(models.Model):
    """How the plan will know a sub-action succeeded; free text, one or more per sub-action."""

    sub_action = models.ForeignKey(SubAction, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sub_action_id", "position"]
        verbose_name_plural = "measures of success"
        constraints = [
            models.UniqueConstraint(fields=["sub_action", "position"], name="measure_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class DeliveryStatus(models.Model):
    """How delivery of a sub-action stands in a period: "On track", "At risk"... Each council sets its list."""

    class Colour(models.TextChoices):
        # GOV.UK tag colours; the status name is always shown, never the colour alone.
        GREY = "grey", "Grey"
        GREEN = "green", "Green"
        YELLOW = "yellow", "Yellow"
        ORANGE = "orange", "Orange"
        RED = "red", "Red"
        BLUE = "blue", "Blue"
        TURQUOISE = "turquoise", "Turquoise"
        PURPLE = "purple", "Purple"

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="delivery_statuses")
    name = models.CharField(max_length=60)
    colour = models.CharField(max_length=20, choices=Colour.choices, default=Colour.GREY)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Inactive statuses stay on past updates but cannot be chosen.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "position", "name"]
        verbose_name_plural = "delivery statuses"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="delivery_status_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Update(models.Model):
    """What a lead officer reports on one sub-action in one reporting period.

    Draft, then submitted; the performance team approves it or returns it with a comment. Only
    approved updates are public. `version` rises on every save so that two people editing the same
    update cannot silently overwrite each other.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    sub_action = models.ForeignKey(SubAction, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey("core.ReportingPeriod", on_delete=models.PROTECT, related_name="updates")
    text = models.TextField(blank=True)
    delivery_status = models.ForeignKey(
        DeliveryStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="updates"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True, help_text="Why the update was returned.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sub_action_id", "period_id"]
        constraints = [
            models.UniqueConstraint(fields=["sub_action", "period"], name="update_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_action} ({self.period})"

    @property
    def is_editable_by_lead(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReminderSent(models.Model):
    """A reminder e-mailed to a lead officer, so the same reminder is never sent twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey("core.ReportingPeriod", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    missing = models.PositiveIntegerField(help_text="How many updates were missing when it was sent.")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "period", "kind"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder to {self.person} for {self.period}"
