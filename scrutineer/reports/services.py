"""Writes to reports: the cover sheet, publication (with its stored files) and withdrawal. Each in one transaction."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from scrutineer.accounts.models import User
from scrutineer.core.models import Portfolio
from scrutineer.domain.cover_sheets import Gap
from scrutineer.domain.parts import Part

from .checks import blocking, report_gaps
from .models import PublishedArtefact, Report, ReportPublication
from .registry import ReportKind, ReportUnavailable
from .renderers import Format, render_document


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
        report.publication = None  # kept in the ledger, no longer served
        reason = "cover sheet changed after publication: back to draft"
    report._history_user, report._change_reason = user, reason  # type: ignore[attr-defined]
    report.full_clean()
    report.save()
    return report


def report_publish(*, report: Report, kind: ReportKind, user: User) -> Report:
    """Publish both parts, unless something blocks it (`ReportIncomplete` lists everything), and
    do what else the kind does on publication (`ReportKind.on_publish`).

    Publishing draws both parts in every format and stores the six files as version n + 1 of the
    report (`ReportPublication`): from then on downloads serve those files, not a fresh drawing
    (check C4). Drawing takes seconds (the PDFs most of it), so it happens before the write
    transaction: on SQLite a transaction holds the whole database's write lock from its start. The
    cover sheet is checked again inside it: if someone saved it meanwhile, `ReportChanged` and
    nothing is published. Publishing a report that is already published changes nothing.
    """
    current = Report.objects.select_related("portfolio__organisation").get(pk=report.pk)
    if current.is_published:
        return current
    gaps = blocking(report_gaps(current, kind))
    if gaps:
        raise ReportIncomplete(gaps)
    current.status, current.published_at, current.published_by = Report.Status.PUBLISHED, timezone.now(), user
    drawn = _draw(current, kind)  # as published: no DRAFT mark
    return _publish(current, kind, user, drawn)


@transaction.atomic
def _publish(drawn_from: Report, kind: ReportKind, user: User, drawn: _Drawn) -> Report:
    report = Report.objects.select_for_update().get(pk=drawn_from.pk)
    if report.is_published:  # published by someone else while this was drawn: theirs stands
        return report
    if report.version != drawn_from.version:
        raise ReportChanged(report)
    report.status, report.published_at, report.published_by = Report.Status.PUBLISHED, drawn_from.published_at, user
    report.publication = _store(report, drawn, published_by=user)
    report._history_user, report._change_reason = user, "published"  # type: ignore[attr-defined]
    report.save(update_fields=["status", "published_at", "published_by", "publication", "updated_at"])
    kind.on_publish(report, user)  # in the same transaction: if it fails, nothing is published
    return report


def report_publication_store(*, report: Report, kind: ReportKind) -> ReportPublication:
    """Store the files of a report recorded as already published (imported as issued, or published
    before files were kept), drawn from the data as it is now; its next publication is the next
    version. Refused (`ValueError`) for a draft, and for a report whose files are stored already."""
    current = Report.objects.select_related("portfolio__organisation").get(pk=report.pk)
    if not current.is_published or current.publication_id is not None:
        raise ValueError(f"{current} is {'stored already' if current.is_published else 'not published'}.")
    return _store_published(current, _draw(current, kind))


@transaction.atomic
def _store_published(drawn_from: Report, drawn: _Drawn) -> ReportPublication:
    report = Report.objects.select_for_update().get(pk=drawn_from.pk)
    if (report.status, report.published_at, report.version, report.publication_id) != (
        drawn_from.status,
        drawn_from.published_at,
        drawn_from.version,
        None,
    ):
        raise ReportChanged(report)
    report.publication = _store(report, drawn, published_by=None, note="stored after it was published")
    report._change_reason = "published files stored"  # type: ignore[attr-defined]
    report.save(update_fields=["publication"])
    return report.publication


@transaction.atomic
def report_withdraw(*, report: Report, user: User) -> Report:
    """Take a published report back to draft, so it can be corrected. Its stored files are kept
    (the ledger of what was published), but no longer served."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.status, report.published_at, report.published_by = Report.Status.DRAFT, None, None
    report.publication = None
    report._history_user, report._change_reason = user, "withdrawn"  # type: ignore[attr-defined]
    report.save(update_fields=["status", "published_at", "published_by", "publication", "updated_at"])
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


@dataclass(frozen=True)
class _Drawn:
    files: dict[tuple[Part, Format], bytes]
    seconds: float


def _draw(report: Report, kind: ReportKind) -> _Drawn:
    """Both parts in every format, as `report` stands (its status decides the DRAFT mark)."""
    started = time.perf_counter()
    files = {}
    for part in Part:
        try:
            document = kind.build(report, part)
        except ReportUnavailable as error:
            raise ReportIncomplete([Gap("period", str(error))]) from None
        for format in Format:
            files[(part, format)] = render_document(document, format).content
    return _Drawn(files, time.perf_counter() - started)


def _store(report: Report, drawn: _Drawn, *, published_by: User | None, note: str = "") -> ReportPublication:
    latest = ReportPublication.objects.filter(report=report).order_by("-number").first()
    publication = ReportPublication.objects.create(
        report=report,
        number=(latest.number + 1) if latest else 1,
        published_at=report.published_at or timezone.now(),
        published_by=published_by,
        cover_version=report.version,
        report_number=report.report_number,
        title=report.title,
        note=note,
        render_seconds=Decimal(f"{drawn.seconds:.2f}"),
    )
    PublishedArtefact.objects.bulk_create(
        PublishedArtefact(
            publication=publication,
            part=part.value,
            format=format.value,
            media_type=format.media_type,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        for (part, format), content in drawn.files.items()
    )
    return publication
