"""Writes to the performance index. Every write goes through here, inside one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from scrutineer.accounts.models import User
from scrutineer.core.models import Portfolio
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import Month, Period, PeriodError, parse_period
from scrutineer.domain.printed_values import PrintedValue, PrintedValueError, ValueState, parse_value
from scrutineer.domain.rag import Rating

from .models import (
    Benchmark,
    Indicator,
    ManagementCommentary,
    PerformanceIndex,
    RagOverride,
)

REASON_NEEDED = "Give the reason for setting the rating by hand."
COMMENTARY_NEEDED = "Enter the management commentary."


class ValueProblem(ValueError):
    """A value that cannot be held for this indicator; the message says why, for a person."""


@dataclass(frozen=True)
class CellFigure:
    """One stored figure of a cell: a split cell gives one per split label."""

    split: str
    text: str
    state: ValueState
    number: Decimal | None
    rate: Decimal | None


def cell_figures(indicator: Indicator, text: str, *, split: str = "", benchmark: bool = False) -> list[CellFigure]:
    """The figures a printed cell holds for `indicator`, checked against its unit and splits.

    Raises ValueProblem. A benchmark may be a rate where the indicator counts ("Rate: 0.02").
    """
    try:
        printed = parse_value(text)
    except PrintedValueError as error:
        raise ValueProblem(str(error)) from None
    split = split.strip().lower()
    labels = indicator.split_labels
    if split and split not in labels:
        raise ValueProblem(f"Indicator {indicator.number} has no split {split!r}.")
    if printed.parts:
        return _split_figures(indicator, printed, labels, split)
    if printed.state is ValueState.VALUE:
        _check_unit(indicator, printed, benchmark=benchmark)
        if labels and not split and not benchmark:
            raise ValueProblem(
                f"Indicator {indicator.number} is split into {', '.join(labels)}: "
                f'write every part ("100% (initial) 99% (review)") or give the split.'
            )
    return [CellFigure(split, printed.text, printed.state, printed.number, printed.rate)]


def _split_figures(indicator: Indicator, printed: PrintedValue, labels: list[str], split: str) -> list[CellFigure]:
    found = [part.label for part in printed.parts]
    if split or sorted(found) != sorted(labels):
        expected = ", ".join(labels) if labels else "no splits"
        raise ValueProblem(f"Indicator {indicator.number} has {expected}; this value has {', '.join(found)}.")
    figures = []
    for part in printed.parts:
        _check_unit(indicator, PrintedValue(part.text, ValueState.VALUE, part.number, part.percent))
        figures.append(CellFigure(part.label, part.text, ValueState.VALUE, part.number, None))
    return figures


def _check_unit(indicator: Indicator, printed: PrintedValue, *, benchmark: bool = False) -> None:
    if printed.number is None:
        if printed.rate is not None and benchmark:
            return
        raise ValueProblem(f"{printed.text!r} gives no figure for indicator {indicator.number}.")
    if indicator.is_percentage and not printed.percent:
        raise ValueProblem(
            f"Indicator {indicator.number} is a percentage: write it with its % sign, e.g. 86%. "
            f"({printed.text!r} could mean {printed.text}% or {printed.number * 100}%.)"
        )
    if printed.percent and not indicator.is_percentage:
        raise ValueProblem(f"Indicator {indicator.number} is a {indicator.get_unit_display().lower()}, not a %.")


def benchmark_fields(indicator: Indicator, text: str, period: Period | None = None) -> dict[str, Any]:
    """A benchmark's fields from its printed cell ("42% 2015/16"): its period from the cell, else
    `period`. Raises ValueProblem."""
    figure = cell_figures(indicator, text, benchmark=True)[0]
    printed_period = parse_value(text).period_text
    if printed_period:
        try:
            period = parse_period(printed_period, indicator.basis)
        except PeriodError as error:
            raise ValueProblem(str(error)) from None
    return {
        "period": period.slug if period else "",
        "period_label": period.label if period else "",
        "period_start": period.start if period else None,
        "text": figure.text,
        "state": figure.state,
        "number": figure.number,
        "rate": figure.rate,
    }


@transaction.atomic
def benchmark_set(
    *, indicator: Indicator, comparator: str, text: str, period: Period | None = None, source: str = ""
) -> Benchmark:
    """Set a comparator's figure (England, London, ...) from its printed cell."""
    fields = benchmark_fields(indicator, text, period)
    benchmark, _ = Benchmark.objects.update_or_create(
        indicator=indicator,
        comparator=comparator,
        period=fields.pop("period"),
        defaults={**fields, "source": source},
    )
    return benchmark


@transaction.atomic
def performance_index_save(
    *, portfolio: Portfolio, as_at: Month, title: str, report_number: str = "", source: str = ""
) -> PerformanceIndex:
    index, _ = PerformanceIndex.objects.update_or_create(
        portfolio=portfolio,
        as_at=as_at.first_day,
        defaults={"title": title, "report_number": report_number, "source": source},
    )
    return index


@transaction.atomic
def rag_override_set(
    *,
    indicator: Indicator,
    as_at: Month,
    rating: Rating | None,
    reason: str,
    printed_text: str = "",
    by: User | None = None,
) -> RagOverride:
    """Set the rating in force by hand; `rating` None means no rating. A reason is required."""
    if not reason.strip():
        raise ValueProblem(REASON_NEEDED)
    override, _ = RagOverride.objects.update_or_create(
        indicator=indicator,
        as_at=as_at.first_day,
        defaults={
            "rating": rating.value if rating else "",
            "reason": reason.strip(),
            "printed_text": printed_text,
            "set_by": by,
        },
    )
    return override


@transaction.atomic
def rag_override_clear(*, indicator: Indicator, as_at: Month) -> None:
    for override in RagOverride.objects.filter(indicator=indicator, as_at=as_at.first_day):
        override.delete()


@transaction.atomic
def commentary_save(
    *,
    indicator: Indicator,
    as_at: Month,
    part: Part,
    text: str,
    paragraph: str = "",
    rating_text: str = "",
    source: str = "",
    by: User | None = None,
) -> ManagementCommentary:
    """Write the management commentary on `indicator` for the index as at `as_at`."""
    if not text.strip():
        raise ValueProblem(COMMENTARY_NEEDED)
    commentary = ManagementCommentary.objects.filter(indicator=indicator, as_at=as_at.first_day).first()
    commentary = commentary or ManagementCommentary(indicator=indicator, as_at=as_at.first_day)
    commentary.part, commentary.text, commentary.paragraph = Part(part), text.strip(), paragraph.strip()
    commentary.rating_text, commentary.source, commentary.written_by = rating_text, source, by
    if by is not None:
        commentary._history_user = by  # type: ignore[attr-defined]
    commentary.full_clean()
    commentary.save()
    return commentary
