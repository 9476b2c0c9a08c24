"""The contracts register: a snapshot of the council's contracts each reporting cycle.

The register is generated from the live Contracts Database "four times a year for members"
(`004_5a7191a0a14e1e5f.txt:3789-3791`); each cycle's register is kept as it was reported, so the
summary tables can compare cycles. Fields follow the register key (`004_5a7191a0a14e1e5f.txt:3880-3897`).
Money is whole pence. Commentary is Part 2 (exempt) only (`004_5a7191a0a14e1e5f.txt:3896`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scrutineer.domain.periods import Month
from scrutineer.domain.procurement import DEFAULT_MATRIX, ProcurementMatrix, ProcurementStatus, RuleConfigError
from scrutineer.domain.risk_index import DEFAULT_RISK_RULES, RiskColour, RiskRules

REGISTER_THRESHOLD_PENCE = 50_000 * 100  # "£50k Portfolio Filtered" (004_...:3924)


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


def _default_matrix() -> dict:
    return DEFAULT_MATRIX.to_config()


def _default_risk_rules() -> dict:
    return DEFAULT_RISK_RULES.to_config()


class ContractRules(models.Model):
    """A council's own rules for procurement status and the risk index; the defaults until it sets them."""

    organisation = models.OneToOneField("core.Organisation", on_delete=models.CASCADE, related_name="contract_rules")
    procurement_matrix = models.JSONField(
        default=_default_matrix, help_text="Value bands x months to expiry, with a colour in each cell."
    )
    risk_rules = models.JSONField(
        default=_default_risk_rules, help_text="Weights of the eight criteria and the colour cut-offs."
    )
    register_threshold = models.BigIntegerField(
        default=REGISTER_THRESHOLD_PENCE,
        help_text="In pence: the register lists contracts of at least this total value (£50k is 5000000).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "contract rules"
        verbose_name_plural = "contract rules"

    def __str__(self) -> str:
        return f"Contract rules of {self.organisation}"

    def clean(self) -> None:
        errors = {}
        for field, reader in (("procurement_matrix", ProcurementMatrix), ("risk_rules", RiskRules)):
            try:
                reader.from_config(getattr(self, field))
            except (RuleConfigError, AttributeError) as error:
                errors[field] = str(error)
        if self.register_threshold is not None and self.register_threshold < 0:
            errors["register_threshold"] = "The threshold cannot be negative."
        if errors:
            raise ValidationError(errors)


class ReportingCycle(models.Model):
    """A contract reporting cycle, e.g. February 2021, "based on data as at 21st January 2021"."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="contract_cycles")
    month = models.DateField(help_text="The first day of the cycle's month.")
    as_at = models.DateField(null=True, blank=True, help_text="The date the register's data is as at.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    whole_register = models.BooleanField(
        default=False,
        help_text="The register held for this cycle lists every portfolio's contracts, not one portfolio's extract.",
    )
    note = models.TextField(blank=True, help_text="Where the cycle's figures come from.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "month"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="contract_cycle_month_unique"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="contract_cycle_first_of_month"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("contracts:cycle", kwargs={"cycle": self.slug})

    @property
    def period(self) -> Month:
        return Month.of(self.month)

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def slug(self) -> str:
        return self.period.slug

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Contract(models.Model):
    """A contract of the council, known by its Contract ID: "Unique reference used in contract authorisations"."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="contracts")
    reference = models.CharField(max_length=40, verbose_name="Contract ID")

    class Meta:
        ordering = ["organisation", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="contract_reference_unique"),
        ]

    def __str__(self) -> str:
        return self.reference


