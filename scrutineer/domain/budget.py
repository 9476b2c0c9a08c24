"""Revenue budget monitoring arithmetic, in whole £'000, as the council's summary table sets it out.

The summary (`004_5a7191a0a14e1e5f.txt:1063-1099`) lists service-area lines under a department
and its divisions, each with 2019/20 actuals, original budget, latest approved budget, projected
outturn, variation, variation last reported and full year effect. Everything a reader could add up
is computed here, never typed: a line's variation is projected outturn less latest approved; a
division's subtotal is the sum of its lines; TOTAL CONTROLLABLE is the sum of the controllable
lines, and the portfolio total adds the non-controllable and excluded-recharge budgets to it.
Memorandum items (sold services) are already inside the main lines, so they have their own total
and never reach the portfolio's (`004_5a7191a0a14e1e5f.txt:1229`).

Where a document prints a figure that disagrees with its own arithmetic, `compare` reports it; the
published figure is kept by the caller and never "corrected" here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property


class Classification(StrEnum):
    """How a budget is held to account (`004_5a7191a0a14e1e5f.txt:1033`)."""

    CONTROLLABLE = "controllable"
    NON_CONTROLLABLE = "non_controllable"
    EXCLUDED_RECHARGES = "excluded_recharges"
    MEMORANDUM = "memorandum"

    @property
    def label(self) -> str:
        return _CLASSIFICATION_LABELS[self]


_CLASSIFICATION_LABELS = {
    Classification.CONTROLLABLE: "Controllable",
    Classification.NON_CONTROLLABLE: "Non-controllable",
    Classification.EXCLUDED_RECHARGES: "Excluded recharges",
    Classification.MEMORANDUM: "Memorandum item",
}

# The typed columns of a line, in the order the summary prints them; variation sits between
# projected outturn and variation last reported, and is computed.
TYPED_COLUMNS = (
    "prior_year_actuals",
    "original_budget",
    "latest_approved",
    "projected_outturn",
    "variation_last_reported",
    "full_year_effect",
)
COLUMNS = (
    "prior_year_actuals",
    "original_budget",
    "latest_approved",
    "projected_outturn",
    "variation",
    "variation_last_reported",
    "full_year_effect",
)


@dataclass(frozen=True)
class Figures:
    """One row's figures in £'000. None is a blank cell, which is not the same as a printed 0."""

    prior_year_actuals: int | None = None
    original_budget: int | None = None
    latest_approved: int | None = None
    projected_outturn: int | None = None
    variation_last_reported: int | None = None
    full_year_effect: int | None = None

    @property
    def variation(self) -> int | None:
        """Projected outturn less latest approved budget: Dr (positive) is an overspend."""
        if self.projected_outturn is None or self.latest_approved is None:
            return None
        return self.projected_outturn - self.latest_approved

    def get(self, column: str) -> int | None:
        if column == "variation":
            return self.variation
        if column not in TYPED_COLUMNS:
            raise KeyError(column)
        value: int | None = getattr(self, column)
        return value

    def as_dict(self) -> dict[str, int | None]:
        return {column: self.get(column) for column in COLUMNS}


def total(rows: Iterable[Figures]) -> Figures:
    """Column by column sum. A column blank on every row stays blank; blanks add nothing."""
    sums: dict[str, int | None] = {f.name: None for f in fields(Figures)}
    for row in rows:
        for name in TYPED_COLUMNS:
            value = getattr(row, name)
            if value is not None:
                current = sums[name]
                sums[name] = value if current is None else current + value
    return Figures(**sums)


@dataclass(frozen=True)
class Line:
    """A service-area line of the summary, with what places it in the hierarchy."""

    name: str
    classification: Classification
    figures: Figures
    department: str = ""
    division: str = ""
    memorandum_group: str = ""
    ref: object = None  # the caller's own handle on the line (a database id, say)


class TotalKind(StrEnum):
    DEPARTMENT = "department"
    DIVISION = "division"
    CLASSIFICATION = "classification"
    PORTFOLIO = "portfolio"
    MEMORANDUM = "memorandum"


@dataclass(frozen=True)
class Labels:
    """What the document calls its totals; a council's own wording, so it is data.

    The division subtotals are unlabelled in the printed summary (`004_5a7191a0a14e1e5f.txt:1075`),
    so they are named "<division> subtotal".
    """

    controllable: str = "Total Controllable"
    non_controllable: str = "Total Non-Controllable"
    excluded_recharges: str = "Total Excluded Recharges"
    portfolio: str = "Total Portfolio"

    def division(self, name: str) -> str:
        return f"{name} subtotal"

    def department(self, name: str) -> str:
        return f"{name} total"

    def memorandum(self, group: str) -> str:
        return f"Total {group}"

    def classification(self, classification: Classification) -> str:
        return {
            Classification.CONTROLLABLE: self.controllable,
            Classification.NON_CONTROLLABLE: self.non_controllable,
            Classification.EXCLUDED_RECHARGES: self.excluded_recharges,
        }[classification]


@dataclass(frozen=True)
class Total:
    """A computed total row, keyed so a published figure can be matched to it."""

    key: str
    label: str
    kind: TotalKind
    figures: Figures
    classification: Classification | None = None


@dataclass
class Division:
    """A division's controllable lines. Its figures are computed once, when first asked for: a
    summary is built from its lines and not changed after."""

    name: str
    lines: list[Line] = field(default_factory=list)

    @cached_property
    def figures(self) -> Figures:
        return total(line.figures for line in self.lines)


@dataclass
class Department:
    name: str
    divisions: list[Division] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for division in self.divisions for line in division.lines]

    @cached_property
    def figures(self) -> Figures:
        return total(division.figures for division in self.divisions)


@dataclass
class Group:
    """Lines of one classification (or one memorandum group) with their total."""

    name: str
    lines: list[Line] = field(default_factory=list)

    @cached_property
    def figures(self) -> Figures:
        return total(line.figures for line in self.lines)


@dataclass
class Summary:
    """The whole summary: controllable lines by department and division, the other classes, the
    portfolio total, and the memorandum groups outside it."""

    labels: Labels
    departments: list[Department]
    non_controllable: Group
    excluded_recharges: Group
    memoranda: list[Group]

    @cached_property
    def controllable(self) -> Figures:
        return total(department.figures for department in self.departments)

    @cached_property
    def portfolio(self) -> Figures:
        return total([self.controllable, self.non_controllable.figures, self.excluded_recharges.figures])

    def totals(self) -> list[Total]:
        """Every total the product computes, in the order the summary prints them."""
        labels = self.labels
        rows = []
        for department in self.departments:
            for division in department.divisions:
                rows.append(
                    Total(
                        division_key(department.name, division.name),
                        labels.division(division.name),
                        TotalKind.DIVISION,
                        division.figures,
                        Classification.CONTROLLABLE,
                    )
                )
            if len(self.departments) > 1:
                rows.append(
                    Total(
                        f"department:{department.name}",
                        labels.department(department.name),
                        TotalKind.DEPARTMENT,
                        department.figures,
                        Classification.CONTROLLABLE,
                    )
                )
        for classification, figures in (
            (Classification.CONTROLLABLE, self.controllable),
            (Classification.NON_CONTROLLABLE, self.non_controllable.figures),
            (Classification.EXCLUDED_RECHARGES, self.excluded_recharges.figures),
        ):
            rows.append(
                Total(
                    classification.value,
                    labels.classification(classification),
                    TotalKind.CLASSIFICATION,
                    figures,
                    classification,
                )
            )
        rows.append(Total("portfolio", labels.portfolio, TotalKind.PORTFOLIO, self.portfolio))
        for group in self.memoranda:
            rows.append(
                Total(
                    f"memorandum:{group.name}",
                    labels.memorandum(group.name),
                    TotalKind.MEMORANDUM,
                    group.figures,
                    Classification.MEMORANDUM,
                )
            )
        return rows


def division_key(department: str, division: str) -> str:
    return f"division:{department}/{division}"


def summarise(lines: Sequence[Line], labels: Labels | None = None) -> Summary:
    """Arrange lines (in their printed order) into the summary's hierarchy.

    Departments, divisions and memorandum groups appear in the order of their first line.
    """
    departments: dict[str, Department] = {}
    divisions: dict[tuple[str, str], Division] = {}
    memoranda: dict[str, Group] = {}
    non_controllable = Group(Classification.NON_CONTROLLABLE.label)
    excluded = Group(Classification.EXCLUDED_RECHARGES.label)
    for line in lines:
        if line.classification is Classification.CONTROLLABLE:
            department = departments.setdefault(line.department, Department(line.department))
            key = (line.department, line.division)
            if key not in divisions:
                divisions[key] = Division(line.division)
                department.divisions.append(divisions[key])
            divisions[key].lines.append(line)
        elif line.classification is Classification.NON_CONTROLLABLE:
            non_controllable.lines.append(line)
        elif line.classification is Classification.EXCLUDED_RECHARGES:
            excluded.lines.append(line)
        else:
            memoranda.setdefault(line.memorandum_group, Group(line.memorandum_group)).lines.append(line)
    return Summary(
        labels=labels or Labels(),
        departments=list(departments.values()),
        non_controllable=non_controllable,
        excluded_recharges=excluded,
        memoranda=list(memoranda.values()),
    )


# --- where the document disagrees with itself ----------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """A published figure that differs from the product's own arithmetic. Both are kept."""

    where: str
    column: str
    published: int | None
    computed: int | None
    source_line: int | None = None
    explanation: str = ""

    @property
    def difference(self) -> int | None:
        if self.published is None or self.computed is None:
            return None
        return self.published - self.computed


