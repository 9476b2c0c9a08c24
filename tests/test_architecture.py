"""The folders tell the architecture; this test keeps the arrows pointing the right way.

`domain` imports only the standard library. Apps depend only on apps below them:
domain <- core <- accounts <- feature apps (plans, indicators, contracts, finance) <- disclosure
<- reports <- committees (meetings pull reports into agenda packs) <- importers, api, demo.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scrutineer"

# What each area may import from the project (besides itself and `domain`).
ALLOWED = {
    "domain": set(),
    "core": set(),
    "accounts": {"core"},
    "plans": {"core", "accounts"},
    "indicators": {"core", "accounts"},
    "contracts": {"core", "accounts"},
    "finance": {"core", "accounts"},
    "disclosure": {"core", "accounts", "indicators"},
    "reports": {"core", "accounts", "plans", "indicators", "contracts", "finance", "disclosure"},
    "committees": {"core", "accounts", "plans", "indicators", "contracts", "finance", "disclosure", "reports"},
    "importers": {"core", "accounts", "plans", "indicators", "contracts", "finance", "disclosure", "committees"},
    "api": {"core", "accounts", "plans", "indicators", "contracts", "finance", "disclosure", "reports", "committees"},
    "demo": {
        "core",
        "accounts",
        "plans",
        "indicators",
        "contracts",
        "finance",
        "disclosure",
        "reports",
        "committees",
        "importers",
    },
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _area_files():
    for area in sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        for path in (PACKAGE / area).rglob("*.py"):
            if "tests" not in path.relative_to(PACKAGE).parts:
                yield area, path


@pytest.mark.parametrize(("area", "path"), list(_area_files()), ids=lambda v: str(v).rsplit("scrutineer/", 1)[-1])
def test_imports_point_the_right_way(area, path):
    assert area in ALLOWED, f"New area {area!r}: add it to ALLOWED with what it may import."
    for name in _imports(path):
        if not name.startswith("scrutineer."):
            continue
        target = name.split(".")[1]
        if target in {area, "domain"}:
            continue
        assert target in ALLOWED[area], f"{path.relative_to(PACKAGE)} imports {name}: {area} may not depend on {target}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_is_plain_python(path):
    stdlib = sys.stdlib_module_names
    test_tools = {"pytest", "hypothesis", "scipy"}
    for name in _imports(path):
        top = name.split(".")[0]
        in_tests = "tests" in path.parts
        assert top in stdlib or name.startswith("scrutineer.domain") or (in_tests and top in test_tools), (
            f"{path.name} imports {name}: the domain package is plain Python"
        )
