"""A committee report as plain data: what it says, with nothing about how it is drawn.

A report kind assembles a `Document`; the renderers in `renderers/` draw that same document as
HTML, PDF and Word, so the three formats cannot say different things. Everything here is frozen
plain data: text is text (never markup), and a chart carries the table it is drawn from.

    Document
    ├── cover: CoverSheet (report number, part marking, the form's fields)
    ├── sections: Section ... (numbered: "1 Reason for report", "3.6.1 Indicator 26 ...")
    │     └── blocks: Paragraph | BulletList | NumberedList | FieldList | Table | Chart | Section
    ├── closing: Field ... ("Non-Applicable Sections", "Background Documents")
    ├── appendices: Section ... (each starts a new page)
    └── footnotes, legend
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from scrutineer.domain.cover_sheets import part_marking
from scrutineer.domain.parts import Part
from scrutineer.domain.report_text import text_blocks


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: str = ""  # "3.1", as the council numbers its paragraphs
    strong: bool = False
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True)
class NumberedList:
    """A list whose markers are part of what was printed ("i)", "(iv)", "a."), kept as they were."""

    items: tuple[tuple[str, str], ...]  # (marker, text)
    kind: ClassVar[str] = "numbered"


@dataclass(frozen=True)
class Field:
    """A labelled value of a form, such as "Ward: All"."""

    label: str
    value: str
    kind: ClassVar[str] = "field"


@dataclass(frozen=True)
class FieldList:
    """Labelled values, as in the boxes of the cover sheet ("1. Policy Status: Existing Policy")."""

    fields: tuple[Field, ...]
    numbered: bool = False
    kind: ClassVar[str] = "fields"


TextBlock = Paragraph | BulletList


@dataclass(frozen=True)
class Cell:
    blocks: tuple[TextBlock, ...] = ()
    header: bool = False  # a row header (th); column headings are the table's header_rows
    rowspan: int = 1
    colspan: int = 1
    numeric: bool = False  # figures align right
    indent: int = 0  # nesting under a heading row (a division's lines under the division), for indentation

    @classmethod
    def text(cls, text: str, **options: Any) -> Cell:
        return cls((Paragraph(text),) if text else (), **options)

    @classmethod
    def figure(cls, text: str, *, printed: str = "", **options: Any) -> Cell:
        """A figure worked out by Scrutineer, with the document's own figure beside it where they
        differ: "42,674" then "(printed: 42,675)". Nothing is corrected silently."""
        blocks = [Paragraph(text)] if text else []
        if printed and printed != text:
            blocks.append(Paragraph(f"(printed: {printed})"))
        return cls(tuple(blocks), numeric=options.pop("numeric", True), **options)

    @classmethod
    def lines(cls, lines: list[str] | tuple[str, ...], **options: Any) -> Cell:
        return cls(tuple(Paragraph(line) for line in lines if line), **options)

    @classmethod
    def prose(cls, text: str, **options: Any) -> Cell:
        """An officer's text with its paragraphs and bullets (see `domain.report_text`)."""
        return cls(tuple(blocks_from_text(text)), **options)

    @property
    def plain(self) -> str:
        return "\n".join(_plain(block) for block in self.blocks)

    @property
    def scope(self) -> str:
        """A row header spanning rows, or spanning columns (a heading row such as "Capital-funded
        contracts" at the head of its row group), heads its group; any other heads its row."""
        return "rowgroup" if self.rowspan > 1 or self.colspan > 1 else "row"


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    total: bool = False  # a total or sub-total inside the body (a division's total), printed bold


