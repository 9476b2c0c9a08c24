"""Officers' text as a report prints it: numbered paragraphs, and bullets where they used them.

Officers write plain text. A blank line starts a new paragraph; a line starting "- ", "* " or "•"
is a bullet of the list under the paragraph before it. Plan updates run their bullets on inside
one cell ("A) ... oversight. •Performance Digests ... •Reports ...",
`004_5a7191a0a14e1e5f.txt:719`), so a "•" inside a line starts a bullet too. Nothing is reworded:
every character an officer typed, other than the bullet marks and the spacing around them, is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET_LINE = re.compile(r"^\s*(?:[-*]\s+|•\s*)")
_INLINE_BULLET = re.compile(r"\s*•\s*")


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (`text`) followed by the bullets written under it (either may be empty)."""

    text: str
    bullets: tuple[str, ...] = ()


def text_blocks(text: str) -> list[TextBlock]:
    """Split an officer's text into paragraphs, each with the bullets that follow it."""
    blocks: list[TextBlock] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        if chunk.strip():
            blocks.extend(_chunk_blocks(chunk))
    return blocks


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (separated by blank lines), each on one line."""
    return [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text.strip()) if chunk.strip()]


def _chunk_blocks(chunk: str) -> list[TextBlock]:
    lead: list[str] = []
    bullets: list[str] = []
    blocks: list[TextBlock] = []
    for line in chunk.split("\n"):
        if not line.strip():
            continue
        if _BULLET_LINE.match(line):
            bullets.extend(_split_inline(_BULLET_LINE.sub("", line, count=1)))
            continue
        if bullets:  # a plain line after bullets starts a new paragraph
            blocks.append(TextBlock(" ".join(lead), tuple(bullets)))
            lead, bullets = [], []
        first, *rest = _INLINE_BULLET.split(line)
        if first.strip():
            lead.append(" ".join(first.split()))
        bullets.extend(" ".join(item.split()) for item in rest if item.strip())
    blocks.append(TextBlock(" ".join(lead), tuple(bullets)))
    return [block for block in blocks if block.text or block.bullets]


def _split_inline(text: str) -> list[str]:
    return [" ".join(item.split()) for item in _INLINE_BULLET.split(text) if item.strip()]
