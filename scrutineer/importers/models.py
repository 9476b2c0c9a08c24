"""A plan file an officer uploaded: what was read from it, waiting to be checked and imported.

The file's content is read once, on upload; what it held is kept here as a `PlanDocument` so the
preview and the import use exactly what the officer saw. The record stays afterwards as a note of
who imported what, from which file, when.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse


class PlanImport(models.Model):
    class Mode(models.TextChoices):
        NEW_PLAN = "new_plan", "A new plan"
        UPDATES = "updates", "Updates for a plan already in Scrutineer"

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Read, waiting to be imported"
        IMPORTED = "imported", "Imported"

    mode = models.CharField(max_length=20, choices=Mode.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveIntegerField()
    file_sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=10)
    document = models.JSONField(help_text="What was read from the file (PlanDocument.to_dict()).")
    problems = models.JSONField(default=list, blank=True, help_text="What stops the import, with locations.")
    portfolio = models.ForeignKey("core.Portfolio", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        "core.ReportingPeriod", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    result_plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_mode_display()}, {self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("importers:plan_preview", kwargs={"pk": self.pk})
