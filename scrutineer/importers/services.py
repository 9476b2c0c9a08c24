"""Writes for imports: a plan document into a new plan, or its updates into an open reporting period.

All or nothing. Every check runs before the first write and every problem is listed with its place
in the document; nothing is written unless there are none (`transaction.atomic` also undoes a
failure part-way). Imported updates arrive as "submitted", for the performance team to review.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import asdict, dataclass, fields

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from scrutineer.accounts.models import User
from scrutineer.core.models import CorporateStrategy, Portfolio, ReportingPeriod
from scrutineer.core.tabular import NUL_MESSAGE, ImportRejected, RowError
from scrutineer.domain.periods import FinancialQuarter, PeriodError
from scrutineer.domain.plan_document import PlanDocument, Warning
from scrutineer.domain.plan_reader.matching import match_updates
from scrutineer.domain.plan_reader.years import plan_years
from scrutineer.domain.target_dates import parse as parse_target_date
from scrutineer.plans.models import Action, Plan, Priority, SubAction, Update
from scrutineer.plans.services import plan_create_from_document

from .models import PlanImport
from .readers import PlanFileError, read_plan_file
from .selectors import plan_as_document


class PlanImportRejected(ImportRejected):
    """Nothing was imported. `problems` lists each with its place in the document."""

    def __init__(self, problems: list[Warning]) -> None:
        self.problems = list(problems)
        super().__init__([RowError(p.line or 0, p.location, p.message) for p in self.problems])


@dataclass(frozen=True)
class NewPlanDefaults:
    """What a new plan is called and covers, as far as the document says."""

    title: str
    slug: str
    period_label: str
    start_year: int | None
    end_year: int | None
    edition: str
    update_period: str  # "2020-21-Q3", or empty


@dataclass(frozen=True)
class UpdatesResult:
    created: int
    replaced: int
    unchanged: int
    without_update: int  # sub-actions of the plan the document gives no update for


def new_plan_defaults(document: PlanDocument) -> NewPlanDefaults:
    years = plan_years(document.period) if document.period else None
    edition = document.period if years is not None and years[0] == years[1] else ""
    try:
        update_period = FinancialQuarter.parse(document.update_period).slug if document.update_period else ""
    except PeriodError:
        update_period = ""
    return NewPlanDefaults(
        title=document.title[:300],
        slug=slugify(document.title)[:100].strip("-"),
        period_label=document.period[:40],
        start_year=years[0] if years else None,
        end_year=years[1] if years else None,
        edition=edition[:40],
        update_period=update_period,
    )


# --- a new plan ---------------------------------------------------------------------------------


def new_plan_problems(
    *,
    document: PlanDocument,
    portfolio: Portfolio,
    slug: str,
    title: str,
    period_label: str,
    start_year: int | None,
    end_year: int | None,
    edition: str = "",
    update_period: ReportingPeriod | None = None,
    include_updates: bool = True,
    strategy: CorporateStrategy | None = None,
) -> list[Warning]:
    """Everything that would stop this document becoming a new plan, before anything is written."""
    problems: list[Warning] = []

    def problem(message: str, location: str = "import options") -> None:
        problems.append(Warning(location, message))

    if not document.priorities:
        problem("The document holds no plan: no priorities or actions were read from it.", "whole document")
    if not title.strip():
        problem("Give the plan a title: the document's own title could not be found.")
    if "\x00" in title:
        problem(f"The plan's title {NUL_MESSAGE}.")
    if len(title) > 300:
        problem("The plan's title is longer than 300 characters.")
    if not slug or slugify(slug) != slug or len(slug) > 100:
        problem("Give the plan a short web name (slug) of letters, numbers and hyphens, up to 100 characters.")
    elif Plan.objects.filter(portfolio=portfolio, slug=slug).exists():
        problem(
            f"The portfolio already has a plan called {slug!r}: choose another web name, or import the "
            "document as updates for that plan."
        )
    if len(period_label) > 40 or len(edition) > 40:
        problem("The plan's period and edition must each be 40 characters or fewer.")
    if start_year is None or end_year is None:
        problem("Say which years the plan covers: the document's period could not be read as years.")
    elif not (1990 <= start_year <= end_year <= 2100):
        problem("The plan's first year must not come after its last.")
    if update_period is not None and update_period.organisation_id != portfolio.organisation_id:
        problem("The reporting period belongs to another council.")
    with_updates = sum(1 for sub in document.sub_actions if sub.update)
    if include_updates and with_updates and update_period is None:
        problem(
            f"The document has updates for {with_updates} sub-actions but no reporting period was given "
            "for them: choose one, or leave the updates out."
        )
    ambitions = any(priority.ambitions for priority in document.priorities)
    if ambitions and strategy is None:
        problem("The plan lists corporate ambitions: say which corporate strategy they belong to.")
    problems.extend(_document_problems(document))
    return problems


def _document_problems(document: PlanDocument) -> list[Warning]:
    """Values too long or too large for the plan's fields, found before any write."""
    problems: list[Warning] = []

    def check(ok: bool, location: str, message: str) -> None:
        if not ok:
            problems.append(Warning(location or "document", message))

    for part in (*document.priorities, *document.actions, *document.sub_actions):
        held = [field.name for field in fields(part) if _holds_nul(getattr(part, field.name))]
        check(not held, part.location, f"Its {', '.join(held).replace('_', ' ')} {NUL_MESSAGE}.")
    for priority in document.priorities:
        where = priority.location
        check(len(priority.title) <= 300, where, "A priority's title is longer than 300 characters.")
        check(priority.number is None or 0 <= priority.number <= 32767, where, "A priority number is too large.")
        for link in priority.strategic_links:
            check(len(link) <= 300, where, "A strategic link is longer than 300 characters.")
        for action in priority.actions:
            where = action.location
            check(len(action.number or "") <= 10, where, "An action number is longer than 10 characters.")
            check(len(action.number_text) <= 20, where, "An action number as printed is longer than 20 characters.")
            for sub in action.sub_actions:
                where = sub.location
                check(len(sub.letter or "") <= 4, where, "A sub-action letter is longer than 4 characters.")
                check(len(sub.target_date) <= 200, where, "A target date is longer than 200 characters.")
                target = parse_target_date(sub.target_date)
                check(
                    len(target.marker or "") <= 40 and len(target.note or "") <= 200,
                    where,
                    "A target date's note is too long.",
                )
                for lead in sub.leads:
                    check(len(lead) <= 300, where, "A lead role is longer than 300 characters.")
    return problems


