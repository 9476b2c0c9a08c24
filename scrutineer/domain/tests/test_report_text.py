import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.report_text import TextBlock, paragraphs, text_blocks


def test_run_on_bullets_of_a_plan_update_become_a_list():
    # 004_5a7191a0a14e1e5f.txt:719
    text = (
        "A) The Children's Services Performance Framework provides senior management oversight. "
        "•Performance Digests for Children Social Care and Education Divisions are refreshed. "
        "•Reports to support Transformation Board have been developed •COVID-impact has been monitored"
    )
    assert text_blocks(text) == [
        TextBlock(
            "A) The Children's Services Performance Framework provides senior management oversight.",
            (
                "Performance Digests for Children Social Care and Education Divisions are refreshed.",
                "Reports to support Transformation Board have been developed",
                "COVID-impact has been monitored",
            ),
        )
    ]


def test_an_update_that_starts_with_a_bullet_has_no_lead_paragraph():
    assert text_blocks("• Framework in place. • Review to take place.") == [
        TextBlock("", ("Framework in place.", "Review to take place."))
    ]


def test_blank_lines_separate_paragraphs_and_dash_lines_are_bullets():
    text = "First paragraph\nruns on.\n\nThe plan has priorities:\n- Safeguarding\n- Homes\nAfter the list."
    assert text_blocks(text) == [
        TextBlock("First paragraph runs on."),
        TextBlock("The plan has priorities:", ("Safeguarding", "Homes")),
        TextBlock("After the list."),
    ]


def test_paragraphs_join_lines_and_drop_empty_ones():
    assert paragraphs("  One\ntwo \n\n\n Three ") == ["One two", "Three"]
    assert paragraphs("") == []


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_no_word_is_lost_or_invented(text):
    words = [w for w in text.replace("•", " ").split() if w not in {"-", "*"}]
    kept = []
    for block in text_blocks(text):
        kept.extend(block.text.split())
        for item in block.bullets:
            kept.extend(item.split())
    # Leading "- " and "* " are list marks only at the start of a line; elsewhere they are words.
    assert [w for w in kept if w not in {"-", "*"}] == words


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_blocks(text):
    assert text_blocks(text) == []
