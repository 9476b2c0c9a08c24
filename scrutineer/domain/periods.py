"""Financial years, quarters and months as councils write them.

UK local government runs its year from 1 April to 31 March ("2020/21"), and its quarters are
financial quarters: Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March
(`004_5a7191a0a14e1e5f.txt:3996`: Q3 2020/21 is "as at the end of December 2020").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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


class PeriodError(ValueError):
    """Text that does not name a period in a form we read."""


@dataclass(frozen=True, order=True)
class FinancialYear:
    """UK local-government year, 1 April to 31 March."""

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
