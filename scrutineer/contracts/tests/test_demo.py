"""The February 2021 register against the document it comes from (domain.md 6.2, seed 004 lines 3800-3969)."""

import csv
from pathlib import Path

import pytest

from scrutineer.contracts.models import PublishedCount, RegisterEntry, ReportingCycle
from scrutineer.contracts.quality import data_quality, published_comparisons
from scrutineer.contracts.selectors import register_entries, register_report
from scrutineer.contracts.summaries import summary_table
from scrutineer.core.models import Organisation, Portfolio
from scrutineer.domain.parts import Part
from scrutineer.domain.procurement import ProcurementStatus

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures"


def _published(label_group: str, category: str, column: str = "february_2021") -> int:
    """A figure as the fixture of the printed CEF summary table holds it (004_...:3800-3814)."""
    with (FIXTURES / "contracts_summary_feb2021.csv").open(encoding="utf-8") as stream:
        for line in csv.DictReader(stream):
            scope = (line["scope"], line["group"], line["category"])
            if scope == ("Children, Education and Families", label_group, category):
                return int(line[column])
    raise LookupError((label_group, category))


@pytest.fixture
def february(demo):
    return ReportingCycle.objects.get(organisation__slug="bromley", month="2021-02-01")


@pytest.fixture
def cef(demo):
    return Portfolio.objects.get(slug="children-education-families")


def test_the_register_has_the_documents_40_contracts_and_2_imminent(february, cef):
    entries = register_entries(cycle=february, portfolio=cef, threshold=50_000 * 100)
    imminent = [e for e in entries if e.status is ProcurementStatus.IMMINENT]
    assert len(entries) == _published("Total Contracts", "£50k+") == 40
    assert len(imminent) == _published("Procurement Status", "Imminent") == 2
    assert {e.contract.reference for e in imminent} == {"5035", "5000"}


def test_totals_of_value_match_the_printed_register(february):
    """Sums of the printed columns (domain.md 6.2 item 18)."""
    entries = list(february.entries.all())
    assert sum(e.total_value for e in entries) == 74_769_895 * 100
    assert sum(e.original_annual_value for e in entries) == 17_768_674 * 100
    largest = max(entries, key=lambda e: e.total_value)
    assert (largest.contract.reference, largest.months_duration) == ("5018", 59)
    assert all(e.budget is None and e.projection is None and not e.attention for e in entries)


def test_three_capital_contracts_are_at_the_foot_of_the_register(february, cef):
    report = register_report(cycle=february, portfolio=cef, part=Part.ONE)
    sections = {s.key: [r.contract_id for r in s.rows] for s in report.sections}
    assert sections["concern"] == []
    assert sorted(sections["capital"]) == ["4997", "4998", "5017"]
    order = [row.contract_id for s in report.sections for row in s.rows]
    assert order[-3:] == sections["capital"]


def test_procurement_status_total_leaves_imminent_contracts_out_as_printed(february, cef):
    table = summary_table(cycle=february, portfolio=cef)
    rows = {(r.group, r.label): r.cells[-1] for r in table.rows}
    assert rows[("Procurement Status", "Total")].count == _published("Procurement Status", "") == 38
    assert rows[("Risk Index", "Total")].count == 40


def test_three_cycle_summary_is_complete_with_published_september_and_november(february, cef):
    table = summary_table(cycle=february, portfolio=cef)
    assert [(c.label, c.source) for c in table.columns] == [
        ("September 2020", "published"),
        ("November 2020", "published"),
        ("February 2021", "register"),
    ]
    rows = {(r.group, r.label): r for r in table.rows}
    assert [c.count for c in rows[("Total Contracts", "£50k+")].cells] == [36, 39, 40]
    assert [c.count for c in rows[("Procurement Status", "Red")].cells][:2] == [10, 10]
    assert [c.count for c in rows[("Risk Index", "Amber")].cells][:2] == [6, 7]


def test_all_portfolios_table_keeps_appendix_1_as_published(february):
    """Only the CEF extract is held, so Appendix 1 is shown as printed, 226 total with 3 imminent."""
    table = summary_table(cycle=february, portfolio=None)
    assert [c.source for c in table.columns] == ["published"] * 3
    rows = {(r.group, r.label): [c.count for c in r.cells] for r in table.rows}
    assert rows[("Contracts (>£50k TCV)", "All portfolios")] == [213, 220, 223]
    assert rows[("Procurement Status", "Imminent")] == [3, 2, 3]
    assert rows[("Procurement Status", "Total")] == [216, 222, 226]
    assert rows[("Portfolio", "Children, Education and Families")] == [36, 39, 40]


def test_comparison_shows_published_12_4_6_16_beside_ours_without_faking_a_match(february):
    organisation = Organisation.objects.get(slug="bromley")
    [comparison] = published_comparisons(organisation=organisation)
    lines = {(line.group, line.label): line for line in comparison.lines}
    published = [lines[("Procurement Status", c)].published for c in ("Red", "Amber", "Yellow", "Green")]
    ours = [lines[("Procurement Status", c)].ours for c in ("Red", "Amber", "Yellow", "Green")]
    assert published == [12, 4, 6, 16]
    statuses = list(february.entries.values_list("procurement_status", flat=True))
    assert ours == [statuses.count(c) for c in ("red", "amber", "yellow", "green")]
    assert sum(ours) == 38
    assert lines[("Procurement Status", "Imminent")].difference == 0


def test_published_counts_are_kept_for_all_three_cycles(demo):
    months = set(PublishedCount.objects.values_list("cycle__month", flat=True))
    assert len(months) == 3
    assert PublishedCount.objects.filter(portfolio=None, group="procurement_status", is_total=True).count() == 3


def test_data_quality_lists_the_documents_own_inconsistencies(demo):
    report = data_quality(organisation=Organisation.objects.get(slug="bromley"))
    durations = {f.what.split()[0] for f in report.durations}
    assert "5029" in durations  # 01/11/2020-30/11/2021 printed as 12 months (inconsistency 39)
    # "** Now Live **" titles starting after 21/01/2021: 5000 (inconsistency 40) and also 5035 (01/04/2021).
    assert sorted(f.what.split()[0] for f in report.now_live) == ["5000", "5035"]
    assert [f.what.split()[0] for f in report.no_supplier] == ["4909"]
    totals = " ".join(f.detail for f in report.published_totals)
    assert "The printed total is 226, against 223 contracts: the 3 imminent contracts are counted" in totals
    assert "The printed total is 38, against 40 contracts: the 2 imminent contracts are left out" in totals


def test_loading_the_demo_twice_changes_nothing(demo):
    from scrutineer.demo.loader import load_demo

    before = (RegisterEntry.objects.count(), PublishedCount.objects.count(), ReportingCycle.objects.count())
    load_demo()
    assert (RegisterEntry.objects.count(), PublishedCount.objects.count(), ReportingCycle.objects.count()) == before


def test_every_entry_keeps_its_printed_cells_and_source_line(february):
    entry = february.entries.get(contract__reference="270")
    assert entry.printed["total_value"] == "3,313,863"
    assert entry.printed["risk_index"] == "\u25cf"
    assert entry.source == "004_5a7191a0a14e1e5f.txt:3929"
