from datetime import date

import pytest
from django.core.exceptions import ValidationError

from scrutineer.contracts.models import ContractRules, RegisterEntry
from scrutineer.contracts.services import cycle_publish, register_recompute
from scrutineer.contracts.summaries import summary_table, turned_red
from scrutineer.core.models import Portfolio
from scrutineer.core.tabular import ImportRejected
from scrutineer.domain.procurement import DEFAULT_MATRIX

from .helpers import import_rows, row

pytestmark = pytest.mark.django_db


def _two_cycles(council):
    """May: two contracts, none red. July: one turns red by time, one new and red, one still green."""
    may = import_rows(
        council,
        [
            row(contract_id="1"),  # £120k ending 31/03/2022: amber 11 months before (the 12-month row)
            row(contract_id="2", end_date="31/03/2025", months_duration=""),
        ],
        month="2021-05",
        as_at=date(2021, 4, 21),
    ).cycle
    july = import_rows(
        council,
        [
            row(contract_id="1"),  # within 9 months of 1 July 2021: red
            row(contract_id="2", end_date="31/03/2025", months_duration=""),
            row(contract_id="3", end_date="31/07/2021", months_duration=""),  # new, ends within 3 months
        ],
        month="2021-07",
        as_at=date(2021, 7, 1),
    ).cycle
    for cycle in (may, july):
        cycle_publish(cycle=cycle)
    return may, july


def test_contracts_that_turned_red_since_the_last_cycle_are_listed(council):
    may, july = _two_cycles(council)
    assert RegisterEntry.objects.get(cycle=may, contract__reference="1").procurement_status == "amber"
    result = turned_red(cycle=july)
    assert (result.previous_label, result.available) == ("May 2021", True)
    changes = {(c.contract_id, c.what): c.before for c in result.changes}
    assert changes == {("1", "Procurement Status"): "Amber", ("3", "Procurement Status"): "Not in the register"}


def test_turned_red_says_when_the_earlier_cycle_has_no_register(council_register):
    from scrutineer.contracts.models import ReportingCycle

    result = turned_red(cycle=ReportingCycle.objects.get(month="2021-02-01"))
    assert (result.previous_label, result.available, result.changes) == ("November 2020", False, ())


def test_summary_is_worked_out_from_each_cycle_with_a_register(council):
    _, july = _two_cycles(council)
    portfolio = Portfolio.objects.get()
    table = summary_table(cycle=july, portfolio=portfolio)
    assert [c.source for c in table.columns] == ["register", "register"]
    rows = {(r.group, r.label): [c.count for c in r.cells] for r in table.rows}
    assert rows[("Total Contracts", "£50k+")] == [2, 3]
    assert rows[("Procurement Status", "Red")] == [0, 2]


def test_all_portfolios_table_is_worked_out_only_from_a_whole_register(council):
    extract = import_rows(council, [row(contract_id="1")], month="2021-05")
    cycle_publish(cycle=extract.cycle)
    assert [c.source for c in summary_table(cycle=extract.cycle, portfolio=None).columns] == [""]
    whole = import_rows(council, [row(contract_id="1"), row(contract_id="2")], month="2021-06", whole_register=True)
    cycle_publish(cycle=whole.cycle)
    table = summary_table(cycle=whole.cycle, portfolio=None)
    assert [c.source for c in table.columns] == ["", "register"]
    rows = {(r.group, r.label): [c.count for c in r.cells] for r in table.rows}
    assert rows[("Portfolio", "Children, Education and Families")] == [None, 2]


def test_contracts_under_the_register_threshold_are_left_out_of_the_register_and_summary(council):
    result = import_rows(council, [row(contract_id="1", total_value="49,999"), row(contract_id="2")])
    table = summary_table(cycle=result.cycle, portfolio=Portfolio.objects.get(), include_drafts=True)
    assert table.rows[0].cells[-1].count == 1


def test_a_councils_own_matrix_changes_the_status(council):
    config = DEFAULT_MATRIX.to_config()
    config["rows"][-1]["statuses"] = ["red"] * 5  # red anywhere within 18 months
    ContractRules.objects.create(organisation=council, procurement_matrix=config)
    import_rows(council, [row(contract_id="1", end_date="31/03/2022", months_duration="")], as_at=date(2021, 1, 21))
    assert RegisterEntry.objects.get().procurement_status == "red"


def test_recomputing_a_draft_uses_the_rules_as_they_are_now(council):
    result = import_rows(council, [row(contract_id="1")])
    assert RegisterEntry.objects.get().risk_points["supplier"] == 0
    assert RegisterEntry.objects.get().risk_score > 0
    rules = ContractRules.objects.create(organisation=council)
    rules.risk_rules = {"weights": {"supplier": 1}, "bands": {"red_from": 90, "amber_from": 50, "yellow_from": 10}}
    rules.save()
    assert register_recompute(cycle=result.cycle) == 1
    after = RegisterEntry.objects.get()
    assert (after.risk_score, after.risk_colour, after.risk_points) == (0, "green", {"supplier": 0})
    cycle_publish(cycle=result.cycle)
    with pytest.raises(ImportRejected):
        register_recompute(cycle=result.cycle)


def test_rules_that_cannot_work_are_refused_when_saved_through_a_form(council):
    rules = ContractRules(organisation=council, procurement_matrix={"rows": []}, risk_rules={"weights": {"x": 1}})
    with pytest.raises(ValidationError) as caught:
        rules.full_clean()
    assert set(caught.value.message_dict) == {"procurement_matrix", "risk_rules"}


def test_colours_printed_in_a_file_are_kept_and_differences_listed(council):
    from scrutineer.contracts.quality import data_quality

    result = import_rows(council, [row(contract_id="1", proc_status="Green"), row(contract_id="2", proc_status="Red")])
    cycle_publish(cycle=result.cycle)
    statuses = dict(RegisterEntry.objects.values_list("contract__reference", "procurement_status"))
    report = data_quality(organisation=council)
    listed = {f.what.split()[0]: f.detail for f in report.colours}
    expected = {ref for ref, printed in (("1", "green"), ("2", "red")) if statuses[ref] != printed}
    assert set(listed) == expected and expected
    assert all("printed as" in detail for detail in listed.values())