def compare(
    where: str,
    published: Mapping[str, int | None],
    computed: Mapping[str, int | None],
    *,
    source_line: int | None = None,
    explanation: str = "",
) -> list[Disagreement]:
    """Each column where a published figure is given and differs from the computed one.

    A column the document left blank is not a disagreement: there is nothing to compare.
    """
    found = []
    for column, value in published.items():
        if value is None:
            continue
        ours = computed.get(column)
        if ours != value:
            found.append(Disagreement(where, column, value, ours, source_line, explanation))
    return found


def line_disagreements(
    name: str, figures: Figures, published_variation: int | None, *, source_line: int | None = None
) -> list[Disagreement]:
    """A line whose printed variation is not its projected outturn less its latest approved.

    In the 2020/21 summary this finds the two sold-services lines whose "Cr" was lost
    (`004_5a7191a0a14e1e5f.txt:1095-1096`).
    """
    return compare(
        name,
        {"variation": published_variation},
        {"variation": figures.variation},
        source_line=source_line,
        explanation="The printed variation is not the projected outturn less the latest approved budget.",
    )


# --- ring-fenced grants, carry forwards and reconciliations ---------------------------------


@dataclass(frozen=True)
class Movement:
    """One step in a balance's arithmetic: a signed amount in £'000 (negative reduces it)."""

    label: str
    amount: int


