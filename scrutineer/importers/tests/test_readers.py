"""Word, Excel and CSV plans built here, laid out as other councils lay theirs out, read by meaning."""

import io
import re
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from scrutineer.importers.readers import LineRange, PlanFileError, read_plan_file

from .conftest import UPDATE_Q3


def _docx_bytes(document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _council_word_plan() -> bytes:
    """A Word plan in another council's words: outcomes, objectives, tasks, deadlines, lead officers, progress."""
    word = Document()
    word.core_properties.title = "Anytown Children's Plan"
    word.add_heading("Anytown Children's Services Plan 2024-25", level=0)
    word.add_heading("Outcome 1: Children are safe", level=1)
    word.add_paragraph("Every child grows up safe from harm.")
    word.add_paragraph("Strategic links:")
    word.add_paragraph("Safeguarding Partnership Plan", style="List Bullet")
    word.add_paragraph("Early Help Strategy", style="List Bullet")
    table = word.add_table(rows=1, cols=6)
    for cell, heading in zip(
        table.rows[0].cells,
        ["Objective", "Tasks", "How we will know", "Deadline", "Lead officer", "Progress"],
        strict=True,
    ):
        cell.text = heading
    lead, director = "Head of Social Work", "Director of Children's Services"
    rows = [
        [
            "1. Keep children safe",
            "a) Recruit social workers",
            "Vacancies under 10%",
            "March 2025",
            lead,
            "a) 12 recruited",
        ],
        ["", "b) Cut agency staff", "Agency under 15%", "June 2025", "", "b) 18% now"],
        ["2. Stronger front door", "Launch the new MASH", "MASH live", "Sept 2024", director, ""],
    ]
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    # The objective and the lead officer of action 1 are printed once, merged down its two rows.
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 4).merge(table.cell(2, 4))
    measures = table.cell(3, 2)
    measures.text = "MASH live"
    measures.add_paragraph("Referrals answered in a day", style="List Bullet")
    word.add_heading("Outcome 2: Children learn well", level=1)
    second = word.add_table(rows=2, cols=4)
    for cell, text in zip(second.rows[0].cells, ["Objective", "Tasks", "Deadline", "Lead officer"], strict=True):
        cell.text = text
    for cell, text in zip(
        second.rows[1].cells, ["1. Attendance", "Visit every school", "2025", "Head of Education"], strict=True
    ):
        cell.text = text
    return _docx_bytes(word)


def test_a_word_plan_in_other_words_is_read():
    document = read_plan_file(_council_word_plan(), "anytown.docx")
    assert document.format == "docx"
    assert document.title == "Anytown Children's Services Plan 2024-25"
    assert [(p.number, p.title) for p in document.priorities] == [(1, "Children are safe"), (2, "Children learn well")]
    safe = document.priorities[0]
    assert safe.statement == "Every child grows up safe from harm."
    assert safe.strategic_links == ["Safeguarding Partnership Plan", "Early Help Strategy"]
    first, second = safe.actions
    assert (first.number, first.title) == ("1", "Keep children safe")
    assert [(s.letter, s.detail, s.target_date, s.update) for s in first.sub_actions] == [
        ("a", "Recruit social workers", "March 2025", "a) 12 recruited"),
        ("b", "Cut agency staff", "June 2025", "b) 18% now"),
    ]
    assert [s.leads for s in first.sub_actions] == [["Head of Social Work"], ["Head of Social Work"]]
    assert first.sub_actions[1].shared_fields == ["lead_text"]
    assert second.sub_actions[0].measures == ["MASH live", "Referrals answered in a day"]
    assert document.columns == {
        "Objective": "action",
        "Tasks": "detail",
        "How we will know": "measures of success",
        "Deadline": "target date",
        "Lead officer": "lead",
        "Progress": "update",
    }
    assert document.priorities[1].actions[0].sub_actions[0].lead_text == "Head of Education"
    locations = " ".join(w.location for w in document.warnings)
    assert "table 2, row 1" in locations, "the second table has no measures column, and says so"


