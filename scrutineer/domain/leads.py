"""Lead cells as plans print them, split into the role titles they name.

Plans join several roles with "/" ("Director Children's Social Care / Independent Chair of ..."),
with "/" and a bare service ("Assistant Director Children's Social Care/ Housing"), or with no
separator at all ("Director Children's Social Care Director Adult Social Care",
`000_7cb5b0983be37437.txt:320`). The printed text is always kept beside the split.
"""

from __future__ import annotations

import re
from itertools import pairwise

_TITLE_WORDS = r"(?:Director|Head\s+of|Chief\s+(?:Executive|Officer)|Independent\s+Chair|Portfolio\s+Holder)"
_QUALIFIERS = r"(?:Assistant|Deputy|Interim|Acting|Executive)\s+"
# A new role starts where a title word begins, unless a qualifier ("Assistant ") stands before it.
_ROLE_START = re.compile(
    rf"(?<!Assistant )(?<!Deputy )(?<!Interim )(?<!Acting )(?<!Executive )\b(?=(?:{_QUALIFIERS})*{_TITLE_WORDS}\b)"
)
_SEPARATORS = re.compile(r"\s*(?:/|;|\n|\band\s+(?=(?:" + _QUALIFIERS + r")*" + _TITLE_WORDS + r"\b))\s*")


def split_leads(text: str | None) -> list[str]:
    """The role titles a LEAD cell names, in order. Empty for an empty cell."""
    if not text or not text.strip():
        return []
    roles: list[str] = []
    for part in _SEPARATORS.split(text):
        for piece in _split_run_on(" ".join(part.split())):
            cleaned = piece.strip(" ,")
            if cleaned:
                roles.append(" ".join(cleaned.split()))
    return roles


def _split_run_on(text: str) -> list[str]:
    starts = [m.start() for m in _ROLE_START.finditer(text) if m.start() > 0]
    bounds = [0, *starts, len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]
