"""Reads: the council's current policy, and the ledger as the engine's earlier publications."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db.models import Count

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
    sums (an earlier sum needs every figure in it). A fixed handful of queries, whatever the number
    of publications; entries are read as plain values (hundreds a publication).
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
    publications = list(publications.order_by("published_at", "id"))
    cells: dict[int, list[PriorCell]] = {publication.pk: [] for publication in publications}
    entries = (
        LedgerEntry.objects.filter(publication_id__in=list(cells))
        .order_by("id")
        .values_list("publication_id", "key", "true_value", "shown", "suppression", "rounding_base")
    )
    for publication_id, *fields in entries.iterator(chunk_size=2000):
        cells[publication_id].append(_prior_cell(*fields))
    return tuple(_as_prior(publication, cells[publication.pk]) for publication in publications)


def _as_prior(publication: Publication, cells: list[PriorCell]) -> PriorPublication:
    sums = [
        Constraint(s["total"], tuple(s["parts"]), ConstraintKind(s.get("kind", ConstraintKind.TOTAL.value)))
        for s in publication.sums
    ]
    return PriorPublication(f"{publication.reference} (version {publication.version})", cells, sums)


SYMBOLS = {symbol.value: symbol for symbol in Symbol}


def _prior_cell(key: str, true_value: str, shown: str, suppression: str, rounding_base: int) -> PriorCell:
    symbol = SYMBOLS.get(shown)
    shown_value = None
    if symbol is None:
        try:
            shown_value = Decimal(shown)
        except InvalidOperation:
            shown_value = None
    return PriorCell(
        key=key,
        true_value=Fraction(true_value) if true_value else None,
        shown_value=shown_value,
        symbol=symbol,
        suppression=Suppression(suppression),
        rounding_base=rounding_base,
    )


def index_publications(*, organisation: Organisation, month: str) -> list[Publication]:
    """Every publication of the Part 1 index as at `month` ("2020-12"), on its own or in a report,
    newest first. Their references end with the month (`services.index_reference`, the reports')."""
    return list(
        Publication.objects.filter(organisation=organisation, reference__endswith=f" {month}")
        .select_related("published_by")
        .annotate(cells=Count("entries"))
        .order_by("-published_at", "-id")
    )
