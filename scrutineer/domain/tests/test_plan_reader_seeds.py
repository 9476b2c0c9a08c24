"""The plan reader on the two seed plans: every count and every cell equals the hand-checked fixtures."""

import json
import re
from pathlib import Path

import pytest

from scrutineer.domain.plan_document import PlanDocument
from scrutineer.domain.plan_reader import read_text

DATA = Path(__file__).resolve().parents[2] / "demo" / "data"
SEED_2018 = DATA / "seeds" / "000_7cb5b0983be37437.txt"
SEED_Q3 = DATA / "seeds" / "004_5a7191a0a14e1e5f.txt"
FIXTURE_2018 = json.loads((DATA / "fixtures" / "portfolio_plan_2018_22.json").read_text(encoding="utf-8"))
FIXTURE_Q3 = json.loads((DATA / "fixtures" / "portfolio_plan_q3_2020_21.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_2018() -> PlanDocument:
    return read_text(SEED_2018.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_q3() -> PlanDocument:
    """Read from the whole 4,202-line agenda pack: the reader finds agenda item 7's plan in it."""
    return read_text(SEED_Q3.read_text(encoding="utf-8"))


def _cells(sub):
    return {
        "letter": sub.letter,
        "detail": sub.detail,
        "measures": sub.measures,
        "target_date": sub.target_date or None,
        "lead_text": sub.lead_text or None,
        "leads": sub.leads,
        "update": sub.update,
        "shared_fields": sorted(sub.shared_fields),
    }


def _fixture_cells(sub):
    return {
        "letter": sub["letter"],
        "detail": sub["detail"],
        "measures": sub["measures_of_success"],
        "target_date": sub["target_date_text"],
        "lead_text": sub["lead_text"],
        "leads": sub["leads"],
        "update": sub["update_text"],
        "shared_fields": sorted(sub.get("shared_fields", [])),
    }


def _fixture_subs(fixture):
    return [
        (priority["number"], action["number"], sub)
        for priority in fixture["priorities"]
        for action in priority["actions"]
        for sub in action["sub_actions"]
    ]


def _subs(document):
    return [(p.number, a.number, s) for p in document.priorities for a in p.actions for s in a.sub_actions]


@pytest.mark.parametrize("index", range(32))
def test_every_cell_of_the_quarter_3_update_is_as_printed(plan_q3, index):
    number, action, sub = _subs(plan_q3)[index]
    f_number, f_action, f_sub = _fixture_subs(FIXTURE_Q3)[index]
    assert (number, action) == (f_number, f_action)
    assert _cells(sub) == _fixture_cells(f_sub)


@pytest.mark.parametrize("index", range(17))
def test_every_cell_of_the_2018_plan_is_as_printed(plan_2018, index):
    number, action, sub = _subs(plan_2018)[index]
    f_number, f_action, f_sub = _fixture_subs(FIXTURE_2018)[index]
    assert (number, action) == (f_number, f_action)
    assert _cells(sub) == {**_fixture_cells(f_sub), "shared_fields": []}
    assert sub.detail_items == f_sub["detail_items"]


def test_counts_of_the_quarter_3_update(plan_q3):
    counts = FIXTURE_Q3["counts"]
    assert len(plan_q3.priorities) == counts["priorities"] == 5
    assert len(plan_q3.actions) == counts["actions"] == 18
    assert len(plan_q3.sub_actions) == counts["sub_actions_total"] == 32
    assert sum(1 for s in plan_q3.sub_actions if s.letter) == counts["sub_actions_lettered"] == 21
    for priority, expected in zip(plan_q3.priorities, counts["per_priority"], strict=True):
        assert (priority.number, priority.title) == (expected["priority"], expected["title"])
        assert [a.number for a in priority.actions] == expected["action_numbers"]
        assert {a.number: [s.letter for s in a.sub_actions] for a in priority.actions} == expected["sub_action_letters"]
    assert sum(len(p.strategic_links) for p in plan_q3.priorities) == counts["strategic_links_total"] == 29
    assert sum(len(p.ambitions) for p in plan_q3.priorities) == counts["ambitions_listed_total"] == 15


def test_counts_of_the_2018_plan(plan_2018):
    counts = FIXTURE_2018["counts"]
    assert len(plan_2018.priorities) == counts["priority_sections_with_action_tables"] == 4
    assert len(plan_2018.actions) == counts["actions"] == 16
    assert len(plan_2018.sub_actions) == counts["sub_actions_total"] == 17
    assert sum(len(s.detail_items) for s in plan_2018.sub_actions) == counts["detail_items"] == 28
    assert sum(len(s.measures) for s in plan_2018.sub_actions) == counts["measures_of_success_items"] == 31
    assert [len(p.actions) for p in plan_2018.priorities] == [c["actions"] for c in counts["per_priority"]]
    assert [p.title for p in plan_2018.priorities] == [c["priority"] for c in counts["per_priority"]]


def test_numbers_are_kept_as_printed(plan_q3):
    priority_1, priority_3 = plan_q3.priorities[0], plan_q3.priorities[2]
    assert [a.number_text for a in priority_1.actions] == ["1)", "2)", "3)"]
    assert [a.number_text for a in priority_3.actions] == ["1.", "2.", "4.", "5.", "6.", "7."]


def test_priority_sections_as_printed(plan_q3, plan_2018):
    for document, fixture in ((plan_q3, FIXTURE_Q3), (plan_2018, FIXTURE_2018)):
        for priority, expected in zip(document.priorities, fixture["priorities"], strict=True):
            assert priority.title == expected["title"]
            assert priority.statement == expected.get("statement", "")
            assert priority.rationale == expected.get("rationale", "")
            assert priority.ambitions == expected.get("ambitions", expected.get("aligns_to_building_a_better_bromley"))
            assert priority.strategic_links == expected.get("strategic_links", expected.get("key_strategies_plans"))
            if "ambitions_intro" in expected:
                assert priority.ambitions_intro == expected["ambitions_intro"]
                assert priority.strategic_links_intro == expected["strategic_links_intro"]


def test_titles_and_periods(plan_q3, plan_2018):
    assert plan_q3.title == FIXTURE_Q3["plan"]["title_on_appendix"]
    assert (plan_q3.period, plan_q3.update_period) == ("2020/21", "Quarter 3 2020/21")
    assert plan_2018.title == FIXTURE_2018["plan"]["title"]
    assert plan_2018.period == FIXTURE_2018["plan"]["period"] == "2018 to 2022"


def test_the_columns_are_read_by_meaning(plan_q3, plan_2018):
    assert plan_q3.columns == {
        "ACTION": "action",
        "DETAIL": "detail",
        "MEASURES OF SUCCESS": "measures of success",
        "TARGET DATE": "target date",
        "LEAD": "lead",
        "UPDATES": "update",
    }
    assert list(plan_2018.columns) == FIXTURE_2018["plan"]["columns"]


def test_every_judgement_call_on_the_quarter_3_update_is_a_warning_at_its_line(plan_q3):
    by_line: dict[int, list[str]] = {}
    for warning in plan_q3.warnings:
        assert warning.location.startswith(f"line {warning.line}")
        by_line.setdefault(warning.line, []).append(warning.message)
    # Page-break joins (domain.md 2.4, 2.5), the shared measures cell at 790, the shifted row 5B at 796.
    assert sorted(by_line) == [758, 789, 790, 793, 796, 830, 834]
    assert any("joined to the update of sub-action 2.1D" in m for m in by_line[758])
    assert any("2 items for 3 sub-actions (A, B, C)" in m for m in by_line[790])
    assert any("joined to sub-action 3.4A" in m for m in by_line[793])
    messages_796 = " ".join(by_line[796])
    assert "3.5B has no target date" in messages_796
    assert "3.5B has no lead" in messages_796
    assert "starts with text before B)" in messages_796
    assert all(686 <= line <= 867 for line in by_line), "nothing outside the plan is reported"


def test_the_2018_plan_says_it_numbered_what_the_document_did_not(plan_2018):
    messages = [w.message for w in plan_2018.warnings]
    assert len(messages) == 2
    assert "Priorities are not numbered" in messages[0]
    assert "Actions are not numbered" in messages[1]


def test_lines_of_the_seed_are_where_the_warnings_say(plan_q3):
    lines = SEED_Q3.read_text(encoding="utf-8").split("\n")
    assert re.match(r"^\tB\) Participation in the Social Impact Bond", lines[796 - 1])
    assert lines[758 - 1].startswith("\tE) Implementing Transition")
