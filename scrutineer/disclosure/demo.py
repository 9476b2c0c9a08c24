"""The demo council's disclosure policy, from `scrutineer/demo/data/disclosure_policy.json`."""

from __future__ import annotations

import json
from pathlib import Path

from scrutineer.core.models import Organisation

from .models import DisclosurePolicy
from .services import disclosure_policy_set

POLICY_FILE = "disclosure_policy.json"


def load_disclosure_policy(*, organisation: Organisation, data_dir: Path) -> DisclosurePolicy | None:
    """Set the council's first policy; None (and nothing written) when it already has one."""
    if organisation.disclosure_policies.exists():
        return None
    spec = json.loads((data_dir / POLICY_FILE).read_text(encoding="utf-8"))
    return disclosure_policy_set(
        organisation=organisation,
        preset=spec["preset"],
        threshold=spec.get("threshold"),
        zeros_are_disclosive=spec.get("zeros_are_disclosive", False),
        reason=spec.get("reason", ""),
    )
