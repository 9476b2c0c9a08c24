"""How a figure is printed: rounding (rule 7), `low` (rule 8) and what a shown rate gives away (rule 4)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .table import Number


def round_count(value: int, base: int) -> int:
    """To the nearest multiple of `base`, halves up (rule 7: each figure, totals included, on its own)."""
    if base <= 1:
        return value
    return (2 * value + base) // (2 * base) * base


def rounding_interval(shown: int, base: int) -> tuple[int, int]:
    """The whole numbers that `round_count(., base)` shows as `shown`."""
    if base <= 1:
        return shown, shown
    return max(0, shown - base // 2), shown + (base + 1) // 2 - 1


def to_decimal(value: Number, decimals: int) -> Decimal:
    """The figure at its displayed precision, halves away from zero as tables print them (exactly)."""
    exponent = Decimal(1).scaleb(-decimals)
    if not isinstance(value, Fraction):
        return Decimal(value).quantize(exponent, ROUND_HALF_UP)
    scaled = abs(value) * 10**decimals
    whole = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    if value < 0:
        whole = -whole
    return Decimal(whole).scaleb(-decimals).quantize(exponent)


def rounds_to_zero(value: Number, decimals: int) -> bool:
    """A non-zero figure that prints as zero: rule 8 shows `low` (or `k`) instead."""
    return value != 0 and to_decimal(value, decimals) == 0


def shown_rate(numerator: int, denominator: int, *, per: int, decimals: int, base: int = 1) -> Decimal | None:
    """The rate as printed. Rounding presets work it out from the rounded count and population
    (NHS Digital: "percentages are computed from the rounded numerator and denominator")."""
    rounded_denominator = round_count(denominator, base)
    if rounded_denominator <= 0:
        return None
    return to_decimal(Fraction(round_count(numerator, base) * per, rounded_denominator), decimals)


def counts_behind_rate(
    numerator: int, denominator: int, *, per: int, decimals: int, base: int = 1
) -> tuple[int, int] | None:
    """The whole counts 0..denominator that print the same rate as `numerator` does (a range).

    The printed rate never falls as the count rises, so the matching counts form one run: rule 4
    lets the rate show only when the run holds at least T + 1 counts (disclosure.md 2.3 rule 4,
    the seed's "x (rate: 0.01)", `004_5a7191a0a14e1e5f.txt:4117`).
    """
    target = shown_rate(numerator, denominator, per=per, decimals=decimals, base=base)
    if target is None:
        return None

    def at(count: int) -> Decimal:
        shown = shown_rate(count, denominator, per=per, decimals=decimals, base=base)
        return Decimal(0) if shown is None else shown

    low_lo, low_hi = 0, numerator  # the first count printing >= target lies in [low_lo, low_hi]
    while low_lo < low_hi:
        middle = (low_lo + low_hi) // 2
        low_lo, low_hi = (middle + 1, low_hi) if at(middle) < target else (low_lo, middle)
    high_lo, high_hi = numerator, denominator  # the last count printing <= target
    while high_lo < high_hi:
        middle = (high_lo + high_hi + 1) // 2
        high_lo, high_hi = (middle, high_hi) if at(middle) <= target else (high_lo, middle - 1)
    return low_lo, high_lo


def rate_may_be_shown(
    *, numerator: int, denominator: int, per: int, decimals: int, threshold: int, base: int = 1
) -> bool:
    """Rule 4's exception: at least T + 1 whole counts fit the rate as printed, so it cannot pin the count."""
    run = counts_behind_rate(numerator, denominator, per=per, decimals=decimals, base=base)
    return run is not None and run[1] - run[0] + 1 >= threshold + 1


def format_figure(value: int | Decimal) -> str:
    """Plain digits, as a table cell prints them (units and % are the caller's)."""
    return str(value)
