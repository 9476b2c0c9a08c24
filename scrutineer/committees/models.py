"""Committee business: committees and their members, meetings, agendas, minutes, matters
outstanding, the forward work programme and the portfolio's risk register.

As seed `004_5a7191a0a14e1e5f.txt` shows them: the agenda front sheet (lines 1-148), the minutes of
26 January 2021 (lines 152-402) and "Matters Outstanding and Work Programme" (lines 404-562); domain
notes 2.26-2.32. A report the product generates is linked by its kind and period, and pulled into
the agenda pack when it is published; for any other report the agenda keeps its cover sheet as
printed, and the PDF the officer supplied.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from scrutineer.domain.committee_business import (
    WORK_PROGRAMME_TYPES,
    AgendaNumber,
    AgendaSection,
    ItemType,
    MinuteNumber,
    ProgrammeNote,
    ProgrammeStatus,
)
from scrutineer.domain.parts import SCHEDULE_12A_PARAGRAPHS, Part
from scrutineer.domain.risks import RiskScore, Trend, trend


def _choices(members: object) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in members]  # type: ignore[attr-defined]


PART_CHOICES = [(part.value, part.label) for part in Part]
PARAGRAPH_CHOICES = [(number, f"{number}. {text}") for number, text in SCHEDULE_12A_PARAGRAPHS.items()]
SCORE_CHOICES = [(score, str(score)) for score in range(1, 6)]


class Committee(models.Model):
    """A committee, a sub-committee, or a related body whose meetings its work programme lists."""

    class Kind(models.TextChoices):
        PDS = "pds", "Policy Development and Scrutiny Committee"
        SUB_COMMITTEE = "sub_committee", "Sub-committee"
        RELATED = "related", "Related body"

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="committees")
    portfolio = models.ForeignKey(
        "core.Portfolio", null=True, blank=True, on_delete=models.PROTECT, related_name="committees"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="related_bodies",
        help_text="The committee whose work programme lists this body's meetings (a sub-committee's committee).",
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PDS)
    clerk = models.CharField(max_length=200, blank=True)
    clerk_email = models.EmailField(blank=True)
    clerk_telephone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True, help_text="Printed at the head of the front sheet.")
    telephone = models.CharField(max_length=40, blank=True, help_text="The council's switchboard.")
    website = models.CharField(max_length=200, blank=True)
    portfolio_holder = models.CharField(
        max_length=300, blank=True, help_text='Who the committee holds to account: "Councillor Peter Fortune".'
    )
    agenda_notes = models.TextField(
        blank=True,
        help_text="Printed on every front sheet: paper copies, information items... One note a paragraph.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="committee_slug_unique")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A seat on a committee: held by someone, or vacant (`004_5a7191a0a14e1e5f.txt:22-38`)."""

    class Role(models.TextChoices):
        CHAIRMAN = "chairman", "Chairman"
        VICE_CHAIRMAN = "vice_chairman", "Vice-Chairman"
        COUNCILLOR = "councillor", "Councillor"
        CO_OPTED_VOTING = "co_opted_voting", "Co-opted member with voting rights"
        CO_OPTED_NON_VOTING = "co_opted_non_voting", "Non-voting co-opted member"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    group = models.CharField(
        max_length=200,
        blank=True,
        help_text='Co-opted members\' heading, e.g. "Church Representatives with Voting Rights".',
    )
    name = models.CharField(max_length=200, blank=True, help_text="Blank for a vacant seat.")
    representing = models.CharField(max_length=200, blank=True, help_text='e.g. "Early Years Representative".')
    position = models.PositiveSmallIntegerField(default=0)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name or 'Vacancy'} ({self.get_role_display()})"

    @property
    def vacant(self) -> bool:
        return not self.name.strip()

    @property
    def is_councillor(self) -> bool:
        return self.role in {self.Role.CHAIRMAN, self.Role.VICE_CHAIRMAN, self.Role.COUNCILLOR}

    @property
    def voting(self) -> bool:
        return self.role != self.Role.CO_OPTED_NON_VOTING

    def serves_on(self, day: date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (self.ends_on is None or day <= self.ends_on)


class Meeting(models.Model):
    """One meeting: when and where, who clerks it, and when its agenda went out (`004_5a7191a0a14e1e5f.txt:13-50`)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    ended_at = models.TimeField(null=True, blank=True, help_text='"The Meeting ended at 8.10 pm".')
    venue = models.CharField(max_length=300, blank=True)
    virtual = models.BooleanField(default=False, help_text="Held online, with the press and public watching live.")
    live_stream_url = models.URLField(blank=True)
    clerk = models.CharField(max_length=200, blank=True, help_text="Blank for the committee's clerk.")
    issued_by = models.CharField(
        max_length=300, blank=True, help_text='e.g. "Mark Bowen, Director of Corporate Services".'
    )
    agenda_dispatched = models.DateField(null=True, blank=True, help_text="The date printed on the front sheet.")
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "date"]
        constraints = [models.UniqueConstraint(fields=["committee", "date"], name="meeting_one_a_day")]

    def __str__(self) -> str:
        return f"{self.committee} {self.date:%-d %B %Y}"

    @property
    def slug(self) -> str:
        return self.date.isoformat()

    @property
    def agenda_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def minutes_published(self) -> bool:
        return self.minutes_published_at is not None

    @property
    def clerk_name(self) -> str:
        return self.clerk or self.committee.clerk


class Attendance(models.Model):
    """Who the minutes record: present, apologies, substitutes, also present (`004_5a7191a0a14e1e5f.txt:156-176`)."""

    class Kind(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Substitute"
        ALSO_PRESENT = "also_present", "Also present"
        OFFICER = "officer", "Officers in attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=300, blank=True, help_text='As printed after the name: "Chairman".')
    councillor = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    """An item of business: its number and letter, section, part, and the papers that go with it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    letter = models.CharField(max_length=2, blank=True, help_text='A lettered sub-item: "a", "b", "c".')
    title = models.CharField(max_length=500)
    section = models.CharField(max_length=20, choices=_choices(AgendaSection), default=AgendaSection.STANDARD.value)
    item_type = models.CharField(max_length=30, choices=_choices(ItemType), default=ItemType.PDS_ITEM.value)
    part = models.PositiveSmallIntegerField(choices=PART_CHOICES, default=Part.ONE.value)
    schedule_12a_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=PARAGRAPH_CHOICES, help_text="Why a Part 2 item is exempt."
    )
    note = models.TextField(blank=True, help_text="Printed under the title on the agenda.")
    to_follow = models.BooleanField(default=False, help_text='The report is "to follow".')
    report_kind = models.CharField(
        max_length=40, blank=True, help_text='A report Scrutineer makes, by kind: "plan-update", "risk-register".'
    )
    report_period = models.CharField(max_length=20, blank=True, help_text='Its period: "2020-21-Q3", "2021-03-10".')
    minutes_of = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a minutes item: the meeting whose minutes are agreed.",
    )
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number", "letter"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number", "letter"], name="agenda_item_number")]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    def clean(self) -> None:
        self.letter = self.letter.strip().lower()
        errors = {}
        if self.letter and not (self.letter.isascii() and self.letter.isalpha() and len(self.letter) == 1):
            errors["letter"] = "Use one letter, such as a."
        if self.part == Part.TWO and self.needs_paragraph and self.schedule_12a_paragraph is None:
            errors["schedule_12a_paragraph"] = "Choose the Schedule 12A paragraph that makes this Part 2 item exempt."
        if self.part == Part.ONE and self.schedule_12a_paragraph is not None:
            errors["schedule_12a_paragraph"] = "Only a Part 2 item cites a Schedule 12A paragraph."
        if bool(self.report_kind) != bool(self.report_period):
            errors["report_period" if self.report_kind else "report_kind"] = "Give both the report and its period."
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        return AgendaNumber(self.number, self.letter).label

    @property
    def part_obj(self) -> Part:
        return Part(self.part)

    @property
    def needs_paragraph(self) -> bool:
        return self.item_type not in {ItemType.HEADING, ItemType.EXCLUSION}

    @property
    def section_obj(self) -> AgendaSection:
        return AgendaSection(self.section)

    @property
    def item_type_obj(self) -> ItemType:
        return ItemType(self.item_type)

    @property
    def paragraph_text(self) -> str:
        return SCHEDULE_12A_PARAGRAPHS.get(self.schedule_12a_paragraph or 0, "")


