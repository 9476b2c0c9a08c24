"""The risk index of a contract: weighted criteria giving a score out of 100 and a colour.

The register key (`004_5a7191a0a14e1e5f.txt:3881`, 3905): "Colour-ranking system reflecting eight
automatically scored and weighted criteria providing a score (out of 100) / colour reflecting the
contract's intrinsic risk"; it aims to "focus attention on contracts presenting the most significant
risks to the Council". The document names neither the criteria nor the colour cut-offs. Scrutineer's
default is eight criteria scored automatically from the register's own fields (CRITERIA), each
giving 0 to 4 points, weighted by DEFAULT_WEIGHTS (which add up to 100); a council sets its own
weights (0 leaves a criterion out) and cut-offs. A council whose contracts database already scores
risk can import its score instead, and the colour then follows from the cut-offs.

Score = 100 x (sum of weight x points) / (4 x sum of weights), rounded half up to a whole number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .procurement import RuleConfigError, add_months

MAX_POINTS = 4
_POUND = 100


class RiskColour(StrEnum):
    RED = "red"
    AMBER = "amber"
    YELLOW = "yellow"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.title()

    @property
    def rank(self) -> int:
        """Sort position: the register is "output in Risk Index order", highest risk first."""
        return list(RiskColour).index(self)


@dataclass(frozen=True)
class ContractFacts:
    """What the criteria read: a register entry's fields, and the date the register is as at."""

    total_value_pence: int
    annual_value_pence: int
    term_months: int
    supplier: str
    budget_pence: int | None
    projection_pence: int | None
    capital: bool
    attention: bool
    concern: bool
    start: date
    end: date
    as_at: date


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    scoring: str  # how points are given, in words for the rules page
    score: Callable[[ContractFacts], int]


def _banded(value: int, limits: tuple[int, ...]) -> int:
    """0 up to and including the first limit, 1 up to the second, ...; len(limits) above the last."""
    return next((points for points, limit in enumerate(limits) if value <= limit), len(limits))


def _supplier(facts: ContractFacts) -> int:
    name = facts.supplier.strip().lower()
    if not name:
        return 4
    several = any(word in name for word in ("various", "multiple")) or name.endswith("suppliers")
    return 2 if several else 0


def _budget(facts: ContractFacts) -> int:
    if facts.budget_pence is None or facts.projection_pence is None:
        return 2
    return 4 if facts.projection_pence > facts.budget_pence else 0


def _attention(facts: ContractFacts) -> int:
    return 4 if facts.concern else 3 if facts.attention else 0


def _stage(facts: ContractFacts) -> int:
    if facts.start > facts.as_at or facts.end < facts.as_at:
        return 4
    return 3 if add_months(facts.start, 6) > facts.as_at else 0


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "total_value",
        "Total contract value",
        "0 up to £100k, 1 up to £173k, 2 up to £500k, 3 up to £1m, 4 above £1m.",
        lambda f: _banded(f.total_value_pence, tuple(p * _POUND for p in (100_000, 173_000, 500_000, 1_000_000))),
    ),
    Criterion(
        "annual_value",
        "Original annual value",
        "0 up to £25k, 1 up to £50k, 2 up to £100k, 3 up to £250k, 4 above £250k a year.",
        lambda f: _banded(f.annual_value_pence, tuple(p * _POUND for p in (25_000, 50_000, 100_000, 250_000))),
    ),
    Criterion(
        "term",
        "Contract term",
        "0 up to 2 years, 1 up to 3, 2 up to 5, 3 up to 10, 4 over 10 years: long terms drift from the market.",
        lambda f: _banded(f.term_months, (24, 36, 60, 120)),
    ),
    Criterion(
        "supplier",
        "Supplier",
        "0 for one named supplier, 2 for several (\u201cVarious\u201d, \u201cMultiple\u201d), 4 when none is recorded.",
        _supplier,
    ),
    Criterion(
        "budget",
        "Budget and projection",
        "0 when spend is projected within budget, 2 when either is not recorded, 4 when projected over budget.",
        _budget,
    ),
    Criterion(
        "funding",
        "Capital funding",
        "4 for a capital-funded contract (works, with their own reporting and accounting rules), 0 for revenue.",
        lambda f: 4 if f.capital else 0,
    ),
    Criterion(
        "attention",
        "Attention and concern flags",
        "4 for a contract of concern, 3 for one flagged for attention, 0 otherwise.",
        _attention,
    ),
    Criterion(
        "stage",
        "Stage of the contract",
        "4 before it starts or after its end date, 3 in its first six months (mobilisation), 0 otherwise.",
        _stage,
    ),
)
CRITERIA_BY_KEY = {criterion.key: criterion for criterion in CRITERIA}
DEFAULT_WEIGHTS: Mapping[str, int] = {
    "total_value": 20,
    "annual_value": 15,
    "term": 10,
    "supplier": 10,
    "budget": 10,
    "funding": 10,
    "attention": 15,
    "stage": 10,
}


