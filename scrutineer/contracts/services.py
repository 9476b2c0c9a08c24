"""Writes to the contracts register. Every write goes through here, inside one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from scrutineer.core.models import Organisation, Portfolio
from scrutineer.core.tabular import ImportRejected, RowError, read_table
from scrutineer.domain.periods import Month
from scrutineer.domain.risk_index import ContractFacts, assess

from .models import Contract, PublishedCount, RegisterEntry, ReportingCycle
from .reading import RowInput, read_register
from .selectors import Rules, contract_rules

PUBLISHED_CYCLE = "The {cycle} register is published, so it cannot be replaced. Import into a new cycle."
NO_AS_AT = "A register needs the date its data is as at."


@dataclass
class ImportResult:
    cycle: ReportingCycle
    entries: int
    new_contracts: int
    replaced: int
    portfolios: list[str] = field(default_factory=list)


@transaction.atomic
def register_import(
    *,
    organisation: Organisation,
    month: Month,
    as_at: date,
    source: Path | IO[bytes],
    name: str = "",
    whole_register: bool = False,
    source_prefix: str = "",
) -> ImportResult:
    """Import a cycle's register from a CSV or Excel file: all of it, or nothing.

    Raises ImportRejected listing every problem. A draft cycle's entries for the portfolios in the
    file are replaced; a published cycle is never changed. A row's provenance is its line in the
    file, or `source_prefix` and the file's source_line column when it has one.
    """
    rows = read_register(read_table(source, name=name), portfolios=_portfolio_lookup(organisation))
    cycle = _draft_cycle(organisation, month, as_at, whole_register)
    portfolio_ids = {row.portfolio_id for row in rows}
    _, deleted = RegisterEntry.objects.filter(cycle=cycle, portfolio_id__in=portfolio_ids).delete()
    replaced = deleted.get(RegisterEntry._meta.label, 0)
    contracts, new_contracts = _contracts_for(organisation, [row.contract_id for row in rows])
    rules = contract_rules(organisation=organisation)
    entries = []
    for position, row in enumerate(rows, start=1):
        source = f"{source_prefix}{row.source}" if row.source else f"line {row.line} of {name or 'the file'}"
        entries.append(_entry(cycle, contracts[row.contract_id], row, position, rules, source))
    bulk_create_with_history(entries, RegisterEntry, batch_size=500)
    names = Portfolio.objects.filter(pk__in=portfolio_ids).order_by("name").values_list("name", flat=True)
    return ImportResult(cycle, len(entries), new_contracts, replaced, list(names))


@transaction.atomic
def cycle_publish(*, cycle: ReportingCycle) -> ReportingCycle:
    """Make a cycle's register and summary public."""
    cycle.status = ReportingCycle.Status.PUBLISHED
    cycle.save(update_fields=["status"])
    return cycle


@transaction.atomic
def cycle_record(
    *, organisation: Organisation, month: Month, as_at: date | None = None, note: str = "", published: bool = False
) -> ReportingCycle:
    """The cycle for `month`, created if it is new (a cycle held only as published counts has no as-at date)."""
    status = ReportingCycle.Status.PUBLISHED if published else ReportingCycle.Status.DRAFT
    cycle, _ = ReportingCycle.objects.get_or_create(
        organisation=organisation, month=month.first_day, defaults={"as_at": as_at, "note": note, "status": status}
    )
    return cycle


@dataclass(frozen=True)
class CountInput:
    portfolio: Portfolio | None  # None for the all-portfolios table
    group: str
    category: str
    is_total: bool
    count: int
    label: str
    source: str = ""


@transaction.atomic
def published_counts_record(*, cycle: ReportingCycle, counts: Iterable[CountInput]) -> int:
    """Keep the figures a cycle's summary tables printed, replacing any held for the same rows."""
    created = 0
    for item in counts:
        _, was_created = PublishedCount.objects.update_or_create(
            cycle=cycle,
            portfolio=item.portfolio,
            group=item.group,
            category=item.category,
            is_total=item.is_total,
            defaults={"count": item.count, "label": item.label, "source": item.source},
        )
        created += was_created
    return created


