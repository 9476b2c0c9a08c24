"""The financial years a plan's printed period covers: "2018 to 2022", "2018-22", "2020/21"."""

from __future__ import annotations

import re

_SPAN = re.compile(r"^\s*((?:19|20)\d{2})\s*(?:to|-|–|—|until)\s*((?:19|20)?\d{2})\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*[/\-–]\s*(\d{2}|\d{4})\s*$")


def plan_years(period: str) -> tuple[int, int] | None:
    """First and last financial years (by their first calendar year) of a plan period, or None.

    "2018 to 2022" runs from 2018/19 to 2021/22, so it gives (2018, 2021), as the demo plan does
    (`000_7cb5b0983be37437.txt:5`); "2020/21" gives (2020, 2020).
    """
    single = _YEAR.match(period)
    if single:
        start, end = int(single.group(1)), single.group(2)
        following = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if following == start + 1:
            return start, start
    span = _SPAN.match(period)
    if not span:
        return None
    start = int(span.group(1))
    end_text = span.group(2)
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    if end <= start or end - start > 20:
        return None
    return start, end - 1
