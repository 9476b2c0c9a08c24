"""Find the plan in a run of blocks and put every cell in its place, or say where it could not go.

The rules come from the two seed plans (domain.md 2.3-2.10):

* A priority opens with a heading ("Priority 1" + title line, "Priority - Safeguarding") and may hold a
  statement, a rationale, ambitions and strategic links, then its action table. A heading marked
  "[cont'd]" carries on the same priority (`000_7cb5b0983be37437.txt:337`).
* The action table's columns are read by meaning (`vocabulary`). A header repeated after a page break
  (`000_7cb5b0983be37437.txt:339`) is skipped.
* A row with an action starts an action; a row with no action carries on the last one: a second
  sub-action (`000_7cb5b0983be37437.txt:322`), the next lettered sub-actions (`004_...:720`), or text
  split by a page break (detail `004_...:793`, update `004_...:789`, 830, 834, and the start of
  `004_...:758`, which finishes D's update before E's begins).
* Several lettered sub-actions in one row share a MEASURES, TARGET DATE or LEAD cell printed once, or
  take one paragraph each when the counts match (`004_...:790`, 793, 827).
* Text is joined across a page break only when it reads on (it starts in lower case); otherwise it
  stays where it was printed and a warning says so (`004_...:796`, row 5B).

Everything the reader could not place inside the plan becomes a warning with its location.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..leads import split_leads
from ..plan_document import (
    ActionDocument,
    IndicatorDocument,
    PlanDocument,
    PriorityDocument,
    SubActionDocument,
    Warning,
)
from ..target_dates import parse as parse_target_date
from .blocks import Block, Paragraph, Row
from .cells import BULLETS, Cell, Part, clean
from .numbering import (
    action_number,
    continued,
    find_markers,
    inline_letters,
    letter_start,
    numbered_title,
    priority_heading,
)
from .vocabulary import (
    Column,
    ColumnMap,
    Section,
    indicator_header,
    is_column_name,
    is_furniture,
    plan_header,
    priority_details_header,
    read_label,
)

LOOK_BACK = 80  # blocks searched before the first action table for the priority heading it belongs to
INDICATOR_REACH = 40  # a table of indicators this close after the plan is taken to be the plan's
_SEPARATOR = re.compile(r"^[\s\-–—=_:|+.]*$")
_GENERIC_SHEETS = re.compile(r"^(?:sheet\s*\d*|plan|actions?|data|export|table\s*\d*|portfolio plan)$", re.I)
_TITLE_WORDS = re.compile(r"\bplan\b", re.IGNORECASE)
_PERIOD_LINE = re.compile(r"\b(?:quarter|q[1-4]|update|edition|refresh(?:ed)?|draft|version|20\d\d)\b", re.I)
_BOILERPLATE = re.compile(r"intentionally blank|^agenda item|^report no|^appendix\s*\w*$|^page\s+\d", re.I)
_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:to|-|–|—|until)\s*((?:19|20)?\d{2})\b", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*[/\-–]\s*(\d{2})\b")
_QUARTER = re.compile(r"\b(?:quarter|q)\s*([1-4])\b", re.IGNORECASE)
_TICK = re.compile(r"^[\s" + BULLETS + r"\-–*]+")


def read_blocks(blocks: Sequence[Block], *, source: str = "", format: str = "") -> PlanDocument:
    """The plan held in these blocks, with a warning for everything inside it that was not placed."""
    reader = _Reader(blocks)
    document = reader.read()
    document.source = source
    document.format = format
    return document


@dataclass
class _Table:
    """An action table being read: which column holds what, and what was left unread."""

    map: ColumnMap
    id: int
    width: int
    sheet: str
    location: str
    headings: tuple[str, ...] = ()
    unread: dict[int, list[str]] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    closed: bool = False

    def cell(self, row: Row, column: Column) -> Cell | None:
        index = self.map.get(column)
        if index is None or index >= len(row.cells):
            return None
        return row.cells[index]

    def heading(self, column: Column) -> str:
        index = self.map.get(column)
        return self.map.headings.get(index, column.value) if index is not None else column.value


@dataclass
class _Details:
    """A table with one row per priority: statements, ambitions, strategic links."""

    map: ColumnMap
    id: int


@dataclass
class _Indicators:
    map: ColumnMap
    id: int
    headings: dict[int, str]


@dataclass
class _PriorityState:
    document: PriorityDocument
    committed: bool = False
    section: Section | None = None
    expect_title: bool = False
    has_section: bool = False
    list_items: int = 0
    implicit: bool = False  # made up for a table with no priority heading (named after its sheet, or untitled)


class _Reader:
    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = blocks
        self.document = PlanDocument()
        self.priority: _PriorityState | None = None
        self.limbo: list[_PriorityState] = []  # priorities seen but not yet known to be in the plan
        self.pending: list[Warning] = []  # unplaced content, reported only if the plan goes on after it
        self.table: _Table | None = None
        self.details: _Details | None = None
        self.indicators: _Indicators | None = None
        self.action: ActionDocument | None = None
        self.last_row_subs: list[SubActionDocument] = []
        self.last_content = -1
        self.index = 0
        self.first_table: _Table | None = None
        self.states: list[_PriorityState] = []  # priorities known to be in the plan, in order
        self.letter_forms: dict[int, str] = {}  # how each lettered sub-action's letter was printed
        self.explicit_row = False  # the row repeats its action: a spreadsheet row, one sub-action each

    # --- the walk ------------------------------------------------------------------------------

    def read(self) -> PlanDocument:
        first = self._first_table_index()
        if first is None:
            self.document.warnings.append(
                Warning(
                    "whole document",
                    "No plan table was found: no row names columns such as Action, Detail, Measures of success, "
                    "Target date, Lead or Updates.",
                )
            )
            return self.document
        start = self._region_start(first)
        self.document.title, self.document.period, self.document.update_period = _plan_title(self.blocks, start)
        for index in range(start, len(self.blocks)):
            self.index = index
            block = self.blocks[index]
            if isinstance(block, Paragraph):
                self._paragraph(block)
            else:
                self._row(block)
        self._close_table()
        self._finish()
        return self.document

    def _first_table_index(self) -> int | None:
        for index, block in enumerate(self.blocks):
            if isinstance(block, Row) and (_plan_header(block) or _details_header(block)):
                return index
        return None

    def _region_start(self, first: int) -> int:
        for index in range(first - 1, max(-1, first - LOOK_BACK), -1):
            block = self.blocks[index]
            if _heading_of(block) is not None:
                return index
        return first

    def _content(self) -> None:
        """The block being read belongs to the plan: what was held back before it is now reported."""
        for state in self.limbo:
            self._commit(state)
        self.limbo = []
        self.document.warnings.extend(self.pending)
        self.pending = []
        self.last_content = self.index

    def _unplaced(self, location: str, message: str, line: int | None) -> None:
        self.pending.append(Warning(location, message, line))

    # --- paragraphs ----------------------------------------------------------------------------

    def _paragraph(self, block: Paragraph) -> None:
        text = block.text
        if not text or is_furniture(text):
            return
        heading = None if block.item else priority_heading(text)
        if heading is not None:
            self._open_priority(heading.number, heading.title, heading.continued, block.location, block.line)
            return
        state = self.priority
        label = read_label(text) if not block.item else None
        if state is not None and state.expect_title:
            state.expect_title = False
            if label is None:
                state.document.title = _strip_tick(text)
                return
            self._warn(block.location, f"{_priority_name(state.document)} has no title.", block.line)
        if state is not None and label is not None:
            self._label(state, label.section, label.content, label.bare, text)
            return
        if state is not None and self._place_in_section(state, block):
            return
        if self.table is not None and not self.table.closed:
            self.table.closed = True
        self._unplaced(block.location, f"Text not placed in the plan: {_quote(text)}", block.line)

    def _label(self, state: _PriorityState, section: Section, content: str, bare: bool, text: str) -> None:
        priority = state.document
        state.section = section
        state.list_items = 0
        if section is Section.ACTIONS:
            return
        state.has_section = True
        if section is Section.STATEMENT:
            priority.statement = _join(priority.statement, content)
        elif section is Section.RATIONALE:
            priority.rationale = _join(priority.rationale, content)
        elif section is Section.AMBITIONS and not bare:
            # "Aligns to Building a Better Bromley" is itself the introduction (`000_...:316`).
            intro = text if text.lower().startswith("aligns to") else content
            priority.ambitions_intro = _join(priority.ambitions_intro, intro)
        elif section is Section.LINKS and content:
            priority.strategic_links_intro = _join(priority.strategic_links_intro, content)

    def _place_in_section(self, state: _PriorityState, block: Paragraph) -> bool:
        priority = state.document
        section = state.section
        text = block.text
        if section in {Section.AMBITIONS, Section.LINKS}:
            target = priority.ambitions if section is Section.AMBITIONS else priority.strategic_links
            if block.item:
                target.append(_strip_tick(text))
                state.list_items += 1
                return True
            if state.list_items == 0:
                if section is Section.AMBITIONS:
                    priority.ambitions_intro = _join(priority.ambitions_intro, text)
                else:
                    priority.strategic_links_intro = _join(priority.strategic_links_intro, text)
                return True
            return False
        if section is Section.STATEMENT:
            priority.statement = _join(priority.statement, text)
            return True
        if section is Section.RATIONALE:
            priority.rationale = _join(priority.rationale, text)
            return True
        if section is None and not state.has_section and not priority.actions and not block.item:
            priority.statement = _join(priority.statement, text, "\n\n")
            return True
        return False

    # --- priorities ----------------------------------------------------------------------------

    def _open_priority(
        self, number: int | None, title: str, carried_on: bool, location: str, line: int | None
    ) -> _PriorityState:
        current = self.priority
        existing = self._find_priority(number, title)
        if carried_on and existing is None and current is not None:
            existing = current
            self._warn(
                location,
                f"{_quote(title)} is marked as continued but does not match a priority before it; "
                f"read as more of {_priority_name(current.document)}.",
                line,
            )
        if existing is not None and (carried_on or existing is current):
            existing.section = None
            existing.expect_title = False
            self.priority = existing
            return existing
        document = PriorityDocument(number=number, title=title, location=location)
        state = _PriorityState(document, expect_title=not title)
        self.priority = state
        self.action = None
        self.last_row_subs = []
        self.limbo.append(state)
        return state

    def _find_priority(self, number: int | None, title: str) -> _PriorityState | None:
        candidates = [*self.states, *self.limbo]
        for state in reversed(candidates):
            document = state.document
            if number is not None and document.number == number:
                if not title or not document.title or _same_text(title, document.title):
                    return state
            elif number is None and title and _same_text(title, document.title):
                return state
        return None

    def _commit(self, state: _PriorityState) -> None:
        if not state.committed:
            state.committed = True
            self.states.append(state)
            self.document.priorities.append(state.document)

    def _ensure_priority(self, row: Row) -> _PriorityState:
        if self.priority is not None:
            if not self.priority.committed:
                self._commit(self.priority)
                self.limbo = [s for s in self.limbo if s is not self.priority]
            return self.priority
        title = ""
        if row.sheet and not _GENERIC_SHEETS.match(row.sheet.strip()):
            title = row.sheet.strip()
            message = f"No priority heading before this table: its actions were put under a priority named after the sheet, {_quote(title)}."  # noqa: E501
        else:
            title = self._nearby_heading()
            if title:
                message = f"No priority heading before this table: the heading {_quote(title)} above it was read as its priority."  # noqa: E501
            else:
                message = "No priority heading before this table: its actions were put under an untitled priority."
        state = _PriorityState(PriorityDocument(number=None, title=title, location=row.location), implicit=True)
        self._warn(row.location, message, row.line)
        self.priority = state
        self._commit(state)
        return state

    def _nearby_heading(self) -> str:
        for index in range(self.index - 1, max(-1, self.index - 12), -1):
            block = self.blocks[index]
            if isinstance(block, Paragraph) and block.text and not block.item:
                text = block.text
                if read_label(text) or is_furniture(text) or len(text) > 120 or text.endswith("."):
                    continue
                return text
        return ""

    # --- rows ----------------------------------------------------------------------------------

    def _row(self, row: Row) -> None:
        filled = row.filled
        if not filled:
            return
        if all(_SEPARATOR.match(cell.text) for cell in filled):
            return
        table = self.table
        if table is not None and self._belongs(table, row):
            header = _plan_header(row) if _may_be_headings(table, row) else None
            if header is not None:
                self._open_table(header, row)
                return
            heading = _heading_of(row)
            if heading is not None:
                self._open_priority(heading.number, heading.title, heading.continued, row.location, row.line)
                return
            # A row after a break in the table may be a new priority's labelled cells (`000_...:363`).
            if row.table != table.id and self.priority is not None and self._meta_row(row):
                return
            self._content()
            self._data_row(table, row)
            return
        header = _plan_header(row)
        if header is not None:
            self._open_table(header, row)
            return
        details = _details_header(row)
        if details is not None:
            self._close_table()
            self.details = _Details(details, row.table)
            self._content()
            return
        heading = _heading_of(row)
        if heading is not None:
            self._open_priority(heading.number, heading.title, heading.continued, row.location, row.line)
            return
        if self.priority is not None and self._meta_row(row):
            return
        if self.details is not None and row.table == self.details.id:
            self._details_row(row)
            return
        indicators = self._indicator_table(row)
        if indicators:
            return
        if self.table is not None:
            self.table.closed = True
        self._unplaced(
            row.location, f"Table row not placed in the plan: {_quote(' | '.join(c.text for c in filled))}", row.line
        )

    def _belongs(self, table: _Table, row: Row) -> bool:
        if row.table == table.id:
            return True
        if table.closed or row.sheet != table.sheet:
            return False
        extra = [cell for cell in row.cells[table.width :] if not cell.empty]
        return abs(len(row.cells) - table.width) <= 1 and not extra

    def _open_table(self, header: ColumnMap, row: Row) -> None:
        previous = self.table
        if previous is not None and previous.map.columns == header.columns and previous.sheet == row.sheet:
            previous.id = row.table  # the header repeated after a page break
            previous.closed = False
            self._content()
            if self.priority is not None:
                self._commit(self.priority)
            return
        self._close_table()
        self.details = None
        self.indicators = None
        if previous is not None and previous.sheet != row.sheet:
            self.action = None  # a new sheet starts its own actions
            if self.priority is not None and self.priority.implicit:
                self.priority = None
        table = _Table(header, row.table, max(len(row.cells), 1), row.sheet, row.location, tuple(row.texts))
        self.table = table
        if self.first_table is None:
            self.first_table = table
            ordered = sorted(header.columns.items(), key=lambda pair: pair[1])
            self.document.columns = {header.headings[index]: column.value for column, index in ordered}
            if not self.document.update_period and header.has(Column.UPDATE):
                self.document.update_period = _update_period(table.heading(Column.UPDATE))
        self._content()
        for index in header.unknown:
            table.unread[index] = []
        if self.priority is not None:
            self._commit(self.priority)
            self.limbo = [s for s in self.limbo if s is not self.priority]
        missing = [c for c in (Column.MEASURES, Column.TARGET_DATE, Column.LEAD) if not header.has(c)]
        if missing:
            names = ", ".join(c.value for c in missing)
            self._warn(row.location, f"This table has no column for {names}; those fields are left empty.", row.line)
        if header.has(Column.STATUS):
            self._warn(
                row.location,
                f"The column {_quote(table.heading(Column.STATUS))} (a status or RAG rating) is not read: "
                "plans in Scrutineer take their status from the updates.",
                row.line,
            )

    def _close_table(self) -> None:
        table = self.table
        if table is None:
            return
        for index, places in table.unread.items():
            heading = table.map.headings.get(index, f"column {index + 1}")
            if places:
                where = places[0] if len(places) == 1 else f"{places[0]} to {places[-1]}"
                self.document.warnings.append(
                    Warning(
                        table.location,
                        f"The column {_quote(heading)} was not recognised as a part of a plan; "
                        f"{len(places)} cell(s) in it were not read ({where}).",
                    )
                )
            else:
                self.document.warnings.append(
                    Warning(table.location, f"The column {_quote(heading)} was not recognised as a part of a plan.")
                )
        for place in table.extra:
            self.document.warnings.append(Warning(place, "A cell beyond the table's named columns was not read."))
        self.table = None

    def _meta_row(self, row: Row) -> bool:
        """A row of labelled cells: "Rationale ...", "Key strategies/plans ✓ ...", "Aligns to ..."."""
        assert self.priority is not None
        labelled = []
        for cell in row.filled:
            label = read_label(cell.parts[0].text) if cell.parts else None
            if label is None or label.section is Section.ACTIONS:
                continue
            labelled.append((cell, label))
        if not labelled or len(labelled) * 2 < len(row.filled):
            return False
        self._content()
        priority = self.priority.document
        self._commit(self.priority)
        self.limbo = [s for s in self.limbo if s is not self.priority]
        placed = {id(cell) for cell, _ in labelled}
        for cell, label in labelled:
            rest = [part for part in cell.parts[1:]]
            items = [_strip_tick(p.text) for p in rest if p.item]
            prose = [p.text for p in rest if not p.item]
            if label.section is Section.RATIONALE:
                priority.rationale = _join(priority.rationale, " ".join([label.content, *prose]).strip())
            elif label.section is Section.STATEMENT:
                priority.statement = _join(priority.statement, " ".join([label.content, *prose]).strip())
            elif label.section is Section.AMBITIONS:
                if not label.bare:
                    priority.ambitions_intro = cell.parts[0].text
                priority.ambitions.extend(items)
                if prose:
                    self._warn(cell.location, f"Text not placed in the plan: {_quote(' '.join(prose))}", row.line)
            elif label.section is Section.LINKS:
                if label.content:
                    priority.strategic_links_intro = label.content
                priority.strategic_links.extend(items)
                if prose:
                    self._warn(cell.location, f"Text not placed in the plan: {_quote(' '.join(prose))}", row.line)
        for cell in row.filled:
            if id(cell) not in placed:
                self._warn(cell.location, f"Text not placed in the plan: {_quote(cell.text)}", row.line)
        return True

    def _details_row(self, row: Row) -> None:
        assert self.details is not None
        columns = self.details.map
        self._content()

        def text(column: Column) -> Cell | None:
            index = columns.get(column)
            return row.cells[index] if index is not None and index < len(row.cells) else None

        number_cell, title_cell = text(Column.PRIORITY_NUMBER), text(Column.PRIORITY)
        number, title = _priority_identity(number_cell, title_cell)
        if number is None and not title:
            self._warn(row.location, "A row of priority details names no priority; it was not read.", row.line)
            return
        state = self._find_priority(number, title)
        if state is None:
            state = _PriorityState(PriorityDocument(number=number, title=title, location=row.location))
            self._commit(state)
        self.priority = state
        priority = state.document
        for column, cell in ((c, text(c)) for c in columns.columns):
            if cell is None or cell.empty:
                continue
            lines = [part.text for part in cell.parts]
            if column is Column.STATEMENT:
                priority.statement = "\n\n".join(lines)
            elif column is Column.RATIONALE:
                priority.rationale = "\n\n".join(lines)
            elif column is Column.AMBITIONS_INTRO:
                priority.ambitions_intro = cell.text
            elif column is Column.AMBITIONS:
                priority.ambitions = [_strip_tick(line) for line in lines]
            elif column is Column.LINKS_INTRO:
                priority.strategic_links_intro = cell.text
            elif column is Column.LINKS:
                priority.strategic_links = [_strip_tick(line) for line in lines]
        for index in columns.unknown:
            if index < len(row.cells) and not row.cells[index].empty:
                message = "This cell's column was not recognised; it was not read."
                self._warn(row.cells[index].location, message, row.line)

    def _indicator_table(self, row: Row) -> bool:
        if self.last_content >= 0 and self.index - self.last_content > INDICATOR_REACH:
            return False
        header = indicator_header(row.texts) if _could_be_headings(row.texts) else None
        if header is not None:
            self._close_table()
            self.indicators = _Indicators(header, row.table, {i: h for i, h in header.headings.items()})
            self._content()
            return True
        indicators = self.indicators
        if indicators is None or row.table != indicators.id:
            return False
        self._content()
        headings = indicators.headings
        cells = {headings.get(i, f"column {i + 1}"): cell.text for i, cell in enumerate(row.cells) if cell.text}

        def value(column: Column) -> str:
            index = indicators.map.get(column)
            return row.cells[index].text if index is not None and index < len(row.cells) else ""

        name = value(Column.INDICATOR)
        if not name:
            self._warn(row.location, "A row of the indicator table has no indicator name; it was not read.", row.line)
            return True
        self.document.indicators.append(
            IndicatorDocument(
                name=name,
                number=value(Column.ACTION_NUMBER),
                target=value(Column.INDICATOR_TARGET),
                polarity=value(Column.POLARITY),
                cells=cells,
                location=row.location,
            )
        )
        return True

    # --- a row of an action table --------------------------------------------------------------

    def _data_row(self, table: _Table, row: Row) -> None:
        for index in table.unread:
            if index < len(row.cells) and not row.cells[index].empty:
                table.unread[index].append(row.location)
        for cell in row.cells[table.width :]:
            if not cell.empty:
                table.extra.append(cell.location)
        self.explicit_row = False
        self._priority_from_row(table, row)
        new_action = self._action_from_row(table, row)
        if self.action is None:
            self._warn(row.location, "A row with no action before it was not read.", row.line)
            return
        new_subs, continuing = self._sub_actions_from_row(table, row, new_action)
        if new_subs:
            self._pair_cells(table, row, new_subs)
            self.last_row_subs = new_subs
        elif continuing is not None:
            self._continue_cells(table, row, continuing)

    def _priority_from_row(self, table: _Table, row: Row) -> None:
        number_cell = table.cell(row, Column.PRIORITY_NUMBER)
        title_cell = table.cell(row, Column.PRIORITY)
        reference = table.cell(row, Column.ACTION_NUMBER)
        number, title = _priority_identity(number_cell, title_cell)
        if number is None and reference is not None and not reference.merged:
            parsed = _reference(reference.text)
            if parsed is not None and parsed[0] is not None:
                number = parsed[0]
        if number is None and not title:
            return
        current = self.priority
        if current is not None:
            document = current.document
            same_number = number is None or document.number == number
            same_title = not title or _same_text(title, document.title)
            if same_number and same_title:
                return
        existing = self._find_priority(number, title)
        if existing is not None:
            self.priority = existing
            self.action = existing.document.actions[-1] if existing.document.actions else None
            return
        self._open_priority(number, title, False, row.location, row.line)
        state = self.priority
        assert state is not None
        state.expect_title = False
        self._commit(state)
        self.limbo = [s for s in self.limbo if s is not state]

    def _action_from_row(self, table: _Table, row: Row) -> bool:
        cell = table.cell(row, Column.ACTION)
        number_cell = table.cell(row, Column.ACTION_NUMBER)
        text = cell.text if cell is not None and not cell.merged else ""
        number_text = number_cell.text if number_cell is not None and not number_cell.merged else ""
        if not text and not number_text:
            return False
        text, _ = continued(text)
        priority_number = self.priority.document.number if self.priority is not None else None
        parsed = action_number(text, priority=priority_number)
        number, printed, title = parsed.number, parsed.printed, parsed.title
        if number_text:
            reference = _reference(number_text)
            if reference is not None and reference[1] is not None:
                number, printed = reference[1], number_text
                title = parsed.title if parsed.number == number else text
        current = self.action
        if current is not None and self._same_action(current, number, title):
            self.explicit_row = True
            return False
        priority = self._ensure_priority(row)
        action = ActionDocument(number=number, title=title, number_text=printed, location=row.location)
        if not title:
            self._warn(row.location, f"Action {number or ''} has no title.".replace("  ", " "), row.line)
        priority.document.actions.append(action)
        self.action = action
        self.last_row_subs = []
        return True

    @staticmethod
    def _same_action(current: ActionDocument, number: str | None, title: str) -> bool:
        if number is not None and current.number is not None and current.number_text:
            if number != current.number:
                return False
            return not title or not current.title or _same_text(title, current.title)
        return bool(title) and _same_text(title, current.title)

    def _sub_actions_from_row(
        self, table: _Table, row: Row, new_action: bool
    ) -> tuple[list[SubActionDocument], SubActionDocument | None]:
        """Sub-actions this row starts, or (when it starts none) the one it carries on."""
        action = self.action
        assert action is not None
        detail = table.cell(row, Column.DETAIL)
        letter_cell = table.cell(row, Column.LETTER)
        previous = action.sub_actions[-1] if action.sub_actions else None
        if letter_cell is not None and not letter_cell.empty and not letter_cell.merged:
            sub = self._lettered_from_column(row, letter_cell, detail)
            if any(s.letter == sub.letter for s in action.sub_actions):
                self._warn(
                    letter_cell.location, f"The letter {letter_cell.text} appears twice in one action.", row.line
                )
            action.sub_actions.append(sub)
            return [sub], None
        parts = list(detail.parts) if detail is not None and not detail.merged else []
        leading, lettered = _split_letters(parts)
        subs: list[SubActionDocument] = []
        continuing: SubActionDocument | None = None
        if leading:
            leading_text = " ".join(part.text for part in leading)
            items = [part.text for part in leading if part.item]
            if new_action or previous is None:
                if lettered:
                    self._warn(
                        _where(detail, row),
                        f"Text before the first lettered sub-action was not placed: {_quote(leading_text)}",
                        row.line,
                    )
                else:
                    subs.append(self._new_sub(None, leading_text, items, row))
            elif not self.explicit_row and (_reads_on(leading_text) or (previous.letter and lettered)):
                previous.detail = _join(previous.detail, leading_text)
                previous.detail_items.extend(items)
                note = f"Detail continues at {row.location} (page break); joined."
                previous.notes = _join(previous.notes, note)
                message = (
                    f"The detail {_quote(leading_text)} was joined to {self._name(previous)} above it (page break)."
                )
                if not _reads_on(leading_text):
                    message += " It does not read on from it: check."
                self._warn(_where(detail, row), message, row.line)
                continuing = previous
            else:
                sub = self._new_sub(None, leading_text, items, row)
                if previous.letter:
                    self._warn(
                        _where(detail, row),
                        f"A sub-action without a letter follows lettered ones in action {action.number or ''}.",
                        row.line,
                    )
                subs.append(sub)
        for letter, printed, pieces in lettered:
            text = " ".join(piece.text for piece in pieces if piece.text)
            items = [piece.text for piece in pieces if piece.item]
            if any(s.letter == letter for s in action.sub_actions):
                self._warn(_where(detail, row), f"The letter {printed} appears twice in one action.", row.line)
            sub = self._new_sub(letter, text, items, row)
            self.letter_forms[id(sub)] = printed
            subs.append(sub)
        if not subs and continuing is None:
            if new_action or previous is None or self.explicit_row:
                subs.append(self._new_sub(None, "", [], row))
            else:
                continuing = previous
        action.sub_actions.extend(subs)
        return subs, continuing

    def _lettered_from_column(self, row: Row, letter_cell: Cell, detail: Cell | None) -> SubActionDocument:
        printed = letter_cell.text.strip()
        letter = printed.strip("().: ") or printed
        parts = list(detail.parts) if detail is not None and not detail.merged else []
        if parts:
            start = letter_start(parts[0].text)
            if start is not None and start.letter == letter:
                parts[0] = Part(start.rest, parts[0].item)
        text = " ".join(part.text for part in parts if part.text)
        items = [part.text for part in parts if part.item]
        sub = self._new_sub(letter, text, items, row)
        self.letter_forms[id(sub)] = printed if printed.endswith(")") else f"{letter})"
        return sub

    def _new_sub(self, letter: str | None, detail: str, items: list[str], row: Row) -> SubActionDocument:
        return SubActionDocument(letter=letter, detail=detail, detail_items=list(items), location=row.location)

    def _pair_cells(self, table: _Table, row: Row, subs: list[SubActionDocument]) -> None:
        count = len(subs)
        names = ", ".join(s.letter or "?" for s in subs)
        measures = table.cell(row, Column.MEASURES)
        if measures is not None and not measures.empty:
            texts = [part.text for part in measures.parts]
            if count == 1 or len(texts) == count:
                for sub, given in _spread(subs, texts, count):
                    sub.measures = given
            else:
                for sub in subs:
                    sub.measures = list(texts)
                    sub.shared_fields.append("measures_of_success")
                if len(texts) > 1:
                    self._warn(
                        measures.location,
                        f"{table.heading(Column.MEASURES)}: {len(texts)} items for {count} sub-actions ({names}); "
                        f"each sub-action was given all {len(texts)}.",
                        row.line,
                    )
            if measures.merged:
                for sub in subs:
                    if "measures_of_success" not in sub.shared_fields:
                        sub.shared_fields.append("measures_of_success")
        for column, name in ((Column.TARGET_DATE, "target_date_text"), (Column.LEAD, "lead_text")):
            cell = table.cell(row, column)
            values = self._spread_text(table, row, cell, subs, column)
            for sub, value, shared in values:
                if column is Column.TARGET_DATE:
                    sub.target_date = value
                else:
                    sub.lead_text = value
                    sub.leads = split_leads(value)
                if shared and name not in sub.shared_fields:
                    sub.shared_fields.append(name)
            if table.map.has(column):
                for sub in subs:
                    empty = not (sub.target_date if column is Column.TARGET_DATE else sub.lead_text)
                    if empty:
                        what = "target date" if column is Column.TARGET_DATE else "lead"
                        self._warn(sub.location, f"{_sentence(self._name(sub))} has no {what}.", row.line)
        for sub in subs:
            if sub.target_date and not parse_target_date(sub.target_date).recognised:
                self._warn(
                    sub.location,
                    f"The target date {_quote(sub.target_date)} of {self._name(sub)} is not a date the "
                    "reader understands; it is kept as printed.",
                    row.line,
                )
        update = table.cell(row, Column.UPDATE)
        if update is not None and not update.empty and not update.merged:
            self._split_update(table, row, update, subs)

    def _spread_text(
        self, table: _Table, row: Row, cell: Cell | None, subs: list[SubActionDocument], column: Column
    ) -> list[tuple[SubActionDocument, str, bool]]:
        if cell is None or cell.empty:
            return []
        count = len(subs)
        if count == 1:
            return [(subs[0], cell.text, cell.merged)]
        texts = [part.text for part in cell.parts]
        if len(texts) == count:
            return [(sub, text, cell.merged) for sub, text in zip(subs, texts, strict=True)]
        if len(texts) > 1:
            names = ", ".join(s.letter or "?" for s in subs)
            self._warn(
                cell.location,
                f"{table.heading(column)}: {len(texts)} entries for {count} sub-actions ({names}) cannot be paired; "
                "the whole cell was kept on each.",
                row.line,
            )
        return [(sub, cell.text, True) for sub in subs]

    def _split_update(self, table: _Table, row: Row, cell: Cell, subs: list[SubActionDocument]) -> None:
        text = cell.text
        lettered = [s for s in subs if s.letter]
        if not lettered:
            subs[0].update = _join(subs[0].update or "", text) or None
            if len(subs) > 1:
                self._warn(
                    cell.location,
                    "The update could not be divided between the sub-actions of this row; it was kept with the first.",
                    row.line,
                )
            return
        forms = [self.letter_forms.get(id(s), f"{s.letter})") for s in lettered]
        markers = find_markers(text, [s.letter or "" for s in lettered], forms)
        by_letter = {s.letter: s for s in lettered}
        if not markers:
            subs[0].update = text
            if len(subs) > 1:
                self._warn(
                    cell.location,
                    f"The update names none of the letters {', '.join(s.letter or '' for s in lettered)}; "
                    f"it was kept with {subs[0].letter or 'the first sub-action'}.",
                    row.line,
                )
            return
        first_position = markers[0][1]
        leading = text[:first_position].strip()
        starts = [position for _, position in markers] + [len(text)]
        for n, (letter, position) in enumerate(markers):
            sub = by_letter[letter]
            begin = 0 if n == 0 and leading and not self._moves_back(leading, subs[0]) else position
            sub.update = text[begin : starts[n + 1]].strip() or None
        if leading:
            first_sub = by_letter[markers[0][0]]
            previous = self._sub_before(subs[0])
            if self._moves_back(leading, subs[0]) and previous is not None:
                previous.update = _join(previous.update or "", leading)
                previous.notes = _join(previous.notes, f"Update continues at {row.location} (page break); joined.")
                self._warn(
                    cell.location,
                    f"The start of this update cell, {_quote(leading)}, was joined to the update of "
                    f"{self._name(previous)} (page break).",
                    row.line,
                )
            else:
                first_sub.notes = _join(
                    first_sub.notes, "Update cell starts with text before its letter; kept as printed."
                )
                self._warn(
                    cell.location,
                    f"The update of {self._name(first_sub)} starts with text before "
                    f"{forms[lettered.index(first_sub)]}: {_quote(leading)}. It was kept with it, as printed; check "
                    "whether the cells of this row are shifted.",
                    row.line,
                )

    def _moves_back(self, leading: str, first: SubActionDocument) -> bool:
        return not self.explicit_row and _reads_on(leading) and self._sub_before(first) is not None

    def _sub_before(self, sub: SubActionDocument) -> SubActionDocument | None:
        action = self.action
        if action is None:
            return None
        for index, candidate in enumerate(action.sub_actions):
            if candidate is sub:
                return action.sub_actions[index - 1] if index > 0 else None
        return None

    def _continue_cells(self, table: _Table, row: Row, sub: SubActionDocument) -> None:
        """A row that only carries on the sub-action above it, across a page break."""
        target_update = next((s for s in reversed(self.last_row_subs or [sub]) if s.update), sub)
        joined: list[str] = []
        measures = table.cell(row, Column.MEASURES)
        if measures is not None and not measures.empty and not measures.merged:
            sub.measures.extend(part.text for part in measures.parts)
            joined.append(table.heading(Column.MEASURES))
        for column in (Column.TARGET_DATE, Column.LEAD):
            cell = table.cell(row, column)
            if cell is None or cell.empty or cell.merged:
                continue
            if column is Column.TARGET_DATE:
                sub.target_date = _join(sub.target_date, cell.text)
            else:
                sub.lead_text = _join(sub.lead_text, cell.text)
                sub.leads = split_leads(sub.lead_text)
            joined.append(table.heading(column))
        update = table.cell(row, Column.UPDATE)
        if update is not None and not update.empty and not update.merged:
            target_update.update = _join(target_update.update or "", update.text)
            note = f"Update continues at {row.location} (page break); joined."
            target_update.notes = _join(target_update.notes, note)
            self._warn(
                update.location,
                f"This row carries on the update of {self._name(target_update)} (page break); joined.",
                row.line,
            )
        if joined:
            sub.notes = _join(sub.notes, f"{', '.join(joined)} continue at {row.location}; joined.")
            self._warn(
                row.location,
                f"This row carries on {', '.join(joined)} of {self._name(sub)} (page break); joined.",
                row.line,
            )

    # --- the end -------------------------------------------------------------------------------

    def _finish(self) -> None:
        document = self.document
        if document.priorities and all(p.number is None for p in document.priorities):
            for position, priority in enumerate(document.priorities, start=1):
                priority.number = position
            document.warnings.append(
                Warning(
                    document.priorities[0].location,
                    "Priorities are not numbered in the document: they were numbered 1 to "
                    f"{len(document.priorities)} in the order they appear.",
                )
            )
        unnumbered = [p for p in document.priorities if p.actions and all(a.number is None for a in p.actions)]
        for priority in unnumbered:
            for position, action in enumerate(priority.actions, start=1):
                action.number = str(position)
        if unnumbered:
            document.warnings.append(
                Warning(
                    unnumbered[0].actions[0].location,
                    "Actions are not numbered in the document: they were numbered by their order within each "
                    "priority (1, 2, ...).",
                )
            )
        for priority in document.priorities:
            for action in priority.actions:
                if action.number is None:
                    document.warnings.append(
                        Warning(action.location, f"The action {_quote(action.title)} has no number.")
                    )
            if not priority.title:
                document.warnings.append(Warning(priority.location, f"{_priority_name(priority)} has no title."))
            if not priority.actions:
                document.warnings.append(Warning(priority.location, f"{_priority_name(priority)} has no actions."))
        document.warnings.sort(key=lambda w: (w.line is None, w.line or 0))

    def _name(self, sub: SubActionDocument) -> str:
        """How a warning names a sub-action: "sub-action 3.2B", "action 3.1"."""
        priority = self.priority.document.number if self.priority is not None else None
        return _sub_name(self.action, sub, priority)

    def _warn(self, location: str, message: str, line: int | None) -> None:
        self.document.warnings.append(Warning(location, message, line))


# --- helpers -------------------------------------------------------------------------------------


def _may_be_headings(table: _Table, row: Row) -> bool:
    """Inside a table, a row is looked at as headings only if it repeats the table's own or names columns.

    Reading every row of a long table as possible headings would be slow (a 10,000-row plan).
    """
    texts = row.texts
    if tuple(texts) == table.headings:
        return True
    return _could_be_headings(texts) and sum(1 for t in texts if t and is_column_name(t)) >= 2


def _could_be_headings(texts: list[str]) -> bool:
    """A cheap first look: headings are short. Most rows of a plan fail this at once."""
    filled = [t for t in texts if t]
    return len(filled) >= 2 and all(len(t) <= 80 and t.count(" ") <= 7 for t in filled)


def _plan_header(row: Row) -> ColumnMap | None:
    texts = row.texts
    return plan_header(texts) if _could_be_headings(texts) else None


def _details_header(row: Row) -> ColumnMap | None:
    texts = row.texts
    return priority_details_header(texts) if _could_be_headings(texts) else None


def _heading_of(block: Block) -> _Heading | None:
    if isinstance(block, Paragraph):
        if block.item:
            return None
        found = priority_heading(block.text)
    else:
        texts = {cell.text for cell in block.filled}
        if len(texts) != 1:
            return None
        found = priority_heading(texts.pop())
    if found is None:
        return None
    return _Heading(found.number, found.title, found.continued)


@dataclass(frozen=True)
class _Heading:
    number: int | None
    title: str
    continued: bool


def _priority_identity(number_cell: Cell | None, title_cell: Cell | None) -> tuple[int | None, str]:
    number: int | None = None
    title = ""
    if title_cell is not None and not title_cell.empty:
        number, title = numbered_title(title_cell.text)
    if number_cell is not None and not number_cell.empty:
        digits = re.search(r"\d+", number_cell.text)
        if digits:
            number = int(digits.group(0))
    return number, title


_REFERENCE = re.compile(
    r"^\s*(?:p(?:riority)?\s*)?(?:(?P<priority>\d{1,3})\s*[.\-/]\s*)?(?:a(?:ction)?\s*)?"
    r"(?P<action>\d{1,3})\s*(?:[.\-]?\s*(?P<letter>[A-Za-z]))?\s*[.):]?\s*$",
    re.IGNORECASE,
)


def _reference(text: str) -> tuple[int | None, str | None, str | None] | None:
    """ "3.2B" -> (3, "2", "B"); "2" -> (None, "2", None); None when it is not a reference."""
    match = _REFERENCE.match(text)
    if not match:
        return None
    priority = match.group("priority")
    return (int(priority) if priority else None, match.group("action"), match.group("letter"))


def _split_letters(parts: list[Part]) -> tuple[list[Part], list[tuple[str, str, list[Part]]]]:
    """The parts before the first lettered one, and each lettered sub-action with its parts."""
    if len(parts) == 1:
        inline = inline_letters(parts[0].text)
        if inline:
            return [], [(piece.letter, piece.printed, [Part(piece.rest)]) for piece in inline]
    leading: list[Part] = []
    lettered: list[tuple[str, str, list[Part]]] = []
    for part in parts:
        start = letter_start(part.text) if not part.item or not lettered else None
        if start is not None:
            lettered.append((start.letter, start.printed, [Part(start.rest)]))
        elif lettered:
            lettered[-1][2].append(part)
        else:
            leading.append(part)
    return leading, lettered


def _spread(subs: list[SubActionDocument], texts: list[str], count: int) -> list[tuple[SubActionDocument, list[str]]]:
    if count == 1:
        return [(subs[0], list(texts))]
    return [(sub, [text]) for sub, text in zip(subs, texts, strict=True)]


def _reads_on(text: str) -> bool:
    """Text that carries on a sentence from a page before: it starts in lower case."""
    stripped = text.lstrip(" " + BULLETS + "-–")
    return bool(stripped) and stripped[0].islower()


def _join(first: str, second: str, separator: str = " ") -> str:
    if not first:
        return second
    if not second:
        return first
    return f"{first}{separator}{second}"


def _same_text(a: str, b: str) -> bool:
    return _normal(a) == _normal(b)


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", clean(text).lower().replace("’", "'")).strip()


def _strip_tick(text: str) -> str:
    return _TICK.sub("", text).strip()


def _quote(text: str, limit: int = 80) -> str:
    text = clean(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _where(cell: Cell | None, row: Row) -> str:
    return cell.location if cell is not None and cell.location else row.location


def _priority_name(priority: PriorityDocument) -> str:
    if priority.number is not None:
        return f"Priority {priority.number}"
    return f"The priority {_quote(priority.title)}" if priority.title else "A priority"


def _sub_name(action: ActionDocument | None, sub: SubActionDocument, priority: int | None = None) -> str:
    number = action.number if action is not None and action.number else ""
    if number and priority is not None:
        number = f"{priority}.{number}"
    if sub.letter:
        return f"sub-action {number}{sub.letter}".strip()
    return f"action {number}".strip() if number else "the sub-action"


# --- the plan's own title ------------------------------------------------------------------------


def _plan_title(blocks: Sequence[Block], start: int) -> tuple[str, str, str]:
    """Title, period and update period from the title lines nearest before the plan.

    "Children, Education and Families" / "Portfolio Plan for 2020/21" / "Quarter 3 Update" gives
    "... Portfolio Plan for 2020/21 Quarter 3 Update", period "2020/21", update "Quarter 3 2020/21"
    (`004_5a7191a0a14e1e5f.txt:686-690`).
    """
    lines = [(i, _block_line(blocks[i])) for i in range(start - 1, -1, -1)]
    lines = [(i, text) for i, text in lines if text]
    for position, (_, text) in enumerate(lines):
        if _TITLE_WORDS.search(text) and _title_like(text):
            before: list[str] = []
            for _, earlier in lines[position + 1 : position + 3]:
                if not _title_like(earlier) or _BOILERPLATE.search(earlier) or _TITLE_WORDS.search(earlier):
                    break
                before.insert(0, earlier)
            after: list[str] = []
            for _, later in reversed(lines[max(0, position - 3) : position]):
                if not _title_like(later) or not _PERIOD_LINE.search(later) or priority_heading(later):
                    break
                after.append(later)
            title = " ".join([*before, text, *after])
            return title, _period(title), _update_period(title)
    return "", "", ""


def _block_line(block: Block) -> str:
    if isinstance(block, Paragraph):
        return "" if block.item else block.text
    texts = [cell.text for cell in block.filled]
    return texts[0] if len(texts) == 1 else ""


def _title_like(text: str) -> bool:
    return len(text) <= 120 and not text.endswith((".", ";", ",")) and read_label(text) is None


def _period(title: str) -> str:
    for span in _SPAN.finditer(title):
        start, end = int(span.group(1)), int(span.group(2)[-2:])
        if end != (start + 1) % 100:
            return span.group(0)
    year = _FINANCIAL_YEAR.search(title)
    return year.group(0) if year else ""


def _update_period(title: str) -> str:
    quarter = _QUARTER.search(title)
    year = _FINANCIAL_YEAR.search(title)
    if quarter and year:
        return f"Quarter {quarter.group(1)} {year.group(1)}/{year.group(2)}"
    return ""
