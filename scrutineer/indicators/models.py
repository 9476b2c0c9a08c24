"""The performance index: indicators, their targets, values, benchmarks, ratings and commentary.

The shape follows the council's own index, "Children, Education and Families Scrutiny -
Performance Index 2020/21" (`004_5a7191a0a14e1e5f.txt:4108-4162`; `../shared/domain.md` 2.11-2.16).
Every value keeps the cell as printed beside what it means; a value the document suppressed is
held as "suppressed at source", never as a guessed figure.
"""

from __future__ import annotations

from enum import Enum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from scrutineer.domain.disclosure import Policy, PolicyError, Preset
from scrutineer.domain.outturns import YtdMethod
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month, Period, Year, YearBasis
from scrutineer.domain.printed_values import ValueState, format_number
from scrutineer.domain.rag import DEFAULT_TOLERANCE, Polarity, Rating, Target, TargetKind, Tolerance


def _choices(enum: type[Enum]) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]  # type: ignore[attr-defined]


def ytd_slug(as_at: Month) -> str:
    """How a printed year to date is keyed: "2020-12-ytd" is the year to date as at December 2020."""
    return f"{as_at.slug}-ytd"


PART_CHOICES = [(part.value, part.label) for part in Part]
FIGURE = {"max_digits": 20, "decimal_places": 6, "null": True, "blank": True}


class Indicator(models.Model):
    """A key performance indicator of the index, e.g. "26 % of Care leavers who are EET"."""

    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        PERCENTAGE = "percentage", "Percentage"
        RATE_PER_10000 = "rate_per_10000", "Rate per 10,000"
        WEEKS = "weeks", "Weeks"
        AVERAGE = "average", "Average"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    class RatedOn(models.TextChoices):
        LATEST = "latest", "Latest value"
        YEAR_TO_DATE = "year_to_date", "Year to date"

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="indicators")
    number = models.CharField(max_length=10, help_text='As printed: "22.2". A dotted suffix marks a variant.')
    position = models.PositiveSmallIntegerField(help_text="Order in the index, from 1.")
    name = models.CharField(max_length=400)
    section = models.CharField(max_length=200, blank=True, help_text='e.g. "Early Help"; blank in the calendar table.')
    why_important = models.TextField("why is this important?", blank=True)
    polarity = models.CharField(max_length=5, choices=_choices(Polarity))
    unit = models.CharField(max_length=20, choices=Unit.choices)
    year_basis = models.CharField(max_length=10, choices=_choices(YearBasis), default=YearBasis.FINANCIAL.value)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    ytd_method = models.CharField(
        "year to date", max_length=10, choices=_choices(YtdMethod), default=YtdMethod.LATEST.value
    )
    rated_on = models.CharField(max_length=15, choices=RatedOn.choices, default=RatedOn.LATEST)
    tolerance_fraction = models.DecimalField(
        max_digits=6,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="AMBER band as a fraction of the target (0.1 = within 10%). Blank: the default.",
    )
    tolerance_absolute = models.DecimalField(
        **FIGURE, help_text="AMBER band in the indicator's unit (percentages as fractions); wins over the fraction."
    )
    relates_to_individuals = models.BooleanField(
        default=True, help_text="Counts children, young people, carers or staff cases (disclosure control applies)."
    )
    splits = models.CharField(
        max_length=100, blank=True, help_text='Labels of a split value, e.g. "initial, review" for indicator 14.'
    )
    adds_up_to_measure = models.BooleanField(
        default=False, help_text="The variants of this measure (22.1, 22.2) add up to the measure's total."
    )
    disclosure_preset = models.CharField(
        "disclosure preset",
        max_length=20,
        blank=True,
        choices=[("", "The council's policy"), *((preset.value, preset.label) for preset in Preset)],
        help_text="Blank: the council's disclosure policy. A preset here overrides it for this indicator's figures.",
    )
    disclosure_threshold = models.PositiveSmallIntegerField(
        "disclosure threshold",
        null=True,
        blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text="T for the dfe-la preset (counts 1 to T suppressed), 3 to 10; the other presets fix it.",
    )
    source = models.CharField(max_length=200, blank=True, help_text="Where the definition was read from.")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["portfolio", "position"]
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "number"], name="indicator_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.disclosure_threshold is not None and not self.disclosure_preset:
            message = "Choose a preset to set a threshold of this indicator's own."
            raise ValidationError({"disclosure_threshold": message})
        try:
            self.disclosure_override()
        except PolicyError as error:
            raise ValidationError({"disclosure_threshold": str(error)}) from None

    def disclosure_override(self) -> Policy | None:
        """This indicator's own disclosure policy, or None to follow the council's
        (`../shared/disclosure.md` 2.2: "Each council picks a preset, and can override it per indicator")."""
        if not self.disclosure_preset:
            return None
        return Policy.for_preset(self.disclosure_preset, threshold=self.disclosure_threshold)

    @property
    def measure(self) -> str:
        """The measure a variant belongs to: "22" for 22.1 and 22.2."""
        return self.number.split(".")[0]

    @property
    def split_labels(self) -> list[str]:
        return [label.strip().lower() for label in self.splits.split(",") if label.strip()]

    @property
    def polarity_rule(self) -> Polarity:
        return Polarity(self.polarity)

    @property
    def basis(self) -> YearBasis:
        return YearBasis(self.year_basis)

    @property
    def tolerance(self) -> Tolerance:
        if self.tolerance_fraction is None and self.tolerance_absolute is None:
            return DEFAULT_TOLERANCE
        return Tolerance(
            fraction=self.tolerance_fraction if self.tolerance_fraction is not None else DEFAULT_TOLERANCE.fraction,
            absolute=self.tolerance_absolute,
        )

    @property
    def is_percentage(self) -> bool:
        return self.unit == self.Unit.PERCENTAGE

    @property
    def tolerance_description(self) -> str:
        """How far short of target is still AMBER, in words."""
        tolerance = self.tolerance
        if tolerance.absolute is not None:
            band = format_number(tolerance.absolute, percent=self.is_percentage)
            band = band.replace("%", " percentage points") if self.is_percentage else band
            return f"AMBER when short of the target by {band} or less; RED beyond that."
        share = format_number(tolerance.fraction, percent=True)
        default = " (the default)" if tolerance == DEFAULT_TOLERANCE else ""
        return f"AMBER when within {share} of the target on the wrong side; RED beyond that{default}."


