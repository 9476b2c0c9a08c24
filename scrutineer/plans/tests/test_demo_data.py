"""The demo plan holds what the Quarter 3 2020/21 update report holds (seed 004, agenda item 7)."""

import json
import re

import pytest

from scrutineer.demo.loader import DATA_DIR
from scrutineer.plans.models import Action, Priority, StrategicLink, SubAction, Update

SEED = DATA_DIR / "seeds" / "004_5a7191a0a14e1e5f.txt"
FIXTURE = json.loads((DATA_DIR / "fixtures" / "portfolio_plan_q3_2020_21.json").read_text())

pytestmark = pytest.mark.django_db


def _seed_plan_lines() -> list[str]:
    """Lines 686-867 of the agenda pack: the appendix "Portfolio Plan for 2020/21 Quarter 3 Update"."""
    return SEED.read_text(encoding="utf-8").splitlines()[685:867]


def test_priority_count_matches_the_document(demo):
    headings = [line for line in _seed_plan_lines() if re.fullmatch(r"Priority \d", line.strip())]
    assert len(headings) == 5
    assert Priority.objects.filter(plan=demo).count() == len(headings)


def test_action_count_matches_the_document(demo):
    # Each action row starts with its number, "1)" or "1.", possibly inside <p> markup.
    rows = [line for line in _seed_plan_lines() if re.match(r"^(?:<[^>]+>\s*)*\d+[.)]\s+[A-Z]", line)]
    assert len(rows) == 18
    assert Action.objects.filter(priority__plan=demo).count() == len(rows)


def test_sub_action_counts_match_the_document(demo):
    sub_actions = SubAction.objects.filter(action__priority__plan=demo)
    assert sub_actions.count() == 32
    assert sub_actions.exclude(letter="").count() == 21
    assert sub_actions.filter(letter="").count() == 11


def test_numbers_and_letters_are_kept_as_printed(demo):
    priority_3 = demo.priorities.get(number=3)
    assert list(priority_3.actions.values_list("number", flat=True)) == ["1", "2", "4", "5", "6", "7"]
    assert demo.priorities.get(number=1).actions.get(number="1").number_text == "1)"
    assert priority_3.actions.get(number="2").number_text == "2."
    letters = {
        (action.priority.number, action.number): [s.letter or None for s in action.sub_actions.all()]
        for action in Action.objects.filter(priority__plan=demo).prefetch_related("sub_actions")
    }
    assert letters[(2, "1")] == ["A", "B", "C", "D", "E"]
    assert letters[(1, "1")] == [None]
    assert letters[(4, "2")] == ["A", "B", "C"]


def test_every_sub_action_carries_the_document_text(demo):
    expected = [
        (
            sub["detail"],
            sub["measures_of_success"],
            sub["target_date_text"] or "",
            sub["lead_text"] or "",
            sub["update_text"],
        )
        for priority in FIXTURE["priorities"]
        for action in priority["actions"]
        for sub in action["sub_actions"]
    ]
    got = []
    for sub in SubAction.objects.filter(action__priority__plan=demo).order_by(
        "action__priority__position", "action__position", "position"
    ):
        update = sub.updates.first()
        got.append(
            (
                sub.detail,
                [m.text for m in sub.measures.all()],
                sub.target_date_text,
                sub.lead_text,
                update.text if update else None,
            )
        )
    assert got == expected


def test_lists_stay_lists_and_duplicates_are_kept(demo):
    links = StrategicLink.objects.filter(priority__plan=demo)
    assert links.count() == 29
    priority_1_links = list(demo.priorities.get(number=1).strategic_links.values_list("title", flat=True))
    assert priority_1_links.count("The Roadmap to Excellence") == 2
    ambitions = sum(p.ambition_links.count() for p in demo.priorities.all())
    assert ambitions == 15


def test_target_dates_are_parsed_and_kept(demo):
    sub_actions = SubAction.objects.filter(action__priority__plan=demo)
    assert sub_actions.filter(annual_programme=True).count() == 10
    assert sub_actions.filter(target_date_text="").count() == 1
    assert sub_actions.filter(target_date_recognised=False).count() == 0
    childcare = sub_actions.get(action__priority__number=3, action__number="2", letter="B")
    assert (childcare.target_date_text, childcare.target_month, childcare.target_year) == (
        "September 2020",
        9,
        2020,
    )


def test_lead_roles_are_a_catalogue_not_names(demo):
    sub_action = SubAction.objects.get(action__priority__plan=demo, action__priority__number=1, action__number="1")
    assert [link.role.title for link in sub_action.lead_links.all()] == [
        "Director Children's Social Care",
        "Independent Chair of Bromley Safeguarding Children's Partnership",
    ]
    assert sub_action.lead_text == (
        "Director Children's Social Care / Independent Chair of Bromley Safeguarding Children's Partnership"
    )


def test_quarter_three_updates_are_approved_for_quarter_three(demo):
    updates = Update.objects.filter(sub_action__action__priority__plan=demo, period__quarter=3)
    with_text = [
        sub
        for priority in FIXTURE["priorities"]
        for action in priority["actions"]
        for sub in action["sub_actions"]
        if sub["update_text"]
    ]
    assert updates.count() == len(with_text) == 32
    assert set(updates.values_list("status", flat=True)) == {Update.Status.APPROVED}
    assert {u.period.slug for u in updates} == {"2020-21-Q3"}
    assert updates.filter(text__contains="MAPE (Multi Agency Partnership Event) is on hold due to COVID").exists()


def test_loading_twice_changes_nothing(demo):
    from scrutineer.demo.loader import load_demo

    before = SubAction.objects.count(), Update.objects.count()
    report = load_demo()
    assert report.created == []
    assert (SubAction.objects.count(), Update.objects.count()) == before


def test_quarter_four_is_open_with_one_draft_and_overdue_leads(demo):
    from scrutineer.core.models import ReportingPeriod

    q4 = ReportingPeriod.objects.get(year=2020, quarter=4)
    assert q4.is_open is True
    drafts = Update.objects.filter(period=q4)
    assert [(u.status, u.author.username) for u in drafts] == [("draft", "demo-lead-education")]
    assert drafts.get().delivery_status.name == "On track"


def test_one_demo_account_per_role(demo):
    from scrutineer.accounts.models import User

    roles = sorted(set(User.objects.filter(username__startswith="demo-").values_list("role", flat=True)))
    assert roles == ["administrator", "committee_member", "lead_officer", "performance_officer"]
    education = User.objects.get(username="demo-lead-education")
    assert [r.title for r in education.lead_roles.all()] == ["Director Education"]
    assert education.check_password("demo-lead-education-password")
