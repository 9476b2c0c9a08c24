"""RAG ratings of performance indicators: GREEN, AMBER or RED, or no rating at all.

The documents never define AMBER against RED (`../shared/domain.md` 2.14). What the December
2020 index shows (`004_5a7191a0a14e1e5f.txt:4110-4162`):

* within the target range, or beyond it on the side the polarity calls good, is GREEN
  (3: 97% against 90-95%, higher is better; 16: 14% against 15-20%, lower is better);
* beyond it on the bad side is AMBER when close and RED when far (35.1: 62% against a floor of
  65% is AMBER; 26: 38% against a floor of 47% is RED);
* "This is not a target measure" gets no colour, and neither does an indicator whose polarity is
  "n/a": without a better side there is no bad side.

The amber band is a tolerance beyond the bound on the bad side. `DEFAULT_TOLERANCE` is a tenth of
the bound (so within 10% of target is AMBER), the usual "within 10% of target" convention; it
reproduces every rating in that index which follows from its own target. An indicator can set its
own fraction, or an absolute band in its unit (needed where the target is 0: a tenth of nothing is
nothing, so any miss would be RED).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    """Which way is better (`004_5a7191a0a14e1e5f.txt:4111`, column "Polarity")."""

    HIGH = "high"  # printed "High": higher is better
    LOW = "low"  # printed "Low": lower is better
    NONE = "n/a"  # printed "n/a": a contextual or demand measure

    @property
    def label(self) -> str:
        return {Polarity.HIGH: "High", Polarity.LOW: "Low", Polarity.NONE: "n/a"}[self]

    @property
    def description(self) -> str:
        return {
            Polarity.HIGH: "Higher is better",
            Polarity.LOW: "Lower is better",
            Polarity.NONE: "Neither higher nor lower is better",
        }[self]

    @classmethod
    def parse(cls, text: str) -> Polarity:
        """Read the index's own words: "High", "Low", "n/a"."""
        key = text.strip().lower()
        for polarity in cls:
            if key in (polarity.value, polarity.label.lower()):
                return polarity
        if key in ("", "none", "na"):
            return cls.NONE
        raise ValueError(f"{text!r} is not a polarity: High, Low or n/a.")


class TargetKind(StrEnum):
    RANGE = "range"  # "95-90%": a range of acceptable performance
    SINGLE = "single"  # "20", "26 weeks", "100%"
    THRESHOLD = "threshold"  # "70% (In line with national or above)"
    NOT_A_TARGET = "not_a_target"  # "This is not a target measure"
    TBC = "tbc"  # "TBC"

    @property
    def label(self) -> str:
        return {
            TargetKind.RANGE: "Range of acceptable performance",
            TargetKind.SINGLE: "Target",
            TargetKind.THRESHOLD: "Threshold",
            TargetKind.NOT_A_TARGET: "Not a target measure",
            TargetKind.TBC: "To be confirmed",
        }[self]


@dataclass(frozen=True)
class Target:
    """A target or range as printed, with its bounds. A single target has lower == upper.

    Percentages are held as fractions, like the values they are compared with: "95-90%" has
    bounds 0.90 and 0.95.
    """

    kind: TargetKind
    text: str = ""
    lower: Decimal | None = None
    upper: Decimal | None = None
    percent: bool = False

    def __post_init__(self) -> None:
        has_bounds = self.lower is not None and self.upper is not None
        if self.kind in (TargetKind.RANGE, TargetKind.SINGLE, TargetKind.THRESHOLD) and not has_bounds:
            raise ValueError(f"A {self.kind.value} target needs its bounds.")
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError("A target's lower bound cannot be above its upper bound.")

    @property
    def is_rated(self) -> bool:
        return self.kind in (TargetKind.RANGE, TargetKind.SINGLE, TargetKind.THRESHOLD)


