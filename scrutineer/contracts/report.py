"""The register report as plain data: what the pages render now, and the report framework later.

`selectors.register_report` assembles a RegisterReport; nothing here touches the database. A
renderer (HTML page, PDF or Word) walks it in order: summary tables, the "turned red" list, then
the register's sections (contracts of concern first, capital contracts at the foot), then the key.
A Part 1 report carries no commentary at all: the Part 2 fields are never read into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from scrutineer.domain.parts import Part

REPORT_TITLE = "Contracts Register and Contracts Database Report"

# The register key, `004_5a7191a0a14e1e5f.txt:3880-3897`, in the council's words.
REGISTER_KEY: tuple[tuple[str, str], ...] = (
    (
        "Risk Index",
        "Colour-ranking system reflecting eight automatically scored and weighted criteria providing a "
        "score (out of 100) / colour reflecting the contract's intrinsic risk",
    ),
    ("Contract ID", "Unique reference used in contract authorisations"),
    ("Owner", "Manager/commissioner with day-to-day budgetary / service provision responsibility"),
    ("Approver", "Contract Owner's manager, responsible for approving data quality"),
    ("Contract Title", "Commonly used or formal title of service / contract"),
    ("Supplier", "Main contractor or supplier responsible for service provision"),
    (
        "Portfolio",
        "Relevant Portfolio for receiving procurement strategy, contract award, contract monitoring and "
        "budget monitoring reports",
    ),
    (
        "Total Contract Value",
        "The contract's value from commencement to expiry of formally approved period (excludes any "
        "extensions yet to be formally approved)",
    ),
    (
        "Original Annual Value",
        "Value of the contract its first year (which may be difference from the annual value in subsequent "
        "years, due to start-up costs etc.)",
    ),
    (
        "Budget",
        "Approved budget for the current financial year. May be blank due to: finances being reported "
        "against another contract; costs being grant-funded, complexity in the finance records e.g. capital "
        "(also applies to Projection)",
    ),
    ("Projection", "Expected contract spend by the end of the current financial year"),
    (
        "Procurement Status",
        "Automatic ranking system based on contract value and proximity to expiry. This is designed to alert "
        "Contract Owners to take procurement action in a timely manner. Red ragging simply means the contract "
        "is nearing expiry and is not an implied criticism (indeed, all contracts will ultimately be ragged "
        "'red').",
    ),
    (
        "Start & End Dates",
        "Approved contract start date and end date (excluding any extension which has yet to be authorised)",
    ),
    ("Months duration", "Contract term in months"),
    (
        "Attention",
        "Red flag indicates that there are potential issues, or that the timescales are tight and it requires "
        "close monitoring. (also see C&P Commentary in Part 2)",
    ),
    (
        "Commentary",
        "Contract Owners provide a comment – especially where the Risk Index or Procurement Status is ragged "
        "red or amber. Commissioning & Procurement Directorate may add an additional comment for Members' "
        "consideration. The Commentary only appears in the 'Part 2' Contracts Register",
    ),
    (
        "Capital",
        "Most of the Council's contracts are revenue-funded. Capital-funded contracts are separately identified "
        "(and listed at the foot of the Contracts Register) because different reporting / accounting rules apply",
    ),
)
ORDER_NOTE = (
    "The Contracts Register is output in Risk Index order. It is then ordered by Procurement Status, "
    "Portfolio, and finally Contract Value. Capital contracts appear at the foot of the Register and "
    "'contracts of concern' (to Commissioning & Procurement Directorate) are flagged at the top."
)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False  # right-aligned figures
    tag: str = ""  # "risk" or "status": the cell is a status, shown as its word in a tag of that row's colour


class RegisterRow(NamedTuple):  # a tuple: a register of thousands of rows is built quickly
    contract_id: str
    title: str
    url: str
    risk: str  # the risk index colour: "red", "amber", "yellow" or "green"
    status: str  # the procurement status: "red", "amber", "yellow", "green" or "imminent"
    cells: tuple[str, ...]  # the text of each column of the report, in order

    def tag(self, column: Column) -> str:
        """The colour of this row's cell in `column` when the column shows a status; "" otherwise."""
        return getattr(self, column.tag) if column.tag else ""


@dataclass(frozen=True)
class RegisterSection:
    key: str  # "concern", "revenue" or "capital"
    heading: str
    rows: tuple[RegisterRow, ...]


@dataclass(frozen=True)
class SummaryCell:
    count: int | None  # None: no figure is held for that cycle
    source: str = ""  # "register" (worked out from the cycle's register) or "published" (as printed)
    published: int | None = None  # the printed figure, when one is held beside a worked-out count

    @property
    def differs(self) -> bool:
        return self.source == "register" and self.published is not None and self.published != self.count


@dataclass(frozen=True)
class SummaryRow:
    group: str  # "Risk Index"
    label: str  # "Red", "Total", "£50k+"
    cells: tuple[SummaryCell, ...]
    tag: str = ""
    is_total: bool = False


@dataclass(frozen=True)
class SummaryColumn:
    label: str  # "February 2021"
    slug: str
    source: str  # "register", "published" or ""


@dataclass(frozen=True)
class SummaryTable:
    title: str  # "Children, Education and Families", or "All portfolios"
    caption: str
    columns: tuple[SummaryColumn, ...]
    rows: tuple[SummaryRow, ...]
    notes: tuple[str, ...] = ()

    @property
    def differences(self) -> tuple[tuple[SummaryRow, SummaryColumn, SummaryCell], ...]:
        return tuple(
            (row, column, cell)
            for row in self.rows
            for column, cell in zip(self.columns, row.cells, strict=True)
            if cell.differs
        )


@dataclass(frozen=True)
class StatusChange:
    contract_id: str
    title: str
    url: str
    what: str  # "Procurement Status" or "Risk Index"
    before: str  # "Amber", or "Not in the register"
    before_tag: str
    after: str
    after_tag: str


@dataclass(frozen=True)
class TurnedRed:
    previous_label: str  # "" when there is no earlier cycle
    available: bool  # False when the earlier cycle is held only as published counts
    changes: tuple[StatusChange, ...] = ()


@dataclass(frozen=True)
class RegisterReport:
    part: Part
    organisation: str
    portfolio: str
    portfolio_slug: str
    cycle_label: str
    cycle_slug: str
    as_at: date | None
    threshold: str  # "£50k"
    columns: tuple[Column, ...]
    sections: tuple[RegisterSection, ...]
    summary: SummaryTable
    all_portfolios: SummaryTable
    turned_red: TurnedRed
    imminent_count: int
    key: tuple[tuple[str, str], ...] = REGISTER_KEY
    order_note: str = ORDER_NOTE
    report_title: str = REPORT_TITLE
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        """As the register extract is headed (`004_5a7191a0a14e1e5f.txt:3924`)."""
        return f"Contract Register Report - {self.threshold} Portfolio Filtered - {self.portfolio} - {self.cycle_label}"

    @property
    def contract_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)