def test_an_excel_plan_with_a_title_row_and_merged_cells():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(["Anytown Family Help Plan 2024/25"])
    sheet.append([])
    sheet.append(["Theme", "Ref", "Key action", "Task", "KPI", "By when", "Owner", "Latest position", "RAG"])
    head = "Head of Early Help"
    sheet.append(
        ["1 - Early help", "1.1", "Family hubs", "Open three hubs", "Hubs open", "Sept 2024", head, "Two open", "Amber"]
    )
    sheet.append([None, "1.2", "Parenting", "Run courses", "Courses run", "2025", head, "", "Green"])
    sheet.append(
        ["2 - Youth", "2.1", "Youth work", "Detached youth work", "", "March 2025", "Youth manager", "Started", ""]
    )
    sheet.merge_cells("A4:A5")
    stream = io.BytesIO()
    workbook.save(stream)

    document = read_plan_file(stream.getvalue(), "family-help.xlsx")

    assert document.title == "Anytown Family Help Plan 2024/25"
    assert (document.period, document.format) == ("2024/25", "xlsx")
    assert [(p.number, p.title, [a.number for a in p.actions]) for p in document.priorities] == [
        (1, "Early help", ["1", "2"]),
        (2, "Youth", ["1"]),
    ]
    hubs = document.priorities[0].actions[0]
    assert (hubs.title, hubs.sub_actions[0].detail, hubs.sub_actions[0].update) == (
        "Family hubs",
        "Open three hubs",
        "Two open",
    )
    rag = [w for w in document.warnings if "“RAG”" in w.message]
    assert rag and rag[0].location == "sheet Actions, row 3"


def test_a_csv_plan_in_windows_1252():
    text = "Action,Detail,Deadline,Lead\r\n1. Budget,Keep spend within £40m,March 2025,Director of Finance\r\n"
    document = read_plan_file(text.encode("cp1252"), "plan.csv")
    sub = document.priorities[0].actions[0].sub_actions[0]
    assert sub.detail == "Keep spend within £40m"
    assert any("untitled priority" in w.message for w in document.warnings)


def test_a_text_export_can_be_read_from_some_of_its_lines():
    whole = read_plan_file(UPDATE_Q3.read_bytes(), UPDATE_Q3.name)
    part = read_plan_file(UPDATE_Q3.read_bytes(), UPDATE_Q3.name, lines=LineRange.parse("686-798"))
    assert len(whole.priorities) == 5
    assert [p.number for p in part.priorities] == [1, 2, 3]
    assert part.warnings[0].line == whole.warnings[0].line == 758, "lines keep the file's own numbers"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"%PDF-1.7", "PDF files lose their tables"),
        ("plan.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
        ("plan.xls", b"\xd0\xcf\x11\xe0", "save it as .xlsx"),
        ("plan.docx", b"not a zip", "not a Word (.docx) document"),
        ("plan.xlsx", b"not a zip", "not an Excel (.xlsx) workbook"),
        ("plan.txt", b"PK\x03\x04rest", "give it its .docx or .xlsx name"),
        ("plan.exe", b"MZ", "cannot be read"),
        ("plan.txt", b"\x81\x8d\x8f\x90\x9d" * 3, "not text in UTF-8 or Windows-1252"),
    ],
)
def test_files_that_cannot_be_read_say_why(name, data, message):
    with pytest.raises(PlanFileError, match=re.escape(message)):
        read_plan_file(data, name)


def test_an_oversized_file_is_refused():
    with pytest.raises(PlanFileError, match="over 10 MB"):
        read_plan_file(b"x" * (10 * 1024 * 1024 + 1), "plan.txt")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<w:document/>")
        package.writestr("word/padding.bin", b"\0" * (60 * 1024 * 1024))
    assert len(stream.getvalue()) < 1024 * 1024
    with pytest.raises(PlanFileError, match="more than 50 MB"):
        read_plan_file(stream.getvalue(), "bomb.docx")


def test_xml_with_entities_is_refused():
    source = _council_word_plan()
    stream = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(stream, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "word/document.xml":
                content = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>' + content.split(b"?>", 1)[1]
            copy.writestr(item, content)
    with pytest.raises(PlanFileError, match="DTD or entities"):
        read_plan_file(stream.getvalue(), "entities.docx")
