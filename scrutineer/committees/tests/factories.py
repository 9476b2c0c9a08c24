"""Small builders for committee tests: a committee of the demo portfolio with a meeting of its own."""

from __future__ import annotations

from datetime import date
from typing import Any

from scrutineer.committees import services
from scrutineer.committees.models import AgendaItem, Committee, Meeting
from scrutineer.core.models import Portfolio


def committee(slug: str = "test-pds", **values: Any) -> Committee:
    portfolio = Portfolio.objects.get(slug="children-education-families")
    found = Committee(organisation=portfolio.organisation, portfolio=portfolio, slug=slug)
    return services.committee_save(committee=found, values={"name": f"Test {slug} Committee", **values})


def meeting(owner: Committee, day: date, **values: Any) -> Meeting:
    return services.meeting_save(meeting=Meeting(committee=owner, date=day), values=values)


def item(at: Meeting, number: int, title: str = "AN ITEM", **values: Any) -> AgendaItem:
    return services.agenda_item_save(item=AgendaItem(meeting=at), values={"number": number, "title": title, **values})
