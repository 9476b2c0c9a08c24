"""Reading a contracts register from a table (CSV or Excel): every row checked, every problem kept.

Headers are matched by meaning: the register's printed headers ("Contract ID", "Total Value",
"Proc. Status"), the key's names ("Total Contract Value") and our own export's (`total_value`) all
work. Nothing here writes; services.register_import writes only when no row has a problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from scrutineer.core.tabular import ImportRejected, RowError, Table
from scrutineer.domain.money import MoneyError, parse_pence
from scrutineer.domain.procurement import term_months

# Our name for each column, then the headers (lower case) that mean it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "contract_id": ("contract id", "contract_id", "contract reference", "reference number"),
    "owner": ("owner", "contract owner"),
    "approver": ("approver", "contract approver"),
    "title": ("contract title", "title"),
    "supplier": ("supplier name", "supplier"),
    "portfolio": ("portfolio",),
    "total_value": ("total value", "total contract value", "total_value"),
    "annual_value": ("original annual value", "annual value", "original_annual_value"),
    "budget": ("budget",),
    "projection": ("projection",),
    "start_date": ("start date", "start_date"),
    "end_date": ("end date", "end_date"),
    "months_duration": ("months duration", "months_duration", "months"),
    "attention": ("attention",),
    "concern": ("concern", "concern flag", "contract of concern"),
    "capital": ("capital",),
    "risk_index": ("risk index", "risk_index"),
    "procurement_status": ("proc. status", "procurement status", "procurement_status"),
    "owner_commentary": ("commentary", "owner commentary", "owner_commentary"),
    "procurement_commentary": ("c&p commentary", "procurement commentary", "procurement_commentary"),
    "source": ("source_line", "source"),
}
REQUIRED = ("contract_id", "title", "portfolio", "total_value", "annual_value", "start_date", "end_date")
COMMENTARY = ("owner_commentary", "procurement_commentary")
NOT_PRINTED = (*COMMENTARY, "source")
LABELS = {
    "contract_id": "Contract ID",
    "title": "Contract Title",
    "portfolio": "Portfolio",
    "total_value": "Total Value",
    "annual_value": "Original Annual Value",
    "start_date": "Start Date",
    "end_date": "End Date",
}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T00:00(?::00)?)?$")
_TRUE = {"yes", "y", "true", "1", "x", "flag", "flagged", "red", "\u25cf", "\u25a0", "\u2691"}
_FALSE = {"", "no", "n", "false", "0"}


@dataclass
class RowInput:
    """One register row, read and checked; money in pence."""

    line: int
    contract_id: str
    portfolio_id: int
    title: str
    owner: str
    approver: str
    supplier: str
    total_value: int
    annual_value: int
    budget: int | None
    projection: int | None
    start_date: date
    end_date: date
    months_duration: int
    attention: bool
    concern: bool
    capital: bool
    risk_score: int | None  # the council's own score, when its file gives one
    printed: dict[str, str] = field(default_factory=dict)
    owner_commentary: str = ""
    procurement_commentary: str = ""
    source: str = ""


def column_map(headers: list[str]) -> dict[str, str]:
    """Our column name -> the file's header, for each column the file has."""
    found: dict[str, str] = {}
    for name, aliases in COLUMNS.items():
        for header in headers:
            if header in aliases and name not in found:
                found[name] = header
    return found


def read_register(table: Table, *, portfolios: Mapping[str, int]) -> list[RowInput]:
    """Every row of the table as a RowInput; raises ImportRejected listing every problem.

    `portfolios` maps a portfolio's name or slug (lower case) to its id.
    """
    columns = column_map(table.headers)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportRejected([RowError(1, LABELS[name], "This column is missing.") for name in missing])
    errors: list[RowError] = []
    rows: list[RowInput] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        values = {name: cells.get(header, "").strip() for name, header in columns.items()}
        row_errors: list[RowError] = []
        row = _read_row(line, values, portfolios, row_errors)
        if row is not None and row.contract_id in seen:
            row_errors.append(
                RowError(line, "Contract ID", f"Contract {row.contract_id} is already on line {seen[row.contract_id]}.")
            )
        if row is not None and not row_errors:
            seen[row.contract_id] = line
            rows.append(row)
        errors.extend(row_errors)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(2, "", "The file has a header row but no contracts.")])
    return rows


