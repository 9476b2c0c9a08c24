import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutineer.domain.cover_sheets import (
    Executive,
    Gap,
    KeyDecision,
    Urgency,
    call_in_gaps,
    decision_type_label,
    exempt_gaps,
    exempt_notice,
    implication_gaps,
    is_placeholder,
    missing_fields,
    parse_contact_officer,
    parse_decision_type,
    parse_meeting_date,
    part_marking,
    report_number,
    report_number_base,
)
from scrutineer.domain.parts import Part


def test_decision_type_reads_as_the_cover_sheet_prints_it():
    # 004_5a7191a0a14e1e5f.txt:580
    label = decision_type_label(Urgency.NON_URGENT, Executive.NON_EXECUTIVE, KeyDecision.NON_KEY)
    assert label == "Non-Urgent Non-Executive Non-Key"
    assert decision_type_label(Urgency.NON_URGENT, Executive.LEADER, KeyDecision.NON_KEY) == "Non-Urgent Leader Non-Key"


@pytest.mark.parametrize(
    ("base", "part", "printed"),
    [("CEF21011", Part.ONE, "CEF21011A"), ("CEF21011", Part.TWO, "CEF21011B"), ("cef21011a", Part.TWO, "CEF21011B")],
)
def test_paired_report_numbers_end_in_a_and_b(base, part, printed):
    assert report_number(base, part) == printed


def test_a_report_without_a_number_prints_none():
    assert report_number("", Part.ONE) == ""
    assert report_number_base(" CEF21009 ") == "CEF21009"


def test_part_markings():
    assert part_marking(Part.ONE) == "PART 1 – PUBLIC"
    assert part_marking(Part.TWO) == "PART 2 – EXEMPT"


def test_exempt_notice_cites_the_paragraph_and_its_description():
    notice = exempt_notice(1)
    assert "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972" in notice
    assert "Information relating to any individual" in notice


@pytest.mark.parametrize(
    "text",
    ["Click here and start typing", "MeetingDate", "Wards", "[List non-applicable sections here]", "£", " - ", "TBC."],
)
def test_template_text_left_in_a_box_is_a_placeholder(text):
    # 004_5a7191a0a14e1e5f.txt:3148, 3161, 3247, 4104; 617 ("Total current budget for this head: £")
    assert is_placeholder(text) is True


@pytest.mark.parametrize("text", ["", "All Wards", "N/A", "£1,200", "Existing Policy", "[AP] recurring"])
def test_real_values_are_not_placeholders(text):
    assert is_placeholder(text) is False


def test_missing_fields_lists_every_blank_required_field_and_every_placeholder():
    labels = {"ward": "Ward", "title": "Title", "budget": "Total current budget"}
    gaps = missing_fields({"ward": "Wards", "title": " ", "budget": "£"}, labels, required=["ward", "title"])
    assert {gap.field for gap in gaps} == {"ward", "title", "budget"}
    assert Gap("title", "Enter the title") in gaps


def test_each_implication_is_written_or_non_applicable_but_not_both():
    labels = {"legal": "Legal implications", "policy": "Policy implications", "personnel": "Personnel implications"}
    gaps = implication_gaps({"legal": "", "policy": "None arising.", "personnel": "Some"}, ["personnel"], labels)
    assert [gap.field for gap in gaps] == ["legal", "personnel"]
    assert "also listed" in gaps[1].message


def test_call_in_on_a_non_executive_decision_must_be_not_applicable():
    assert call_in_gaps(Executive.NON_EXECUTIVE, "Not Applicable:") == []
    assert call_in_gaps(Executive.EXECUTIVE, "Applicable") == []
    assert [gap.field for gap in call_in_gaps(Executive.NON_EXECUTIVE, "Applicable")] == ["call_in"]


def test_part_two_with_exempt_material_needs_a_schedule_12a_paragraph():
    assert exempt_gaps(None, has_exempt_material=False) == []
    assert exempt_gaps(3, has_exempt_material=True) == []
    (gap,) = exempt_gaps(None, has_exempt_material=True)
    assert gap.part is Part.TWO


# --- cover sheets as printed -------------------------------------------------------------------


@given(st.sampled_from(list(Urgency)), st.sampled_from(list(Executive)), st.sampled_from(list(KeyDecision)))
def test_a_printed_decision_type_reads_back_as_its_three_parts(urgency, executive, key):
    assert parse_decision_type(decision_type_label(urgency, executive, key)) == (urgency, executive, key)


def test_decision_types_as_the_seed_prints_them():
    # 004_5a7191a0a14e1e5f.txt:881 and 1281
    assert parse_decision_type("Non-Urgent Executive Non-Key") == (
        Urgency.NON_URGENT,
        Executive.EXECUTIVE,
        KeyDecision.NON_KEY,
    )
    assert parse_decision_type("Non-Urgent Leader Non-Key")[1] is Executive.LEADER
    assert parse_decision_type("Decision Type") is None


def test_a_printed_date_is_read_with_the_words_before_it_kept_as_a_note():
    assert parse_meeting_date("10th March 2021") == ("", (2021, 3, 10))  # 004_5a7191a0a14e1e5f.txt:879
    note, when = parse_meeting_date(
        "For Pre-Decision Scrutiny by the Children, Education, & Families PDS Committee on 10th March 2021"
    )  # 004_5a7191a0a14e1e5f.txt:1280
    assert note == "For Pre-Decision Scrutiny by the Children, Education, & Families PDS Committee on"
    assert when == (2021, 3, 10)
    assert parse_meeting_date("1 April 2020") == ("", (2020, 4, 1))
    assert parse_meeting_date("MeetingDate") == ("MeetingDate", None)


def test_a_printed_contact_officer_is_read_as_name_role_telephone_and_email():
    # 004_5a7191a0a14e1e5f.txt:885-886, as the finance demo holds it
    officer = parse_contact_officer(
        "David Bradshaw, Head of Finance, Children, Education and Families. Tel: 020 8313 4807 "
        "E-mail: David.Bradshaw@bromley.gov.uk"
    )
    assert officer == {
        "name": "David Bradshaw",
        "role": "Head of Finance, Children, Education and Families",
        "telephone": "020 8313 4807",
        "email": "David.Bradshaw@bromley.gov.uk",
    }
    # 004_5a7191a0a14e1e5f.txt:3720: an email and no telephone
    officer = parse_contact_officer(
        "Colin Lusted, Head of Complex & Long-Term Commissioning – Education, Care & Health Services. "
        "Email: Colin.lusted@bromley.gov.uk"
    )
    assert officer["name"] == "Colin Lusted"
    assert officer["role"] == "Head of Complex & Long-Term Commissioning – Education, Care & Health Services"
    assert (officer["telephone"], officer["email"]) == ("", "Colin.lusted@bromley.gov.uk")
    assert parse_contact_officer("Katherine Ball") == {
        "name": "Katherine Ball",
        "role": "",
        "telephone": "",
        "email": "",
    }
