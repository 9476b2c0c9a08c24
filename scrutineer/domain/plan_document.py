"""A portfolio plan as plain data: what a document holds, before anything touches the database.

Readers (text, Word, Excel, the hand-checked JSON fixtures) produce a `PlanDocument`; the plans
app's services write one into the database. `to_json()` gives the shape `scrutineer parse-plan`
prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .leads import split_leads


@dataclass
class SubActionDocument:
    letter: str | None
    detail: str
    measures: list[str] = field(default_factory=list)
    target_date: str = ""
    leads: list[str] = field(default_factory=list)
    lead_text: str = ""
    update: str | None = None
    detail_items: list[str] = field(default_factory=list)
    shared_fields: list[str] = field(default_factory=list)
    notes: str = ""
    location: str = ""


@dataclass
class ActionDocument:
    number: str | None
    title: str
    number_text: str = ""
    sub_actions: list[SubActionDocument] = field(default_factory=list)
    location: str = ""


@dataclass
class PriorityDocument:
    number: int | None
    title: str
    statement: str = ""
    rationale: str = ""
    ambitions_intro: str = ""
    ambitions: list[str] = field(default_factory=list)
    strategic_links_intro: str = ""
    strategic_links: list[str] = field(default_factory=list)
    actions: list[ActionDocument] = field(default_factory=list)
    location: str = ""


@dataclass
class IndicatorDocument:
    """A row of a table of indicators the plan lists, each cell kept as printed."""

    name: str
    number: str = ""
    target: str = ""
    polarity: str = ""
    cells: dict[str, str] = field(default_factory=dict)
    location: str = ""


@dataclass
class Warning:
    """Something the reader could not place, or placed by a rule a person should check."""

    location: str
    message: str
    line: int | None = None


@dataclass
class PlanDocument:
    title: str = ""
    period: str = ""
    update_period: str = ""
    priorities: list[PriorityDocument] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    indicators: list[IndicatorDocument] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    source: str = ""
    format: str = ""

    @property
    def actions(self) -> list[ActionDocument]:
        return [action for priority in self.priorities for action in priority.actions]

    @property
    def sub_actions(self) -> list[SubActionDocument]:
        return [sub for action in self.actions for sub in action.sub_actions]

    def to_json(self) -> dict[str, Any]:
        """The plan in the shape `scrutineer parse-plan` prints."""
        return {
            "priorities": [
                {
                    "number": priority.number,
                    "title": priority.title,
                    "actions": [
                        {
                            "number": action.number,
                            "title": action.title,
                            "sub_actions": [
                                {
                                    "letter": sub.letter,
                                    "detail": sub.detail,
                                    "measures": list(sub.measures),
                                    "target_date": sub.target_date,
                                    "leads": list(sub.leads),
                                    "update": sub.update,
                                }
                                for sub in action.sub_actions
                            ],
                        }
                        for action in priority.actions
                    ],
                }
                for priority in self.priorities
            ],
            "warnings": [{"location": w.location, "message": w.message} for w in self.warnings],
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything the document holds, for storing a preview; `from_dict` reads it back."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanDocument:
        return cls(
            title=data.get("title", ""),
            period=data.get("period", ""),
            update_period=data.get("update_period", ""),
            priorities=[
                PriorityDocument(
                    **{k: v for k, v in p.items() if k != "actions"},
                    actions=[
                        ActionDocument(
                            **{k: v for k, v in a.items() if k != "sub_actions"},
                            sub_actions=[SubActionDocument(**s) for s in a.get("sub_actions", [])],
                        )
                        for a in p.get("actions", [])
                    ],
                )
                for p in data.get("priorities", [])
            ],
            warnings=[Warning(**w) for w in data.get("warnings", [])],
            indicators=[IndicatorDocument(**i) for i in data.get("indicators", [])],
            columns=dict(data.get("columns", {})),
            source=data.get("source", ""),
            format=data.get("format", ""),
        )

    @classmethod
    def from_fixture(cls, data: dict[str, Any]) -> PlanDocument:
        """Read the hand-checked plan fixtures (`portfolio_plan_*.json`, domain.md section 4)."""
        plan = data.get("plan", {})
        return cls(
            title=plan.get("title_on_appendix") or plan.get("title", ""),
            period=plan.get("plan_period") or plan.get("period", ""),
            update_period=plan.get("update_period", ""),
            priorities=[_priority_from_fixture(p) for p in data["priorities"]],
        )


def _priority_from_fixture(data: dict[str, Any]) -> PriorityDocument:
    return PriorityDocument(
        number=data.get("number"),
        title=data["title"],
        statement=data.get("statement", ""),
        rationale=data.get("rationale", ""),
        ambitions_intro=data.get("ambitions_intro", ""),
        ambitions=list(data.get("ambitions") or data.get("aligns_to_building_a_better_bromley") or []),
        strategic_links_intro=data.get("strategic_links_intro", ""),
        strategic_links=list(data.get("strategic_links") or data.get("key_strategies_plans") or []),
        actions=[_action_from_fixture(a) for a in data["actions"]],
    )


def _action_from_fixture(data: dict[str, Any]) -> ActionDocument:
    return ActionDocument(
        number=data.get("number"),
        number_text=data.get("number_text", ""),
        title=data["title"],
        sub_actions=[_sub_action_from_fixture(s) for s in data["sub_actions"]],
    )


def _sub_action_from_fixture(data: dict[str, Any]) -> SubActionDocument:
    lead_text = data.get("lead_text") or ""
    return SubActionDocument(
        letter=data.get("letter"),
        detail=data.get("detail") or "",
        detail_items=list(data.get("detail_items") or []),
        measures=list(data.get("measures_of_success") or []),
        target_date=data.get("target_date_text") or "",
        lead_text=lead_text,
        leads=list(data.get("leads") or split_leads(lead_text)),
        update=data.get("update_text"),
        shared_fields=list(data.get("shared_fields") or []),
        notes=data.get("notes") or "",
    )