def _read_row(line: int, v: dict[str, str], portfolios: Mapping[str, int], errors: list[RowError]) -> RowInput | None:
    def problem(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    for name in ("contract_id", "title", "portfolio"):
        if not v[name]:
            problem(LABELS[name], "This is needed.")
    portfolio_id = portfolios.get(v["portfolio"].lower())
    if v["portfolio"] and portfolio_id is None:
        problem("Portfolio", f"There is no portfolio called {v['portfolio']!r}.")
    total = _money(v["total_value"], "Total Value", problem, required=True)
    annual = _money(v["annual_value"], "Original Annual Value", problem, required=True)
    budget = _money(v.get("budget", ""), "Budget", problem, required=False)
    projection = _money(v.get("projection", ""), "Projection", problem, required=False)
    start = _date(v["start_date"], "Start Date", problem)
    end = _date(v["end_date"], "End Date", problem)
    if start and end and end < start:
        problem("End Date", "The end date is before the start date.")
    months = _months(v.get("months_duration", ""), start, end, problem)
    flags = {name: _flag(v.get(name, ""), name.title(), problem) for name in ("attention", "concern")}
    capital = _capital(v.get("capital", ""), problem)
    risk_score = _risk_score(v.get("risk_index", ""), problem)
    if errors or None in (total, annual, start, end, months, portfolio_id, capital) or None in flags.values():
        return None
    assert total is not None and annual is not None and start and end and months is not None  # for the type checker
    assert portfolio_id is not None and capital is not None
    return RowInput(
        line=line,
        contract_id=v["contract_id"],
        portfolio_id=portfolio_id,
        title=v["title"],
        owner=v.get("owner", ""),
        approver=v.get("approver", ""),
        supplier=v.get("supplier", ""),
        total_value=total,
        annual_value=annual,
        budget=budget,
        projection=projection,
        start_date=start,
        end_date=end,
        months_duration=months,
        attention=bool(flags["attention"]),
        concern=bool(flags["concern"]),
        capital=capital,
        risk_score=risk_score,
        printed={name: value for name, value in v.items() if name not in NOT_PRINTED},
        owner_commentary=v.get("owner_commentary", ""),
        procurement_commentary=v.get("procurement_commentary", ""),
        source=v.get("source", ""),
    )


def _money(text: str, column: str, problem, *, required: bool) -> int | None:
    if not text:
        if required:
            problem(column, "An amount is needed.")
        return None
    try:
        pence = parse_pence(text)
    except MoneyError:
        problem(column, f"{text!r} is not an amount of money.")
        return None
    if pence < 0:
        problem(column, f"{text!r} is negative.")
        return None
    return pence


def _date(text: str, column: str, problem) -> date | None:
    match = _DMY.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _ISO.match(text)):
        parts = iso.groups()
    if parts is None:
        problem(column, f"{text!r} is not a date such as 31/03/2022." if text else "A date is needed.")
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        problem(column, f"{text!r} is not a date in the calendar.")
        return None


def _months(text: str, start: date | None, end: date | None, problem) -> int | None:
    if start is None or end is None:
        return None
    term = term_months(start=start, end=end)
    if not text:
        return term
    if not text.isdigit():
        problem("Months Duration", f"{text!r} is not a whole number of months.")
        return None
    months = int(text)
    if abs(months - term) > 1:
        problem(
            "Months Duration",
            f"{months} months does not match the term from {start:%d/%m/%Y} to {end:%d/%m/%Y} ({term} months); "
            "leave it blank to have it worked out.",
        )
        return None
    return months


def _flag(text: str, column: str, problem) -> bool | None:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    problem(column, f"{text!r}: leave it blank, or write Yes to flag the contract.")
    return None


def _capital(text: str, problem) -> bool | None:
    lowered = text.lower()
    if lowered in {"capital", "yes", "y", "true", "1"}:
        return True
    if lowered in {"", "revenue", "no", "n", "false", "0"}:
        return False
    problem("Capital", f"{text!r}: write Capital for a capital-funded contract, or leave it blank.")
    return None


def _risk_score(text: str, problem) -> int | None:
    """A whole number in the Risk Index column is the council's own score, out of 100.

    Anything else there (a colour, or the "●" of a printed register) is kept as printed only.
    """
    if not text.isdigit():
        return None
    if int(text) > 100:
        problem("Risk Index", f"A risk index score is out of 100, not {text}.")
        return None
    return int(text)
