"""A finance report as plain data: sections of paragraphs, tables with total rows, charts, lists.

The budget monitoring and capital programme reports are assembled into these (assemble.py) and
the pages render them with generic templates. The shared report framework (scrutineer.reports)
renders the same data to PDF and Word: nothing here knows about HTML, and nothing needs the
database. Amounts are whole £'000 in `Cell.value`; `Cell.text` is how the council prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, Union

from scrutineer.domain.parts import Part


class RowKind(StrEnum):
    HEADING = "heading"  # a department, division or category heading across the table
    LINE = "line"
    SUBTOTAL = "subtotal"  # a division's or category's total
    TOTAL = "total"  # a total the report's readers look for (TOTAL CONTROLLABLE, ...)


@dataclass(frozen=True)
class Cell:
    text: str
    value: int | None = None  # £'000 where the cell is an amount
    published: str = ""  # the document's own figure, where it differs from ours
    href: str = ""  # a link within the report (a note)


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    key: str = ""  # a machine name, as exports name the column


@dataclass(frozen=True)
class Row:
    header: str  # the row's own label; a row header (scope="row") in every rendering
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.LINE
    level: int = 0  # nesting under headings, for indentation
    note: str = ""  # something to say about the row as a whole (a label as printed, ...)
    href: str = ""  # where the row's own detail is (a division's lines), if elsewhere


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    key: str  # unique within the report; an anchor for links
    caption: str
    columns: tuple[Column, ...]  # the first column is the row header's
    rows: tuple[Row, ...]
    unit: str = "£'000"
    footnotes: tuple[str, ...] = ()
    wide: bool = False  # a renderer may put it on a landscape page


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn from a table's rows; the table is its accessible source of truth."""

    kind: ClassVar[str] = "chart"

    key: str
    title: str
    description: str  # the text alternative: what the chart shows and what stands out
    categories: tuple[str, ...]
    values: tuple[int, ...]
    unit: str = "£'000"
    table_key: str = ""  # the table beside it, with the same figures


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True)
class NumberedList:
    kind: ClassVar[str] = "numbered_list"
    items: tuple[tuple[str, str], ...]  # (marker as printed, text): ("i)", "Recruitment ...")


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "bullet_list"
    items: tuple[str, ...]


@dataclass(frozen=True)
class KeyFigures:
    """Headline figures, label and value, shown as a summary list."""

    kind: ClassVar[str] = "key_figures"

    items: tuple[tuple[str, str], ...]


Block = Union[Paragraph, Table, Chart, NumberedList, BulletList, KeyFigures]  # noqa: UP007 (used at run time)


@dataclass
class Section:
    key: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class CoverField:
    """A cover-sheet field as printed (`../shared/domain.md` 2.28); the framework lays them out."""

    key: str  # report_number, decision_maker, date, decision_type, title, contact_officer, ...
    text: str
    source_line: int | None = None


@dataclass(frozen=True)
class Finding:
    """Where the document disagrees with itself: its figure, the product's, and why it matters."""

    area: str  # "Budget monitoring" / "Capital programme"
    where: str
    column: str
    published: str
    computed: str
    difference: str
    source_line: int | None
    explanation: str


@dataclass
class Report:
    kind: str  # "budget-monitoring" / "capital-programme"
    title: str
    period_label: str
    portfolio: str
    part: Part
    cover: list[CoverField]
    sections: list[Section]
    findings: list[Finding]
    source: str = ""

    def table(self, key: str) -> Table:
        """A table by key, wherever it sits (tests and exports look tables up this way)."""
        for block in self._blocks(self.sections):
            if isinstance(block, Table) and block.key == key:
                return block
        raise KeyError(key)

    def _blocks(self, sections: list[Section]) -> list[Block]:
        out: list[Block] = []
        for section in sections:
            out += section.blocks
            out += self._blocks(section.subsections)
        return out

    def blocks(self) -> list[Block]:
        return self._blocks(self.sections)
