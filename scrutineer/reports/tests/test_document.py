"""The report as plain data: no database, no rendering."""

from scrutineer.domain.parts import Part
from scrutineer.reports.charts import bar_chart
from scrutineer.reports.document import (
    BulletList,
    Cell,
    CoverSheet,
    Document,
    Paragraph,
    Section,
    blocks_from_text,
)


def test_officers_text_becomes_numbered_paragraphs_with_their_bullets():
    numbers = iter(["3.1", "3.2"])
    blocks = blocks_from_text("The plan has priorities:\n- Safeguarding\n- Homes\n\nNote them.", numbers=numbers)
    assert blocks == [
        Paragraph("The plan has priorities:", number="3.1"),
        BulletList(("Safeguarding", "Homes")),
        Paragraph("Note them.", number="3.2"),
    ]


def test_a_cell_of_prose_keeps_a_plan_updates_run_on_bullets():
    cell = Cell.prose("A) Oversight. •Digests refreshed •Reports developed")
    assert cell.blocks == (Paragraph("A) Oversight."), BulletList(("Digests refreshed", "Reports developed")))
    assert cell.plain == "A) Oversight.\n• Digests refreshed\n• Reports developed"


def test_a_spanning_row_header_is_scoped_to_its_row_group():
    assert Cell.text("1) Raise awareness", header=True, rowspan=3).scope == "rowgroup"
    assert Cell.text("Total", header=True).scope == "row"


def test_running_header_names_the_report_number_and_part_and_says_draft():
    cover = CoverSheet(organisation="A Council", report_number="CEF21009B", part=Part.TWO, fields=())
    document = Document(kind="plan-update", title="Plan update", part=Part.TWO, organisation="A Council", cover=cover)
    assert document.running_header == "Report No. CEF21009B · PART 2 – EXEMPT"
    draft = Document(kind="x", title="T", part=Part.ONE, organisation="A Council", draft=True)
    assert draft.running_header == "A Council · PART 1 – PUBLIC · DRAFT"
    assert document.full_title == "CEF21009B: Plan update"


def test_a_chart_is_drawn_from_the_same_figures_as_its_table():
    chart = bar_chart(
        title="Updates",
        description="Bar chart of updates.",
        caption="Updates by priority",
        category_label="Priority",
        categories=["One", "Two"],
        series={"Approved": [6, 5], "Not approved": [0, 1]},
    )
    rows = [[cell.plain for cell in row.cells] for row in chart.table.rows]
    assert rows == [["One", "6", "0"], ["Two", "5", "1"]]
    assert [cell.plain for cell in chart.table.total_rows[0].cells] == ["Total", "11", "1"]
    plotted = {(v["category"], v["series"]): v["value"] for v in chart.spec["data"]["values"]}
    assert plotted == {
        ("One", "Approved"): 6,
        ("Two", "Approved"): 5,
        ("One", "Not approved"): 0,
        ("Two", "Not approved"): 1,
    }
    assert chart.spec["description"] == "Bar chart of updates."


def test_walk_visits_nested_sections_and_a_charts_table():
    chart = bar_chart(title="T", description="D", caption="C", category_label="K", categories=["a"], series={"s": [1]})
    inner = Section("Inner", blocks=(chart,))
    document = Document(
        kind="x", title="T", part=Part.ONE, organisation="O", sections=(Section("Outer", blocks=(inner,)),)
    )
    kinds = [block.kind for block in document.walk()]
    assert kinds == ["section", "section", "chart", "table"]
