"""People who sign in, and the role each holds. The public does not sign in."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person who signs in: an officer, a committee member or an administrator."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", "Administrator"
        PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
        LEAD_OFFICER = "lead_officer", "Lead officer"
        COMMITTEE_MEMBER = "committee_member", "Committee member"

    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    lead_roles = models.ManyToManyField(
        "core.LeadRole",
        blank=True,
        related_name="holders",
        help_text="The lead roles in the plan this person writes updates for.",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm: str, obj: object = None) -> bool:
        # An administrator manages everything in the admin site without per-model grants.
        if self.is_active and self.is_staff and self.role == self.Role.ADMINISTRATOR:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and self.is_staff and self.role == self.Role.ADMINISTRATOR:
            return True
        return super().has_module_perms(app_label)


class Part2Access(models.Model):
    """An append-only record of every read of Part 2 (exempt) material: who, when, what."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="part2_accesses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    path = models.CharField(max_length=500)
    what = models.CharField(max_length=300, help_text='What was read, e.g. "Performance report CEF21011B (PDF)".')

    class Meta:
        ordering = ["-at"]
        verbose_name = "Part 2 access"
        verbose_name_plural = "Part 2 access log"

    def __str__(self) -> str:
        return f"{self.user} read {self.what} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Append-only: an entry, once written, is never changed.
        if self.pk is not None:
            raise PermissionError("The Part 2 access log cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("The Part 2 access log cannot be edited.")
