"""The demo council's contracts register, from `scrutineer/demo/data/contracts.json` and its fixtures.

February 2021's register extract (data as at 21 January 2021) is imported as a council would import
it; September and November 2020 are kept as the counts the report published, so the three-cycle
summary is complete. Safe to run twice.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from django.db import transaction

from scrutineer.core.models import Organisation, Portfolio
from scrutineer.domain.periods import Month

from .models import PublishedCount
from .services import CountInput, cycle_publish, cycle_record, published_counts_record, register_import

G = PublishedCount.Group
# The fixture's printed group labels, in the words of the two summary tables.
GROUPS = {
    "Total Contracts": G.CONTRACTS,
    "Contracts (>£50k TCV)": G.CONTRACTS,
    "Concern Flag": G.CONCERN,
    "Flagged as a concern": G.CONCERN,
    "Capital Contracts": G.CAPITAL,
    "Portfolio": G.PORTFOLIO,
    "Risk Index": G.RISK_INDEX,
    "Procurement Status": G.PROCUREMENT_STATUS,
}
COLOUR_GROUPS = {G.RISK_INDEX, G.PROCUREMENT_STATUS}


@transaction.atomic
def load_contracts(*, organisation: Organisation, data_dir: Path) -> list[str]:
    """Load the demo register; returns what was loaded, for the loader's report."""
    spec = json.loads((data_dir / "contracts.json").read_text(encoding="utf-8"))
    loaded = []
    cycles = {}
    for item in spec["cycles"]:
        month = Month.parse(item["month"])
        as_at = date.fromisoformat(item["as_at"]) if item.get("as_at") else None
        cycle = cycle_record(organisation=organisation, month=month, as_at=as_at, note=item["note"])
        cycles[item["month"]] = cycle
        if item.get("register") and not cycle.entries.exists():
            path = data_dir / item["register"]
            with path.open("rb") as source:
                result = register_import(
                    organisation=organisation,
                    month=month,
                    as_at=as_at,
                    source=source,
                    name=path.name,
                    source_prefix=spec["source_prefix"],
                )
            loaded.append(f"Contracts register {cycle.label}: {result.entries} contracts")
        if not cycle.is_published:
            cycle_publish(cycle=cycle)
    portfolios = {p.name: p for p in Portfolio.objects.filter(organisation=organisation)}
    for month, counts in _published_counts(data_dir / spec["summary"], spec, portfolios).items():
        published_counts_record(cycle=cycles[month], counts=counts)
    return loaded


def _published_counts(path: Path, spec: dict, portfolios: dict[str, Portfolio]) -> dict[str, list[CountInput]]:
    found: dict[str, list[CountInput]] = {month: [] for month in spec["summary_columns"].values()}
    for row in _rows(path):
        group = GROUPS[row["group"]]
        is_total = row["is_total"] == "yes"
        category = "" if is_total else _category(group, row["category"])
        portfolio = None if row["scope"] == "All portfolios" else portfolios[row["scope"]]
        label = row["row_label"] if is_total else f"{row['row_label']} {row['category']}".strip()
        for column, month in spec["summary_columns"].items():
            if row[column].strip():
                found[month].append(
                    CountInput(
                        portfolio=portfolio,
                        group=group,
                        category=category,
                        is_total=is_total,
                        count=int(row[column]),
                        label=label,
                        source=f"{spec['source_prefix']}{row['source_line']}",
                    )
                )
    return found


def _category(group: str, printed: str) -> str:
    if group in COLOUR_GROUPS:
        return printed.lower()
    return printed if group == G.PORTFOLIO else ""


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        yield from csv.DictReader(stream)
