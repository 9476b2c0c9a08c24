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
    extra = types.SimpleNamespace(KINDS=[_kind("test-kind")])
    original = registry._kind_modules
    before = list(report_kinds())  # the plan update, and the kinds other apps register
    assert {"plan-update", "contracts-register", "budget-monitoring", "capital-monitoring", "performance"} < set(before)
    monkeypatch.setattr(registry, "_kind_modules", lambda: [*original(), extra])
    assert list(report_kinds()) == [*before, "test-kind"]
    clash = types.SimpleNamespace(KIND=_kind("plan-update"))
    monkeypatch.setattr(registry, "_kind_modules", lambda: [*original(), clash])
    with pytest.raises(ValueError, match="Two report kinds are called 'plan-update'"):
        report_kinds()


def test_a_kind_shows_its_quarter_by_default_or_the_periods_it_names_for_a_quarter():
    from dataclasses import replace

    from scrutineer.domain.periods import FinancialQuarter

    quarter = FinancialQuarter(2020, 4)
    assert _kind("quarterly").periods_for(None, quarter) == ["2020-21-Q4"]
    cycles = replace(_kind("cycles"), periods_in_quarter=lambda portfolio, q: ["2021-01", "2021-03"])
    assert cycles.periods_for(None, quarter) == ["2021-01", "2021-03"]
