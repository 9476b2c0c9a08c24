"""Writes: a new version of a council's policy, and a Part 1 publication into the ledger."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from scrutineer.accounts.models import User
from scrutineer.core.models import Organisation
from scrutineer.domain.disclosure import (
    CellKind,
    Disclosure,
    Policy,
    PolicyError,
    Preset,
    Table,
    split_cell_key,
    true_value,
)

from .models import DisclosurePolicy, LedgerEntry, Publication

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
