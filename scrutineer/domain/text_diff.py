"""Word-level differences between two texts, for "what changed since last quarter"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

_TOKEN = re.compile(r"^\s+|\S+\s*")


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Piece:
    change: Change
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The new text as pieces kept, added or removed, word by word (whitespace kept as printed).

    Joining the SAME and ADDED pieces gives `new`; joining SAME and REMOVED gives `old`.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            _add(pieces, Change.SAME, "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(pieces, Change.REMOVED, "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _add(pieces, Change.ADDED, "".join(b[j1:j2]))
    return pieces


def _add(pieces: list[Piece], change: Change, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].change is change:
        pieces[-1] = Piece(change, pieces[-1].text + text)
    else:
        pieces.append(Piece(change, text))
