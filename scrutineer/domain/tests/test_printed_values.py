"""Printed cells of the performance index read into figures, with the printed text kept."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutineer.domain.printed_values import (
    PrintedValueError,
    ValueState,
    format_number,
    parse_target,
    parse_value,
)
from scrutineer.domain.rag import TargetKind

INDEX = Path(__file__).resolve().parents[2] / "demo" / "data" / "fixtures" / "performance_index_dec2020.csv"
VALUE_COLUMNS = [
    "bromley_2019_20", "bromley_2018_19", "bromley_2017_18", "england", "london",
    "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar", "ytd",
]  # fmt: skip


def _index_rows():
    with INDEX.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize(
    ("text", "state", "number", "percent"),
    [
        ("86%", ValueState.VALUE, Decimal("0.86"), True),
        ("1.8%", ValueState.VALUE, Decimal("0.018"), True),
        ("3,422", ValueState.VALUE, Decimal(3422), False),
        ("3939", ValueState.VALUE, Decimal(3939), False),
        ("0", ValueState.VALUE, Decimal(0), False),
        ("X", ValueState.SUPPRESSED, None, False),
        ("x", ValueState.SUPPRESSED, None, False),
        ("Data suppressed, see part 2 report", ValueState.SUPPRESSED, None, False),
        ("Not Available", ValueState.NOT_AVAILABLE, None, False),
        ("Not available", ValueState.NOT_AVAILABLE, None, False),
        ("Data Not Published", ValueState.NOT_PUBLISHED, None, False),
        ("Data published July 2021", ValueState.AWAITING, None, False),
        ("Available May 2021", ValueState.AWAITING, None, False),
        ("New measure", ValueState.NOT_APPLICABLE, None, False),
        ("New indicator 18/19", ValueState.NOT_APPLICABLE, None, False),
        ("Local Measure", ValueState.NOT_APPLICABLE, None, False),
    ],
)
def test_cells_read_into_a_state_and_a_figure(text, state, number, percent):
    value = parse_value(text)
    assert (value.text, value.state, value.number, value.percent) == (text, state, number, percent)


def test_a_suppressed_count_keeps_the_rate_printed_beside_it():
    value = parse_value("x (rate: 0.01)")
    assert (value.state, value.number, value.rate) == (ValueState.SUPPRESSED, None, Decimal("0.01"))


def test_a_count_keeps_its_rate():
    value = parse_value("62 (rate: 0.21)")
    assert (value.number, value.rate) == (Decimal(62), Decimal("0.21"))


def test_a_benchmark_given_as_a_rate_has_no_count():
    value = parse_value("Rate: 0.02")
    assert (value.state, value.number, value.rate) == (ValueState.VALUE, None, Decimal("0.02"))


def test_a_benchmark_keeps_its_own_year():
    value = parse_value("42% 2015/16")
    assert (value.number, value.period_text) == (Decimal("0.42"), "2015/16")


def test_a_split_cell_reads_into_labelled_parts():
    value = parse_value("100% (initial) 99% (review)")
    assert value.number is None
    assert [(p.label, p.number, p.text) for p in value.parts] == [
        ("initial", Decimal(1), "100%"),
        ("review", Decimal("0.99"), "99%"),
    ]


@pytest.mark.parametrize("text", ["", "   ", "abc", "12 apples", "NaN", "Infinity", "1e309", "86%%", "1,00", "--5"])
def test_what_is_not_a_value_is_refused(text):
    with pytest.raises(PrintedValueError):
        parse_value(text)


def test_every_cell_of_the_december_2020_index_reads():
    """Every non-blank value cell of both tables (004_5a7191a0a14e1e5f.txt:4113-4162) reads, text kept."""
    cells = [(row["number"], row[c]) for row in _index_rows() for c in VALUE_COLUMNS if row[c].strip()]
    assert len(cells) > 300
    for number, text in cells:
        assert parse_value(text).text == text.strip(), number


def test_every_target_of_the_december_2020_index_reads():
    kinds = {row["number"]: parse_target(row["target_text"]).kind for row in _index_rows()}
    assert len(kinds) == 38
    assert kinds["25"] is TargetKind.THRESHOLD
    assert kinds["7"] is TargetKind.TBC
    assert kinds["29"] is TargetKind.RANGE
    assert kinds["22.2"] is TargetKind.SINGLE
    assert sum(kind is TargetKind.NOT_A_TARGET for kind in kinds.values()) == 13


@pytest.mark.parametrize(
    ("text", "lower", "upper", "percent"),
    [
        ("95-90%", "0.90", "0.95", True),
        ("12-0%", "0", "0.12", True),
        ("1.7%-1.9%", "0.017", "0.019", True),
        ("42% - 35%", "0.35", "0.42", True),
        ("12 - 15", "12", "15", False),
        ("22-36 (rate of 0.10-0.16)", "22", "36", False),
        ("100- 95%", "0.95", "1", True),
    ],
)
def test_ranges_read_in_either_order(text, lower, upper, percent):
    target = parse_target(text)
    assert (target.kind, target.lower, target.upper, target.percent) == (
        TargetKind.RANGE,
        Decimal(lower),
        Decimal(upper),
        percent,
    )
    assert target.text == text


@pytest.mark.parametrize(("text", "value"), [("20", "20"), ("26 weeks", "26"), ("100%", "1"), ("0", "0")])
def test_single_targets(text, value):
    target = parse_target(text)
    assert (target.kind, target.lower, target.upper) == (TargetKind.SINGLE, Decimal(value), Decimal(value))


@pytest.mark.parametrize("text", ["", "soon", "between 5 and 6", "95-90-85%"])
def test_what_is_not_a_target_is_refused(text):
    with pytest.raises(PrintedValueError):
        parse_target(text)


def test_figures_print_the_way_the_index_prints_them():
    assert format_number(Decimal("0.62"), percent=True) == "62%"
    assert format_number(Decimal("0.6225"), percent=True) == "62.3%"
    assert format_number(Decimal(2837), percent=False) == "2,837"
    assert format_number(Decimal("0.018"), percent=True) == "1.8%"


# --- properties -----------------------------------------------------------------------------


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.booleans())
def test_a_range_reads_the_same_either_way_round(a, b, percent):
    sign = "%" if percent else ""
    forward, backward = parse_target(f"{a}-{b}{sign}"), parse_target(f"{b} - {a}{sign}")
    assert (forward.lower, forward.upper) == (backward.lower, backward.upper)
    assert forward.lower <= forward.upper


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2), st.booleans())
def test_printed_figures_read_back_to_the_same_number(number, percent):
    scaled = number / 100 if percent else number
    if percent:
        scaled = scaled.quantize(Decimal("0.001"))
    assert parse_value(format_number(scaled, percent=percent)).number == scaled


@settings(max_examples=2000)
@given(st.text(max_size=60))
def test_any_text_either_reads_or_is_refused_with_a_reason(text):
    for parser in (parse_value, parse_target):
        try:
            parser(text)
        except PrintedValueError as error:
            assert str(error)
