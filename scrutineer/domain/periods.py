"""Financial years, quarters and months as councils write them.

UK local government runs its year from 1 April to 31 March ("2020/21"), and its quarters are
financial quarters: Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March
(`004_5a7191a0a14e1e5f.txt:3996`: Q3 2020/21 is "as at the end of December 2020").

Some indicators count over other years (`004_5a7191a0a14e1e5f.txt:4117-4121`, 4157): school
measures over the academic year (September to August, "Number YTD Academic year"), EHCP
timeliness over the calendar year, and youth justice over rolling twelve-month cohorts.
`YearBasis` names which, and `year_of` gives the year a day falls in on that basis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import ClassVar

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_FY_RE = re.compile(r"^\s*(?:FY\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)
_QUARTER_RES = (
    # 2020-21-Q3, 2020/21 Q3, 2020/21-Q3
    re.compile(r"^\s*(?P<fy>\d{4}\s*[/\-–]\s*\d{2,4})\s*[-\s]\s*Q(?:uarter)?\s*(?P<q>[1-4])\s*$", re.I),
    # Q3 2020/21, Quarter 3 2020/21, Q3 2020-21
    re.compile(r"^\s*Q(?:uarter)?\s*(?P<q>[1-4])\s+(?P<fy>\d{4}\s*[/\-–]\s*\d{2,4})\s*$", re.I),
)
_MONTH_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_CALENDAR_YEAR_RE = re.compile(r"^\s*(\d{4})\s*$")


class PeriodError(ValueError):
    """Text that does not name a period in a form we read."""


@dataclass(frozen=True, order=True)
class FinancialYear:
    """UK local-government year, 1 April to 31 March."""

    kind: ClassVar[str] = "financial_year"
    start_year: int

    @classmethod
    def containing(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read "2020/21", "2020-21", "2020/2021" or "FY2020/21"."""
        match = _FY_RE.match(text)
        if not match:
            raise PeriodError(f"{text!r} is not a financial year such as 2020/21.")
        start, end = int(match.group(1)), match.group(2)
        expected = str(start + 1) if len(end) == 4 else f"{(start + 1) % 100:02d}"
        if end != expected:
            raise PeriodError(f"{text!r}: a financial year runs over two consecutive years.")
        return cls(start)

    @property
    def label(self) -> str:
        """As councils print it: "2020/21"."""
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        """For URLs and command lines: "2020-21"."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def quarter(self, number: int) -> FinancialQuarter:
        return FinancialQuarter(self.start_year, number)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the unit most indicator values are reported in."""

    kind: ClassVar[str] = "month"
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"There is no month {self.month}.")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read "2020-12" (the form exports and imports use)."""
        match = _MONTH_ISO_RE.match(text)
        if not match:
            raise PeriodError(f"{text!r} is not a month such as 2020-12.")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def start(self) -> date:
        return self.first_day

    @property
    def end(self) -> date:
        return self.last_day

    @property
    def last_day(self) -> date:
        following = self.next()
        return date.fromordinal(following.first_day.toordinal() - 1)

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        """As the performance index heads its columns: "Dec-20"."""
        return f"{MONTH_NAMES[self.month - 1][:3]}-{self.year % 100:02d}"

    @property
    def slug(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """A quarter of a financial year: Q1 April-June ... Q4 January-March."""

    kind: ClassVar[str] = "financial_quarter"
    start_year: int
    quarter: int

    def __post_init__(self) -> None:
        if self.quarter not in (1, 2, 3, 4):
            raise PeriodError(f"A financial year has quarters 1 to 4, not {self.quarter}.")

    @classmethod
    def containing(cls, day: date) -> FinancialQuarter:
        year = FinancialYear.containing(day)
        months_in = (day.month - 4) % 12
        return cls(year.start_year, months_in // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> FinancialQuarter:
        """Read "2020-21-Q3", "2020/21 Q3", "Q3 2020/21" or "Quarter 3 2020/21"."""
        for pattern in _QUARTER_RES:
            match = pattern.match(text)
            if match:
                year = FinancialYear.parse(match.group("fy"))
                return cls(year.start_year, int(match.group("q")))
        raise PeriodError(f"{text!r} is not a financial quarter such as 2020-21-Q3.")

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def months(self) -> tuple[Month, Month, Month]:
        first = Month(self.start_year, 4)
        for _ in range((self.quarter - 1) * 3):
            first = first.next()
        second = first.next()
        return (first, second, second.next())

    @property
    def start(self) -> date:
        return self.months[0].first_day

    @property
    def end(self) -> date:
        return self.months[2].last_day

    @property
    def label(self) -> str:
        """As councils print it: "2020/21 Q3"."""
        return f"{self.financial_year.label} Q{self.quarter}"

    @property
    def long_label(self) -> str:
        """As report titles print it: "Quarter 3 2020/21"."""
        return f"Quarter {self.quarter} {self.financial_year.label}"

    @property
    def slug(self) -> str:
        return f"{self.financial_year.slug}-Q{self.quarter}"

    def next(self) -> FinancialQuarter:
        if self.quarter == 4:
            return FinancialQuarter(self.start_year + 1, 1)
        return FinancialQuarter(self.start_year, self.quarter + 1)

    def previous(self) -> FinancialQuarter:
        if self.quarter == 1:
            return FinancialQuarter(self.start_year - 1, 4)
        return FinancialQuarter(self.start_year, self.quarter - 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class CalendarYear:
    """January to December: the year EHCP timeliness is measured over (`004_5a7191a0a14e1e5f.txt:4157`)."""

    kind: ClassVar[str] = "calendar_year"
    year: int

    @classmethod
    def containing(cls, day: date) -> CalendarYear:
        return cls(day.year)

    @classmethod
    def parse(cls, text: str) -> CalendarYear:
        """Read "2020"."""
        match = _CALENDAR_YEAR_RE.match(text)
        if not match:
            raise PeriodError(f"{text!r} is not a calendar year such as 2020.")
        return cls(int(match.group(1)))

    @property
    def start_year(self) -> int:
        return self.year

    @property
    def label(self) -> str:
        return str(self.year)

    @property
    def slug(self) -> str:
        return str(self.year)

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class AcademicYear:
    """A school year, 1 September to 31 August, printed like a financial year: "2020/21"."""

    kind: ClassVar[str] = "academic_year"
    start_year: int

    @classmethod
    def containing(cls, day: date) -> AcademicYear:
        return cls(day.year if day.month >= 9 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> AcademicYear:
        """Read "2020/21" or "2020-21" (the same forms as a financial year)."""
        try:
            return cls(FinancialYear.parse(text).start_year)
        except PeriodError:
            raise PeriodError(f"{text!r} is not an academic year such as 2020/21.") from None

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 8, 31)

    def __str__(self) -> str:
        return self.label


Year = FinancialYear | CalendarYear | AcademicYear
Period = Month | FinancialQuarter | Year


class YearBasis(StrEnum):
    """The year an indicator counts over (`../shared/domain.md` 2.11, "year basis")."""

    FINANCIAL = "financial"
    CALENDAR = "calendar"
    ACADEMIC = "academic"
    ROLLING = "rolling"  # a rolling twelve-month cohort; its outturns are printed by financial year

    @property
    def label(self) -> str:
        return {
            YearBasis.FINANCIAL: "Financial year (April to March)",
            YearBasis.CALENDAR: "Calendar year (January to December)",
            YearBasis.ACADEMIC: "Academic year (September to August)",
            YearBasis.ROLLING: "Rolling twelve months",
        }[self]


def year_of(basis: YearBasis, day: date) -> Year:
    """The year `day` falls in, counted on `basis`."""
    if basis is YearBasis.CALENDAR:
        return CalendarYear.containing(day)
    if basis is YearBasis.ACADEMIC:
        return AcademicYear.containing(day)
    return FinancialYear.containing(day)


def year_starting(basis: YearBasis, start_year: int) -> Year:
    """The year on `basis` that begins in calendar year `start_year`."""
    if basis is YearBasis.CALENDAR:
        return CalendarYear(start_year)
    if basis is YearBasis.ACADEMIC:
        return AcademicYear(start_year)
    return FinancialYear(start_year)


def window_to(basis: YearBasis, as_at: Month) -> tuple[date, date]:
    """The days that count towards the year to date at the end of `as_at`.

    From the start of the year containing `as_at` to the end of `as_at`; for a rolling cohort,
    the twelve months ending with `as_at`.
    """
    if basis is YearBasis.ROLLING:
        first = as_at
        for _ in range(11):
            first = first.previous()
        return first.first_day, as_at.last_day
    return year_of(basis, as_at.first_day).start, as_at.last_day


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included; empty when `last` is before `first`."""
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = month.next()
    return months


