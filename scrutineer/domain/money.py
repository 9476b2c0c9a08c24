"""Money as councils print it, held exactly: whole pence, or whole thousands where a table says £'000.

Never a float. Budget tables are in £'000 with credits (negative amounts: income above spend, or
an underspend) printed "Cr 61" (`004_5a7191a0a14e1e5f.txt:1063`); the contracts register gives whole
pounds ("3,313,863"); S106 schedules give pence ("£4,127,636.66").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_CR_RE = re.compile(r"^\s*(?:Cr\.?\s*(?P<cr>.+?)|(?P<plain>.+?)\s*Cr\.?)\s*$", re.IGNORECASE)
_DR_RE = re.compile(r"^\s*(?:Dr\.?\s*(?P<dr>.+?)|(?P<plain>.+?)\s*Dr\.?)\s*$", re.IGNORECASE)
_BRACKETS_RE = re.compile(r"^\s*\((?P<inner>.+)\)\s*$")
_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SCALE = {"k": Decimal(1000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}


class MoneyError(ValueError):
    """Text that is not an amount of money in a form we read."""


def parse_amount(text: str) -> Decimal:
    """An exact amount from printed text: "1,583", "Cr 61", "61 Cr", "(61)", "-61", "£1.2m", "Dr 131".

    The unit is whatever the table declares (pounds, or thousands of pounds); "k", "m" and "bn"
    suffixes scale the figure. Raises MoneyError for anything else.
    """
    raw = text
    text = text.strip().replace("\u2212", "-").replace("\u00a0", " ")
    if not text:
        raise MoneyError("An amount is needed.")
    sign = 1
    for pattern, flips in ((_CR_RE, True), (_DR_RE, False)):
        match = pattern.match(text)
        if match:
            text = (match.group(1) or match.group("plain")).strip()
            sign = -1 if flips else 1
            break
    else:
        match = _BRACKETS_RE.match(text)
        if match:
            text, sign = match.group("inner").strip(), -1
    text = text.replace("£", "").replace(" ", "")
    scale = Decimal(1)
    for suffix, factor in _SCALE.items():
        if text.lower().endswith(suffix) and text[: -len(suffix)]:
            text, scale = text[: -len(suffix)], factor
            break
    if not _NUMBER_RE.match(text):
        raise MoneyError(f"{raw!r} is not an amount of money.")
    try:
        value = Decimal(text.replace(",", "")) * scale
    except InvalidOperation:
        raise MoneyError(f"{raw!r} is not an amount of money.") from None
    if sign < 0 and value < 0:
        raise MoneyError(f"{raw!r} is negative twice over.")
    return sign * value


def parse_pence(text: str) -> int:
    """Whole pence from a printed amount in pounds: "£4,127,636.66" gives 412763666."""
    value = parse_amount(text) * 100
    if value != value.to_integral_value():
        raise MoneyError(f"{text!r} has a fraction of a penny.")
    return int(value)


def parse_thousands(text: str) -> int:
    """A whole number of thousands from a £'000 table: "Cr 61" gives -61, "1,583" gives 1583."""
    value = parse_amount(text)
    if value != value.to_integral_value():
        raise MoneyError(f"{text!r}: a £'000 table holds whole thousands.")
    return int(value)


def parse_thousands_or_blank(text: str) -> int | None:
    """As parse_thousands, but a blank cell is None (no figure), never 0.

    Budget tables leave cells blank where a line has no figure in a column
    (`004_5a7191a0a14e1e5f.txt:1086`); that is not the same as a printed 0.
    """
    return None if not text.strip() else parse_thousands(text)


def format_thousands(value: int) -> str:
    """The council's way: "1,583" for 1583, "Cr 61" for -61, "0" for 0."""
    return f"Cr {-value:,}" if value < 0 else f"{value:,}"


def format_dr_cr(value: int) -> str:
    """A variation as the narrative states it: "Dr 263" (overspend), "Cr 61" (underspend), "0".

    The explanatory notes head each variation "SEN and Inclusion - Dr £263k" and
    "Adult Education - Cr £61k" (`004_5a7191a0a14e1e5f.txt:1101-1115`).
    """
    if value > 0:
        return f"Dr {value:,}"
    return format_thousands(value)


def format_pounds(pence: int, *, show_pence: bool = False) -> str:
    """ "£3,313,863", or "£4,127,636.66" when asked or when there are pence; credits as "-£61".

    An amount with pence always shows them: money is never rounded for display.
    """
    sign = "-" if pence < 0 else ""
    pounds, remainder = divmod(abs(pence), 100)
    if show_pence or remainder:
        return f"{sign}£{pounds:,}.{remainder:02d}"
    return f"{sign}£{pounds:,}"
