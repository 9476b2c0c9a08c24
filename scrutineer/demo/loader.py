"""Load the demo council from the data files in `data/` (made from the seed documents).

Safe to run twice: what is already there is left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from scrutineer.core.models import CorporateStrategy, Organisation, Portfolio, ReportingPeriod
from scrutineer.domain.periods import FinancialQuarter
from scrutineer.domain.plan_document import PlanDocument
from scrutineer.indicators.demo import load_performance_index
from scrutineer.plans.models import Plan
from scrutineer.plans.services import plan_create_from_document

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
    for spec_file in council.get("performance_indexes", []):
        title = load_performance_index(portfolio=portfolio, data_dir=data_dir, spec_file=spec_file)
        (report.created if title else report.kept).append(title or f"Performance index ({spec_file})")
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
    document = PlanDocument.from_fixture(json.loads((data_dir / spec["file"]).read_text(encoding="utf-8")))
    plan_create_from_document(
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
        source=spec.get("source", ""),
    )
    report.created.append(spec["title"])
