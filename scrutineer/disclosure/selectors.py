"""Reads: the council's current policy, and the ledger as the engine's earlier publications."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db.models import Count, Prefetch

from scrutineer.core.models import Organisation
from scrutineer.domain.disclosure import (
    DEFAULT_POLICY,
    Constraint,
    ConstraintKind,
    Policy,
    PriorCell,
    PriorPublication,
    Suppression,
    Symbol,
)

from .models import DisclosurePolicy, LedgerEntry, Publication

KEY_BATCH = 500  # keys per query, well inside every database's parameter limit


def disclosure_policy_current(*, organisation: Organisation) -> DisclosurePolicy | None:
    """The council's latest policy version, or None if it has never set one."""
    return organisation.disclosure_policies.order_by("-version").first()


def policy_for(*, organisation: Organisation) -> Policy:
    """The engine policy Part 1 outputs of this council are built with (the dfe-la default if none is set)."""
    current = disclosure_policy_current(organisation=organisation)
    return DEFAULT_POLICY if current is None else current.as_policy()


def ledger_prior(*, organisation: Organisation, keys: Iterable[str] | None = None) -> tuple[PriorPublication, ...]:
    """Earlier Part 1 publications, oldest first, as the engine reads them (rules 5 and 6).

    With `keys`, only publications that showed at least one of them, each with all its cells and
    sums (an earlier sum needs every figure in it). Two queries, whatever the number of publications.
    """
    publications = Publication.objects.filter(organisation=organisation)
    if keys is not None:
        wanted = sorted(set(keys))
        ids: set[int] = set()
        for start in range(0, len(wanted), KEY_BATCH):
            batch = wanted[start : start + KEY_BATCH]
            ids.update(
                LedgerEntry.objects.filter(publication__organisation=organisation, key__in=batch)
                .values_list("publication_id", flat=True)
                .distinct()
            )
        publications = publications.filter(pk__in=ids)
    publications = publications.order_by("published_at", "id").prefetch_related(
        Prefetch("entries", queryset=LedgerEntry.objects.order_by("id"))
    )
    return tuple(_as_prior(publication) for publication in publications)


def _as_prior(publication: Publication) -> PriorPublication:
    cells = [_prior_cell(entry) for entry in publication.entries.all()]
    sums = [
        Constraint(s["total"], tuple(s["parts"]), ConstraintKind(s.get("kind", ConstraintKind.TOTAL.value)))
        for s in publication.sums
    ]
    return PriorPublication(f"{publication.reference} (version {publication.version})", cells, sums)


def _prior_cell(entry: LedgerEntry) -> PriorCell:
    symbols = {symbol.value: symbol for symbol in Symbol}
    symbol = symbols.get(entry.shown)
    shown_value = None
    if symbol is None:
        try:
            shown_value = Decimal(entry.shown)
        except InvalidOperation:
            shown_value = None
    return PriorCell(
        key=entry.key,
        true_value=Fraction(entry.true_value) if entry.true_value else None,
        shown_value=shown_value,
        symbol=symbol,
        suppression=Suppression(entry.suppression),
        rounding_base=entry.rounding_base,
    )


def publications_of(*, organisation: Organisation, reference: str) -> list[Publication]:
    """Every version of one publication, newest first, with who published it."""
    return list(
        Publication.objects.filter(organisation=organisation, reference=reference)
        .select_related("published_by")
        .annotate(cells=Count("entries"))
        .order_by("-version")
    )
