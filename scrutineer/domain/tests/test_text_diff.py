from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.text_diff import Change, word_diff


def test_a_changed_word_is_removed_then_added():
    pieces = word_diff("MAPE is on hold due to COVID.", "MAPE is now a webinar due to COVID.")
    assert [(p.change.value, p.text) for p in pieces] == [
        ("same", "MAPE is "),
        ("removed", "on hold "),
        ("added", "now a webinar "),
        ("same", "due to COVID."),
    ]


def test_identical_texts_are_one_same_piece():
    assert [p.change for p in word_diff("a b c", "a b c")] == [Change.SAME]


_words = st.lists(st.sampled_from(["the", "plan", "on", "track", "COVID", "  ", "\n", "£50k", "é"]), max_size=30)


@given(_words, _words)
def test_both_texts_can_be_rebuilt_from_the_pieces(old_words, new_words):
    old, new = " ".join(old_words), " ".join(new_words)
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.change is not Change.REMOVED) == new
    assert "".join(p.text for p in pieces if p.change is not Change.ADDED) == old
