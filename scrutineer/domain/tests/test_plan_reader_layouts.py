"""Layouts the seed plans do not use: other words for the columns, other numbering, other table forms."""

from pathlib import Path

import pytest

from scrutineer.domain.plan_reader import read_grids, read_text
from scrutineer.domain.plan_reader.numbering import action_number, inline_letters, letter_start, priority_heading
from scrutineer.domain.plan_reader.vocabulary import Column, map_columns, plan_header, read_label
from scrutineer.domain.plan_reader.years import plan_years

# A plan laid out as another council might: "Ambition" headings, "|" and HTML tables, other words.
ANOTHER_COUNCIL = (Path(__file__).parent / "data" / "another_council_plan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def other():
    return read_text(ANOTHER_COUNCIL)


def test_a_plan_in_other_words_is_read(other):
    assert other.title == "Anytown Borough Council Children's Services Business Plan 2023-24"
    assert other.period == "2023-24"
    assert [(p.number, p.title) for p in other.priorities] == [
        (1, "Children are safe"),
        (2, "Children do well at school"),
    ]
    assert other.priorities[0].rationale == "every child deserves to grow up safe."
    first = other.priorities[0].actions[0]
    assert (first.number, first.number_text) == ("1", "1.1")
    assert [(s.letter, s.detail) for s in first.sub_actions] == [
        ("a", "Recruit social workers"),
        ("b", "Reduce agency staff"),
    ]
    assert [s.update for s in first.sub_actions] == ["(a) 12 recruited", "(b) agency down to 18%"]
    assert {s.target_date for s in first.sub_actions} == {"Q4 2023/24"}
    assert first.sub_actions[0].leads == ["Head of Service, Safeguarding"]


def test_an_html_table_with_a_merged_action_cell(other):
    attendance, gap = other.priorities[1].actions
    assert (attendance.number, attendance.number_text, attendance.title) == ("1", "Action 1:", "Improve attendance")
    assert [(s.letter, s.detail, s.target_date) for s in attendance.sub_actions] == [
        ("a", "Publish a strategy", "Sept 2023"),
        ("b", "Visit every school", "Ongoing"),
    ]
    assert attendance.sub_actions[1].update == "b. 40 of 70 visited"
    assert gap.sub_actions[0].measures == ["Gap narrows", "Attainment rises"]
    assert gap.sub_actions[0].update is None


def test_what_was_not_read_is_reported_where_it_is(other):
    messages = {w.message: w.location for w in other.warnings}
    assert any("“RAG”" in m and "not read" in m for m in messages)
    unreadable = [loc for m, loc in messages.items() if "“sometime soon”" in m]
    assert unreadable == ["line 19, table row 4"]
    assert other.columns["Deadline"] == "target date"
    assert other.columns["Lead officer"] == "lead"
    assert other.columns["Progress"] == "update"
    assert other.columns["Outcomes"] == "measures of success"
    assert other.columns["Task"] == "detail"


def test_an_unknown_column_is_reported_with_the_cells_it_held():
    text = "\n".join(
        [
            "Priority 1: Safe",
            "Action\tDetail\tDeadline\tLead\tBudget code",
            "1. Do it\tThe detail\tMarch 2024\tDirector Education\tXY-12",
            "2. Do more\tMore detail\tMay 2024\tDirector Education\tXY-13",
        ]
    )
    document = read_text(text)
    unread = [w for w in document.warnings if "“Budget code”" in w.message]
    assert len(unread) == 1
    assert "2 cell(s) in it were not read (line 3 to line 4)" in unread[0].message
    assert [a.title for a in document.actions] == ["Do it", "Do more"]


def test_a_table_split_over_pages_repeats_its_header_and_carries_on():
    text = "\n".join(
        [
            "Priority 1 - Safe children",
            "Action\tDetail\tMeasure\tTarget date\tLead\tUpdate",
            "1) Keep children safe\tA) Train staff\tStaff trained\tMay 2024\tHead of Service\tA) Training is under",
            "Page 4",
            "Priority 1 - Safe children [continued]",
            "Action\tDetail\tMeasure\tTarget date\tLead\tUpdate",
            "\t\t\t\t\tway in every team.",
            "\tB) Audit cases\tAudits done\tJune 2024\tHead of Service\tB) First audit done",
        ]
    )
    document = read_text(text)
    assert len(document.priorities) == 1
    action = document.priorities[0].actions[0]
    assert [s.letter for s in action.sub_actions] == ["A", "B"]
    assert action.sub_actions[0].update == "A) Training is under way in every team."
    assert any(w.line == 7 and "carries on the update" in w.message for w in document.warnings)


def test_no_plan_is_a_warning_not_an_error():
    document = read_text("Minutes of the meeting\n\nApologies were received.\nItem\tDescription\n1\tMinutes")
    assert document.priorities == []
    assert "No plan table was found" in document.warnings[0].message


def test_a_spreadsheet_with_one_row_per_sub_action():
    sheet = [
        ["Children's Plan 2024/25"],
        [],
        ["Outcome", "Action no.", "Action", "Sub-action letter", "Tasks", "Success measures", "Due", "Owner"],
        [
            "1. Safe",
            "1",
            "Keep children safe",
            "A",
            "Train staff",
            "Staff trained\nAudits pass",
            "Q1 2024/25",
            "Head A",
        ],
        ["", "", "", "B", "Audit cases", "Audits pass", "Q2 2024/25", "Head B"],
        ["2. Healthy", "1", "Healthy schools", "", "Run the programme", "", "2025", "Head C / Head D"],
    ]
    document = read_grids([("Plan", sheet)], format="xlsx")
    assert document.title == "Children's Plan 2024/25"
    assert [(p.number, p.title) for p in document.priorities] == [(1, "Safe"), (2, "Healthy")]
    safe = document.priorities[0].actions[0]
    assert [(s.letter, s.detail, s.measures) for s in safe.sub_actions] == [
        ("A", "Train staff", ["Staff trained", "Audits pass"]),
        ("B", "Audit cases", ["Audits pass"]),
    ]
    healthy = document.priorities[1].actions[0]
    assert healthy.sub_actions[0].leads == ["Head C", "Head D"]
    assert all("sheet Plan" in w.location for w in document.warnings)


def test_a_reference_column_carries_priority_action_and_letter():
    sheet = [
        ["Ref", "Priority", "Action", "Detail", "Deadline", "Lead"],
        ["1.1", "Safe", "Train", "Train staff", "May 2024", "Head A"],
        ["1.2", "Safe", "Audit", "Audit cases", "June 2024", "Head A"],
        ["2.1", "Healthy", "Schools", "Run it", "2025", "Head C"],
    ]
    document = read_grids([("", sheet)], format="csv")
    assert [(p.number, p.title, [(a.number, a.number_text) for a in p.actions]) for p in document.priorities] == [
        (1, "Safe", [("1", "1.1"), ("2", "1.2")]),
        (2, "Healthy", [("1", "2.1")]),
    ]
    assert not any("not numbered" in w.message for w in document.warnings)


def test_a_sheet_per_priority_takes_the_sheet_name():
    rows = [["Action", "Detail", "Deadline", "Lead"], ["Do it", "Detail", "May 2024", "Head A"]]
    document = read_grids([("Safeguarding", rows), ("Homes", rows)], format="xlsx")
    assert [p.title for p in document.priorities] == ["Safeguarding", "Homes"]
    assert sum("named after the sheet" in w.message for w in document.warnings) == 2


def test_a_table_of_indicators_the_plan_lists():
    text = "\n".join(
        [
            "Priority 1: Safe",
            "Action\tDetail\tDeadline\tLead",
            "1. Do it\tThe detail\tMarch 2024\tDirector Education",
            "",
            "Key performance indicators",
            "No.\tIndicator\tPolarity\tTarget",
            "10\t% of assessments within 45 days\tHigh\t95 - 83%",
        ]
    )
    document = read_text(text)
    assert [(i.number, i.name, i.polarity, i.target) for i in document.indicators] == [
        ("10", "% of assessments within 45 days", "High", "95 - 83%")
    ]


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("Deadline", Column.TARGET_DATE),
        ("By when?", Column.TARGET_DATE),
        ("Timescale", Column.TARGET_DATE),
        ("Lead officer", Column.LEAD),
        ("Responsible officer", Column.LEAD),
        ("Owner", Column.LEAD),
        ("Who", Column.LEAD),
        ("Tasks", Column.DETAIL),
        ("Key steps", Column.DETAIL),
        ("Outcomes", Column.MEASURES),
        ("How will we know?", Column.MEASURES),
        ("KPIs", Column.MEASURES),
        ("Progress", Column.UPDATE),
        ("Progress to date", Column.UPDATE),
        ("Commentary", Column.UPDATE),
        ("UPDATES (Quarter 3 2020/21)", Column.UPDATE),
        ("Measurs of sucess", Column.MEASURES),
        ("Target dat", Column.TARGET_DATE),
        ("Action to meet priority", Column.ACTION),
        ("What we will do", Column.ACTION),
        ("DLT Lead", Column.LEAD),
    ],
)
def test_ordinary_words_for_each_column(heading, column):
    found = map_columns([heading])
    assert found.role_of(0) == column


