"""Small builders for committee tests: a committee of the demo portfolio with a meeting of its own."""

from __future__ import annotations

from datetime import date
from typing import Any

from scrutineer.committees import services
from scrutineer.committees.models import AgendaItem, Committee, MatterOutstanding, Meeting, Risk, WorkProgrammeItem
from scrutineer.core.models import Portfolio


def committee(slug: str = "test-pds", **values: Any) -> Committee:
    portfolio = Portfolio.objects.get(slug="children-education-families")
    found = Committee(organisation=portfolio.organisation, portfolio=portfolio, slug=slug)
    return services.committee_save(committee=found, values={"name": f"Test {slug} Committee", **values})


def meeting(owner: Committee, day: date, **values: Any) -> Meeting:
    return services.meeting_save(meeting=Meeting(committee=owner, date=day), values=values)


def item(at: Meeting, number: int, title: str = "AN ITEM", **values: Any) -> AgendaItem:
    return services.agenda_item_save(item=AgendaItem(meeting=at), values={"number": number, "title": title, **values})


def access_matrix_objects() -> dict[str, str]:
    """Objects the access matrix (tests/access/matrix.toml) needs beyond the demo's: a matter
    outstanding and a risk, and the demo's committee, meeting and a work programme item."""
    owner = Committee.objects.get(slug="children-education-families-pds")
    january, march = (Meeting.objects.get(committee=owner, date=day) for day in (date(2021, 1, 26), date(2021, 3, 10)))
    matter = services.matter_save(
        matter=MatterOutstanding(committee=owner, raised_at=january),
        values={"action": "Report back", "owner": "Director of Education", "due": march},
    )
    risk = services.risk_save(
        risk=Risk(portfolio=owner.portfolio),
        values={
            "reference": "MATRIX1",
            "title": "A risk",
            "owner": "Director",
            "cause": "Cause",
            "effect": "Effect",
            "existing_controls": "Controls",
            "likelihood": 3,
            "impact": 3,
            "target_likelihood": 2,
            "target_impact": 2,
            "review_date": date(2021, 6, 30),
        },
    )
    programme_item = WorkProgrammeItem.objects.filter(meeting__committee=owner).order_by("pk").first()
    return {
        "committee": owner.slug,
        "meeting": march.date.isoformat(),
        "matter": str(matter.pk),
        "risk": risk.reference,
        "programme_item": str(programme_item.pk if programme_item else 0),
    }
