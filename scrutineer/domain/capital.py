"""Capital programme arithmetic in whole £'000: schemes by year, and variations agreed at a meeting.

The capital monitoring report (`004_5a7191a0a14e1e5f.txt:1346-1354`) starts from the programme
approved earlier (by the Leader in November 2020: 13,040 / 7,966 / 190 / 10 / 0) and applies the
variations the Executive agreed on 10 February 2021: s106 receipts added, rephasing from one year
into the next (which "has no overall impact on the total approved estimate", line 1362) and a new
scheme. The result is the revised programme. Appendix A then lists each scheme's total approved
estimate, actual spend to the end of last year and an estimate for each year, by category.

Amounts are keyed by the first calendar year of the financial year (2020 for 2020/21).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .budget import Disagreement, compare
from .periods import FinancialYear

YearAmounts = Mapping[int, int]


class VariationKind(StrEnum):
    """Kinds of change the Executive agrees to a capital programme."""

    RECEIPTS = "receipts"  # "s106 Education receipts" added to a scheme's budget
    REPHASING = "rephasing"  # spend moved between years; nets to zero
    NEW_SCHEME = "new_scheme"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            VariationKind.RECEIPTS: "Receipts added",
            VariationKind.REPHASING: "Rephasing",
            VariationKind.NEW_SCHEME: "New scheme",
            VariationKind.OTHER: "Other change",
        }[self]


def year_label(year: int) -> str:
    return FinancialYear(year).label


def add(*amounts: YearAmounts) -> dict[int, int]:
    """Year by year sum; a year missing from one set of amounts counts as 0 there."""
    out: dict[int, int] = {}
    for each in amounts:
        for year, amount in each.items():
            out[year] = out.get(year, 0) + amount
    return dict(sorted(out.items()))


def over(years: Iterable[int], amounts: YearAmounts) -> dict[int, int]:
    """The amounts for exactly these years, 0 where none is given."""
    return {year: amounts.get(year, 0) for year in years}


def grand_total(amounts: YearAmounts) -> int:
    """The TOTAL column: every year added together."""
    return sum(amounts.values())


@dataclass(frozen=True)
class Variation:
    """A change agreed to the programme, with its amount in each year it touches."""

    description: str
    kind: VariationKind
    amounts: YearAmounts
    items: Sequence[Variation] = ()  # the itemised lines (rephasing by scheme, para 3.3)

    @property
    def net(self) -> int:
        return grand_total(self.amounts)


def itemised(description: str, kind: VariationKind, items: Sequence[Variation]) -> Variation:
    """A variation whose amounts are the sum of its items (never typed separately)."""
    return Variation(description, kind, add(*(item.amounts for item in items)), tuple(items))


def revise(approved: YearAmounts, variations: Iterable[Variation]) -> dict[int, int]:
    """The revised programme: the approved programme with every variation applied."""
    return add(approved, *(variation.amounts for variation in variations))


def variation_problems(variation: Variation) -> list[str]:
    """What is wrong with a variation on its face: rephasing must net to zero, line by line."""
    problems = []
    if variation.kind is VariationKind.REPHASING:
        for each in (variation, *variation.items):
            if each.net != 0:
                problems.append(
                    f"{each.description}: rephasing moves spend between years, so it should net to 0, not {each.net:,}."
                )
    return problems


@dataclass(frozen=True)
class Scheme:
    """A scheme line of Appendix A (`004_5a7191a0a14e1e5f.txt:1404-1428`)."""

    name: str
    category: str
    total_approved_estimate: int
    actual_to_date: int
    estimates: YearAmounts
    ref: object = None


@dataclass
class Category:
    name: str
    schemes: list[Scheme] = field(default_factory=list)

    def totals(self, years: Sequence[int]) -> dict[str, int]:
        return scheme_totals(self.schemes, years)


def scheme_totals(schemes: Iterable[Scheme], years: Sequence[int]) -> dict[str, int]:
    """The TOTAL row of Appendix A: approved estimate, actual to date and each year's estimate."""
    schemes = list(schemes)
    totals = {
        "total_approved_estimate": sum(s.total_approved_estimate for s in schemes),
        "actual_to_date": sum(s.actual_to_date for s in schemes),
    }
    for year in years:
        totals[estimate_column(year)] = sum(s.estimates.get(year, 0) for s in schemes)
    return totals


def estimate_column(year: int) -> str:
    """ "estimate_2020_21": the column name exports and imports use for a year's estimate."""
    return f"estimate_{FinancialYear(year).slug.replace('-', '_')}"


def by_category(schemes: Sequence[Scheme]) -> list[Category]:
    """Schemes grouped under their category headings, in the order they first appear."""
    categories: dict[str, Category] = {}
    for scheme in schemes:
        categories.setdefault(scheme.category, Category(scheme.category)).schemes.append(scheme)
    return list(categories.values())


def unphased(scheme: Scheme, years: Sequence[int]) -> int:
    """What of a scheme's approved estimate is neither spent by last year end nor in any year shown.

    Usually 0; not an error (a scheme can have spend planned beyond the programme's years) but worth
    showing beside the scheme.
    """
    return scheme.total_approved_estimate - scheme.actual_to_date - sum(over(years, scheme.estimates).values())


def programme_disagreements(
    where: str,
    published: YearAmounts,
    computed: YearAmounts,
    *,
    published_total: int | None = None,
    source_line: int | None = None,
    explanation: str = "",
) -> list[Disagreement]:
    """Each year (and the TOTAL column) where a printed programme differs from the computed one."""
    years = sorted(set(published) | set(computed))
    printed: dict[str, int | None] = {year_label(y): published.get(y) for y in years}
    ours: dict[str, int | None] = {year_label(y): computed.get(y, 0) for y in years}
    if published_total is not None:
        printed["TOTAL"] = published_total
        ours["TOTAL"] = grand_total(computed)
    return compare(where, printed, ours, source_line=source_line, explanation=explanation)
