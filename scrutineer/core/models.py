"""The council, its portfolios, the role catalogue and reporting periods: shared by every area."""

from django.db import models
from simple_history.models import HistoricalRecords

from scrutineer.domain.periods import FinancialQuarter


class Organisation(models.Model):
    """A council using Scrutineer. Nothing is keyed on one council's name."""

    name = models.CharField(max_length=200, unique=True)  # "London Borough of Bromley"
    short_name = models.CharField(max_length=100, blank=True)  # "Bromley"
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Portfolio(models.Model):
    """The part of the council's business one Executive member, the Portfolio Holder, answers for."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="portfolios")
    name = models.CharField(max_length=200)  # "Children, Education and Families"
    slug = models.SlugField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="portfolio_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class LeadRole(models.Model):
    """A role title plans name as lead ("Director Education"), never a person's name.

    Titles change over time ("... & Business Support" became "... & Corporate Transformation"),
    so a role can record the role that replaced it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="lead_roles")
    title = models.CharField(max_length=300)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces")
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="lead_role_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class CorporateStrategy(models.Model):
    """A corporate strategy whose ambitions plans align to ("Building a Better Bromley")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="strategies")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)  # "BBB"

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "corporate strategies"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="strategy_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CorporateAmbition(models.Model):
    """One ambition of a corporate strategy, in the strategy's own words."""

    strategy = models.ForeignKey(CorporateStrategy, on_delete=models.CASCADE, related_name="ambitions")
    text = models.TextField()

    class Meta:
        ordering = ["strategy_id", "pk"]

    def __str__(self) -> str:
        return self.text


class ReportingPeriod(models.Model):
    """A financial quarter in which plan updates are collected and reported ("2020/21 Q3")."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Not yet open"
        OPEN = "open", "Open for updates"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveSmallIntegerField(help_text="First calendar year of the financial year: 2020 for 2020/21.")
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in range(1, 5)])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    deadline = models.DateField(null=True, blank=True, help_text="When lead officers' updates are due.")
    remind_days_before = models.PositiveSmallIntegerField(
        default=7, help_text="Days before the deadline that lead officers with missing updates are reminded."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "quarter"], name="period_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="period_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def financial_quarter(self) -> FinancialQuarter:
        return FinancialQuarter(self.year, self.quarter)

    @property
    def label(self) -> str:
        return self.financial_quarter.label

    @property
    def long_label(self) -> str:
        return self.financial_quarter.long_label

    @property
    def slug(self) -> str:
        return self.financial_quarter.slug

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
