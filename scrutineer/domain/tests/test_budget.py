"""Budget arithmetic against the 2020/21 summary (`004_5a7191a0a14e1e5f.txt:1063-1099`)."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.budget import (
    COLUMNS,
    BlockVariation,
    Classification,
    Figures,
    Labels,
    Line,
    Movement,
    block_disagreements,
    block_totals,
    carry_forward,
    compare,
    line_disagreements,
    numbering_gaps,
    reconcile,
    roman,
    summarise,
    total,
)

FIXTURES = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures"
ROWS = list(csv.DictReader((FIXTURES / "budget_monitoring_2020_21.csv").open(encoding="utf-8")))
SUPPORTING = list(csv.DictReader((FIXTURES / "budget_monitoring_2020_21_supporting_tables.csv").open(encoding="utf-8")))
_K = {
    "prior_year_actuals": "actuals_2019_20_k",
    "original_budget": "original_budget_2020_21_k",
    "latest_approved": "latest_approved_2020_21_k",
    "projected_outturn": "projected_outturn_2020_21_k",
    "variation_last_reported": "variation_last_reported_k",
    "full_year_effect": "full_year_effect_k",
}


def _int(text):
    return int(text) if text.strip() else None


def _figures(row):
    return Figures(**{column: _int(row[k]) for column, k in _K.items()})


def _lines():
    """The detail lines of the fixture, placed as the summary places them; the non-controllable
    and excluded-recharge budgets are printed only as totals, so each is held as one line."""
    lines = []
    for row in ROWS:
        if row["row_type"] in ("detail", "fragment"):
            lines.append(
                Line(
                    row["service_area_normalised"], Classification.CONTROLLABLE, _figures(row), "ECHS", row["division"]
                )
            )
        elif row["row_type"] == "memo_detail":
            lines.append(
                Line(
                    row["service_area_text"], Classification.MEMORANDUM, _figures(row), memorandum_group="Sold Services"
                )
            )
        elif row["service_area_text"] == "Total Non-Controllable":
            lines.append(Line("Non-controllable", Classification.NON_CONTROLLABLE, _figures(row)))
        elif row["service_area_text"] == "Total Excluded Recharges":
            lines.append(Line("Excluded recharges", Classification.EXCLUDED_RECHARGES, _figures(row)))
    return lines


def _printed_total(label):
    return _figures(next(row for row in ROWS if row["service_area_normalised"] == label))


CONSISTENT_LINES = [
    row
    for row in ROWS
    if row["row_type"] in ("detail", "memo_detail") and row["variation_k"] and "Cr" not in row["note"]
]


@pytest.mark.parametrize("row", CONSISTENT_LINES, ids=lambda row: row["source_line"])
def test_variation_is_projected_outturn_less_latest_approved(row):
    assert _figures(row).variation == int(row["variation_k"])


def test_the_two_sold_services_lines_that_lost_their_cr_are_found():
    found = []
    for row in ROWS:
        if row["variation_k"]:
            found += line_disagreements(row["service_area_text"], _figures(row), int(row["variation_k"]))
    assert [(d.where, d.published, d.computed) for d in found] == [
        ("Education Welfare Service (RSG Funded)", 6, 42),
        ("Workforce Development (DSG/RSG Funded)", 0, 62),
    ]


def test_controllable_total_matches_the_document():
    summary = summarise(_lines())
    controllable = summary.controllable
    assert (controllable.original_budget, controllable.latest_approved, controllable.projected_outturn) == (
        42207,
        42674,
        43044,
    )
    assert controllable.variation == 370
    assert (controllable.variation_last_reported, controllable.full_year_effect) == (1792, 3469)
    assert controllable == _printed_total("TOTAL CONTROLLABLE FOR EDUCATION, CHILDREN & FAMILIES")


def test_division_subtotals_match_the_document_including_the_shifted_management_action_line():
    summary = summarise(_lines())
    education, social_care = summary.departments[0].divisions
    assert education.figures == _printed_total("Education Division subtotal")
    assert social_care.figures == _printed_total("Children's Social Care subtotal")
    assert (social_care.figures.variation, social_care.figures.variation_last_reported) == (268, 1583)


def test_portfolio_total_adds_non_controllable_and_excluded_recharges_but_not_memoranda():
    summary = summarise(_lines())
    assert summary.portfolio.projected_outturn == 53571
    assert summary.portfolio == _printed_total("TOTAL EDUCATION, CHILDREN & FAMILIES PORTFOLIO")
    assert [group.name for group in summary.memoranda] == ["Sold Services"]


def test_sold_services_total_does_not_add_up_as_printed():
    summary = summarise(_lines())
    sold = summary.memoranda[0].figures
    printed = _printed_total("Total Sold Services")
    found = compare("Total Sold Services", printed.as_dict(), sold.as_dict())
    assert {(d.column, d.published, d.computed) for d in found} == {
        ("projected_outturn", 170, 268),
        ("variation", 185, 283),
    }


def test_totals_are_listed_in_printed_order_with_the_councils_labels():
    labels = Labels(controllable="TOTAL CONTROLLABLE", portfolio="TOTAL PORTFOLIO")
    names = [t.label for t in summarise(_lines(), labels).totals()]
    assert names == [
        "Education Division subtotal",
        "Children's Social Care subtotal",
        "TOTAL CONTROLLABLE",
        "Total Non-Controllable",
        "Total Excluded Recharges",
        "TOTAL PORTFOLIO",
        "Total Sold Services",
    ]


def test_a_blank_column_stays_blank_in_a_total():
    assert total([Figures(latest_approved=1), Figures(latest_approved=2)]).full_year_effect is None
    assert total([Figures(full_year_effect=0), Figures()]).full_year_effect == 0


def test_a_variation_needs_both_its_figures():
    assert Figures(projected_outturn=10).variation is None


# --- hypothesis: totals are the sum of their lines --------------------------------------------

amounts = st.one_of(st.none(), st.integers(-(10**7), 10**7))
figures = st.builds(
    Figures,
    prior_year_actuals=amounts,
    original_budget=amounts,
    latest_approved=amounts,
    projected_outturn=amounts,
    variation_last_reported=amounts,
    full_year_effect=amounts,
)
lines = st.lists(
    st.builds(
        Line,
        name=st.text(max_size=5),
        classification=st.sampled_from(Classification),
        figures=figures,
        department=st.sampled_from(["A", "B"]),
        division=st.sampled_from(["x", "y", "z"]),
        memorandum_group=st.sampled_from(["Sold Services", "Traded"]),
    ),
    max_size=40,
)


def _column_sum(items, column):
    values = [item.get(column) for item in items if item.get(column) is not None]
    return sum(values) if values else None


@given(st.lists(figures, max_size=30))
def test_every_typed_column_of_a_total_is_the_sum_of_its_lines(rows):
    summed = total(rows)
    for column in COLUMNS:
        if column != "variation":
            assert summed.get(column) == _column_sum(rows, column)


complete = st.builds(
    Figures, latest_approved=st.integers(-(10**7), 10**7), projected_outturn=st.integers(-(10**7), 10**7)
)


@given(st.lists(complete, max_size=30))
def test_the_variation_of_a_total_is_the_sum_of_the_line_variations(rows):
    assert (total(rows).variation or 0) == sum(row.variation for row in rows)


@given(lines)
def test_portfolio_total_is_the_sum_of_every_non_memorandum_line(items):
    summary = summarise(items)
    in_portfolio = [line.figures for line in items if line.classification is not Classification.MEMORANDUM]
    assert summary.portfolio == total(in_portfolio)
    assert summary.controllable == total(
        line.figures for line in items if line.classification is Classification.CONTROLLABLE
    )
    division_lines = sum(len(d.lines) for dep in summary.departments for d in dep.divisions)
    assert division_lines == sum(line.classification is Classification.CONTROLLABLE for line in items)


@given(lines)
def test_each_division_subtotal_is_the_sum_of_its_lines(items):
    for department in summarise(items).departments:
        for division in department.divisions:
            expected = [
                line.figures
                for line in items
                if line.classification is Classification.CONTROLLABLE
                and (line.department, line.division) == (department.name, division.name)
            ]
            assert division.figures == total(expected)


# --- the DSG, its carry forward and the latest approved reconciliation ------------------------


def _supporting(table):
    return [row for row in SUPPORTING if row["table"] == table]


def test_dsg_deficit_carried_forward_is_1009():
    movements = [
        Movement("Early Years prior year adjustment", 301),
        Movement("Projected in-year overspend", -4254),
        Movement("Used in year to support services", -252),
        Movement("2020/21 allocation set aside, now used in year", 1100),
        Movement("COVID-19 spend funded from other sources", 363),
    ]
    assert carry_forward(1733, movements) == -1009


def test_dsg_variations_by_funding_block_add_up():
    table = _supporting("dsg_variations_by_block_appendix_1b")
    rows = {}
    for row in table:
        if row["row_label"] == "Total":
            continue
        column = row["column"].replace(" £'000", "")
        entry = rows.setdefault(row["row_label"], {})
        entry[column] = int(row["value_k"])
    variations = [BlockVariation(label, values.pop("Variations"), values) for label, values in rows.items()]
    assert block_totals(variations) == {
        "variation": 4254,
        "High Needs": 4122,
        "Schools": 166,
        "Early Years": -23,
        "Central": -11,
    }
    assert block_disagreements(variations) == []


def test_a_row_whose_blocks_do_not_add_up_is_found():
    rows = [BlockVariation("Classroom Hire", 164, {"Schools": 160})]
    assert [(d.published, d.computed) for d in block_disagreements(rows)] == [(164, 160)]


def test_latest_approved_budget_reconciles_from_the_original():
    table = _supporting("latest_approved_budget_reconciliation_appendix_2")
    original = int(table[0]["value_k"])
    adjustments = [Movement(row["row_label"], int(row["value_k"])) for row in table[1:-1]]
    assert reconcile(original, adjustments) == int(table[-1]["value_k"]) == 53201


def test_placements_analysis_nets_to_dr_131():
    table = _supporting("placements_variation_note_5")
    assert sum(int(r["value_k"]) for r in table if r["column"] == "Projected variation") == 131


# --- numbered risks ---------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "numeral"), [(1, "i"), (4, "iv"), (9, "ix"), (10, "x"), (14, "xiv")])
def test_roman_numerals(number, numeral):
    assert roman(number) == numeral


def test_numbering_gaps_name_the_item_out_of_place():
    assert numbering_gaps(["i)", "ii)", "iii)"]) == []
    assert numbering_gaps(["i)", "iii)"]) == ["item 2 is numbered 'iii)', expected 'ii'"]
