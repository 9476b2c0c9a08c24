"""Match the sub-actions of an update document to the sub-actions of a plan already loaded.

An update report carries the same plan with an updates column filled in
(`004_5a7191a0a14e1e5f.txt:566-867`), so its updates are matched by priority, action number and
sub-action letter, checked against the titles, never by position alone. What cannot be matched is a
problem with its location: an import of updates is all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..plan_document import ActionDocument, PlanDocument, PriorityDocument, SubActionDocument, Warning
from .cells import clean

SAME_TITLE = 0.5  # below this a numbered match is refused: the document and the plan disagree
LIKELY_TITLE = 0.8  # an unnumbered priority or action matches a title at least this alike


@dataclass(frozen=True)
class UpdateMatch:
    """The update text of one document sub-action and the plan sub-action it belongs to."""

    document: tuple[int, int, int]  # priority, action and sub-action positions in the document (from 0)
    plan: tuple[int, int, int]  # the same positions in the plan
    text: str
    location: str


@dataclass
class Matching:
    matches: list[UpdateMatch] = field(default_factory=list)
    problems: list[Warning] = field(default_factory=list)


def match_updates(document: PlanDocument, plan: PlanDocument) -> Matching:
    """Every sub-action of `document` with update text, matched to a sub-action of `plan`."""
    result = Matching()
    taken: dict[tuple[int, int, int], str] = {}
    for p, priority in enumerate(document.priorities):
        updated = [(a, s) for a, action in enumerate(priority.actions) for s, sub in enumerate(action.sub_actions)
                   if sub.update]  # fmt: skip
        if not updated:
            continue
        plan_p = _match_priority(priority, plan.priorities, result)
        if plan_p is None:
            continue
        plan_priority = plan.priorities[plan_p]
        for a, s in updated:
            action = priority.actions[a]
            sub = action.sub_actions[s]
            plan_a = _match_action(priority, action, plan_priority, result)
            if plan_a is None:
                continue
            plan_s = _match_sub_action(priority, action, sub, plan_priority.actions[plan_a], result)
            if plan_s is None:
                continue
            key = (plan_p, plan_a, plan_s)
            if key in taken:
                result.problems.append(
                    Warning(
                        sub.location,
                        f"{_name(priority, action, sub)} has a second update (the first is at "
                        f"{taken[key]}); only one update per sub-action can be imported.",
                    )
                )
                continue
            taken[key] = sub.location
            result.matches.append(UpdateMatch((p, a, s), key, sub.update or "", sub.location))
    return result


def _match_priority(priority: PriorityDocument, candidates: list[PriorityDocument], result: Matching) -> int | None:
    if priority.number is not None:
        for index, candidate in enumerate(candidates):
            if candidate.number == priority.number:
                if priority.title and candidate.title and _alike(priority.title, candidate.title) < SAME_TITLE:
                    result.problems.append(
                        Warning(
                            priority.location,
                            f"Priority {priority.number} is “{priority.title}” in the document "
                            f"but “{candidate.title}” in the plan.",
                        )
                    )
                    return None
                return index
    found = _by_title(priority.title, [c.title for c in candidates])
    if found is None:
        result.problems.append(
            Warning(priority.location, f"No priority in the plan matches “{priority.title or priority.number}”.")
        )
    return found


def _match_action(
    priority: PriorityDocument, action: ActionDocument, plan_priority: PriorityDocument, result: Matching
) -> int | None:
    candidates = plan_priority.actions
    numbered_in_document = bool(action.number_text)
    if not numbered_in_document:
        found = _by_title(action.title, [c.title for c in candidates])
        if found is not None:
            return found
    if action.number is not None:
        for index, candidate in enumerate(candidates):
            if candidate.number == action.number:
                if action.title and candidate.title and _alike(action.title, candidate.title) < SAME_TITLE:
                    result.problems.append(
                        Warning(
                            action.location,
                            f"Action {_ref(priority, action)} is “{action.title}” in the "
                            f"document but “{candidate.title}” in the plan.",
                        )
                    )
                    return None
                return index
    found = _by_title(action.title, [c.title for c in candidates])
    if found is None:
        result.problems.append(
            Warning(
                action.location,
                f"No action in priority {plan_priority.number or plan_priority.title} of the plan "
                f"matches action {_ref(priority, action)} “{action.title}”.",
            )
        )
    return found


def _match_sub_action(
    priority: PriorityDocument,
    action: ActionDocument,
    sub: SubActionDocument,
    plan_action: ActionDocument,
    result: Matching,
) -> int | None:
    candidates = plan_action.sub_actions
    if sub.letter:
        for index, candidate in enumerate(candidates):
            if (candidate.letter or "").lower() == sub.letter.lower():
                return index
        result.problems.append(Warning(sub.location, f"The plan has no {_name(priority, action, sub)}."))
        return None
    if len(candidates) == 1:
        return 0
    unlettered = [i for i, c in enumerate(candidates) if not c.letter]
    if len(unlettered) == 1:
        return unlettered[0]
    found = _by_title(sub.detail, [candidates[i].detail for i in unlettered], threshold=0.6)
    if found is None:
        result.problems.append(
            Warning(
                sub.location,
                f"{_name(priority, action, sub)} has no letter and its detail matches none of the "
                "plan's sub-actions of that action.",
            )
        )
        return None
    return unlettered[found]


def _by_title(title: str, candidates: list[str], threshold: float = LIKELY_TITLE) -> int | None:
    if not title:
        return None
    scores = [(_alike(title, candidate), index) for index, candidate in enumerate(candidates)]
    if not scores:
        return None
    best, index = max(scores)
    return index if best >= threshold else None


def _alike(a: str, b: str) -> float:
    first, second = _normal(a), _normal(b)
    if first == second:
        return 1.0
    return SequenceMatcher(None, first, second).ratio()


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", clean(text).lower().replace("’", "'")).strip()


def _ref(priority: PriorityDocument, action: ActionDocument) -> str:
    if priority.number is not None and action.number:
        return f"{priority.number}.{action.number}"
    return action.number or ""


def _name(priority: PriorityDocument, action: ActionDocument, sub: SubActionDocument) -> str:
    reference = _ref(priority, action)
    return f"sub-action {reference}{sub.letter or ''}" if sub.letter else f"action {reference}"
