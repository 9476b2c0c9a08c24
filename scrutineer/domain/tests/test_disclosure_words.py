"""Legacy import marks (disclosure.md 2.4), commentary (rule 9) and RAG ratings (rule 11)."""

from decimal import Decimal

import pytest

from scrutineer.domain.disclosure import (
    SEE_PART_2,
    CellState,
    commentary_check,
    legacy_mark,
    legacy_marks,
    part1_commentary,
    rag_warning,
    small_numbers,
)


@pytest.mark.parametrize(
    ("printed", "state", "rate", "review"),
    [
        ("x", CellState.SUPPRESSED_AT_SOURCE, None, True),  # 004_5a7191a0a14e1e5f.txt:4142
        ("X", CellState.SUPPRESSED_AT_SOURCE, None, True),  # :4141
        (" x ", CellState.SUPPRESSED_AT_SOURCE, None, True),
        ("x (rate: 0.01)", CellState.SUPPRESSED_AT_SOURCE, Decimal("0.01"), True),  # :4117, :4140
        ("x (rate: 0.00)", CellState.SUPPRESSED_AT_SOURCE, Decimal("0.00"), True),
        ("Data suppressed, see part 2 report", CellState.SUPPRESSED_AT_SOURCE, None, False),  # :4118
        ("Data Suppressed, see Part 2 report", CellState.SUPPRESSED_AT_SOURCE, None, False),
        ("Not Available", CellState.NOT_AVAILABLE, None, False),  # :4147
        ("Data Not Published", CellState.NOT_AVAILABLE, None, False),  # :4131
    ],
)
def test_legacy_marks_map_to_gss_states(printed, state, rate, review):
    mark = legacy_mark(printed)
    assert mark is not None
    assert (mark.state, mark.rate, mark.review) == (state, rate, review)


@pytest.mark.parametrize("printed", ["25", "62 (rate: 0.21)", "Data published July 2021", "Rate: 0.02", "", "xx"])
def test_figures_and_other_words_are_not_marks(printed):
    assert legacy_mark(printed) is None


def test_every_x_mapped_is_listed_for_an_officer_to_review():
    imported = legacy_marks(
        [
            ("22.2|2019/20", "X"),
            ("29|2017/18", "x"),  # an average caseload simply missing (004_5a7191a0a14e1e5f.txt:4149)
            ("4|2017/18", "x (rate: 0.01)"),
            ("22.2|2020-04", "Data suppressed, see part 2 report"),
            ("28|2020-07", "Not Available"),
            ("19|2020-12", "328"),
        ]
    )
    assert list(imported.marks) == ["22.2|2019/20", "29|2017/18", "4|2017/18", "22.2|2020-04", "28|2020-07"]
    assert [line.split(":")[0] for line in imported.review] == ["22.2|2019/20", "29|2017/18", "4|2017/18"]
    assert "re-mark it as x (not available)" in imported.review[1]


# --- rule 9: commentary ---------------------------------------------------------------------


def test_commentary_on_a_suppressed_indicator_moves_to_part_2():
    assert part1_commentary("Four children were adopted.", indicator_suppressed=True) == SEE_PART_2
    assert part1_commentary("Caseloads rose.", indicator_suppressed=False) == "Caseloads rose."


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Three children were adopted this quarter.", ("Three",)),
        ("Adoptions: 4 (target 16).", ("4",)),
        ("The 3rd adoption of the year completed in May.", ("3rd",)),
        ("5% of the cohort", ("5",)),
        ("Between 1-5 carers were approved", ("1", "5")),
        ("Indicator 22.2 (see 3.6.1) for Q3 2020/21, report CEF21011A of 10/03/2021", ()),
        ("Seven carers and 1,234 enquiries", ()),  # 7 > T = 5; 1,234 is one number
        ("Performance remains below target; actions are set out in Part 2, paragraph 3 and Appendix 1.", ()),
        ("Part two of the report; two carers left.", ("two",)),
    ],
)
def test_small_whole_numbers_are_found_in_commentary(text, numbers):
    assert small_numbers(text, threshold=5) == numbers


def test_commentary_stating_a_small_number_about_a_suppressed_indicator_is_refused():
    check = commentary_check("Only two carers were recruited in December.", indicator_suppressed=True, threshold=5)
    assert check.allowed is False
    assert check.numbers == ("two",)
    assert "Move the commentary to Part 2" in check.message


def test_the_same_text_about_an_indicator_that_is_not_suppressed_is_allowed():
    assert commentary_check("Only two carers were recruited.", indicator_suppressed=False, threshold=5).allowed is True


def test_the_threshold_decides_which_numbers_count():
    text = "Seven first time entrants."
    assert commentary_check(text, indicator_suppressed=True, threshold=5).allowed is True
    assert commentary_check(text, indicator_suppressed=True, threshold=7).allowed is False


# --- rule 11: RAG ratings ---------------------------------------------------------------------


def test_a_rag_with_a_target_of_1_and_met_pins_the_value_down():
    # lower is better, target 1, "met": the value is 0 or 1
    assert "only 2 counts (0 to 1)" in rag_warning(lowest=None, highest=1, threshold=5)


def test_amber_against_a_target_of_16_leaves_plenty_of_counts():
    # 23 adoptions: target 16, higher is better, AMBER: anything below 16 (004_5a7191a0a14e1e5f.txt:4142)
    assert rag_warning(lowest=None, highest=15, threshold=5) is None
    assert rag_warning(lowest=16, highest=None, threshold=5) is None