def test_each_column_goes_to_the_heading_that_means_it_most():
    found = map_columns(["Outcome", "Action", "Tasks", "Success measures", "Deadline", "Lead officer"])
    assert found.columns[Column.MEASURES] == 3
    assert found.columns[Column.PRIORITY] == 0
    found = map_columns(["Action", "Tasks", "Outcomes", "Deadline"])
    assert found.columns[Column.MEASURES] == 2


@pytest.mark.parametrize(
    "headings",
    [
        ["Items of Business", "Schedule 12A Description"],
        ["Capital Scheme/Project", "Total Approved Estimate", "Actual to 31.3.20", "Estimate 2020/21",
         "Estimate 2021/22", "Responsible Officer", "Remarks"],
        ["Contracts Activity Report (Part 1 and Part 2)", "", "PDS Item"],
        ["No.", "Indicator", "Polarity", "Target"],
    ],
)  # fmt: skip
def test_other_tables_of_the_agenda_pack_are_not_plans(headings):
    assert plan_header(headings) is None


@pytest.mark.parametrize(
    ("text", "number", "title", "continued"),
    [
        ("Priority 1", 1, "", False),
        ("Priority - Safeguarding", None, "Safeguarding", False),
        ("Priority One: Safeguarding", 1, "Safeguarding", False),
        ("Ambition 2: Homes", 2, "Homes", False),
        ("Outcome 3 – Healthy lives", 3, "Healthy lives", False),
        ("Priority - Life chances, resilience [cont'd]", None, "Life chances, resilience", True),
        ("## Theme 4: Working together", 4, "Working together", False),
    ],
)  # fmt: skip
def test_priority_headings(text, number, title, continued):
    heading = priority_heading(text)
    assert heading is not None
    assert (heading.number, heading.title, heading.continued) == (number, title, continued)