@dataclass(frozen=True)
class RowGroup:
    """Rows that belong together, such as an action and its lettered sub-actions."""

    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    """A data table: a caption, column headings, bodies of rows, and total rows at the foot.

    `header_rows` are repeated at the top of every page. `widths` are relative column widths in
    percent. A `landscape` table is printed on landscape pages; a `compact` one (a register of many
    narrow columns) in smaller type; a `dense` one (many narrow columns of figures, such as the
    performance index) small too, each row kept whole on one page. A sub-total inside the body is a
    `Row(..., total=True)`; the totals the table ends with are its `total_rows`. `notes` are printed
    under the table ("Credits are shown Cr.").
    """

    caption: str
    header_rows: tuple[tuple[Cell, ...], ...]
    groups: tuple[RowGroup, ...]
    total_rows: tuple[Row, ...] = ()
    widths: tuple[int, ...] = ()
    landscape: bool = False
    notes: tuple[str, ...] = ()
    compact: bool = False
    dense: bool = False
    kind: ClassVar[str] = "table"

    @property
    def column_count(self) -> int:
        return sum(cell.colspan for cell in self.header_rows[0]) if self.header_rows else 0

    @property
    def rows(self) -> tuple[Row, ...]:
        """The body rows of every group, in order (not the total rows)."""
        return tuple(row for group in self.groups for row in group.rows)


@dataclass(frozen=True)
class Chart:
    """A chart drawn from the table beside it: `spec` is a Vega-Lite specification, `description`
    its text alternative. The table is the accessible source of truth and is always printed."""

    title: str
    description: str
    spec: Mapping[str, Any] = field(hash=False, compare=False)
    table: Table
    kind: ClassVar[str] = "chart"


@dataclass(frozen=True)
class Section:
    title: str
    number: str = ""
    blocks: tuple[Block, ...] = ()
    landscape: bool = False
    page_break_before: bool = False
    anchor: str = ""
    kind: ClassVar[str] = "section"

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


Block = Paragraph | BulletList | NumberedList | FieldList | Table | Chart | Section


@dataclass(frozen=True)
class Footnote:
    marker: str
    text: str


@dataclass(frozen=True)
class LegendEntry:
    symbol: str
    meaning: str


@dataclass(frozen=True)
class CoverSheet:
    """The head of the council's report form: who decides what, when, and who to ask."""

    organisation: str
    report_number: str  # as printed, with A or B
    part: Part
    fields: tuple[Field, ...]  # Decision Maker, Date, Decision Type, Contact Officers, ...
    exempt_notice: str = ""  # Part 2: why it is not for publication
    agenda_item: str = ""

    @property
    def marking(self) -> str:
        return part_marking(self.part)


@dataclass(frozen=True)
class Document:
    kind: str  # the report kind, e.g. "plan-update"
    title: str
    part: Part
    organisation: str
    cover: CoverSheet | None = None
    sections: tuple[Section, ...] = ()
    closing: tuple[Field, ...] = ()
    appendices: tuple[Section, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    subject: str = ""  # one line on what the report is about (document properties)
    draft: bool = False
    language: str = "en-GB"

    @property
    def report_number(self) -> str:
        return self.cover.report_number if self.cover else ""

    @property
    def running_header(self) -> str:
        """What every page's header says: "Report No. CEF21009A · PART 1 – PUBLIC", plus DRAFT."""
        parts = [f"Report No. {self.report_number}" if self.report_number else self.organisation]
        parts.append(part_marking(self.part))
        if self.draft:
            parts.append("DRAFT")
        return " · ".join(parts)

    @property
    def full_title(self) -> str:
        return f"{self.report_number}: {self.title}" if self.report_number else self.title

    def walk(self) -> Iterator[Block]:
        """Every block of the document, depth first, sections included."""
        for section in (*self.sections, *self.appendices):
            yield from _walk(section)


def blocks_from_text(text: str, *, numbers: Iterator[str] | None = None) -> list[TextBlock]:
    """Paragraphs and bullet lists from an officer's text; `numbers` numbers the paragraphs."""
    blocks: list[TextBlock] = []
    for block in text_blocks(text):
        if block.text:
            blocks.append(Paragraph(block.text, number=next(numbers) if numbers else ""))
        if block.bullets:
            blocks.append(BulletList(block.bullets))
    return blocks


def _walk(block: Block) -> Iterator[Block]:
    yield block
    if isinstance(block, Section):
        for child in block.blocks:
            yield from _walk(child)
    elif isinstance(block, Chart):
        yield block.table


def _plain(block: TextBlock) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(f"• {item}" for item in block.items)
