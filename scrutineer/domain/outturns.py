"""The latest value and the year to date of an indicator, from its values in the year so far.

How the index forms its "Year to Date" column differs by indicator (`../shared/domain.md` 2.11):
a sum of the months (1.1: 55 + 79 + ... + 101 = 715, `004_5a7191a0a14e1e5f.txt:4113`), the
latest value of a measure that is already cumulative (10, "Year to Date" in its name), the value
as at the period end (caseloads, children looked after), an average, or a figure reported in its
own right that the months cannot give (35.1: 62% over 2020, `004_5a7191a0a14e1e5f.txt:4161`).

A value suppressed at source hides a real figure: anything formed from it is withheld too, never
formed from the remaining months as if the hidden one were not there. A month simply without a
figure ("Not Available") leaves a sum incomplete, so there is no year to date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from scrutineer.domain.printed_values import ValueState


class YtdMethod(StrEnum):
    SUM = "sum"
    LATEST = "latest"
    AVERAGE = "average"
    AS_AT = "as_at"
    REPORTED = "reported"

    @property
    def label(self) -> str:
        return {
            YtdMethod.SUM: "Sum of the months",
            YtdMethod.LATEST: "Latest value (the measure is cumulative)",
            YtdMethod.AVERAGE: "Average of the values",
            YtdMethod.AS_AT: "Value as at the end of the period",
            YtdMethod.REPORTED: "Reported in its own right",
        }[self]


@dataclass(frozen=True)
class Entry:
    """One period's value of an indicator: the day its period ends, its state and its figure.

    Periods are ordered by their end, so a quarter's value counts as of its last month.
    """

    end: date
    state: ValueState
    number: Decimal | None = None


@dataclass(frozen=True)
class Outturn:
    """A figure formed from entries; `withheld` when a suppressed entry hides what it would be.

    `sources` are the ends of the periods of the entries it was formed from: a sum's parts, or
    the one entry a latest value is.
    """

    number: Decimal | None
    withheld: bool = False
    sources: tuple[date, ...] = ()


NOTHING = Outturn(None)


def latest(entries: Sequence[Entry]) -> Outturn:
    """The most recent figure. A later suppressed entry withholds it: a newer figure exists.

    A later "Not Available" or "Data Not Published" does not: there is no newer figure, so the
    latest one stands (17: 28 weeks in June, then "Data Not Published", `004_...:4131`).
    """
    for entry in sorted(entries, key=lambda e: e.end, reverse=True):
        if entry.state is ValueState.SUPPRESSED:
            return Outturn(None, withheld=True, sources=(entry.end,))
        if entry.number is not None:
            return Outturn(entry.number, sources=(entry.end,))
    return NOTHING


def as_at(entries: Sequence[Entry], *, period_end: date) -> Outturn:
    """The figure of the period ending on `period_end` itself, if there is one."""
    for entry in entries:
        if entry.end == period_end:
            if entry.state is ValueState.SUPPRESSED:
                return Outturn(None, withheld=True, sources=(entry.end,))
            return Outturn(entry.number, sources=(entry.end,)) if entry.number is not None else NOTHING
    return NOTHING


def year_to_date(entries: Sequence[Entry], method: YtdMethod, *, period_end: date) -> Outturn:
    """The year to date by `method`, from the entries of the year up to the period ending `period_end`.

    REPORTED gives nothing: the figure comes from the year's own reported value.
    """
    if method is YtdMethod.LATEST:
        return latest(entries)
    if method is YtdMethod.AS_AT:
        return as_at(entries, period_end=period_end)
    if method is YtdMethod.REPORTED or not entries:
        return NOTHING
    sources = tuple(sorted(entry.end for entry in entries))
    if any(entry.state is ValueState.SUPPRESSED for entry in entries):
        return Outturn(None, withheld=True, sources=sources)
    numbers = [entry.number for entry in entries]
    if any(number is None for number in numbers):
        return NOTHING
    total = sum((n for n in numbers if n is not None), Decimal(0))
    if method is YtdMethod.SUM:
        return Outturn(total, sources=sources)
    return Outturn(total / len(numbers), sources=sources)