def _holds_nul(value: object) -> bool:
    """A NUL character in this text or list of texts (PostgreSQL cannot store one)."""
    if isinstance(value, str):
        return "\x00" in value
    return isinstance(value, list) and any(isinstance(item, str) and "\x00" in item for item in value)


@transaction.atomic
def plan_import_new(
    *,
    document: PlanDocument,
    portfolio: Portfolio,
    slug: str,
    title: str,
    period_label: str,
    start_year: int | None,
    end_year: int | None,
    edition: str = "",
    status: str = Plan.Status.APPROVED,
    update_frequency: str = Plan.UpdateFrequency.QUARTERLY,
    update_period: ReportingPeriod | None = None,
    include_updates: bool = True,
    strategy: CorporateStrategy | None = None,
    author: User | None = None,
    source: str = "",
    update_status: str = Update.Status.SUBMITTED,
) -> Plan:
    """A new plan from the document, all of it or nothing; its update text arrives as submitted.

    Only a published report's own updates (the demo's) may come in as approved (`update_status`).
    """
    if strategy is None:
        strategy = _only_strategy(portfolio)
    problems = new_plan_problems(
        document=document,
        portfolio=portfolio,
        slug=slug,
        title=title,
        period_label=period_label,
        start_year=start_year,
        end_year=end_year,
        edition=edition,
        update_period=update_period,
        include_updates=include_updates,
        strategy=strategy,
    )
    if problems:
        raise PlanImportRejected(problems)
    assert start_year is not None and end_year is not None
    if not include_updates:
        document = copy.deepcopy(document)
        for sub in document.sub_actions:
            sub.update = None
    return plan_create_from_document(
        portfolio=portfolio,
        document=document,
        slug=slug,
        title=title,
        period_label=period_label,
        start_year=start_year,
        end_year=end_year,
        edition=edition,
        status=status,
        update_frequency=update_frequency,
        strategy=strategy,
        update_period=update_period if include_updates else None,
        update_status=update_status,
        update_author=author,
        source=source[:300],
    )