@pytest.mark.parametrize(
    "text",
    ["Priority outcomes reflected the Building a Better Bromley vision", "OUTCOME OF ALLEGATIONS", "Our Ambitions:",
     "Objectives for the year were met.", "Priorities"],
)  # fmt: skip
def test_sentences_are_not_priority_headings(text):
    assert priority_heading(text) is None


@pytest.mark.parametrize(
    ("text", "number", "printed", "title"),
    [
        ("1) Raise awareness", "1", "1)", "Raise awareness"),
        ("2. Sufficiency", "2", "2.", "Sufficiency"),
        ("(3) Audit", "3", "(3)", "Audit"),
        ("Action 4: Train", "4", "Action 4:", "Train"),
        ("5 - Review", "5", "5 -", "Review"),
        ("iv) Publish", "iv", "iv)", "Publish"),
        ("30 hours funded childcare", None, "", "30 hours funded childcare"),
        ("A new approach", None, "", "A new approach"),
    ],
)
def test_action_numbers(text, number, printed, title):
    found = action_number(text)
    assert (found.number, found.printed, found.title) == (number, printed, title)


def test_dotted_action_numbers_under_their_priority():
    assert action_number("3.2 Narrow the gap", priority=3).number == "2"
    assert action_number("3.2 Narrow the gap", priority=4).number == "3.2"


