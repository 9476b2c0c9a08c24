"""What a budget or capital import, or the demo's data files, hand to the services: plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scrutineer.domain.budget import TYPED_COLUMNS, Classification, Figures


def json_years(amounts: dict[int, int]) -> dict[str, int]:
    """Amounts by financial year as JSON holds them: {"2020": 0, "2021": 382}."""
    return {str(year): amount for year, amount in sorted(amounts.items())}


@dataclass(frozen=True)
class LineInput:
    name: str
    classification: Classification
    figures: Figures
    department: str = ""
    division: str = ""
    memorandum_group: str = ""
    note_ref: str = ""
    published_variation: int | None = None
    printed: dict[str, str] = field(default_factory=dict)
    printed_label: str = ""
    source_line: int | None = None
    remark: str = ""

    def values(self) -> tuple[object, ...]:
        """What makes two lines the same line, for telling whether an import changes anything."""
        return (
            self.name,
            self.classification.value,
            self.department,
            self.division,
            self.memorandum_group,
            self.note_ref,
            self.published_variation,
            *(getattr(self.figures, c) for c in TYPED_COLUMNS),
        )


@dataclass(frozen=True)
class PublishedInput:
    key: str
    label: str
    column: str
    value: int
    printed: str = ""
    source_line: int | None = None


@dataclass(frozen=True)
class NoteInput:
    number: str
    heading: str
    text: str = ""
    line_name: str = ""
    grant: str = ""
    source_line: int | None = None
    analysis: Sequence[dict[str, Any]] = ()


@dataclass
class BudgetDocument:
    """Everything a budget monitoring report holds, as read from a file. Totals are not in it
    except as published figures to check."""

    lines: list[LineInput]
    published: list[PublishedInput] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    notes: list[NoteInput] = field(default_factory=list)
    grant_variations: list[dict[str, Any]] = field(default_factory=list)
    grant_balance_steps: list[dict[str, Any]] = field(default_factory=list)
    reconciliation: list[dict[str, Any]] = field(default_factory=list)
    full_year_effects: list[dict[str, Any]] = field(default_factory=list)
    risks: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    lines: int
    changed: bool


@dataclass(frozen=True)
class SchemeInput:
    category: str
    name: str
    total_approved_estimate: int
    actual_to_date: int
    estimates: dict[int, int]
    responsible_officer: str = ""
    remarks: str = ""
    previous_estimate: int | None = None
    actual_in_year: int | None = None
    current_estimate: int | None = None
    progress_remarks: str = ""
    printed: dict[str, str] = field(default_factory=dict)
    source_line: int | None = None
    remark: str = ""

    def values(self) -> tuple[object, ...]:
        return (
            self.category,
            self.name,
            self.total_approved_estimate,
            self.actual_to_date,
            json_years(self.estimates),
            self.responsible_officer,
            self.remarks,
            self.previous_estimate,
            self.actual_in_year,
            self.current_estimate,
            self.progress_remarks,
        )


@dataclass(frozen=True)
class VariationInput:
    description: str
    kind: str
    agreed_by: str = ""
    amounts: dict[int, int] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)
    source_line: int | None = None
    items: Sequence[dict[str, Any]] = ()


@dataclass
class CapitalDocument:
    schemes: list[SchemeInput]
    published: list[PublishedInput] = field(default_factory=list)
    variations: list[VariationInput] = field(default_factory=list)
    reviews_due: list[dict[str, Any]] = field(default_factory=list)