def _only_strategy(portfolio: Portfolio) -> CorporateStrategy | None:
    strategies = list(CorporateStrategy.objects.filter(organisation_id=portfolio.organisation_id)[:2])
    return strategies[0] if len(strategies) == 1 else None


# --- updates for a plan already loaded ------------------------------------------------------------


def updates_problems(*, document: PlanDocument, plan: Plan, period: ReportingPeriod) -> list[Warning]:
    """Everything that would stop the document's updates going into `plan` for `period`."""
    problems: list[Warning] = []
    if period.status != ReportingPeriod.Status.OPEN:
        problems.append(Warning("import options", f"{period.long_label} is not open for updates."))
    if period.organisation_id != plan.portfolio.organisation_id:
        problems.append(Warning("import options", "The reporting period belongs to another council."))
    if not any(sub.update for sub in document.sub_actions):
        problems.append(Warning("whole document", "The document holds no update text to import."))
        return problems
    damaged = [
        Warning(sub.location or "document", f"Its update {NUL_MESSAGE}.")
        for sub in document.sub_actions
        if _holds_nul(sub.update)
    ]
    if damaged:
        return problems + damaged
    _, approved, matching_problems = _matched(document, plan, period)
    problems.extend(matching_problems)
    for location, name in approved:
        problems.append(
            Warning(
                location,
                f"The update for {name} in {period.long_label} is already approved; "
                "an import does not replace an approved update.",
            )
        )
    return problems


def _matched(
    document: PlanDocument, plan: Plan, period: ReportingPeriod
) -> tuple[list[tuple[SubAction, str]], list[tuple[str, str]], list[Warning]]:
    """(sub-action, update text) pairs, already-approved clashes (location, name), and problems."""
    plan_document = plan_as_document(plan=plan, period=None)
    matching = match_updates(document, plan_document)
    by_path = _sub_actions_by_path(plan)
    existing = {
        update.sub_action_id: update for update in Update.objects.filter(period=period, sub_action__in=by_path.values())
    }
    pairs: list[tuple[SubAction, str]] = []
    approved: list[tuple[str, str]] = []
    for match in matching.matches:
        sub_action = by_path[match.plan]
        update = existing.get(sub_action.pk)
        if update is not None and update.status == Update.Status.APPROVED and update.text != match.text:
            approved.append((match.location, str(sub_action).split(" ", 1)[0]))
        pairs.append((sub_action, match.text))
    return pairs, approved, matching.problems


def _sub_actions_by_path(plan: Plan) -> dict[tuple[int, int, int], SubAction]:
    priorities = list(Priority.objects.filter(plan=plan).order_by("position"))
    actions = list(Action.objects.filter(priority__plan=plan).select_related("priority").order_by("position"))
    subs = list(SubAction.objects.filter(action__priority__plan=plan).order_by("position"))
    priority_index = {p.pk: i for i, p in enumerate(priorities)}
    actions_of: dict[int, list[Action]] = {}
    for action in actions:
        actions_of.setdefault(action.priority_id, []).append(action)
    action_path: dict[int, tuple[int, int]] = {}
    for priority_id, listed in actions_of.items():
        for a, action in enumerate(listed):
            action_path[action.pk] = (priority_index[priority_id], a)
    subs_of: dict[int, list[SubAction]] = {}
    for sub in subs:
        subs_of.setdefault(sub.action_id, []).append(sub)
    found: dict[tuple[int, int, int], SubAction] = {}
    for action in actions:
        p, a = action_path[action.pk]
        for s, sub in enumerate(subs_of.get(action.pk, [])):
            sub.action = action
            found[(p, a, s)] = sub
    return found


