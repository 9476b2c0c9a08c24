"""A committee report of one kind, for one portfolio and period: its cover sheet and whether it is published.

The body of a report is assembled from the data (plans, indicators, ...); what is stored here is
what officers write on the council's cover sheet (`004_5a7191a0a14e1e5f.txt:566-680`;
domain notes 2.28), for both parts: the Part 1 report carries the number with A, the Part 2
report the number with B, and only the Part 2 report holds the exempt commentary.

A draft is drawn from the data each time it is downloaded. Publishing draws both parts in every
format once and keeps the files (`ReportPublication`, `PublishedArtefact`): what was published is
what is served from then on, whatever later happens to the data behind it (check C4).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scrutineer.disclosure.models import APPEND_ONLY, AppendOnly
from scrutineer.domain.cover_sheets import Executive, KeyDecision, Urgency, decision_type_label
from scrutineer.domain.parts import SCHEDULE_12A_PARAGRAPHS

from .renderers import Format


def _choices(enum: type[Urgency] | type[Executive] | type[KeyDecision]) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


class Report(models.Model):
    """One report (both its parts): kind, portfolio, period, status and cover sheet."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    IMPLICATIONS = {
        "implications_vulnerable": "Impact on Vulnerable Adults and Children",
        "implications_policy": "Policy Implications",
        "implications_financial": "Financial Implications",
        "implications_legal": "Legal Implications",
        "implications_personnel": "Personnel Implications",
        "implications_procurement": "Procurement Implications",
    }

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=40, help_text='The report kind, e.g. "plan-update".')
    period = models.CharField(max_length=20, help_text='The period as the kind names it: "2020-21-Q3", "2020-12".')
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    publication = models.ForeignKey(
        "ReportPublication",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The stored publication downloads serve; none for a draft (drawn live, marked DRAFT).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The head of the form
    agenda_item = models.CharField(max_length=20, blank=True, help_text='As on the agenda, e.g. "7".')
    report_number = models.CharField(
        max_length=30, blank=True, help_text="Without the A or B: the Part 1 report adds A, the Part 2 report B."
    )
    decision_maker = models.CharField(max_length=300, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    date_note = models.CharField(
        max_length=300, blank=True, help_text='Printed before the date, e.g. "For Pre-Decision Scrutiny by ... on".'
    )
    urgency = models.CharField(max_length=20, choices=_choices(Urgency), default=Urgency.NON_URGENT.value)
    executive = models.CharField(max_length=20, choices=_choices(Executive), default=Executive.NON_EXECUTIVE.value)
    key_decision = models.CharField(max_length=20, choices=_choices(KeyDecision), default=KeyDecision.NON_KEY.value)
    title = models.CharField(max_length=400, blank=True)
    contact_officers = models.JSONField(
        default=list, blank=True, help_text="Each {name, role, telephone, email}, in the order printed."
    )
    chief_officer = models.CharField(max_length=300, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    reason = models.TextField("Reason for report", blank=True)
    recommendations = models.TextField(blank=True, help_text="One recommendation a paragraph.")

    # The summary boxes
    impact_summary = models.TextField("Summary of impact", blank=True)
    policy_status = models.CharField(max_length=200, blank=True)
    corporate_priority = models.CharField(
        max_length=300, blank=True, help_text='The corporate strategy priority, e.g. "Children and Young People".'
    )
    cost_of_proposal = models.CharField(max_length=200, blank=True)
    ongoing_costs = models.CharField(max_length=200, blank=True)
    budget_head = models.CharField("Budget head/performance centre", max_length=200, blank=True)
    total_current_budget = models.CharField("Total current budget for this head", max_length=200, blank=True)
    source_of_funding = models.CharField(max_length=200, blank=True)
    staff_number = models.CharField("Number of staff (current and additional)", max_length=200, blank=True)
    staff_hours = models.CharField(
        "If from existing staff resources, number of staff hours", max_length=200, blank=True
    )
    legal_requirement = models.CharField(max_length=200, blank=True)
    call_in = models.CharField("Call-in", max_length=300, blank=True)
    procurement_summary = models.TextField("Summary of procurement implications", blank=True)
    customer_impact = models.TextField("Estimated number of users/beneficiaries (current and projected)", blank=True)
    ward_councillors_asked = models.CharField(
        "Have ward councillors been asked for comments?", max_length=200, blank=True
    )
    ward_councillors_comments = models.TextField("Summary of ward councillors' comments", blank=True)

    # The numbered sections
    commentary = models.TextField(blank=True, help_text="Section 3. Paragraphs are numbered 3.1, 3.2, ...")
    part2_commentary = models.TextField(
        "Exempt commentary (Part 2 only)",
        blank=True,
        help_text="Printed only in the Part 2 report, after the commentary.",
    )
    implications_vulnerable = models.TextField(IMPLICATIONS["implications_vulnerable"], blank=True)
    implications_policy = models.TextField(IMPLICATIONS["implications_policy"], blank=True)
    implications_financial = models.TextField(IMPLICATIONS["implications_financial"], blank=True)
    implications_legal = models.TextField(IMPLICATIONS["implications_legal"], blank=True)
    implications_personnel = models.TextField(IMPLICATIONS["implications_personnel"], blank=True)
    implications_procurement = models.TextField(IMPLICATIONS["implications_procurement"], blank=True)
    non_applicable_sections = models.JSONField(
        default=list, blank=True, help_text="Keys of the implications sections that do not apply."
    )
    background_documents = models.TextField(blank=True)
    schedule_12a_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[(number, f"{number}. {text}") for number, text in SCHEDULE_12A_PARAGRAPHS.items()],
        help_text="Why the Part 2 report is exempt.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["portfolio", "kind", "period"]
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "kind", "period"], name="report_one_per_kind_period"),
        ]

    def __str__(self) -> str:
        return f"{self.report_number or self.kind} {self.title or self.period}".strip()

    @property
    def decision_type(self) -> str:
        return decision_type_label(Urgency(self.urgency), Executive(self.executive), KeyDecision(self.key_decision))

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PublicationQuerySet(models.QuerySet):
    """No bulk edits: `update()` and `delete()` would go round the rows' own refusal."""

    def update(self, **kwargs: object) -> int:
        raise PermissionError(APPEND_ONLY.format(self.model._meta.verbose_name_plural.capitalize()))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(APPEND_ONLY.format(self.model._meta.verbose_name_plural.capitalize()))