class AgendaReport(models.Model):
    """The cover sheet of a report Scrutineer does not write, as printed (domain notes 2.28), and
    the PDF the officer supplied for the agenda pack. The report's body is not held otherwise."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="paper")
    report_number = models.CharField(max_length=30, blank=True)
    part_marking = models.CharField(max_length=60, blank=True, help_text='As printed: "PART ONE - PUBLIC".')
    decision_maker = models.CharField(max_length=300, blank=True)
    date_text = models.CharField("Date", max_length=300, blank=True, help_text="As printed.")
    decision_type = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=400, blank=True)
    contact_officers = models.TextField(blank=True, help_text="One officer a line: name, role, telephone, email.")
    chief_officer = models.CharField(max_length=300, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    boxes = models.JSONField(
        default=list,
        blank=True,
        help_text='The summary boxes, in order: [{"box": "Financial", "fields": [["Cost of proposal", "No Cost"]]}].',
    )
    non_applicable_sections = models.TextField(blank=True)
    background_documents = models.TextField(blank=True)
    notes = models.TextField(blank=True, help_text="Scrutineer's notes on the cover sheet as printed.")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_name = models.CharField(max_length=200, blank=True)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_uploaded_at = models.DateTimeField(null=True, blank=True)
    pdf_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["pdf"])  # the file's hash is kept; the file once

    def __str__(self) -> str:
        return self.report_number or self.title or f"Report for item {self.item.label}"

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf_sha256)


class Minute(models.Model):
    """A minute: title, any report, what was said and what was resolved (`004_5a7191a0a14e1e5f.txt:152-402`).

    A Part 2 minute's `text` is the summary the public minutes print "of matters involving exempt
    information" (line 377); its `exempt_text` is printed only in the exempt minutes.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes"
    )
    number = models.CharField(max_length=10, help_text='As printed: "39" or "39A".')
    sort_number = models.PositiveIntegerField(default=0, editable=False)
    sort_letter = models.CharField(max_length=2, blank=True, editable=False)
    title = models.CharField(max_length=500)
    report_number = models.CharField(max_length=30, blank=True)
    part = models.PositiveSmallIntegerField(choices=PART_CHOICES, default=Part.ONE.value)
    text = models.TextField(blank=True)
    resolution = models.TextField(blank=True)
    exempt_text = models.TextField("Exempt minute (Part 2 only)", blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "sort_number", "sort_letter"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="minute_number_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        try:
            parsed = MinuteNumber.parse(self.number)
        except ValueError as error:
            raise ValidationError({"number": str(error)}) from None
        self.number, self.sort_number, self.sort_letter = parsed.label, parsed.number, parsed.letter
        if self.part == Part.ONE and self.exempt_text.strip():
            raise ValidationError({"exempt_text": "Only a Part 2 minute has exempt text."})

    @property
    def is_sub_minute(self) -> bool:
        return bool(self.sort_letter)


class MatterOutstanding(models.Model):
    """An action arising from a meeting, reported to each meeting until it is done (domain notes 2.30)."""

    class Status(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="matters")
    raised_at = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="matters_raised")
    minute = models.ForeignKey(Minute, null=True, blank=True, on_delete=models.SET_NULL, related_name="matters")
    action = models.TextField()
    owner = models.CharField(max_length=300, help_text="The officer or member who will do it.")
    due = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="matters_due", help_text="Due by."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OUTSTANDING)
    progress = models.TextField(blank=True)
    completed_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters_completed",
        help_text="The meeting told it is done.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "pk"]
        verbose_name_plural = "matters outstanding"

    def __str__(self) -> str:
        return self.action[:80]

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.COMPLETED and self.completed_at_id is None:
            errors["completed_at"] = "Choose the meeting that is told it is done."
        if self.status != self.Status.COMPLETED and self.completed_at_id is not None:
            errors["status"] = "A matter reported done is completed."
        raised = self._meeting("raised_at")
        for name in ("due", "completed_at"):
            later = self._meeting(name)
            if raised is not None and later is not None and later.date <= raised.date:
                errors[name] = "Choose a meeting after the one that raised it."
        if errors:
            raise ValidationError(errors)

    def _meeting(self, name: str) -> Meeting | None:
        return getattr(self, name) if getattr(self, f"{name}_id") is not None else None


