"""Risk ratings: likelihood times impact, the band a rating falls in, and its trend since the last review.

The committee receives the portfolio's risk register as an information item
(`004_5a7191a0a14e1e5f.txt:122-128`, 512, 553); the seed prints no register, so its matrix is not
known. Scrutineer uses the common local-government 5 x 5 matrix: likelihood and impact each scored
1 to 5, the rating their product, banded Low (1-4), Medium (5-12) and High (15-25). A council with
another matrix passes its own `RiskMatrix`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RiskBand(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.title()


class Trend(StrEnum):
    """How the current rating compares with the rating at the last review."""

    NEW = "new"
    INCREASED = "increased"
    REDUCED = "reduced"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {"new": "New risk", "increased": "Increased", "reduced": "Reduced", "unchanged": "No change"}[self.value]


class RiskScoreError(ValueError):
    """A likelihood or impact score outside the matrix."""


@dataclass(frozen=True)
class RiskMatrix:
    scale: int = 5
    medium_from: int = 5
    high_from: int = 15

    def check(self, score: int) -> int:
        if not 1 <= score <= self.scale:
            raise RiskScoreError(f"Scores run from 1 to {self.scale}; {score} is outside.")
        return score

    def band(self, rating: int) -> RiskBand:
        if rating >= self.high_from:
            return RiskBand.HIGH
        if rating >= self.medium_from:
            return RiskBand.MEDIUM
        return RiskBand.LOW


DEFAULT_MATRIX = RiskMatrix()


@dataclass(frozen=True)
class RiskScore:
    likelihood: int
    impact: int
    matrix: RiskMatrix = DEFAULT_MATRIX

    def __post_init__(self) -> None:
        self.matrix.check(self.likelihood)
        self.matrix.check(self.impact)

    @property
    def rating(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> RiskBand:
        return self.matrix.band(self.rating)

    @property
    def text(self) -> str:
        """ "4 x 3 = 12 (Medium)"."""
        return f"{self.likelihood} x {self.impact} = {self.rating} ({self.band.label})"


def trend(previous: RiskScore | None, current: RiskScore) -> Trend:
    if previous is None:
        return Trend.NEW
    if current.rating > previous.rating:
        return Trend.INCREASED
    if current.rating < previous.rating:
        return Trend.REDUCED
    return Trend.UNCHANGED
