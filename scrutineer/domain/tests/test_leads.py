import json
from pathlib import Path

import pytest

from scrutineer.domain.leads import split_leads

FIXTURES = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures"


def _fixture_leads():
    seen = set()
    for name in ("portfolio_plan_q3_2020_21.json", "portfolio_plan_2018_22.json"):
        plan = json.loads((FIXTURES / name).read_text())
        for priority in plan["priorities"]:
            for action in priority["actions"]:
                for sub_action in action["sub_actions"]:
                    key = sub_action["lead_text"]
                    if key not in seen:
                        seen.add(key)
                        yield key, sub_action["leads"]


@pytest.mark.parametrize(("text", "expected"), list(_fixture_leads()), ids=lambda v: str(v)[:40])
def test_every_lead_cell_in_the_seed_plans_splits_as_the_fixture_says(text, expected):
    assert split_leads(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Head of Early Years and Head of Schools", ["Head of Early Years", "Head of Schools"]),
        ("Interim Director of Children's Services", ["Interim Director of Children's Services"]),
        ("Director Education; Director Housing", ["Director Education", "Director Housing"]),
        ("Deputy Director Finance\nHead of Procurement", ["Deputy Director Finance", "Head of Procurement"]),
        ("   ", []),
    ],
)
def test_other_ways_of_naming_several_leads(text, expected):
    assert split_leads(text) == expected