class WorkProgrammeItem(models.Model):
    """An item planned for a meeting, as the work programme lists it (`004_5a7191a0a14e1e5f.txt:505-560`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="programme_items")
    title = models.CharField(max_length=400)
    note = models.CharField(
        max_length=300, blank=True, help_text='The middle column as printed: "Annual Report – Item postponed".'
    )
    item_type = models.CharField(max_length=30, choices=_choices(WORK_PROGRAMME_TYPES), blank=True)
    status = models.CharField(max_length=20, choices=_choices(ProgrammeStatus), default=ProgrammeStatus.PLANNED.value)
    position = models.PositiveSmallIntegerField(default=0)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def parsed_note(self) -> ProgrammeNote:
        return ProgrammeNote.parse(self.note)

    @property
    def status_obj(self) -> ProgrammeStatus:
        return ProgrammeStatus(self.status)


class Risk(models.Model):
    """A risk on the portfolio's register: cause, effect, controls, and its scores now and as targeted."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    portfolio = models.ForeignKey("core.Portfolio", on_delete=models.PROTECT, related_name="risks")
    reference = models.SlugField(max_length=20, help_text='e.g. "CEF1".')
    title = models.CharField(max_length=300)
    owner = models.CharField(max_length=300)
    cause = models.TextField()
    effect = models.TextField()
    existing_controls = models.TextField()
    further_actions = models.TextField(blank=True)
    likelihood = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    impact = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    target_likelihood = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    target_impact = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    previous_likelihood = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SCORE_CHOICES, help_text="At the last review; blank for a new risk."
    )
    previous_impact = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCORE_CHOICES)
    last_reviewed = models.DateField(null=True, blank=True)
    review_date = models.DateField(help_text="When it is next reviewed.")
    part = models.PositiveSmallIntegerField(choices=PART_CHOICES, default=Part.ONE.value)
    schedule_12a_paragraph = models.PositiveSmallIntegerField(null=True, blank=True, choices=PARAGRAPH_CHOICES)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["portfolio", "position", "reference"]
        constraints = [models.UniqueConstraint(fields=["portfolio", "reference"], name="risk_reference_unique")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        errors = {}
        if (self.previous_likelihood is None) != (self.previous_impact is None):
            errors["previous_impact"] = "Give both previous scores, or neither for a new risk."
        if self.part == Part.TWO and self.schedule_12a_paragraph is None:
            errors["schedule_12a_paragraph"] = "Choose the Schedule 12A paragraph that makes this risk exempt."
        if self.part == Part.ONE and self.schedule_12a_paragraph is not None:
            errors["schedule_12a_paragraph"] = "Only a Part 2 risk cites a Schedule 12A paragraph."
        if errors:
            raise ValidationError(errors)

    @property
    def current(self) -> RiskScore:
        return RiskScore(self.likelihood, self.impact)

    @property
    def target(self) -> RiskScore:
        return RiskScore(self.target_likelihood, self.target_impact)

    @property
    def previous(self) -> RiskScore | None:
        if self.previous_likelihood is None or self.previous_impact is None:
            return None
        return RiskScore(self.previous_likelihood, self.previous_impact)

    @property
    def trend(self) -> Trend:
        return trend(self.previous, self.current)
