"""Writes to reports: the cover sheet, publication and withdrawal. Each in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from scrutineer.accounts.models import User
from scrutineer.core.models import Portfolio
from scrutineer.domain.cover_sheets import Gap

from .checks import blocking, report_gaps
from .models import Report
from .registry import ReportKind


class ReportChanged(Exception):
    """Someone else saved the cover sheet since it was opened; nothing was written."""

    def __init__(self, current: Report) -> None:
        super().__init__("This cover sheet was changed by someone else while you were editing it.")
        self.current = current


class ReportIncomplete(Exception):
    """The report has gaps that stop publication; `gaps` lists them all."""

    def __init__(self, gaps: list[Gap]) -> None:
        super().__init__(f"{len(gaps)} thing{'s' if len(gaps) != 1 else ''} to fix before publication.")
        self.gaps = gaps


@transaction.atomic
def report_cover_save(*, report: Report, values: dict[str, Any], user: User, expected_version: int | None) -> Report:
    """Save the cover sheet (creating the report on first save).

    A published report goes back to draft: what the committee was sent must be published again
    on purpose. `expected_version` is the version the form was opened at.
    """
    if report.pk is None:
        started = Report.objects.filter(portfolio=report.portfolio, kind=report.kind, period=report.period).first()
        if started is not None:  # someone else started it since the form was opened
            raise ReportChanged(started)
    else:
        current = Report.objects.select_for_update().get(pk=report.pk)
        if expected_version is not None and current.version != expected_version:
            raise ReportChanged(current)
        report.version = current.version + 1
    for name, value in values.items():
        setattr(report, name, value)
    reason = "cover sheet saved"
    if report.status == Report.Status.PUBLISHED:
        report.status, report.published_at, report.published_by = Report.Status.DRAFT, None, None
        reason = "cover sheet changed after publication: back to draft"
    report._history_user, report._change_reason = user, reason  # type: ignore[attr-defined]
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_publish(*, report: Report, kind: ReportKind, user: User) -> Report:
    """Publish both parts, unless something blocks it (`ReportIncomplete` lists everything), and
    do what else the kind does on publication (`ReportKind.on_publish`)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    gaps = blocking(report_gaps(report, kind))
    if gaps:
        raise ReportIncomplete(gaps)
    report.status, report.published_at, report.published_by = Report.Status.PUBLISHED, timezone.now(), user
    report._history_user, report._change_reason = user, "published"  # type: ignore[attr-defined]
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    kind.on_publish(report, user)  # in the same transaction: if it fails, nothing is published
    return report


@transaction.atomic
def report_withdraw(*, report: Report, user: User) -> Report:
    """Take a published report back to draft, so it can be corrected."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.status, report.published_at, report.published_by = Report.Status.DRAFT, None, None
    report._history_user, report._change_reason = user, "withdrawn"  # type: ignore[attr-defined]
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return report


@transaction.atomic
def report_import(
    *,
    portfolio: Portfolio,
    kind: str,
    period: str,
    values: dict[str, Any],
    status: str = Report.Status.DRAFT,
    published_at: datetime | None = None,
) -> Report:
    """Record a report the council has already issued, its cover sheet as printed.

    No publication check: a published document is a fact, gaps and all (they are listed on the
    reports page, so they can be put right next time).
    """
    report = Report(portfolio=portfolio, kind=kind, period=period, status=status, published_at=published_at, **values)
    report._change_reason = "imported as printed"  # type: ignore[attr-defined]
    report.full_clean()
    report.save()
    return report