class IndicatorTarget(models.Model):
    """The target or range of acceptable performance for one year, as printed and as bounds."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(help_text="The year's first calendar year on the indicator's basis.")
    text = models.CharField(max_length=200, help_text='As printed: "95-90%", "26 weeks", "TBC".')
    kind = models.CharField(max_length=15, choices=_choices(TargetKind))
    lower = models.DecimalField(**FIGURE)
    upper = models.DecimalField(**FIGURE)
    percent = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_year_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.year}: {self.text}"

    def as_target(self) -> Target:
        return Target(
            kind=TargetKind(self.kind), text=self.text, lower=self.lower, upper=self.upper, percent=self.percent
        )


class PeriodFields(models.Model):
    """A period as stored: its kind, first and last day, and the slug imports write."""

    class Kind(models.TextChoices):
        MONTH = "month", "Month"
        FINANCIAL_QUARTER = "financial_quarter", "Financial quarter"
        FINANCIAL_YEAR = "financial_year", "Financial year"
        ACADEMIC_YEAR = "academic_year", "Academic year"
        CALENDAR_YEAR = "calendar_year", "Calendar year"
        YEAR_TO_DATE = "year_to_date", "Year to date"

    period_kind = models.CharField(max_length=20, choices=Kind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period = models.CharField(max_length=20, help_text='"2020-12", "2020-21-Q3", "2020-21", "2020".')

    class Meta:
        abstract = True

    def set_period(self, period: Period) -> None:
        self.period_kind, self.period_start, self.period_end = period.kind, period.start, period.end
        self.period = period.slug

    def set_year_to_date(self, *, year: Year, as_at: Month) -> None:
        """A year to date printed in its own right: from the year's first day to the end of `as_at`."""
        self.period_kind, self.period_start, self.period_end = self.Kind.YEAR_TO_DATE, year.start, as_at.last_day
        self.period = ytd_slug(as_at)