def carry_forward(brought_forward: int, movements: Iterable[Movement]) -> int:
    """The balance to carry into next year: what came in plus every movement.

    The Dedicated Schools Grant is ring-fenced, so its over- or underspend is carried forward
    (`004_5a7191a0a14e1e5f.txt:962-967`): 1,733 brought forward + 301 + (-4,254) + (-252) + 1,100
    + 363 gives -1,009, a deficit of £1,009k carried into 2021/22.
    """
    return brought_forward + sum(movement.amount for movement in movements)


def reconcile(original_budget: int, adjustments: Iterable[Movement]) -> int:
    """The latest approved budget from the original and each approved change (Appendix 2,
    `004_5a7191a0a14e1e5f.txt:1242-1269`: 52,712 + ... = 53,201)."""
    return carry_forward(original_budget, adjustments)


@dataclass(frozen=True)
class BlockVariation:
    """A row of a variation table analysed by funding block (the DSG table,
    `004_5a7191a0a14e1e5f.txt:1155-1176`): High Needs, Schools, Early Years, Central."""

    label: str
    variation: int
    blocks: Mapping[str, int]

    @property
    def blocks_total(self) -> int:
        return sum(self.blocks.values())


def block_totals(rows: Sequence[BlockVariation]) -> dict[str, int]:
    """The total row: the variation column and each block column, summed."""
    totals: dict[str, int] = {"variation": sum(row.variation for row in rows)}
    for row in rows:
        for block, amount in row.blocks.items():
            totals[block] = totals.get(block, 0) + amount
    return totals


def block_disagreements(rows: Sequence[BlockVariation], *, where: str = "") -> list[Disagreement]:
    """Rows whose blocks do not add up to their variation."""
    return [
        Disagreement(
            f"{where}{row.label}",
            "variation",
            row.variation,
            row.blocks_total,
            explanation="The funding blocks do not add up to the row's variation.",
        )
        for row in rows
        if row.blocks and row.blocks_total != row.variation
    ]


# --- numbered lists -------------------------------------------------------------------------

_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    """Lower-case roman numerals, as the portfolio's risks are numbered i) to x)
    (`004_5a7191a0a14e1e5f.txt:1044-1054`). Numbers 1 to 39."""
    if not 1 <= number <= 39:
        raise ValueError(f"{number} is outside 1 to 39.")
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def numbering_gaps(numerals: Sequence[str]) -> list[str]:
    """Where printed numerals i), ii), ... break sequence: each expected numeral not found in place."""
    return [
        f"item {position} is numbered {printed!r}, expected {roman(position)!r}"
        for position, printed in enumerate(numerals, start=1)
        if printed.strip().rstrip(")").lower() != roman(position)
    ]