@dataclass(frozen=True)
class RiskBands:
    """The lowest score of each colour; below `yellow_from` is green."""

    red_from: int = 60
    amber_from: int = 40
    yellow_from: int = 20

    def __post_init__(self) -> None:
        cut_offs = (self.red_from, self.amber_from, self.yellow_from)
        if any(isinstance(value, bool) or not isinstance(value, int) for value in cut_offs):
            raise RuleConfigError("Risk colour cut-offs are whole numbers.")
        if not 0 < self.yellow_from < self.amber_from < self.red_from <= 100:
            raise RuleConfigError("Risk colour cut-offs must rise: 0 < yellow < amber < red, and red at most 100.")

    def colour(self, score: int) -> RiskColour:
        if score >= self.red_from:
            return RiskColour.RED
        if score >= self.amber_from:
            return RiskColour.AMBER
        return RiskColour.YELLOW if score >= self.yellow_from else RiskColour.GREEN


@dataclass(frozen=True)
class RiskRules:
    weights: tuple[tuple[str, int], ...]
    bands: RiskBands = RiskBands()

    def __post_init__(self) -> None:
        for key, weight in self.weights:
            if key not in CRITERIA_BY_KEY:
                raise RuleConfigError(f"{key!r} is not a risk criterion.")
            if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
                raise RuleConfigError(f"The weight of {key!r} must be a whole number, 0 or more.")
        if sum(weight for _, weight in self.weights) <= 0:
            raise RuleConfigError("At least one risk criterion needs a weight above 0.")

    @property
    def weight_of(self) -> dict[str, int]:
        return dict(self.weights)

    def to_config(self) -> dict[str, Any]:
        bands = self.bands
        return {
            "weights": dict(self.weights),
            "bands": {"red_from": bands.red_from, "amber_from": bands.amber_from, "yellow_from": bands.yellow_from},
        }

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RiskRules:
        try:
            weights = tuple((str(key), value) for key, value in dict(config["weights"]).items())
            bands = RiskBands(**dict(config.get("bands", {})))
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, RuleConfigError):
                raise
            raise RuleConfigError(f"The risk rules cannot be read: {error}.") from None
        return cls(weights=weights, bands=bands)


DEFAULT_RISK_RULES = RiskRules(weights=tuple(DEFAULT_WEIGHTS.items()))


@dataclass(frozen=True)
class RiskAssessment:
    score: int
    colour: RiskColour
    points: tuple[tuple[str, int], ...]  # (criterion key, points 0-4) for each weighted criterion


def weighted_score(points: Mapping[str, int], weights: Mapping[str, int]) -> int:
    """100 x sum(weight x points) / (MAX_POINTS x sum(weights)), rounded half up; integers only."""
    numerator = 100 * sum(weight * points[key] for key, weight in weights.items())
    denominator = MAX_POINTS * sum(weights.values())
    return (2 * numerator + denominator) // (2 * denominator)


def assess(facts: ContractFacts, rules: RiskRules = DEFAULT_RISK_RULES) -> RiskAssessment:
    """Score every weighted criterion, then weigh them into a score out of 100 and its colour."""
    weights = {key: weight for key, weight in rules.weights if weight > 0}
    points = {key: CRITERIA_BY_KEY[key].score(facts) for key in weights}
    score = weighted_score(points, weights)
    return RiskAssessment(score=score, colour=rules.bands.colour(score), points=tuple(points.items()))
