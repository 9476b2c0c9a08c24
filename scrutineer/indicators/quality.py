"""Checks of the index against its own rules: where the published figures disagree with themselves.

Scrutineer never corrects a document silently. It keeps the published figure, computes its own
beside it, and lists each disagreement here (`../shared/domain.md` section 8). Every check reads
the index view it is given, so on a Part 1 page it sees only what Part 1 shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .index_view import IndexRow, IndexView
from .models import Indicator

QUARTER_END_MONTHS = (3, 6, 9, 12)


@dataclass
class Issue:
    row: IndexRow
    detail: str


@dataclass
class Check:
    key: str
    title: str
    explanation: str
    issues: list[Issue] = field(default_factory=list)


def issues(view: IndexView) -> list[Check]:
    return [
        _ratings_set_by_hand(view),
        _year_to_date(view),
        _quarters(view),
        _after_index_date(view),
        _exceptions_without_commentary(view),
    ]


def _ratings_set_by_hand(view: IndexView) -> Check:
    check = Check(
        "ratings",
        "Ratings that do not follow from the indicator's own target",
        "The rating in force was set by hand: what the rule gives from the polarity, the target and "
        "the tolerance differs, or the rule can give none. The published rating is kept, with the reason.",
    )
    for row in view.rows:
        if row.override is not None:
            printed = row.override.printed_text or row.override.rating_label
            check.issues.append(
                Issue(
                    row,
                    f"Published: {printed}. The rule gives: {row.computed_text}. "
                    f"In force: {row.rating_text} (reason: {row.override.reason}).",
                )
            )
    return check


def _year_to_date(view: IndexView) -> Check:
    check = Check(
        "year-to-date",
        "Year to date that does not match the months",
        "The printed year to date differs from the one formed from the months by the indicator's method.",
    )
    for row in view.rows:
        printed = row.ytd
        computed = row.ytd_computed
        if printed.parts or printed.derived or printed.number is None or computed.number is None:
            continue
        if printed.number.compare(computed.number) != 0:
            check.issues.append(Issue(row, f"Printed {printed.text}; the months give {computed.number.normalize()}."))
    return check


def _quarters(view: IndexView) -> Check:
    check = Check(
        "quarters",
        "Quarterly values in months that do not end a quarter",
        "A quarterly indicator's values are expected in March, June, September and December.",
    )
    for table in view.tables:
        for row in table.rows:
            if row.indicator.frequency != Indicator.Frequency.QUARTERLY:
                continue
            odd = [
                m.short_label
                for m, cell in zip(table.months, row.months, strict=True)
                if not cell.is_blank and m.month not in QUARTER_END_MONTHS
            ]
            if odd:
                check.issues.append(Issue(row, f"Values in {', '.join(odd)}."))
    return check


def _after_index_date(view: IndexView) -> Check:
    check = Check(
        "after-index-date",
        "Values dated after the index",
        f"The index is as at the end of {view.as_at.label}; these values are for later periods.",
    )
    for row in view.rows:
        if row.late:
            shown = ", ".join(f"{cell.period_label}: {cell.shown}" for cell in row.late)
            check.issues.append(Issue(row, shown))
    return check


def _exceptions_without_commentary(view: IndexView) -> Check:
    """Commentary is due on every indicator below expectation (`004_5a7191a0a14e1e5f.txt:4044`)."""
    check = Check(
        "commentary",
        "Indicators below expectation without management commentary",
        "Every AMBER or RED indicator needs management commentary, in Part 1 or Part 2.",
    )
    for row in view.exceptions:
        if row.commentary is None:
            check.issues.append(Issue(row, f"{row.rating_text}, no commentary yet."))
    return check
