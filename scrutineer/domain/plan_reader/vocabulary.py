"""The words councils use for the parts of a plan, and how a column heading is read by meaning.

The two seed plans already disagree ("Action to meet priority" / "ACTION", "Measure of success" /
"MEASURES OF SUCCESS", "DLT Lead" / "LEAD", `000_7cb5b0983be37437.txt:319`,
`004_5a7191a0a14e1e5f.txt:716`), and other councils say "deadline", "lead officer", "tasks",
"outcomes" or "progress" for the same things. A heading is read by the words in it: each column has
phrases that mean it; a heading holding every word of a phrase (spelt within a typo or two, plural or
singular) matches it, better the fewer other words it has. Each column is then given to at most one
heading, the best match first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache


class Column(StrEnum):
    """What a column of a plan table holds."""

    PRIORITY = "priority"
    PRIORITY_NUMBER = "priority number"
    ACTION = "action"
    ACTION_NUMBER = "action number"
    LETTER = "sub-action letter"
    DETAIL = "detail"
    MEASURES = "measures of success"
    TARGET_DATE = "target date"
    LEAD = "lead"
    UPDATE = "update"
    STATEMENT = "priority statement"
    RATIONALE = "rationale"
    AMBITIONS_INTRO = "ambitions introduction"
    AMBITIONS = "ambitions"
    LINKS_INTRO = "strategic links introduction"
    LINKS = "strategic links"
    # Recognised so that a warning can say what they hold; a plan has no place for them yet.
    STATUS = "status"
    # Tables of indicators a plan lists.
    INDICATOR = "indicator"
    INDICATOR_TARGET = "indicator target"
    POLARITY = "polarity"
    FREQUENCY = "frequency"
    BASELINE = "baseline"


PLAN_COLUMNS = frozenset(
    {
        Column.PRIORITY,
        Column.PRIORITY_NUMBER,
        Column.ACTION,
        Column.ACTION_NUMBER,
        Column.LETTER,
        Column.DETAIL,
        Column.MEASURES,
        Column.TARGET_DATE,
        Column.LEAD,
        Column.UPDATE,
        Column.STATUS,
    }
)
PRIORITY_DETAIL_COLUMNS = frozenset(
    {Column.STATEMENT, Column.RATIONALE, Column.AMBITIONS_INTRO, Column.AMBITIONS, Column.LINKS_INTRO, Column.LINKS}
)
INDICATOR_COLUMNS = frozenset(
    {Column.INDICATOR, Column.INDICATOR_TARGET, Column.POLARITY, Column.FREQUENCY, Column.BASELINE}
)

# The first phrase of each list is the column's own name.
PHRASES: dict[Column, tuple[str, ...]] = {
    Column.ACTION: (
        "action", "action to meet priority", "key action", "priority action", "what we will do",
        "what are we going to do", "what will we do", "objective", "activity", "initiative", "commitment",
        "project", "workstream", "work stream", "intervention", "action title", "action description",
    ),
    Column.DETAIL: (
        "detail", "description", "task", "key task", "sub action", "subaction", "sub task", "step", "key step",
        "activities", "milestone", "how", "how we will do it", "how will we do it", "how will we achieve this",
        "how we will deliver", "what this involves", "specific action", "detailed action", "action detail",
        "sub action detail", "deliverable",
    ),
    Column.MEASURES: (
        "measure of success", "measures of success", "success measure", "measure", "success criteria", "outcome",
        "expected outcome", "intended outcome", "desired outcome", "kpi", "key performance indicator",
        "performance indicator", "performance measure", "indicator of success", "how will we know",
        "how we will know", "how will we measure success", "how will success be measured",
        "what success looks like", "what will success look like", "evidence of success", "impact",
        "expected impact", "output", "result", "expected result", "target",
    ),
    Column.TARGET_DATE: (
        "target date", "date", "deadline", "due", "due date", "due by", "by when", "when", "timescale",
        "timeframe", "time frame", "timeline", "completion date", "target completion date", "end date",
        "delivery date", "date due", "milestone date", "expected completion", "by", "target timescale",
        "completion", "target completion",
    ),
    Column.LEAD: (
        "lead", "dlt lead", "lead officer", "responsible officer", "officer", "owner", "action owner",
        "responsible", "responsibility", "accountable officer", "accountable", "who", "who is responsible",
        "lead role", "lead director", "lead responsibility", "sro", "senior responsible officer",
        "responsible person", "lead service", "service lead", "responsible lead", "led by", "lead person",
    ),
    Column.UPDATE: (
        "update", "progress", "progress update", "progress to date", "progress made", "commentary", "comment",
        "status update", "latest update", "current position", "position", "position statement", "narrative",
        "progress commentary", "update on progress", "remark", "progress report", "latest position",
        "quarterly update", "what have we done", "what we have done",
    ),
    Column.PRIORITY: (
        "priority", "priority title", "ambition", "outcome", "theme", "strategic priority", "priority outcome",
        "aim", "goal", "objective", "key priority", "priority area",
    ),
    Column.PRIORITY_NUMBER: (
        "priority number", "priority no", "priority ref", "priority reference", "priority id", "priority num",
    ),
    Column.ACTION_NUMBER: (
        "action number", "action no", "action ref", "action reference", "action id", "no", "number", "ref",
        "reference", "id", "item", "num",
    ),
    Column.LETTER: ("sub action letter", "letter", "sub action ref", "sub action reference", "sub ref", "task ref"),
    Column.STATEMENT: ("priority statement", "statement", "summary", "purpose"),
    Column.RATIONALE: ("rationale", "why", "why this matters", "why is this important", "reason", "context"),
    Column.AMBITIONS_INTRO: ("ambitions introduction", "ambitions intro", "ambition introduction"),
    Column.AMBITIONS: (
        "ambitions", "our ambitions", "corporate ambitions", "aligns to", "corporate priorities",
        "corporate ambition", "aligns to building better bromley",
    ),
    Column.LINKS_INTRO: ("strategic links introduction", "strategic links intro", "links introduction"),
    Column.LINKS: (
        "strategic links", "key strategies", "key strategies plans", "key plans", "links", "related strategies",
        "related plans", "links to strategies", "linked strategies", "strategic link",
    ),
    Column.STATUS: ("status", "rag", "rag status", "rag rating", "progress rating", "on track", "bru rating"),
    Column.INDICATOR: (
        "indicator", "kpi", "performance indicator", "indicator name", "measure", "performance measure",
        "key performance indicator", "indicator description",
    ),
    Column.INDICATOR_TARGET: ("target", "target range", "range", "tolerance", "target tolerance"),
    Column.POLARITY: ("polarity", "good is", "direction of travel", "higher or lower is better", "good performance"),
    Column.FREQUENCY: ("frequency", "reporting frequency", "how often", "reported"),
    Column.BASELINE: ("baseline", "latest", "outturn", "current", "latest outturn", "previous year"),
}  # fmt: skip

# When two columns match a heading equally well, the one earlier here wins.
_PREFERENCE = [
    Column.ACTION,
    Column.DETAIL,
    Column.MEASURES,
    Column.TARGET_DATE,
    Column.LEAD,
    Column.UPDATE,
    Column.PRIORITY,
    Column.PRIORITY_NUMBER,
    Column.ACTION_NUMBER,
    Column.LETTER,
    Column.STATEMENT,
    Column.RATIONALE,
    Column.AMBITIONS_INTRO,
    Column.AMBITIONS,
    Column.LINKS_INTRO,
    Column.LINKS,
    Column.STATUS,
    Column.INDICATOR,
    Column.INDICATOR_TARGET,
    Column.POLARITY,
    Column.FREQUENCY,
    Column.BASELINE,
]
_STOPWORDS = frozenset({"the", "of", "a", "an", "to", "for", "and", "or", "on", "in", "is", "are", "our", "its", "s"})
_NOISE = re.compile(r"^(?:q[1-4]|\d+|quarter|half|year|yearly|month|monthly|\d{4}\w*)$")
MIN_SCORE = 0.6
MAX_HEADING_CHARS = 80


def tokens(text: str) -> tuple[str, ...]:
    """The meaningful words of a heading, lower-cased and singular."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    words = re.findall(r"[a-z0-9#]+", text)
    return tuple(_singular(w) for w in words if w not in _STOPWORDS and not _NOISE.match(w))


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    basis = word.endswith("is") and len(word) >= 5  # "basis", "analysis" are not plurals
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")) and not basis:
        return word[:-1]
    return word


_PHRASE_TOKENS: dict[Column, tuple[tuple[str, ...], ...]] = {
    column: tuple(tokens(phrase) for phrase in phrases) for column, phrases in PHRASES.items()
}
_VOCABULARY = frozenset(word for phrases in _PHRASE_TOKENS.values() for phrase in phrases for word in phrase)


@lru_cache(maxsize=65536)
def _meanings(word: str) -> frozenset[str]:
    """The vocabulary words this word is, allowing a typo in longer words ("sucess", "deadine")."""
    found = {word} & _VOCABULARY
    if len(word) >= 3:
        longest = 2 if len(word) >= 5 else 1  # short words may lose or gain one letter ("dat", "kpis")
        for known in _VOCABULARY:
            if (
                known != word
                and len(known) >= 3
                and abs(len(known) - len(word)) <= longest
                and known[0] == word[0]
                and SequenceMatcher(None, word, known).ratio() >= 0.84
            ):
                found.add(known)
    return frozenset(found)


_EXACT_PHRASES = frozenset(phrase for phrases in _PHRASE_TOKENS.values() for phrase in phrases if phrase)


@lru_cache(maxsize=8192)
def is_column_name(text: str) -> bool:
    """The text is, word for word, one of the names a column goes by ("Deadline", "Lead officer")."""
    return len(text) <= MAX_HEADING_CHARS and tokens(text) in _EXACT_PHRASES


_PHRASE_SETS: dict[Column, tuple[tuple[frozenset[str], int], ...]] = {
    column: tuple((frozenset(phrase), len(phrase)) for phrase in phrases if phrase)
    for column, phrases in _PHRASE_TOKENS.items()
}


@lru_cache(maxsize=8192)
def column_scores(heading: str) -> tuple[tuple[Column, float, int], ...]:
    """How well a heading matches each column: (column, score, words in the phrase matched)."""
    if len(heading) > MAX_HEADING_CHARS:
        return ()
    words = tokens(heading)
    if not words or len(words) > 9:
        return ()
    known: set[str] = set()
    for word in words:
        known |= _meanings(word)
    if not known:
        return ()
    found: list[tuple[Column, float, int]] = []
    for column, phrases in _PHRASE_SETS.items():
        best = (0.0, 0)
        for index, (phrase, length) in enumerate(phrases):
            if not phrase <= known:
                continue
            score = 0.6 + 0.4 * min(1.0, length / len(words))
            if index == 0 and length == len(words):
                score += 0.01  # the column's own name beats a synonym
            best = max(best, (score, length))
        if best[0] >= MIN_SCORE:
            found.append((column, best[0], best[1]))
    return tuple(found)


@dataclass(frozen=True)
class ColumnMap:
    """Which column of a table holds what, and the headings that were not understood."""

    columns: dict[Column, int]
    headings: dict[int, str]
    unknown: tuple[int, ...]
    scores: dict[Column, float]

    def get(self, column: Column) -> int | None:
        return self.columns.get(column)

    def has(self, *columns: Column) -> bool:
        return any(c in self.columns for c in columns)

    def role_of(self, index: int) -> Column | None:
        for column, position in self.columns.items():
            if position == index:
                return column
        return None


def map_columns(headings: Sequence[str], allowed: frozenset[Column] | None = None) -> ColumnMap:
    """Give each column to the heading that matches it best; each heading gets at most one column."""
    candidates: list[tuple[float, int, int, int, Column]] = []
    for index, heading in enumerate(headings):
        for column, score, length in column_scores(heading):
            if allowed is None or column in allowed:
                candidates.append((score, length, -_PREFERENCE.index(column), -index, column))
    candidates.sort(reverse=True)
    columns: dict[Column, int] = {}
    scores: dict[Column, float] = {}
    taken: set[int] = set()
    for score, _, _, negative_index, column in candidates:
        index = -negative_index
        if column in columns or index in taken:
            continue
        columns[column] = index
        scores[column] = score
        taken.add(index)
    named = {i: h for i, h in enumerate(headings) if h.strip()}
    unknown = tuple(i for i in named if i not in taken)
    return ColumnMap(columns=columns, headings=named, unknown=unknown, scores=scores)


CONTENT_COLUMNS = frozenset(
    {Column.ACTION, Column.DETAIL, Column.MEASURES, Column.TARGET_DATE, Column.LEAD, Column.UPDATE}
)


def plan_header(headings: Sequence[str]) -> ColumnMap | None:
    """The column map if these cells are the heading row of a plan's action table, else None.

    A heading row names an action or detail column and at least two more of measures, target date,
    lead and update (or is a two-column table whose both headings are plainly plan words), and most
    of its cells are plan columns: a capital programme with a "Responsible Officer" and "Remarks",
    or an agenda's "Items of Business | Description", is not a plan.
    """
    named = [h for h in headings if h.strip()]
    if len(named) < 2 or any(len(h) > MAX_HEADING_CHARS for h in named):
        return None
    found = map_columns(headings, PLAN_COLUMNS)
    content = [c for c in found.columns if c in CONTENT_COLUMNS]
    if not found.has(Column.ACTION, Column.DETAIL):
        return None
    if len(content) < 3:
        plain = len(content) == 2 and len(found.columns) == len(named)
        if not plain or min(found.scores[c] for c in content) < 0.85:
            return None
    if len(found.columns) * 5 < len(named) * 3:
        return None
    return found


def priority_details_header(headings: Sequence[str]) -> ColumnMap | None:
    """A table of priorities with their statements, ambitions or strategic links (one row each)."""
    named = [h for h in headings if h.strip()]
    if len(named) < 2 or any(len(h) > MAX_HEADING_CHARS for h in named):
        return None
    found = map_columns(headings, PRIORITY_DETAIL_COLUMNS | {Column.PRIORITY, Column.PRIORITY_NUMBER})
    if not found.has(Column.PRIORITY, Column.PRIORITY_NUMBER) or not found.has(*PRIORITY_DETAIL_COLUMNS):
        return None
    if len(found.columns) * 5 < len(named) * 3:
        return None
    return found


def indicator_header(headings: Sequence[str]) -> ColumnMap | None:
    """A table of indicators: an indicator column and a target, polarity, frequency or baseline."""
    named = [h for h in headings if h.strip()]
    if len(named) < 2 or any(len(h) > MAX_HEADING_CHARS for h in named):
        return None
    found = map_columns(headings, INDICATOR_COLUMNS | {Column.ACTION_NUMBER, Column.LEAD})
    if not found.has(Column.INDICATOR):
        return None
    if not found.has(Column.INDICATOR_TARGET, Column.POLARITY, Column.FREQUENCY, Column.BASELINE):
        return None
    return found


# --- section labels inside a priority ------------------------------------------------------------


class Section(StrEnum):
    STATEMENT = "statement"
    RATIONALE = "rationale"
    AMBITIONS = "ambitions"
    LINKS = "strategic links"
    ACTIONS = "actions"


_LABELS: dict[Section, tuple[str, ...]] = {
    Section.STATEMENT: ("statement", "priority statement", "our aim", "purpose", "summary"),
    Section.RATIONALE: ("rationale", "why this matters", "why is this important", "why this is important"),
    Section.AMBITIONS: (
        "our ambitions", "ambitions", "corporate ambitions", "aligns to", "alignment", "corporate priorities",
        "contributes to",
    ),
    Section.LINKS: (
        "strategic links", "key strategies/plans", "key strategies", "key plans", "links to strategies",
        "related strategies", "related plans", "linked strategies", "links to other plans", "strategic plans",
    ),
    Section.ACTIONS: (
        "what are we going to do?", "what are we going to do", "what we will do", "what will we do?",
        "what will we do", "action plan", "actions", "our actions", "key actions", "how we will deliver",
        "delivery plan",
    ),
}  # fmt: skip
# Labels that run straight into their content with no colon: "Rationale Safeguarding is ..." and
# "Aligns to Building a Better Bromley" (`000_7cb5b0983be37437.txt:316`).
_RUN_IN = {Section.RATIONALE: ("rationale",), Section.AMBITIONS: ("aligns to",)}


@dataclass(frozen=True)
class Label:
    section: Section
    content: str  # what follows the label on the same line, if anything
    bare: bool  # the paragraph is the label alone


_LABEL_SECTIONS = {label.rstrip("?"): section for section, labels in _LABELS.items() for label in labels}
_LABEL_START = re.compile(
    r"^(" + "|".join(re.escape(label) for label in sorted(_LABEL_SECTIONS, key=len, reverse=True)) + r")(?![\w/])"
)


def _label_key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def read_label(text: str) -> Label | None:
    """The priority section a paragraph opens ("Our Ambitions:", "Rationale ...", "Strategic links:")."""
    stripped = text.strip()
    if not stripped:
        return None
    key = _label_key(stripped[:200])
    match = _LABEL_START.match(key)
    if match:
        section = _LABEL_SECTIONS[match.group(1)]
        rest = key[match.end() :].strip()
        if rest in {"", ":", "?", "?:"} and len(stripped) <= 200:
            return Label(section, "", bare=True)
        if rest.startswith((":", "?:")):
            return Label(section, stripped[stripped.index(":") + 1 :].strip(), bare=False)
    for section, starts in _RUN_IN.items():
        for start in starts:
            if key.startswith(start + " "):
                return Label(section, stripped[len(start) :].strip(), bare=False)
    return None


# --- furniture: page numbers and notes a converter leaves between table pages --------------------

_FURNITURE = re.compile(
    r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}|-\s*\d{1,4}\s*-|this page (?:is )?(?:left )?intentionally "
    r"(?:left )?blank|\[?\(?cont(?:inued|'d|’d|d)?\.?\)?\]?|continued (?:overleaf|on next page))$",
    re.IGNORECASE,
)


def is_furniture(text: str) -> bool:
    return bool(_FURNITURE.match(text.strip()))
