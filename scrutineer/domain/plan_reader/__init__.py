"""Read a portfolio plan out of a document: pure code, no database.

`read_text` takes a text export (headings and paragraphs, tables as tab-separated rows, "|" rows or
HTML `<table>`s, with paragraphs and bullets inside cells); `read_blocks` takes paragraphs and table
rows another reader produced (Word, Excel, CSV). Both return a `PlanDocument` whose warnings say
where anything inside the plan could not be placed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..plan_document import PlanDocument
from .assemble import read_blocks
from .blocks import Block, Paragraph, Row, grid_blocks, text_blocks
from .cells import Cell, Part

__all__ = [
    "Block",
    "Cell",
    "Paragraph",
    "Part",
    "Row",
    "grid_blocks",
    "read_blocks",
    "read_grids",
    "read_text",
    "text_blocks",
]


def read_text(text: str, *, source: str = "") -> PlanDocument:
    """The plan in a text export such as the seed documents."""
    return read_blocks(text_blocks(text), source=source, format="text")


def read_grids(
    sheets: Sequence[tuple[str, list[list[str]]]], *, source: str = "", format: str = "xlsx"
) -> PlanDocument:
    """The plan in spreadsheet sheets (name, rows of cell text): one row per sub-action."""
    blocks: list[Block] = []
    named = len(sheets) > 1
    for number, (name, grid) in enumerate(sheets, start=1):
        word = "line" if format == "csv" else "row"
        blocks.extend(grid_blocks(grid, sheet=name if named or name else "", table=number, line_word=word))
    return read_blocks(blocks, source=source, format=format)
