import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.agenda_pack import PackLayoutError, Span, lay_out, page_range_text, settle

pages = st.integers(min_value=1, max_value=60)


def test_the_seed_pack_lays_out_as_printed():
    """Agenda 4 pages, minutes 11 then a blank, matters outstanding 6, plan update 19 then a blank
    (`004_5a7191a0a14e1e5f.txt:78-96`): "Pages 5 - 16", "Pages 17 - 22", "Pages 23 - 42"."""
    layout = lay_out(4, [11, 6, 19], double_sided=True)
    assert [span.text for span in layout.papers] == ["Pages 5 - 16", "Pages 17 - 22", "Pages 23 - 42"]
    assert [span.blank_pages for span in layout.papers] == [1, 0, 1]


def test_range_text():
    assert page_range_text(23, 42) == "Pages 23 - 42"
    assert page_range_text(5, 5) == "Page 5"
    with pytest.raises(PackLayoutError):
        page_range_text(6, 5)


def test_a_paper_has_pages():
    with pytest.raises(PackLayoutError):
        lay_out(2, [3, 0], double_sided=False)


@given(front=pages, papers=st.lists(pages, max_size=30), double_sided=st.booleans())
def test_spans_follow_on_without_gaps_or_overlaps(front, papers, double_sided):
    layout = lay_out(front, papers, double_sided=double_sided)
    spans = [layout.front, *layout.papers]
    assert spans[0].first == 1
    for before, after in itertools.pairwise(spans):
        assert after.first == before.last + 1
    for span, count in zip(spans, [front, *papers], strict=True):
        assert span.pages == count
        assert span.blank_pages == (count % 2 if double_sided else 0)
        if double_sided:
            assert span.first % 2 == 1  # every paper starts on a right-hand page
    assert layout.total_pages == spans[-1].last


@given(
    base=st.integers(min_value=1, max_value=6),
    papers=st.lists(pages, min_size=1, max_size=40),
    double_sided=st.booleans(),
    guess=st.integers(min_value=1, max_value=8),
)
def test_settle_gives_the_agenda_the_room_its_ranges_assume(base, papers, double_sided, guess):
    """An agenda that grows a page for every 10 pages of pack (longer numbers wrap) still prints
    ranges that start where each paper does."""

    def draw(layout):
        length = base + layout.total_pages // 10
        return ([span.text for span in layout.papers], length), length

    layout, (printed, drawn) = settle(draw, papers, double_sided=double_sided, guess=guess)
    assert layout.front.pages == drawn
    assert drawn <= layout.front.last  # the agenda fits the room its ranges assumed
    assert printed == [span.text for span in layout.papers]
    assert layout.papers[0].first == layout.front.last + 1


def test_settle_gives_up_on_an_agenda_that_keeps_growing():
    with pytest.raises(PackLayoutError):
        settle(lambda layout: (None, layout.front.last + 1), [2], double_sided=False)


def test_a_span_counts_its_blank_pages():
    assert Span(5, 16, 11).blank_pages == 1
