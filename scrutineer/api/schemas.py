"""What the API says, operation by operation. Nothing here is read from a request except UpdateIn."""

from __future__ import annotations

from ninja import Schema


class Error(Schema):
    detail: str


class PlanSummary(Schema):
    slug: str
    title: str
    portfolio: str
    period: str
    edition: str
    url: str


class UpdateOut(Schema):
    period: str
    text: str
    delivery_status: str | None


class SubActionOut(Schema):
    id: int
    letter: str | None
    detail: str
    measures_of_success: list[str]
    target_date: str
    annual_programme: bool
    overdue: bool
    leads: list[str]
    update: UpdateOut | None


class ActionOut(Schema):
    id: int
    number: str
    title: str
    sub_actions: list[SubActionOut]


class PriorityOut(Schema):
    number: int | None
    title: str
    actions: list[ActionOut]


class PlanOut(Schema):
    slug: str
    title: str
    period: str
    updates_for: str | None
    priorities: list[PriorityOut]


class Table(Schema):
    """A Part 1 table: the columns and rows of the matching `scrutineer export`."""

    title: str
    part: int
    columns: list[str]
    rows: list[dict[str, str]]


class EditableUpdate(Schema):
    sub_action: int
    period: str
    text: str
    status: str
    delivery_status: str | None
    version: int
    review_comment: str


class UpdateIn(Schema):
    text: str
    delivery_status: str | None = None
    submit: bool = False
