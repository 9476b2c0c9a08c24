"""Procurement status: how soon a contract needs procurement action, from its value and its expiry.

The register key (`004_5a7191a0a14e1e5f.txt:3911-3920`): "A contract's Procurement Status is a
combination of the Total Contract Value (X axis) and number of months to expiry (Y axis). The table
below is used to assign a ragging colour." The printed matrix has value bands £5k-£50k, £50k-£100k,
£100k-£173k, £173k-£500k and >£500k, and expiry rows of 3, 6, 9, 12 and 18 months; the colour of
each cell was lost when the document became text. So the matrix is data a council configures, and
DEFAULT_MATRIX is our documented starting point (see its docstring for the reasoning).

Red means "Requires an agreed plan", amber "Develop / test options", yellow "Consider options",
green "No action required". "Red ragging simply means the contract is nearing expiry and is not an
implied criticism" (`004_5a7191a0a14e1e5f.txt:3892`). A contract not yet started is "Imminent",
outside the matrix (`004_5a7191a0a14e1e5f.txt:3814`, 3870).

Money is whole pence; dates are calendar dates; nothing here is a float.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class RuleConfigError(ValueError):
    """A council's rule configuration that cannot be used; the message says what is wrong."""


class ProcurementStatus(StrEnum):
    RED = "red"
    AMBER = "amber"
    YELLOW = "yellow"
    GREEN = "green"
    IMMINENT = "imminent"

    @property
    def label(self) -> str:
        return self.value.title()

    @property
    def meaning(self) -> str:
        """The register key's words for each colour (`004_5a7191a0a14e1e5f.txt:3911`)."""
        return _MEANINGS[self]

    @property
    def rank(self) -> int:
        """Sort position: most urgent first, Imminent (not yet started) last."""
        return list(ProcurementStatus).index(self)

    @property
    def needs_action(self) -> bool:
        """ "Contracts ragged red, amber or yellow require action" (`004_5a7191a0a14e1e5f.txt:3911`)."""
        return self in (ProcurementStatus.RED, ProcurementStatus.AMBER, ProcurementStatus.YELLOW)


_MEANINGS = {
    ProcurementStatus.RED: "Requires an agreed plan",
    ProcurementStatus.AMBER: "Develop / test options",
    ProcurementStatus.YELLOW: "Consider options",
    ProcurementStatus.GREEN: "No action required",
    ProcurementStatus.IMMINENT: "Not yet started",
}
MATRIX_COLOURS = (ProcurementStatus.RED, ProcurementStatus.AMBER, ProcurementStatus.YELLOW, ProcurementStatus.GREEN)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_to_expiry(*, as_at: date, end: date) -> int:
    """Whole months from `as_at` until the end date: 0 when it ends within a month or has ended."""
    if end <= as_at:
        return 0
    months = (end.year - as_at.year) * 12 + end.month - as_at.month
    while months > 0 and add_months(as_at, months) > end:
        months -= 1
    return months


def term_months(*, start: date, end: date) -> int:
    """A contract's term in months, to the nearest month, counting the end date as its last day.

    01/04/2019 to 31/03/2022 is 36. The register's "Months Duration" does not follow one formula
    (5029, 01/11/2020 to 30/11/2021, is printed as 12: `004_5a7191a0a14e1e5f.txt:3945`), so a
    printed term is kept as printed and only checked against this within a month.
    """
    after = date.fromordinal(end.toordinal() + 1)
    whole = (after.year - start.year) * 12 + after.month - start.month
    while whole > 0 and add_months(start, whole) > after:
        whole -= 1
    anchor = add_months(start, whole)
    following = add_months(start, whole + 1)
    remainder = (after - anchor).days
    return whole + (1 if 2 * remainder >= (following - anchor).days else 0)


@dataclass(frozen=True)
class ValueBand:
    """A column of the matrix: total contract values up to `up_to_pence` (inclusive); None = no limit."""

    label: str
    up_to_pence: int | None

    def contains(self, value_pence: int) -> bool:
        return self.up_to_pence is None or value_pence <= self.up_to_pence


@dataclass(frozen=True)
class ExpiryRow:
    """A row of the matrix: contracts ending within `within_months`, with a colour per value band."""

    within_months: int
    statuses: tuple[ProcurementStatus, ...]