@transaction.atomic
def plan_import_updates(
    *, document: PlanDocument, plan: Plan, period: ReportingPeriod, author: User | None = None
) -> UpdatesResult:
    """The document's update text as the plan's updates for an open period, matched by action and letter."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    problems = updates_problems(document=document, plan=plan, period=period)
    if problems:
        raise PlanImportRejected(problems)
    pairs, _, _ = _matched(document, plan, period)
    existing = {u.sub_action_id: u for u in Update.objects.select_for_update().filter(period=period)}
    created = replaced = unchanged = 0
    for sub_action, text in pairs:
        update = existing.get(sub_action.pk)
        if update is None:
            Update.objects.create(
                sub_action=sub_action, period=period, text=text, status=Update.Status.SUBMITTED, author=author
            )
            created += 1
        elif update.text == text:
            unchanged += 1
        else:
            update.text = text
            update.status = Update.Status.SUBMITTED
            update.version += 1
            update.author = author
            update.full_clean()
            update.save()
            replaced += 1
    total = SubAction.objects.filter(action__priority__plan=plan).count()
    return UpdatesResult(created, replaced, unchanged, without_update=total - len(pairs))


# --- staged imports from the upload page ---------------------------------------------------------


@transaction.atomic
def plan_import_stage(
    *,
    user: User,
    file_name: str,
    data: bytes,
    mode: str,
    portfolio: Portfolio | None = None,
    plan: Plan | None = None,
    period: ReportingPeriod | None = None,
) -> PlanImport:
    """Read an uploaded file and keep what it holds for the officer to check. Raises PlanImportRejected."""
    try:
        document = read_plan_file(data, file_name)
    except PlanFileError as error:
        raise PlanImportRejected([Warning("the file", str(error))]) from None
    problems: list[Warning] = []
    if mode == PlanImport.Mode.UPDATES:
        if plan is None or period is None:
            raise PlanImportRejected([Warning("import options", "Choose the plan and the open reporting period.")])
        problems = updates_problems(document=document, plan=plan, period=period)
        portfolio = plan.portfolio
    elif not document.priorities:
        problems = [Warning("whole document", "No plan was found in the file.")]
    return PlanImport.objects.create(
        mode=mode,
        file_name=file_name[:255],
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        file_format=document.format,
        document=document.to_dict(),
        problems=[asdict(p) for p in problems],
        portfolio=portfolio,
        plan=plan,
        period=period,
        created_by=user,
    )


@transaction.atomic
def plan_import_confirm_new(
    *,
    plan_import: PlanImport,
    user: User,
    title: str,
    slug: str,
    period_label: str,
    start_year: int | None,
    end_year: int | None,
    edition: str,
    status: str,
    update_period: ReportingPeriod | None,
    include_updates: bool,
) -> Plan:
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    _not_yet_imported(plan_import)
    assert plan_import.portfolio is not None
    document = PlanDocument.from_dict(plan_import.document)
    plan = plan_import_new(
        document=document,
        portfolio=plan_import.portfolio,
        slug=slug,
        title=title,
        period_label=period_label,
        start_year=start_year,
        end_year=end_year,
        edition=edition,
        status=status,
        update_period=update_period,
        include_updates=include_updates,
        author=user,
        source=f"Imported from {plan_import.file_name} by {user} on {timezone.localdate():%d %B %Y}",
    )
    _mark_imported(plan_import, plan, {"sub_actions": len(document.sub_actions)})
    return plan


@transaction.atomic
def plan_import_confirm_updates(*, plan_import: PlanImport, user: User) -> UpdatesResult:
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    _not_yet_imported(plan_import)
    assert plan_import.plan is not None and plan_import.period is not None
    document = PlanDocument.from_dict(plan_import.document)
    result = plan_import_updates(document=document, plan=plan_import.plan, period=plan_import.period, author=user)
    _mark_imported(plan_import, plan_import.plan, asdict(result))
    return result


def _not_yet_imported(plan_import: PlanImport) -> None:
    if plan_import.status == PlanImport.Status.IMPORTED:
        raise PlanImportRejected([Warning("import", "This file has already been imported.")])


def _mark_imported(plan_import: PlanImport, plan: Plan, summary: dict[str, int]) -> None:
    plan_import.status = PlanImport.Status.IMPORTED
    plan_import.imported_at = timezone.now()
    plan_import.result_plan = plan
    plan_import.summary = summary
    plan_import.save()