class IndicatorValue(PeriodFields):
    """One cell of an indicator for one period: the text as printed, its state and its figure.

    A split value (indicator 14: initial and review conferences) is one row per split label.
    `part` says where the figure may be shown: Part 2 (exempt) figures never reach Part 1.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    split = models.CharField(max_length=40, blank=True, default="")
    text = models.CharField(max_length=200, help_text="As printed or imported.")
    state = models.CharField(max_length=15, choices=_choices(ValueState), default=ValueState.VALUE.value)
    number = models.DecimalField(**FIGURE, help_text="The figure; percentages as fractions (86% is 0.86).")
    rate = models.DecimalField(**FIGURE, help_text='A rate printed beside a count: "x (rate: 0.01)".')
    part = models.PositiveSmallIntegerField(choices=PART_CHOICES, default=Part.ONE.value)
    source = models.CharField(max_length=200, blank=True, help_text="The document line or file row it came from.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start", "split"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "period_end", "split"],
                name="indicator_value_period_unique",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_end"], name="indicator_value_end")]

    def __str__(self) -> str:
        split = f" ({self.split})" if self.split else ""
        return f"{self.indicator.number} {self.period}{split}: {self.text}"


class Benchmark(models.Model):
    """A comparator's figure: England, London, statistical neighbours, each with its own period."""

    class Comparator(models.TextChoices):
        ENGLAND = "england", "England"
        LONDON = "london", "London"
        STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
        NATIONAL = "national", "National"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    comparator = models.CharField(max_length=30, choices=Comparator.choices)
    period = models.CharField(max_length=20, blank=True, help_text='"2019-20", "2019"; blank where not printed.')
    period_label = models.CharField(max_length=20, blank=True, help_text='As printed: "2015/16", "2019".')
    period_start = models.DateField(null=True, blank=True)
    text = models.CharField(max_length=200)
    state = models.CharField(max_length=15, choices=_choices(ValueState), default=ValueState.VALUE.value)
    number = models.DecimalField(**FIGURE)
    rate = models.DecimalField(**FIGURE)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "comparator", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "comparator", "period"], name="benchmark_period_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.get_comparator_display()} {self.period_label}: {self.text}"


class PerformanceIndex(models.Model):
    """An edition of the index reported to committee, "as at the end of December 2020"."""

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="performance_indexes")
    as_at = models.DateField(help_text="The first day of the month the index is as at.")
    title = models.CharField(max_length=300)
    report_number = models.CharField(max_length=30, blank=True, help_text='e.g. "CEF21011A".')
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["portfolio", "-as_at"]
        verbose_name = "performance index"
        verbose_name_plural = "performance indexes"
        constraints = [models.UniqueConstraint(fields=["portfolio", "as_at"], name="performance_index_as_at_unique")]

    def __str__(self) -> str:
        return f"{self.title} (as at {self.month.label})"

    @property
    def month(self) -> Month:
        return Month.of(self.as_at)


class RagOverride(models.Model):
    """A rating set by hand for one index, in place of what the rule gives, with the reason.

    `rating` blank means "no rating". The demo records the printed rating as an override with the
    reason "as published" wherever it cannot follow from the indicator's own target.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rag_overrides")
    as_at = models.DateField(help_text="The first day of the month of the index.")
    rating = models.CharField(max_length=5, choices=_choices(Rating), blank=True)
    reason = models.CharField(max_length=300)
    printed_text = models.CharField(max_length=200, blank=True, help_text="The RAG cell as printed.")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    set_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "as_at"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "as_at"], name="rag_override_unique"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="rag_override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.as_at:%Y-%m}: {self.rating_label} ({self.reason})"

    @property
    def rating_enum(self) -> Rating | None:
        return Rating(self.rating) if self.rating else None

    @property
    def rating_label(self) -> str:
        return self.rating.upper() if self.rating else "No rating"


class ManagementCommentary(models.Model):
    """Management commentary on an indicator for one index, in Part 1 (public) or Part 2 (exempt).

    Required where an indicator performs below expectation (`004_5a7191a0a14e1e5f.txt:4044`):
    "3.6.1 Indicator 26: % of Care leavers who are in ... (RED)".
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commentaries")
    as_at = models.DateField(help_text="The first day of the month of the index.")
    part = models.PositiveSmallIntegerField(choices=PART_CHOICES, default=Part.ONE.value)
    paragraph = models.CharField(max_length=20, blank=True, help_text='As numbered in the report: "3.6.1".')
    rating_text = models.CharField(max_length=20, blank=True, help_text="The rating when written.")
    text = models.TextField()
    source = models.CharField(max_length=200, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "as_at"]
        verbose_name_plural = "management commentaries"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "as_at"], name="commentary_unique"),
            models.CheckConstraint(condition=models.Q(part__in=[1, 2]), name="commentary_part_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.as_at:%Y-%m} (Part {self.part})"

    @property
    def part_enum(self) -> Part:
        return Part(self.part)
