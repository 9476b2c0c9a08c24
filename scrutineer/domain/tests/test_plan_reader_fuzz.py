"""The plan reader never crashes: random tables, broken HTML, empty and very long cells, odd Unicode.

Whatever it is given, it returns a PlanDocument whose JSON can be printed, and says where it could
not place things; it never raises.
"""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutineer.domain.plan_document import PlanDocument
from scrutineer.domain.plan_reader import Cell, read_grids, read_text

FRAGMENTS = [
    "<p>", "</p>", "<ul style=\"list-style-type: none\">", "</ul>", "<li>", "<br>", "<table>", "</table>", "<tr>",
    "<td>", "</td>", "<th>", "<td rowspan='3'>", "<td colspan=\"x\">", "<b>", "<", ">", "&amp;", "&#x1F600;", "&bogus;",
    "<!--", "-->", "<![CDATA[", "<script>", "•", "✓", "A)", "B)", "(c)", "d.", "1)", "2.", "Action 3:", "[cont'd]",
    "Priority 1", "Priority - ", "Ambition Two:", "Our Ambitions:", "Strategic links:", "Rationale ", "**", "*", "__",
    "\t", "|", "\n", "\r", "\f", "\x00", "\u200b", "\u202e", "\ufeff", "Ω", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ǅ", "İ", "ß", "ﬁ", "\u0301",
    "April 2022 [AP]", "Sept 2018", "Q3 2020/21", "Director Education / Head of Service", "—", "–", "’",
]  # fmt: skip
HEADINGS = [
    "ACTION", "DETAIL", "MEASURES OF SUCCESS", "TARGET DATE", "LEAD", "UPDATES", "Action to meet priority",
    "Deadline", "Lead officer", "Tasks", "Outcomes", "Progress", "RAG", "No.", "Priority", "Letter", "Ref", "",
    "Budget", "Indicator", "Polarity", "Target",
]  # fmt: skip

odd_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
fragment = st.sampled_from(FRAGMENTS)
cell_text = st.lists(st.one_of(fragment, odd_text), max_size=8).map("".join)
long_cell = st.builds(lambda piece, times: piece * times, st.one_of(fragment, odd_text), st.integers(200, 3000))
any_cell = st.one_of(cell_text, cell_text, cell_text, long_cell, st.just(""))
header = st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=8)


@st.composite
def table_lines(draw):
    heading = draw(header)
    rows = draw(st.lists(st.lists(any_cell, min_size=0, max_size=len(heading) + 2), max_size=8))
    style = draw(st.sampled_from(["tabs", "pipes", "html", "broken html"]))
    if style == "tabs":
        return ["\t".join(heading), *("\t".join(row) for row in rows)]
    if style == "pipes":
        return ["| " + " | ".join(heading) + " |", "|---|---|", *("| " + " | ".join(row) + " |" for row in rows)]
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    markup = "<table><tr>" + "".join(f"<th>{h}</th>" for h in heading) + "</tr>" + body
    return [markup + ("</table>" if style == "html" else "")]


@st.composite
def documents(draw):
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["heading", "paragraph", "item", "table", "blank"]))
        if kind == "heading":
            lines.append(draw(st.sampled_from(["Priority 1", "Priority - Safe", "Ambition 2: Homes", "# Theme 3"])))
            lines.append(draw(cell_text))
        elif kind == "paragraph":
            lines.append(draw(any_cell))
        elif kind == "item":
            lines.append("- " + draw(cell_text))
        elif kind == "table":
            lines.extend(draw(table_lines()))
        else:
            lines.append("")
    return "\n".join(lines)


def _check(document: PlanDocument) -> None:
    printed = json.dumps(document.to_json(), ensure_ascii=False)
    assert json.loads(printed)["priorities"] is not None
    for warning in document.warnings:
        assert warning.location and warning.message
    for sub in document.sub_actions:
        assert isinstance(sub.detail, str) and all(isinstance(m, str) for m in sub.measures)
        assert sub.update is None or isinstance(sub.update, str)
    assert PlanDocument.from_dict(document.to_dict()).to_json() == document.to_json()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_text_document_is_read_without_a_crash(text):
    _check(read_text(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(any_cell, max_size=10), max_size=12), header)
def test_any_spreadsheet_is_read_without_a_crash(rows, heading):
    _check(read_grids([("Plan", [heading, *rows]), ("Sheet2", rows)], format="xlsx"))


@settings(max_examples=300, deadline=None)
@given(any_cell)
def test_any_cell_markup_is_read_as_text(raw):
    cell = Cell.of(raw)
    assert "\x00" not in cell.text
    assert all(part.text == part.text.strip() and part.text for part in cell.parts)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_any_unicode_at_all(text):
    _check(read_text(text))


def test_a_megabyte_cell_is_read():
    text = "Priority 1\nSafe\nAction\tDetail\tLead\tDeadline\n1. Go\t" + "<p>A) word " * 100_000 + "\tHead\tMay 2024"
    document = read_text(text)
    assert len(document.actions) == 1
