"""The quarterly update cycle: open a period, write and submit updates, review them.

Every write checks who is asking, that the period is open and that nobody changed the update in
the meantime (optimistic locking on `Update.version`): a stale save is refused with the version
now stored, never applied over it. Each runs in one transaction with its history row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from scrutineer.accounts.permissions import is_performance_officer
from scrutineer.core.models import Organisation, ReportingPeriod
from scrutineer.domain.periods import FinancialQuarter

from .models import DeliveryStatus, SubAction, Update
from .permissions import can_edit_sub_action, can_review

Status = Update.Status


class CycleError(Exception):
    """A step of the cycle that cannot be taken now; the message says why, for a person."""


class EditConflict(CycleError):
    """Someone saved the update after this person opened it. `current` is what is stored now."""

    def __init__(self, current: Update | None) -> None:
        self.current = current
        who = current.author if current is not None else None
        when = timezone.localtime(current.updated_at).strftime("%d %B %Y at %H:%M") if current else ""
        super().__init__(
            f"{who or 'Someone'} changed this update on {when} after you opened it."
            if current
            else "This update was removed after you opened it."
        )


@transaction.atomic
def period_open(
    *, organisation: Organisation, quarter: FinancialQuarter, deadline: date, by: Any, remind_days_before: int = 7
) -> ReportingPeriod:
    """Open a reporting period for updates, e.g. 2020/21 Q4 with its deadline."""
    if not is_performance_officer(by):
        raise PermissionDenied
    period, _ = ReportingPeriod.objects.select_for_update().get_or_create(
        organisation=organisation, year=quarter.start_year, quarter=quarter.quarter
    )
    if period.status == ReportingPeriod.Status.OPEN:
        raise CycleError(f"{period.long_label} is already open.")
    period.status = ReportingPeriod.Status.OPEN
    period.deadline = deadline
    period.remind_days_before = remind_days_before
    period._change_reason = "opened"
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod, by: Any) -> ReportingPeriod:
    if not is_performance_officer(by):
        raise PermissionDenied
    period.status = ReportingPeriod.Status.CLOSED
    period._change_reason = "closed"
    period.save(update_fields=["status"])
    return period


def update_save(
    *,
    sub_action: SubAction,
    period: ReportingPeriod,
    by: Any,
    text: str,
    delivery_status: DeliveryStatus | None,
    expected_version: int,
    submit: bool = False,
) -> Update:
    """Save the update of a sub-action for a period as a draft, or submit it for review.

    `expected_version` is the version the person opened (0 when there was no update yet).
    """
    if not can_edit_sub_action(by, sub_action):
        raise PermissionDenied
    if not period.is_open:
        raise CycleError(f"{period.long_label} is not open for updates.")
    if delivery_status is not None and delivery_status.organisation_id != period.organisation_id:
        raise CycleError("Choose one of the council's delivery statuses.")
    if submit and not text.strip():
        raise CycleError("Write the update before submitting it.")
    try:
        with transaction.atomic():
            return _update_write(sub_action, period, by, text, delivery_status, expected_version, submit)
    except IntegrityError:
        # Two people created the first version at the same moment; the other one won.
        raise EditConflict(Update.objects.filter(sub_action=sub_action, period=period).first()) from None


def _update_write(
    sub_action: SubAction,
    period: ReportingPeriod,
    by: Any,
    text: str,
    delivery_status: DeliveryStatus | None,
    expected_version: int,
    submit: bool,
) -> Update:
    update = Update.objects.select_for_update().filter(sub_action=sub_action, period=period).first()
    if update is None:
        if expected_version != 0:
            raise EditConflict(None)
        update = Update(sub_action=sub_action, period=period, version=0)
    elif update.version != expected_version:
        if _is_repeat(update, by, text, delivery_status, expected_version, submit):
            return update  # the same form posted twice (a double click): already saved
        raise EditConflict(update)
    elif not update.is_editable_by_lead and not is_performance_officer(by):
        raise CycleError(f"This update is {update.get_status_display().lower()}; it cannot be changed now.")
    update.text = text
    update.delivery_status = delivery_status
    update.author = by
    update.version += 1
    if submit:
        update.status, update.submitted_at = Status.SUBMITTED, timezone.now()
    elif update.status not in (Status.SUBMITTED, Status.APPROVED):
        update.status = Status.DRAFT
    update._history_user = by
    update._change_reason = "submitted" if submit else "saved"
    update.save()
    return update


def _is_repeat(
    update: Update, by: Any, text: str, delivery_status: DeliveryStatus | None, expected_version: int, submit: bool
) -> bool:
    return (
        update.version == expected_version + 1
        and update.author_id == getattr(by, "pk", None)
        and update.text == text
        and update.delivery_status_id == getattr(delivery_status, "pk", None)
        and (update.status == Status.SUBMITTED) == submit
    )


@transaction.atomic
def update_approve(*, update: Update, by: Any, expected_version: int) -> Update:
    """Approve a submitted update: from now on it is public and goes into reports."""
    locked = _locked_for_review(update, by, expected_version, allowed={Status.SUBMITTED})
    locked.status = Status.APPROVED
    locked.reviewed_by, locked.reviewed_at, locked.review_comment = by, timezone.now(), ""
    locked.version += 1
    locked._history_user, locked._change_reason = by, "approved"
    locked.save()
    return locked


@transaction.atomic
def update_return(*, update: Update, by: Any, comment: str, expected_version: int) -> Update:
    """Send a submitted (or approved) update back to its lead with a comment saying what to change."""
    if not comment.strip():
        raise CycleError("Say what needs to change before returning the update.")
    locked = _locked_for_review(update, by, expected_version, allowed={Status.SUBMITTED, Status.APPROVED})
    locked.status = Status.RETURNED
    locked.reviewed_by, locked.reviewed_at, locked.review_comment = by, timezone.now(), comment.strip()
    locked.version += 1
    locked._history_user, locked._change_reason = by, "returned"
    locked.save()
    return locked


def _locked_for_review(update: Update, by: Any, expected_version: int, *, allowed: set[str]) -> Update:
    if not can_review(by):
        raise PermissionDenied
    locked = Update.objects.select_for_update().select_related("period").get(pk=update.pk)
    if locked.version != expected_version:
        raise EditConflict(locked)
    if locked.status not in allowed:
        raise CycleError(f"This update is {locked.get_status_display().lower()}; it cannot be reviewed now.")
    if not locked.period.is_open and locked.status != Status.SUBMITTED:
        raise CycleError(f"{locked.period.long_label} is closed.")
    return locked
