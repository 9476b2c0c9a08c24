"""What a table cell or a line of a plan says: its text, and the paragraphs and bullets inside it.

Text exports of plans keep a little HTML inside table cells: paragraphs (`<p>A) ...</p> <p>B) ...</p>`,
`004_5a7191a0a14e1e5f.txt:790`) and bullet lists that are not closed and carry their bullets as
characters (`<ul style="list-style-type: none"> • Training programme ... • Campaigns launched`,
`000_7cb5b0983be37437.txt:320`). Word and Excel cells hold paragraphs as lines. `Cell.of` reads any
of these into

* `text`: the whole cell with tags and markdown emphasis removed and whitespace collapsed, bullet
  characters kept (the fixtures' convention for update text);
* `parts`: the cell's paragraphs and bullet items in order, each without its bullet.

Broken or hostile markup never raises: what cannot be parsed as markup is read as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

BULLETS = "•●▪◦‣⁃∙✓✔☑■□➢➤►"
_BULLET_SPLIT = re.compile(f"[{BULLETS}]")
_LINE_BULLET = re.compile(r"^(?:[-*–]\s+|[" + BULLETS + r"]\s*)")
TAG_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,2000}>")
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "blockquote"}
)
_LIST_TAGS = frozenset({"ul", "ol"})
_HIDDEN_TAGS = frozenset({"head", "title", "style", "script", "template"})  # markup that is not text
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)([^*]{1,2000}?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]{1,2000}?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])__(?=\S)([^_]{1,2000}?)(?<=\S)__(?![\w_])"),
)


@dataclass(frozen=True)
class Part:
    """A paragraph or bullet item inside a cell."""

    text: str
    item: bool = False


@dataclass(frozen=True)
class Cell:
    raw: str
    text: str
    parts: tuple[Part, ...]
    location: str = ""
    merged: bool = False  # continues a cell merged down from the row above (Word)
    header: bool = False  # a <th> or a Word header row

    @classmethod
    def of(cls, raw: str, *, location: str = "", merged: bool = False, header: bool = False) -> Cell:
        text, parts = read_markup(raw)
        return cls(raw=raw, text=text, parts=tuple(parts), location=location, merged=merged, header=header)

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def has_items(self) -> bool:
        return any(part.item for part in self.parts)


def clean(text: str) -> str:
    """Whitespace collapsed and markdown emphasis removed: how every text is compared and kept."""
    text = " ".join(text.replace("\x00", "").split())
    if "*" in text or "_" in text:
        for pattern in _EMPHASIS:
            text = pattern.sub(r"\1", text)
    return text


_PLAIN = re.compile(f"^[^<\n\r{BULLETS}]*$")


def read_markup(raw: str) -> tuple[str, list[Part]]:
    """The cleaned text of a cell and its paragraphs and bullet items."""
    if _PLAIN.match(raw) and not _LINE_BULLET.match(raw.strip()):
        text = clean(raw)
        return text, [Part(text)] if text else []
    if TAG_HINT.search(raw):
        chunks = _html_chunks(raw)
    else:
        chunks = [_Chunk(line, in_list=False, list_item=False) for line in raw.replace("\r", "\n").split("\n")]
    text = clean(" ".join(chunk.text for chunk in chunks))
    parts: list[Part] = []
    for chunk in chunks:
        parts.extend(_split_bullets(chunk))
    return text, [part for part in parts if part.text]


@dataclass
class _Chunk:
    text: str
    in_list: bool
    list_item: bool


def _split_bullets(chunk: _Chunk) -> list[Part]:
    text = chunk.text
    stripped = text.strip()
    if not stripped:
        return []
    line_bullet = _LINE_BULLET.match(stripped)
    if line_bullet and not _BULLET_SPLIT.search(stripped[line_bullet.end() :]):
        return [Part(clean(stripped[line_bullet.end() :]), item=True)]
    pieces = _BULLET_SPLIT.split(stripped)
    parts: list[Part] = []
    head = clean(pieces[0])
    if head:
        parts.append(Part(head, item=chunk.list_item))
    parts.extend(Part(clean(piece), item=True) for piece in pieces[1:] if clean(piece))
    return parts


class _ChunkParser(HTMLParser):
    """Splits markup at block and list boundaries; inline tags vanish without a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[_Chunk] = []
        self._buffer: list[str] = []
        self._lists = 0
        self._item = False
        self._hidden = 0

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        for line in text.split("\n"):
            if line.strip():
                self.chunks.append(_Chunk(line, in_list=self._lists > 0, list_item=self._item))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        if tag in _BLOCK_TAGS or tag in _LIST_TAGS or tag == "li":
            self._flush()
        if tag in _LIST_TAGS:
            self._lists += 1
        if tag == "li":
            self._item = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS or tag in _LIST_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        if tag in _BLOCK_TAGS or tag in _LIST_TAGS or tag == "li":
            self._flush()
        if tag in _LIST_TAGS:
            self._lists = max(0, self._lists - 1)
        if tag == "li":
            self._item = False

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


_STRIP_TAGS = re.compile(r"<[^<>]{0,2000}>")


def _html_chunks(raw: str) -> list[_Chunk]:
    parser = _ChunkParser()
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # markup too broken for the parser is read as plain text
        stripped = unescape(_STRIP_TAGS.sub(" ", raw))
        return [_Chunk(line, in_list=False, list_item=False) for line in stripped.split("\n")]
    return parser.chunks


@dataclass
class TextBuilder:
    """Joins text pieces with single spaces (a page-break join)."""

    pieces: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text:
            self.pieces.append(text)

    def text(self) -> str:
        return " ".join(self.pieces)
