"""The report kinds: what `scrutineer report KIND` and the reports pages offer.

A kind registers itself by being a module in `scrutineer/reports/kinds/` (or a `report_kinds`
module of an app that sits above reports, such as committees) that defines `KIND = ReportKind(...)`
or `KINDS = [...]`. Nothing else needs editing: the command line, the period pages, the cover-sheet
form and the publication check all find it here.

A kind supplies five functions:

* `parse_period(text) -> str`: the period in the kind's own terms, as a slug ("2020-21-Q3" for
  plan updates, "2020-12" for monthly performance); raises `PeriodError` for anything else.
* `period_label(slug) -> str`: the period as a title prints it ("Quarter 3 2020/21").
* `available(portfolio, period) -> bool`: whether there is anything to report (a plan covering the
  period, an index for the month, ...).
* `defaults(portfolio, period) -> dict`: cover-sheet values for a new report (title, reason,
  recommendations, commentary, implications ...); standing fields (decision maker, officers,
  ward, ...) are carried over from the kind's previous report of that portfolio.
* `build(report, part) -> Document`: the report as plain data (see `document.py` and
  `assemble.committee_report`, which lays out the cover sheet and numbered sections around the
  kind's own commentary and appendices).

and optionally:

* `gaps(report) -> list[Gap]`: publication checks of its own (e.g. an amber or red indicator
  without commentary); a `Gap(..., blocking=False)` is shown as a warning only.
* `period_in_quarter(quarter) -> str` and `quarter_of(period) -> FinancialQuarter`: which of its
  periods the reports page of a financial quarter shows, and back (the quarter itself by default;
  a monthly kind maps 2020-21-Q3 to "2020-12" and "2020-12" to 2020-21-Q3).
* `periods_in_quarter(portfolio, quarter) -> list[str]`: instead of `period_in_quarter`, for a kind
  whose periods are not fixed in the calendar, such as the contracts register's reporting cycles
  (none, one or several in a quarter, as the council held them), or a report to each committee
  meeting, named by the meeting's date.
* `part2_exempt_material=True` when every Part 2 report of the kind holds exempt material (then
  publication needs a Schedule 12A paragraph even with no exempt commentary typed in).
* `on_publish(report, user)`: what else publishing the report does, inside the same transaction
  (the performance report records its Part 1 figures in the disclosure ledger). It may raise
  `services.ReportIncomplete` to stop publication; nothing is then written.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps

from scrutineer.domain.cover_sheets import Gap
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import FinancialQuarter

if TYPE_CHECKING:
    from scrutineer.accounts.models import User
    from scrutineer.core.models import Portfolio

    from .document import Document
    from .models import Report


def _no_gaps(report: Report) -> list[Gap]:
    return []


def _nothing_more(report: Report, user: User | None) -> None:
    return None


def _the_quarter(quarter: FinancialQuarter) -> str:
    return quarter.slug


def _a_quarter(period: str) -> FinancialQuarter:
    return FinancialQuarter.parse(period)


@dataclass(frozen=True)
class ReportKind:
    slug: str  # "plan-update": the command-line name and the URL part
    name: str  # "Portfolio plan update"
    period_help: str  # "a financial quarter, e.g. 2020-21-Q3"
    parse_period: Callable[[str], str]
    period_label: Callable[[str], str]
    available: Callable[[Portfolio, str], bool]
    defaults: Callable[[Portfolio, str], dict[str, Any]]
    build: Callable[[Report, Part], Document]
    gaps: Callable[[Report], list[Gap]] = field(default=_no_gaps)
    period_in_quarter: Callable[[FinancialQuarter], str] = field(default=_the_quarter)
    quarter_of: Callable[[str], FinancialQuarter] = field(default=_a_quarter)
    part2_exempt_material: bool = False  # True when every Part 2 report of the kind holds exempt material
    periods_in_quarter: Callable[[Portfolio, FinancialQuarter], list[str]] | None = None

    def periods_for(self, portfolio: Portfolio, quarter: FinancialQuarter) -> list[str]:
        """The kind's periods the reports page of `quarter` shows, in order."""
        if self.periods_in_quarter is not None:
            return list(self.periods_in_quarter(portfolio, quarter))
        return [self.period_in_quarter(quarter)]

    on_publish: Callable[[Report, User | None], None] = field(default=_nothing_more)


class UnknownKind(LookupError):
    """No report kind has that name."""


class ReportUnavailable(Exception):
    """The report cannot be made for that portfolio and period; the message says why."""


def report_kinds() -> dict[str, ReportKind]:
    """Every registered kind, by slug, in the order they were found."""
    found: dict[str, ReportKind] = {}
    for module in _kind_modules():
        for kind in getattr(module, "KINDS", ()) or ((module.KIND,) if hasattr(module, "KIND") else ()):
            if kind.slug in found and found[kind.slug] is not kind:
                raise ValueError(f"Two report kinds are called {kind.slug!r}.")
            found[kind.slug] = kind
    return found


def report_kind(slug: str) -> ReportKind:
    kinds = report_kinds()
    if slug not in kinds:
        names = ", ".join(sorted(kinds)) or "none yet"
        raise UnknownKind(f"Unknown report {slug!r}. Available: {names}.")
    return kinds[slug]


def _kind_modules() -> list[Any]:
    from . import kinds as package

    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}") for info in pkgutil.iter_modules(package.__path__)
    ]
    for config in apps.get_app_configs():
        if not config.name.startswith("scrutineer.") or config.name == "scrutineer.reports":
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.report_kinds"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.report_kinds":
                raise
    return modules