class RegisterEntry(models.Model):
    """A contract as one cycle's register records it, with its procurement status and risk index then."""

    class RiskSource(models.TextChoices):
        COMPUTED = "computed", "Worked out from the council's risk criteria"
        IMPORTED = "imported", "Scored by the council's contracts database"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="entries")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="entries")
    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="register_entries")
    owner = models.CharField(max_length=200, blank=True)
    approver = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    supplier = models.CharField(max_length=300, blank=True)
    total_value = models.BigIntegerField(help_text="Total contract value, in pence.")
    original_annual_value = models.BigIntegerField(help_text="In pence.")
    budget = models.BigIntegerField(null=True, blank=True, help_text="Current financial year, in pence.")
    projection = models.BigIntegerField(null=True, blank=True, help_text="Current financial year, in pence.")
    start_date = models.DateField()
    end_date = models.DateField()
    months_duration = models.PositiveIntegerField(help_text="As printed, or worked out when none was given.")
    attention = models.BooleanField(default=False)
    concern = models.BooleanField(default=False, help_text="A contract of concern to Commissioning & Procurement.")
    capital = models.BooleanField(default=False)
    procurement_status = models.CharField(max_length=10, choices=_choices(ProcurementStatus))
    risk_score = models.PositiveSmallIntegerField()
    risk_colour = models.CharField(max_length=10, choices=_choices(RiskColour))
    risk_source = models.CharField(max_length=10, choices=RiskSource.choices, default=RiskSource.COMPUTED)
    risk_points = models.JSONField(default=dict, blank=True, help_text="Points (0-4) per criterion when computed.")
    printed = models.JSONField(default=dict, blank=True, help_text="Every Part 1 cell as the file gave it.")
    # Part 2 (exempt) only: never on a Part 1 page, export or API.
    owner_commentary = models.TextField(blank=True)
    procurement_commentary = models.TextField(blank=True, help_text="Commissioning & Procurement's comment.")
    position = models.PositiveIntegerField(help_text="Order in the file it came from.")
    source = models.CharField(max_length=200, blank=True, help_text='Where the row came from: "file line 2".')
    history = HistoricalRecords(excluded_fields=["printed", "risk_points"])

    class Meta:
        ordering = ["cycle", "position"]
        verbose_name_plural = "register entries"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "contract"], name="register_entry_contract_unique"),
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="entry_dates_order"),
            models.CheckConstraint(condition=models.Q(total_value__gte=0), name="entry_total_value_not_negative"),
            models.CheckConstraint(condition=models.Q(risk_score__lte=100), name="entry_risk_score_at_most_100"),
        ]
        indexes = [models.Index(fields=["cycle", "portfolio"], name="entry_cycle_portfolio")]

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.title}"

    @property
    def status(self) -> ProcurementStatus:
        return ProcurementStatus(self.procurement_status)

    @property
    def risk(self) -> RiskColour:
        return RiskColour(self.risk_colour)

    def is_imminent_on(self, day: date) -> bool:
        return self.start_date > day


class PublishedCount(models.Model):
    """A figure printed in a cycle's summary table, kept as published.

    The September and November 2020 registers are held only as these counts (`004_...:3800-3871`);
    where a cycle's register is held too, the counts worked out from it are shown and these are
    the check.
    """

    class Group(models.TextChoices):
        CONTRACTS = "contracts", "Contracts"
        CONCERN = "concern", "Flagged as a concern"
        CAPITAL = "capital", "Capital contracts"
        PORTFOLIO = "portfolio", "Portfolio"
        RISK_INDEX = "risk_index", "Risk Index"
        PROCUREMENT_STATUS = "procurement_status", "Procurement Status"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="published_counts")
    portfolio = models.ForeignKey(
        "core.Portfolio",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_contract_counts",
        help_text="Blank for the all-portfolios table.",
    )
    group = models.CharField(max_length=20, choices=Group.choices)
    category = models.CharField(
        max_length=200, blank=True, help_text="A colour, or a portfolio's name; blank for totals."
    )
    is_total = models.BooleanField(default=False)
    count = models.PositiveIntegerField()
    label = models.CharField(max_length=200, help_text='The row as printed: "Total Contracts £50k+".')
    source = models.CharField(max_length=200, blank=True, help_text='"004_5a7191a0a14e1e5f.txt:3801"')

    class Meta:
        ordering = ["cycle", "portfolio", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "portfolio", "group", "category", "is_total"],
                condition=models.Q(portfolio__isnull=False),
                name="published_count_portfolio_unique",
            ),
            models.UniqueConstraint(
                fields=["cycle", "group", "category", "is_total"],
                condition=models.Q(portfolio__isnull=True),
                name="published_count_all_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.label} {self.category} = {self.count}"
