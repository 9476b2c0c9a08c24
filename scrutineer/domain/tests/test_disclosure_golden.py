"""D7 (reliability.md): the December 2020 performance index, rebuilt in Part 1 by the engine.

The seed suppresses 5 (from August), 22.1, 22.2, 23 and 32 ("Data suppressed, see part 2 report",
`004_5a7191a0a14e1e5f.txt:4118`, 4140-4142, 4153) without saying why. Here the Part 2 figures are
realistic small counts put in their place, every other figure is as printed, and the engine must
suppress exactly those cells, keep 22.2 and 23 AMBER (4141, 4142) and send their commentary to
Part 2 (4051). The CSV is read as plain data: the indicators app is not needed for this.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from scrutineer.domain.disclosure import (
    SEE_PART_2,
    Cell,
    CellKind,
    CellState,
    Constraint,
    ConstraintKind,
    Policy,
    Suppression,
    Table,
    cell_key,
    commentary_check,
    disclose,
    legacy_mark,
    part1_commentary,
)

INDEX = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures" / "performance_index_dec2020.csv"
MONTHS = ["apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar"]
PRIOR_YEARS = ["bromley_2019_20", "bromley_2018_19", "bromley_2017_18"]

# Part 2 figures in place of "Data suppressed, see part 2 report": small counts, as the real ones were.
PART_2 = {
    "5": {"aug": 1, "sep": 1, "oct": 2, "nov": 3, "dec": 4},  # new academic year to date
    "22.1": dict(zip(MONTHS, [1, 1, 2, 2, 3, 3, 4, 4, 5], strict=False)),  # households, year to date
    "22.2": dict(zip(MONTHS, [1, 2, 2, 3, 3, 4, 4, 5, 5], strict=False)),  # carers, year to date (target 20)
    "23": dict(zip(MONTHS, [1, 1, 2, 2, 3, 3, 3, 4, 5], strict=False)),  # adoptions (target 16)
    "32": dict(zip(MONTHS, [2, 3, 1, 2, 4, 3, 2, 1, 3], strict=False)),  # first time entrants
}
SUPPRESSED_IN_SEED = {("5", m) for m in ("aug", "sep", "oct", "nov", "dec")} | {
    (ref, m) for ref in ("22.1", "22.2", "23", "32") for m in MONTHS[:9]
}

_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?$")
_PERCENT = re.compile(r"^(-?\d+(\.\d+)?)%$")


def _cell(key: str, printed: str, *, counts_people: bool) -> Cell:
    """A printed figure as a cell: counts of people, percentages and other measures, marks, words."""
    text = printed.strip()
    mark = legacy_mark(text)
    if mark is not None:
        return Cell(key, state=mark.state)
    if _NUMBER.match(text):
        value = Decimal(text.replace(",", ""))
        if counts_people and value == value.to_integral_value():
            return Cell(key, int(value))
        return Cell(
            key, value, kind=CellKind.MEASURE, relates_to_individuals=False, decimals=-value.as_tuple().exponent
        )
    percent = _PERCENT.match(text)
    if percent:
        value = Decimal(percent.group(1))
        return Cell(
            key, value, kind=CellKind.MEASURE, relates_to_individuals=False, decimals=-value.as_tuple().exponent
        )
    return Cell(key, kind=CellKind.TEXT, text=text)  # "Data published July 2021", compound values


def index_table(rows: list[dict[str, str]], policy: Policy) -> Table:
    cells, sums = [], []
    for row in rows:
        number = row["number"]
        counts_people = row["name"].lower().startswith("number")
        months = {m: PART_2.get(number, {}).get(m, row[m]) for m in MONTHS}
        month_keys = []
        for month, printed in months.items():
            if printed == "" or printed == "Data suppressed, see part 2 report":
                continue
            key = cell_key(number, month)
            month_keys.append(key)
            cells.append(
                Cell(key, printed) if isinstance(printed, int) else _cell(key, printed, counts_people=counts_people)
            )
        if row["ytd"]:
            ytd = cell_key(number, "ytd")
            cells.append(_cell(ytd, row["ytd"], counts_people=counts_people))
            if counts_people and "(ytd" not in row["name"].lower():  # a "(YTD)" series is cumulative already
                sums.append(Constraint(ytd, tuple(month_keys), ConstraintKind.YEAR_TO_DATE))
        cells += [_cell(cell_key(number, year), row[year], counts_people=counts_people) for year in PRIOR_YEARS]
        cells.append(Cell(cell_key(number, "", "rag"), kind=CellKind.TEXT, text=row["rag"]))
    return Table(cells, sums, policy)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with INDEX.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def part1(rows):
    table = index_table(rows, Policy())
    return table, disclose(table)


def test_the_year_to_date_sums_of_the_seed_hold(part1):
    table, _ = part1
    # 1.1: 55 + 79 + ... + 101 = 715 (004_5a7191a0a14e1e5f.txt:4113); a sum that failed would raise TableError
    assert {c.total for c in table.constraints} == {cell_key(n, "ytd") for n in ("1.1", "1.2", "2", "9")}


def test_d7_part_1_suppresses_exactly_the_cells_the_seed_suppressed(part1):
    _, result = part1
    monthly = {(key.split("|")[0], key.split("|")[1]): result[key] for key in result if key.split("|")[1] in MONTHS}
    suppressed = {
        where for where, shown in monthly.items() if shown.suppression in (Suppression.PRIMARY, Suppression.SECONDARY)
    }
    assert suppressed == SUPPRESSED_IN_SEED
    assert all(monthly[where].text == "c" for where in SUPPRESSED_IN_SEED)
    assert [monthly[("5", m)].text for m in ("apr", "may", "jun", "jul")] == ["25"] * 4  # shown, as in the seed
    assert result.unprotected == ()
    assert result.legend.startswith("c = suppressed to protect confidentiality (see Part 2 report)")


def test_d7_true_zeros_and_large_counts_are_shown_as_printed(part1):
    _, result = part1
    assert [result[cell_key("4", m)].text for m in ("apr", "may", "jun", "jul", "sep")] == ["0"] * 5
    assert [result[cell_key("28", m)].text for m in ("apr", "may", "jun", "jul")] == ["0", "0", "0", "x"]
    assert result[cell_key("19", "dec")].text == "328"
    assert result[cell_key("1.1", "ytd")].text == "715"


def test_d7_the_seeds_own_marks_stay_hidden_or_missing(part1):
    _, result = part1
    assert result[cell_key("22.2", "bromley_2019_20")].suppression is Suppression.AT_SOURCE
    assert result[cell_key("4", "bromley_2017_18")].text == "c"  # x (rate: 0.01): no count or population to check
    assert result[cell_key("17", "sep")].text == "x"  # Data Not Published


def test_d7_ratings_still_show_for_suppressed_indicators(part1):
    _, result = part1
    assert result[cell_key("22.2", "", "rag")].text == "AMBER"
    assert result[cell_key("23", "", "rag")].text == "AMBER"
    assert result[cell_key("26", "", "rag")].text == "RED"


def test_d7_commentary_on_22_and_23_appears_only_in_part_2(part1):
    _, result = part1
    draft = {"22.2": "Four new carers were approved by December.", "23": "Adoptions are behind the target of 16."}
    for number, text in draft.items():
        months = [cell_key(number, m) for m in MONTHS if cell_key(number, m) in result]
        suppressed = any(result[key].is_suppressed for key in months)
        assert part1_commentary(text, indicator_suppressed=suppressed) == SEE_PART_2
    assert commentary_check(draft["22.2"], indicator_suppressed=True, threshold=5).allowed is False
    assert commentary_check(draft["23"], indicator_suppressed=True, threshold=5).allowed is True


def test_d7_part_2_shows_the_values_and_marks_primary_cells(rows, part1):
    table, result = part1
    values = {cell.key: cell.value for cell in table.cells}
    for number, months in PART_2.items():
        for month, value in months.items():
            key = cell_key(number, month)
            assert values[key] == value  # what Part 2 prints
            assert result[key].suppression is Suppression.PRIMARY
            assert result[key].value is None


def test_d7_under_the_ons_preset_the_small_series_are_hidden_and_the_rest_rounded(rows):
    table = index_table(rows, Policy.for_preset("ons-10-5"))
    result = disclose(table)
    assert result[cell_key("19", "dec")].text == "330"  # 328 to the nearest 5
    assert result[cell_key("34", "nov")].text == "15"  # 17
    assert all(result[cell_key(n, m)].text == "c" for n, m in SUPPRESSED_IN_SEED)
    assert result.footnotes


def test_not_available_cells_are_not_counts_to_hide():
    assert _cell("k", "Not Available", counts_people=True).state is CellState.NOT_AVAILABLE
