import types

import pytest

from scrutineer.reports import registry
from scrutineer.reports.registry import ReportKind, UnknownKind, report_kind, report_kinds


def test_the_plan_update_registers_itself():
    assert report_kind("plan-update").name == "Portfolio plan update"


def test_an_unknown_kind_names_the_ones_there_are():
    with pytest.raises(UnknownKind, match=r"Available: .*plan-update"):
        report_kind("no-such-report")


def _kind(slug: str) -> ReportKind:
    nothing = lambda *args: None  # noqa: E731
    return ReportKind(
        slug=slug,
        name=slug,
        period_help="",
        parse_period=str,
        period_label=str,
        available=nothing,
        defaults=nothing,
        build=nothing,
    )


def test_a_module_with_kinds_adds_them_and_two_kinds_may_not_share_a_name(monkeypatch):
    contracts = types.SimpleNamespace(KINDS=[_kind("contracts-register")])
    original = registry._kind_modules
    monkeypatch.setattr(registry, "_kind_modules", lambda: [*original(), contracts])
    found = list(report_kinds())
    assert "plan-update" in found and found[-1] == "contracts-register"
    clash = types.SimpleNamespace(KIND=_kind("plan-update"))
    monkeypatch.setattr(registry, "_kind_modules", lambda: [*original(), clash])
    with pytest.raises(ValueError, match="Two report kinds are called 'plan-update'"):
        report_kinds()