class ReportPublication(AppendOnly):
    """One publication of a report (both parts): version n, who published it and when (check C4).

    Publishing again, after a withdrawal or a change to the cover sheet, adds version n + 1; every
    version is kept, with its files, so what the public and the committee were given can always be
    shown again exactly. Rows are written once: `save()` of a stored row, `delete()`, bulk
    `update()` and `delete()` are refused, the admin is read-only, and on PostgreSQL a trigger
    refuses UPDATE and DELETE (migration 0002).
    """

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="publications")
    number = models.PositiveIntegerField(help_text="The version: 1 for the first publication, then 2, 3, ...")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cover_version = models.PositiveIntegerField(help_text="The cover sheet's own version when it was published.")
    report_number = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=400, blank=True)
    note = models.CharField(
        max_length=200, blank=True, help_text='How it came to be stored, e.g. "stored after it was recorded as issued".'
    )
    render_seconds = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="How long drawing the six files took."
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = "report publication"
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_publication_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report_number or self.report.kind} {self.report.period}, version {self.number}"


class PublishedArtefact(AppendOnly):
    """One file of a publication, as it was served: one part in one format, with its SHA-256.

    The bytes are kept in the database (a BinaryField), not in media storage: they are written in
    the same transaction as the publication, so a publication never exists without all its files
    (nor files without their publication); they are in every database backup and `dumpdata`
    (checks C5 and C6) with nothing else to copy; the PostgreSQL trigger can guard them; and the
    same code runs on SQLite, PostgreSQL and in the test suite with no media directory to manage.
    A report's six files come to about 0.5 MB (the demo's largest PDF is 133 kB), which either
    database holds easily.
    """

    publication = models.ForeignKey(ReportPublication, on_delete=models.PROTECT, related_name="artefacts")
    part = models.PositiveSmallIntegerField(choices=[(1, "Part 1 (public)"), (2, "Part 2 (exempt)")])
    format = models.CharField(max_length=10, choices=[(format.value, format.label) for format in Format])
    media_type = models.CharField(max_length=120)
    content = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField(help_text="In bytes.")

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["publication", "part", "format"]
        verbose_name = "published file"
        constraints = [
            models.UniqueConstraint(fields=["publication", "part", "format"], name="published_artefact_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.publication}: Part {self.part} {self.get_format_display()}"

    @property
    def etag(self) -> str:
        return f'"{self.sha256}"'
