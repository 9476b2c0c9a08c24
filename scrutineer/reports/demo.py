"""The demo council's published report cover sheets, from `demo/data/report_cover_sheets.json`."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from scrutineer.core.models import Organisation, Portfolio
from scrutineer.disclosure.models import Publication

from .models import Report
from .services import report_import


def load_reports(*, organisation: Organisation, path: Path) -> list[str]:
    """Load each cover sheet not loaded yet; returns the titles loaded. Safe to run twice."""
    loaded = []
    for spec in json.loads(path.read_text(encoding="utf-8"))["reports"]:
        portfolio = Portfolio.objects.get(organisation=organisation, slug=spec["portfolio"])
        if Report.objects.filter(portfolio=portfolio, kind=spec["kind"], period=spec["period"]).exists():
            continue
        values = dict(spec["cover"])
        values["meeting_date"] = date.fromisoformat(values["meeting_date"]) if values.get("meeting_date") else None
        published = spec.get("published_at")
        report = report_import(
            portfolio=portfolio,
            kind=spec["kind"],
            period=spec["period"],
            values=values,
            status=spec.get("status", Report.Status.DRAFT),
            published_at=datetime.fromisoformat(published) if published else None,
        )
        loaded.append(report.title)
    return loaded


def record_performance_publications(*, organisation: Organisation) -> list[str]:
    """The performance reports loaded as published: record their Part 1 index in the disclosure
    ledger, as publishing them does (`kinds/performance.py`). Safe to run twice."""
    from .kinds.performance import ledger_reference, on_publish

    recorded = []
    published = Report.objects.filter(
        portfolio__organisation=organisation, kind="performance", status=Report.Status.PUBLISHED
    ).select_related("portfolio__organisation")
    for report in published:
        reference = ledger_reference(report)
        if not Publication.objects.filter(organisation=organisation, reference=reference).exists():
            on_publish(report, None)
            recorded.append(f"Disclosure ledger: {reference}")
    return recorded
