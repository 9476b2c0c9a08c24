"""A council's disclosure policy (versioned) and the append-only ledger of what Part 1 published.

The rules themselves are plain Python in `scrutineer.domain.disclosure`; this app keeps only what
needs the database (disclosure.md 2.5). Ledger keys are generic text ("22.1|2020-12|value", see
`scrutineer.domain.disclosure.cell_key`), so any area can publish through it without this app
knowing its models.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from scrutineer.domain.disclosure import Policy, Preset, Suppression

PRESET_CHOICES = [(preset.value, preset.label) for preset in Preset]
SUPPRESSION_CHOICES = [
    (Suppression.NONE.value, "Shown"),
    (Suppression.PRIMARY.value, "Suppressed (primary)"),
    (Suppression.SECONDARY.value, "Suppressed (secondary)"),
    (Suppression.AT_SOURCE.value, "Suppressed at source"),
]
APPEND_ONLY = "{} is append-only: write a new version instead."


class AppendOnly(models.Model):
    """Rows that are evidence: written once, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError(APPEND_ONLY.format(self._meta.verbose_name_plural.capitalize()))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError(APPEND_ONLY.format(self._meta.verbose_name_plural.capitalize()))


class DisclosurePolicy(AppendOnly):
    """The rules a council's Part 1 outputs are built with (disclosure.md 2.2); a change is a new version."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="disclosure_policies")
    version = models.PositiveIntegerField()
    preset = models.CharField(max_length=20, choices=PRESET_CHOICES, default=Preset.DFE_LA.value)
    threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text="T: counts from 1 to T are suppressed. Settable from 3 to 10 under dfe-la; the other presets fix it.",
    )
    zeros_are_disclosive = models.BooleanField(
        default=False, help_text="Suppress true zeros too (DfE shows them, so off by default)."
    )
    reason = models.TextField(blank=True, help_text="Why the policy changed, for the record.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["organisation", "-version"]
        verbose_name = "disclosure policy"
        verbose_name_plural = "disclosure policies"
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="disclosure_policy_version_unique"),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=3, threshold__lte=10), name="disclosure_policy_threshold_3_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.as_policy().description}"

    def as_policy(self) -> Policy:
        """The engine's policy, carrying this version so every publication records it."""
        custom = self.preset == Preset.DFE_LA.value
        return Policy.for_preset(
            self.preset,
            threshold=self.threshold if custom else None,
            zeros_are_disclosive=self.zeros_are_disclosive,
            version=self.version,
        )


class Publication(AppendOnly):
    """One Part 1 artefact as published, with the policy it was built with and the sums it showed.

    A republished artefact gets a new version; the ledger keeps both (disclosure.md 2.5).
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="publications")
    reference = models.CharField(max_length=200, help_text='What was published, e.g. "CEF21011A performance index".')
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(auto_now_add=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    policy = models.ForeignKey(
        DisclosurePolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    policy_version = models.PositiveIntegerField(null=True, blank=True)
    preset = models.CharField(max_length=20, choices=PRESET_CHOICES)
    threshold = models.PositiveSmallIntegerField()
    zeros_are_disclosive = models.BooleanField(default=False)
    sums = models.JSONField(default=list, blank=True, help_text="The sums Part 1 showed: total, parts and kind.")
    legend = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference", "version"], name="publication_reference_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} (version {self.version}), {self.preset} T = {self.threshold}"


class LedgerEntry(AppendOnly):
    """One public cell of a publication: what Part 1 showed, and (for Part 2 eyes only) the true value."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="entries")
    key = models.CharField(max_length=300, db_index=True)
    subject = models.CharField(max_length=100, blank=True, help_text="The indicator reference, e.g. 22.1.")
    period = models.CharField(max_length=50, blank=True)
    position = models.CharField(max_length=100, blank=True)
    true_value = models.CharField(
        max_length=80, blank=True, help_text="Exact (a fraction where needed). Part 2 only; blank when unknown."
    )
    shown = models.CharField(max_length=80, help_text="What Part 1 printed: a figure or a symbol (c, x, z, low, k).")
    suppression = models.CharField(max_length=20, choices=SUPPRESSION_CHOICES, default=Suppression.NONE.value)
    rounding_base = models.PositiveSmallIntegerField(default=1)
    preset = models.CharField(max_length=20, choices=PRESET_CHOICES)
    threshold = models.PositiveSmallIntegerField()
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["publication", "id"]
        verbose_name = "ledger entry"
        verbose_name_plural = "ledger entries"
        constraints = [
            models.UniqueConstraint(fields=["publication", "key"], name="ledger_entry_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.shown}"