@dataclass(frozen=True)
class ProcurementMatrix:
    """Value bands (columns, ascending) x expiry rows (ascending months); `beyond` past the last row."""

    value_bands: tuple[ValueBand, ...]
    rows: tuple[ExpiryRow, ...]
    beyond: ProcurementStatus = ProcurementStatus.GREEN

    def __post_init__(self) -> None:
        _check_matrix(self)

    def band_index(self, value_pence: int) -> int:
        """The column for a value. A value on a boundary is in the lower band, as ">£500k" implies;
        a value below the first band's range (under £5k) is read in the first band."""
        return next(i for i, band in enumerate(self.value_bands) if band.contains(value_pence))

    def status(self, *, total_value_pence: int, start: date, end: date, as_at: date) -> ProcurementStatus:
        """The procurement status on `as_at`.

        Imminent if the contract starts after `as_at`. Otherwise the first row whose window,
        `as_at` plus its months, reaches the end date (a contract already past its end date is in
        the first row); `beyond` if none does.
        """
        if start > as_at:
            return ProcurementStatus.IMMINENT
        column = self.band_index(total_value_pence)
        for row in self.rows:
            if end <= add_months(as_at, row.within_months):
                return row.statuses[column]
        return self.beyond

    def to_config(self) -> dict[str, Any]:
        return {
            "value_bands": [{"label": b.label, "up_to_pence": b.up_to_pence} for b in self.value_bands],
            "rows": [{"within_months": r.within_months, "statuses": [s.value for s in r.statuses]} for r in self.rows],
            "beyond": self.beyond.value,
        }

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> ProcurementMatrix:
        """Read a matrix from configuration (JSON), or raise RuleConfigError saying what is wrong."""
        try:
            bands = tuple(
                ValueBand(label=str(b["label"]), up_to_pence=_optional_int(b["up_to_pence"]))
                for b in config["value_bands"]
            )
            rows = tuple(
                ExpiryRow(
                    within_months=_int(r["within_months"]),
                    statuses=tuple(_matrix_colour(s) for s in r["statuses"]),
                )
                for r in config["rows"]
            )
            beyond = _matrix_colour(config.get("beyond", "green"))
        except (KeyError, TypeError) as error:
            raise RuleConfigError(f"The procurement matrix is missing {error}.") from None
        return cls(value_bands=bands, rows=rows, beyond=beyond)


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleConfigError(f"{value!r} is not a whole number.")
    return value


def _optional_int(value: object) -> int | None:
    return None if value is None else _int(value)


def _matrix_colour(value: object) -> ProcurementStatus:
    try:
        status = ProcurementStatus(str(value).lower())
    except ValueError:
        raise RuleConfigError(f"{value!r} is not red, amber, yellow or green.") from None
    if status is ProcurementStatus.IMMINENT:
        raise RuleConfigError("Imminent is for contracts not yet started; it is not a matrix colour.")
    return status


def _check_matrix(matrix: ProcurementMatrix) -> None:
    bands, rows = matrix.value_bands, matrix.rows
    if not bands or not rows:
        raise RuleConfigError("The procurement matrix needs at least one value band and one expiry row.")
    limits = [band.up_to_pence for band in bands]
    if limits[-1] is not None or any(limit is None for limit in limits[:-1]):
        raise RuleConfigError("Only the last value band may be open-ended, and it must be.")
    _ascending([limit for limit in limits[:-1] if limit is not None], "Value band limits")
    _ascending([row.within_months for row in rows], "Expiry rows")
    if rows[0].within_months < 1:
        raise RuleConfigError("Expiry rows count at least one month.")
    for row in rows:
        if len(row.statuses) != len(bands):
            raise RuleConfigError(
                f"The {row.within_months}-month row has {len(row.statuses)} colours for {len(bands)} value bands."
            )


def _ascending(values: Sequence[int], what: str) -> None:
    if any(later <= earlier for earlier, later in itertools.pairwise(values)):
        raise RuleConfigError(f"{what} must go up in order.")


_R, _A, _Y, _G = MATRIX_COLOURS
_POUND = 100

DEFAULT_MATRIX = ProcurementMatrix(
    value_bands=(
        ValueBand("£5k - £50k", 50_000 * _POUND),
        ValueBand("£50k - £100k", 100_000 * _POUND),
        ValueBand("£100k - £173k", 173_000 * _POUND),
        ValueBand("£173k - £500k", 500_000 * _POUND),
        ValueBand(">£500k", None),
    ),
    rows=(
        ExpiryRow(3, (_R, _R, _R, _R, _R)),
        ExpiryRow(6, (_A, _R, _R, _R, _R)),
        ExpiryRow(9, (_Y, _A, _R, _R, _R)),
        ExpiryRow(12, (_G, _Y, _A, _R, _R)),
        ExpiryRow(18, (_G, _G, _Y, _A, _R)),
    ),
    beyond=_G,
)
DEFAULT_MATRIX_RATIONALE = (
    "Every contract is red in its last three months. Each step up in value adds about three months "
    "to the time a re-procurement takes, so red starts earlier for bigger contracts: 6 months before "
    "expiry from £50k, 9 months from £100k, 12 months from £173k (about the public procurement "
    "threshold for services when the matrix was drawn, above which a full tender and a standstill "
    "period are needed) and 18 months above £500k. Amber and then yellow follow in the next rows, "
    "as far as the printed rows go. More than 18 months before expiry every contract is green."
)
