"""Load the demo council from the data files in `data/` (made from the seed documents).

The demo plan is read from the seed text itself by the plan importer (agenda item 7 of the
committee pack, `004_5a7191a0a14e1e5f.txt:686-867`), so the demo proves the importer.
Safe to run twice: what is already there is left alone.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from scrutineer.core.models import CorporateStrategy, Organisation, Portfolio, ReportingPeriod
from scrutineer.domain.periods import FinancialQuarter
from scrutineer.domain.plan_document import PlanDocument
from scrutineer.importers.readers import read_plan_file
from scrutineer.importers.services import plan_import_new
from scrutineer.plans.models import Plan, Update

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@transaction.atomic
def load_demo(*, data_dir: Path = DATA_DIR) -> DemoReport:
    council = json.loads((data_dir / "council.json").read_text(encoding="utf-8"))
    report = DemoReport()
    organisation, _ = Organisation.objects.get_or_create(
        slug=council["organisation"]["slug"], defaults=council["organisation"]
    )
    portfolio, _ = Portfolio.objects.get_or_create(
        organisation=organisation, slug=council["portfolio"]["slug"], defaults=council["portfolio"]
    )
    strategy, _ = CorporateStrategy.objects.get_or_create(
        organisation=organisation, name=council["strategy"]["name"], defaults=council["strategy"]
    )
    periods = {spec["period"]: _period(organisation, spec) for spec in council["periods"]}
    for spec in council["plans"]:
        _plan(portfolio, strategy, periods, spec, data_dir, report)
    return report


def _period(organisation: Organisation, spec: dict[str, Any]) -> ReportingPeriod:
    quarter = FinancialQuarter.parse(spec["period"])
    period, _ = ReportingPeriod.objects.get_or_create(
        organisation=organisation,
        year=quarter.start_year,
        quarter=quarter.quarter,
        defaults={"status": spec["status"], "deadline": date.fromisoformat(spec["deadline"])},
    )
    return period


@functools.cache
def _read_once(path: Path, modified: float, size: int) -> PlanDocument:
    return read_plan_file(path.read_bytes(), path.name)


def _read_plan(path: Path) -> PlanDocument:
    """The plan in a seed document, read by the importer (once per process: the test suite loads it often)."""
    status = path.stat()
    return copy.deepcopy(_read_once(path, status.st_mtime, status.st_size))


def _plan(
    portfolio: Portfolio,
    strategy: CorporateStrategy,
    periods: dict[str, ReportingPeriod],
    spec: dict[str, Any],
    data_dir: Path,
    report: DemoReport,
) -> None:
    if Plan.objects.filter(portfolio=portfolio, slug=spec["slug"]).exists():
        report.kept.append(spec["title"])
        return
    document = _read_plan(data_dir / spec["file"])
    plan_import_new(
        portfolio=portfolio,
        document=document,
        slug=spec["slug"],
        title=spec["title"],
        period_label=spec["period_label"],
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        edition=spec.get("edition", ""),
        status=spec["status"],
        update_frequency=spec["update_frequency"],
        strategy=strategy,
        update_period=periods.get(spec.get("update_period", "")),
        update_status=Update.Status.APPROVED,  # a published report's updates were approved before publication
        source=spec.get("source", ""),
    )
    report.created.append(spec["title"])