def parse_period(text: str, basis: YearBasis = YearBasis.FINANCIAL) -> Period:
    """A period as imports write it: "2020-12", "2020-21-Q3", "2020-21" or "2020".

    "2020-21" is the financial year, or the academic year for an academic-year indicator; "2020"
    is a calendar year, and only a calendar-year indicator counts over one. Where a month and a
    year would read the same ("2010-11"), it is the month: write that year "2010/11".
    Raises PeriodError.
    """
    for reader in (Month.parse, FinancialQuarter.parse):
        try:
            return reader(text)
        except PeriodError:
            pass
    if _CALENDAR_YEAR_RE.match(text):
        if basis is not YearBasis.CALENDAR:
            raise PeriodError(f"{text!r} is a calendar year; this indicator counts financial years such as 2020-21.")
        return CalendarYear.parse(text)
    try:
        year = FinancialYear.parse(text)
    except PeriodError:
        raise PeriodError(
            f"{text!r} is not a period: write a month (2020-12), a quarter (2020-21-Q3) or a year (2020-21 or 2020)."
        ) from None
    if basis is YearBasis.CALENDAR:
        raise PeriodError(f"{text!r} is a financial year; this indicator counts calendar years such as 2020.")
    return AcademicYear(year.start_year) if basis is YearBasis.ACADEMIC else year
