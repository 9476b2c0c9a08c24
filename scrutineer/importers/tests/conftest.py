"""Helpers for the importer tests: the seed documents and plans compared field by field."""

from pathlib import Path

import pytest

from scrutineer.demo.loader import DATA_DIR
from scrutineer.domain.plan_document import PlanDocument

SEEDS = DATA_DIR / "seeds"
FIXTURES = DATA_DIR / "fixtures"
PLAN_2018 = SEEDS / "000_7cb5b0983be37437.txt"
UPDATE_Q3 = SEEDS / "004_5a7191a0a14e1e5f.txt"


def comparable(document: PlanDocument, *, priority_details: bool = True) -> dict:
    """Everything a plan holds that a person reads: the JSON shape plus printed numbers and lead cells."""
    data = document.to_json()
    data.pop("warnings")
    for priority, source in zip(data["priorities"], document.priorities, strict=True):
        if priority_details:
            priority["details"] = [
                source.statement,
                source.rationale,
                source.ambitions_intro,
                source.ambitions,
                source.strategic_links_intro,
                source.strategic_links,
            ]
        for action, action_source in zip(priority["actions"], source.actions, strict=True):
            action["number_text"] = action_source.number_text
            for sub, sub_source in zip(action["sub_actions"], action_source.sub_actions, strict=True):
                sub["lead_text"] = sub_source.lead_text
                sub["detail_items"] = sub_source.detail_items
    return data


@pytest.fixture
def seed_bytes():
    def read(path: Path) -> bytes:
        return path.read_bytes()

    return read


def differences(got, expected, path="plan") -> list[str]:
    """Where two plans (as `comparable` gives them) differ, as readable paths: empty when equal."""
    if isinstance(got, dict) and isinstance(expected, dict):
        found = []
        for key in sorted(set(got) | set(expected), key=str):
            found += differences(got.get(key), expected.get(key), f"{path}.{key}")
        return found
    if isinstance(got, list) and isinstance(expected, list) and len(got) == len(expected):
        found = []
        for index, (a, b) in enumerate(zip(got, expected, strict=True)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    return [] if got == expected else [f"{path}: {got!r:.200} != {expected!r:.200}"]