@dataclass(frozen=True)
class Tolerance:
    """How far beyond the bound on the bad side is still AMBER.

    `absolute`, in the indicator's unit (a fraction for percentages), wins when given;
    otherwise the band is `fraction` of the bound.
    """

    fraction: Decimal = Decimal("0.10")
    absolute: Decimal | None = None

    def __post_init__(self) -> None:
        if self.fraction < 0 or (self.absolute is not None and self.absolute < 0):
            raise ValueError("A tolerance cannot be negative.")

    def band(self, bound: Decimal) -> Decimal:
        return self.absolute if self.absolute is not None else abs(bound) * self.fraction


DEFAULT_TOLERANCE = Tolerance()


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        """As the index prints it: "GREEN"."""
        return self.value.upper()

    @property
    def severity(self) -> int:
        return {Rating.GREEN: 0, Rating.AMBER: 1, Rating.RED: 2}[self]

    @classmethod
    def parse(cls, text: str) -> Rating | None:
        """ "GREEN", "Amber", "red"; None for anything else (the index puts notes in the column)."""
        key = text.strip().lower()
        return cls(key) if key in {r.value for r in cls} else None


class NoRatingReason(StrEnum):
    NOT_A_TARGET = "not_a_target"
    TARGET_TBC = "target_tbc"
    NO_TARGET = "no_target"
    NO_POLARITY = "no_polarity"
    NO_VALUE = "no_value"
    VALUE_WITHHELD = "value_withheld"


_NO_RATING_LABELS = {
    NoRatingReason.NOT_A_TARGET: "This is not a target measure",
    NoRatingReason.TARGET_TBC: "Target to be confirmed",
    NoRatingReason.NO_TARGET: "No target set for the year",
    NoRatingReason.NO_POLARITY: "Polarity n/a: neither side of the target is better",
    NoRatingReason.NO_VALUE: "No value to rate",
    NoRatingReason.VALUE_WITHHELD: "The latest value is suppressed",
}


@dataclass(frozen=True)
class NoRating:
    """The rule gives no colour, and says why."""

    reason: NoRatingReason

    @property
    def label(self) -> str:
        return _NO_RATING_LABELS[self.reason]


def rate(
    *,
    value: Decimal | None,
    target: Target | None,
    polarity: Polarity,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    withheld: bool = False,
) -> Rating | NoRating:
    """The rating of `value` against `target`, or why there is none.

    `withheld` says the value exists but is suppressed where the rule is applied, so it cannot
    be rated there (`004_5a7191a0a14e1e5f.txt:4141`: 22.2 is AMBER, but only Part 2 shows why).
    """
    if target is None:
        return NoRating(NoRatingReason.NO_TARGET)
    if target.kind is TargetKind.NOT_A_TARGET:
        return NoRating(NoRatingReason.NOT_A_TARGET)
    if target.kind is TargetKind.TBC:
        return NoRating(NoRatingReason.TARGET_TBC)
    if polarity is Polarity.NONE:
        return NoRating(NoRatingReason.NO_POLARITY)
    if withheld:
        return NoRating(NoRatingReason.VALUE_WITHHELD)
    if value is None:
        return NoRating(NoRatingReason.NO_VALUE)
    assert target.lower is not None and target.upper is not None  # is_rated kinds carry bounds
    if polarity is Polarity.HIGH:
        bound, miss = target.lower, target.lower - value
    else:
        bound, miss = target.upper, value - target.upper
    if miss <= 0:
        return Rating.GREEN
    return Rating.AMBER if miss <= tolerance.band(bound) else Rating.RED


def worst(ratings: Iterable[Rating | NoRating]) -> Rating | NoRating:
    """One rating for a split value (initial and review conferences): the worst colour of its parts.

    Any part without a rating leaves the whole without one, for the first such reason.
    """
    found: Rating | None = None
    for rating in ratings:
        if isinstance(rating, NoRating):
            return rating
        if found is None or rating.severity > found.severity:
            found = rating
    return found if found is not None else NoRating(NoRatingReason.NO_VALUE)