@pytest.mark.parametrize(
    ("text", "letter", "rest"),
    [("A) Implement", "A", "Implement"), ("(b) Review", "b", "Review"), ("c. Publish", "c", "Publish"),
     ("ii) Second", "ii", "Second"), ("D - Fourth", "D", "Fourth")],
)  # fmt: skip
def test_letters(text, letter, rest):
    found = letter_start(text)
    assert found is not None and (found.letter, found.rest) == (letter, rest)


def test_letters_run_together_split_only_in_sequence():
    pieces = inline_letters("A) Train staff B) Audit cases see 4B) above C) Report")
    assert [(p.letter, p.rest) for p in pieces] == [
        ("A", "Train staff"),
        ("B", "Audit cases see 4B) above"),
        ("C", "Report"),
    ]
    assert inline_letters("A) Train staff") is None
    assert letter_start("e.g. something") is None


@pytest.mark.parametrize(
    ("text", "section", "content"),
    [("Our Ambitions:", "ambitions", ""), ("Strategic links:", "strategic links", ""),
     ("Rationale Safeguarding is everyone's business.", "rationale", "Safeguarding is everyone's business."),
     ("Why this matters: it does", "rationale", "it does"), ("What are we going to do?", "actions", "")],
)  # fmt: skip
def test_section_labels(text, section, content):
    label = read_label(text)
    assert label is not None and (label.section.value, label.content) == (section, content)


def test_our_aim_in_a_sentence_is_not_a_label():
    assert read_label("Our aim is to keep every child safe.") is None


@pytest.mark.parametrize(
    ("period", "years"),
    [("2018 to 2022", (2018, 2021)), ("2018-22", (2018, 2021)), ("2020/21", (2020, 2020)), ("2023-24", (2023, 2023)),
     ("someday", None), ("2022 to 2018", None)],
)  # fmt: skip
def test_plan_years(period, years):
    assert plan_years(period) == years


def test_a_web_page_export_with_headings_paragraphs_and_tables():
    document = read_text((Path(__file__).parent / "data" / "youth_plan.html").read_text(encoding="utf-8"))
    assert document.title == "Anytown Youth Plan 2024-25"
    assert [(p.number, p.title, p.statement) for p in document.priorities] == [
        (1, "Young people are heard", "We listen."),
        (2, "Safe spaces", ""),
    ]
    council = document.priorities[0].actions[0]
    assert [(s.letter, s.detail, s.target_date, s.update) for s in council.sub_actions] == [
        ("A", "Elect members", "May 2024", "A) Elected in May."),
        ("B", "Meet monthly", "Monthly", "B) Three meetings held."),
    ]
    assert any("“Monthly”" in w.message and w.location == "line 4, table row 2" for w in document.warnings)


def test_updates_name_their_letters_in_either_case():
    text = "\n".join(
        [
            "Priority 1: Safe",
            "Action\tDetail\tDeadline\tLead\tProgress",
            "1. Train\t<p>A) Train staff</p><p>B) Audit cases</p>\tMay 2024\tHead A\t(a) Done. (b) Half done.",
        ]
    )
    subs = read_text(text).sub_actions
    assert [s.update for s in subs] == ["(a) Done.", "(b) Half done."]