@transaction.atomic
def register_recompute(*, cycle: ReportingCycle) -> int:
    """Work out a draft cycle's procurement statuses and risk indexes again with the council's rules now."""
    if cycle.is_published:
        raise ImportRejected([RowError(0, "", PUBLISHED_CYCLE.format(cycle=cycle.label))])
    rules = contract_rules(organisation=cycle.organisation)
    entries = list(cycle.entries.all())
    for entry in entries:
        _assess_into(entry, cycle.as_at, rules, imported_score=_imported_score(entry))
    fields = ["procurement_status", "risk_score", "risk_colour", "risk_source", "risk_points"]
    bulk_update_with_history(entries, RegisterEntry, fields, batch_size=500)
    return len(entries)


def _portfolio_lookup(organisation: Organisation) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for pk, name, slug in Portfolio.objects.filter(organisation=organisation).values_list("pk", "name", "slug"):
        lookup[name.lower()] = pk
        lookup[slug.lower()] = pk
    return lookup


def _draft_cycle(organisation: Organisation, month: Month, as_at: date, whole_register: bool) -> ReportingCycle:
    cycle = cycle_record(organisation=organisation, month=month, as_at=as_at)
    if cycle.is_published:
        raise ImportRejected([RowError(0, "", PUBLISHED_CYCLE.format(cycle=cycle.label))])
    cycle.as_at, cycle.whole_register = as_at, whole_register
    cycle.save(update_fields=["as_at", "whole_register"])
    return cycle


def _contracts_for(organisation: Organisation, references: list[str]) -> tuple[dict[str, Contract], int]:
    existing = {c.reference: c for c in Contract.objects.filter(organisation=organisation, reference__in=references)}
    new = [Contract(organisation=organisation, reference=ref) for ref in references if ref not in existing]
    Contract.objects.bulk_create(new)
    if new:
        existing = {
            c.reference: c for c in Contract.objects.filter(organisation=organisation, reference__in=references)
        }
    return existing, len(new)


def _entry(
    cycle: ReportingCycle, contract: Contract, row: RowInput, position: int, rules: Rules, source: str
) -> RegisterEntry:
    entry = RegisterEntry(
        cycle=cycle,
        contract=contract,
        portfolio_id=row.portfolio_id,
        owner=row.owner,
        approver=row.approver,
        title=row.title,
        supplier=row.supplier,
        total_value=row.total_value,
        original_annual_value=row.annual_value,
        budget=row.budget,
        projection=row.projection,
        start_date=row.start_date,
        end_date=row.end_date,
        months_duration=row.months_duration,
        attention=row.attention,
        concern=row.concern,
        capital=row.capital,
        printed=row.printed,
        owner_commentary=row.owner_commentary,
        procurement_commentary=row.procurement_commentary,
        position=position,
        source=source[:200],
    )
    _assess_into(entry, cycle.as_at, rules, imported_score=row.risk_score)
    return entry


def _imported_score(entry: RegisterEntry) -> int | None:
    return entry.risk_score if entry.risk_source == RegisterEntry.RiskSource.IMPORTED else None


def _assess_into(entry: RegisterEntry, as_at: date | None, rules: Rules, *, imported_score: int | None) -> None:
    if as_at is None:
        raise ImportRejected([RowError(0, "", NO_AS_AT)])
    entry.procurement_status = rules.matrix.status(
        total_value_pence=entry.total_value, start=entry.start_date, end=entry.end_date, as_at=as_at
    ).value
    if imported_score is not None:
        entry.risk_score, entry.risk_source, entry.risk_points = imported_score, RegisterEntry.RiskSource.IMPORTED, {}
        entry.risk_colour = rules.risk.bands.colour(imported_score).value
        return
    result = assess(_facts(entry, as_at), rules.risk)
    entry.risk_score, entry.risk_colour = result.score, result.colour.value
    entry.risk_source, entry.risk_points = RegisterEntry.RiskSource.COMPUTED, dict(result.points)


def _facts(entry: RegisterEntry, as_at: date) -> ContractFacts:
    return ContractFacts(
        total_value_pence=entry.total_value,
        annual_value_pence=entry.original_annual_value,
        term_months=entry.months_duration,
        supplier=entry.supplier,
        budget_pence=entry.budget,
        projection_pence=entry.projection,
        capital=entry.capital,
        attention=entry.attention,
        concern=entry.concern,
        start=entry.start_date,
        end=entry.end_date,
        as_at=as_at,
    )
