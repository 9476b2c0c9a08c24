"""Writes: a new version of a council's policy, and a Part 1 publication into the ledger.

What counts as publishing (docs/adr/0004-what-publishes-part-1.md): a performance officer's
"Publish the Part 1 index" for a month, and publishing a Part 1 report that prints the index. Each
writes one `Publication`, with a ledger row per public cell. A page view, a download or an export
writes nothing: they show the Part 1 index as it stands, built against the ledger.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from scrutineer.accounts.models import User
from scrutineer.core.models import Organisation, Portfolio
from scrutineer.domain.disclosure import (
    CellKind,
    Disclosure,
    Policy,
    PolicyError,
    Preset,
    Table,
    TableError,
    split_cell_key,
    true_value,
)
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month
from scrutineer.indicators.selectors import performance_index

from .models import DisclosurePolicy, LedgerEntry, Publication
from .performance_index import Problem, index_disclosure, publication_problems
from .selectors import disclosure_policy_current

POLICY_MISMATCH = "The publication was built with {built}, not with the policy given ({given})."
KEYS_MISMATCH = "The disclosure does not match the table: {keys}."


@transaction.atomic
def disclosure_policy_set(
    *,
    organisation: Organisation,
    preset: Preset | str = Preset.DFE_LA,
    threshold: int | None = None,
    zeros_are_disclosive: bool = False,
    changed_by: User | None = None,
    reason: str = "",
) -> DisclosurePolicy:
    """Make the council's next policy version; earlier versions stay, as publications name them."""
    try:
        policy = Policy.for_preset(preset, threshold=threshold, zeros_are_disclosive=zeros_are_disclosive)
    except (PolicyError, ValueError) as error:
        raise ValidationError(str(error)) from error
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one new version at a time
    latest = organisation.disclosure_policies.aggregate(latest=Max("version"))["latest"] or 0
    record = DisclosurePolicy(
        organisation=organisation,
        version=latest + 1,
        preset=policy.preset.value,
        threshold=policy.threshold,
        zeros_are_disclosive=policy.zeros_are_disclosive,
        reason=reason,
        created_by=changed_by,
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def publication_record(
    *,
    organisation: Organisation,
    reference: str,
    table: Table,
    disclosure: Disclosure,
    policy: DisclosurePolicy | None = None,
    title: str = "",
    published_by: User | None = None,
) -> Publication:
    """Record a Part 1 publication: one ledger row per public cell, the policy and the sums shown.

    Publishing the same reference again makes a new version; the earlier one stays (disclosure.md 2.5).
    """
    _check_matches(table, disclosure, policy)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    previous = Publication.objects.filter(organisation=organisation, reference=reference).aggregate(v=Max("version"))
    built = disclosure.policy
    publication = Publication.objects.create(
        organisation=organisation,
        reference=reference,
        version=(previous["v"] or 0) + 1,
        title=title,
        published_by=published_by,
        policy=policy,
        policy_version=built.version,
        preset=built.preset.value,
        threshold=built.threshold,
        zeros_are_disclosive=built.zeros_are_disclosive,
        sums=[{"total": c.total, "parts": list(c.parts), "kind": c.kind.value} for c in table.constraints],
        legend=disclosure.legend,
        warnings=list(disclosure.warnings),
    )
    LedgerEntry.objects.bulk_create(_entries(publication, table, disclosure))
    return publication


def _check_matches(table: Table, disclosure: Disclosure, policy: DisclosurePolicy | None) -> None:
    if policy is not None and policy.as_policy() != disclosure.policy:
        raise ValidationError(
            POLICY_MISMATCH.format(built=disclosure.policy.description, given=policy.as_policy().description)
        )
    keys = {cell.key for cell in table.cells}
    if keys != set(disclosure):
        raise ValidationError(KEYS_MISMATCH.format(keys=", ".join(sorted(keys ^ set(disclosure))[:10])))


def _entries(publication: Publication, table: Table, disclosure: Disclosure) -> list[LedgerEntry]:
    entries = []
    for cell in table.cells:
        if cell.kind is CellKind.TEXT:
            continue  # words (a RAG rating) are not figures anyone could work back to
        shown = disclosure[cell.key]
        subject, period, position = split_cell_key(cell.key)
        value = true_value(cell)
        entries.append(
            LedgerEntry(
                publication=publication,
                key=cell.key,
                subject=subject[:100],
                period=period,
                position=position,
                true_value="" if value is None else str(value),
                shown=shown.text,
                suppression=shown.suppression.value,
                rounding_base=shown.rounding_base,
                preset=shown.policy.preset.value,
                threshold=shown.policy.threshold,
                reasons="; ".join(shown.reasons),
            )
        )
    return entries


class PublicationBlocked(Exception):
    """Something must be put right before the Part 1 index is published; `problems` lists it all."""

    def __init__(self, problems: list[Problem]) -> None:
        count = len(problems)
        super().__init__(f"{count} thing{'s' if count != 1 else ''} to put right before publishing.")
        self.problems = problems


def index_reference(portfolio: Portfolio, as_at: Month) -> str:
    """How the ledger names the Part 1 index of a month, published on its own."""
    return f"Performance index {portfolio.slug} {as_at.slug}"


@transaction.atomic
def performance_index_publish(
    *,
    portfolio: Portfolio,
    as_at: Month,
    reference: str = "",
    title: str = "",
    published_by: User | None = None,
) -> Publication:
    """Publish the Part 1 index as at `as_at`: record what Part 1 shows of every cell in the ledger,
    so later months cannot difference this one (`../shared/disclosure.md` 2.3 rule 6, 2.5).

    Raises PublicationBlocked (nothing written) while a blocking problem remains. Publishing the
    same reference again makes a new version; both stay in the ledger.
    """
    view = performance_index(portfolio=portfolio, as_at=as_at, part=Part.TWO)
    blocking = [problem for problem in publication_problems(view) if problem.blocking]
    if blocking:
        raise PublicationBlocked(blocking)
    try:
        found = index_disclosure(view)
    except TableError as error:
        raise PublicationBlocked([Problem("", f"The disclosure check cannot read the index: {error}")]) from error
    organisation = portfolio.organisation
    return publication_record(
        organisation=organisation,
        reference=reference or index_reference(portfolio, as_at),
        table=found.table,
        disclosure=found.disclosure,
        policy=disclosure_policy_current(organisation=organisation),
        title=title or f"{view.title}, as at {as_at.label} (Part 1)",
        published_by=published_by,
    )
