"""Agenda packs read back with pypdf: the agenda's page ranges against where each paper really
starts and ends, the bookmarks, the page numbers printed on every page, and Part 1 / Part 2."""

from __future__ import annotations

import re
from datetime import date

import pytest

from scrutineer.committees import packs, services
from scrutineer.committees.models import AgendaItem, Committee, Meeting
from scrutineer.committees.papers import Source
from scrutineer.domain.parts import Part

from .conftest import outline, pdf_pages, squash, tiny_pdf

pytestmark = pytest.mark.django_db

BLANK = "This page is left intentionally blank"
RANGE = r"\(Pages? (\d+)(?: - (\d+))?\)"


def printed_ranges(pack) -> dict[str, tuple[int, int]]:
    """Each item's range as the agenda prints it, read from the front pages' text."""
    pages = pdf_pages(pack.content)
    front = squash(" ".join(pages[: pack.layout.front.last]))
    found = {}
    for entry in pack.entries:
        match = re.search(re.escape(squash(entry.item.title)) + r"\s*" + RANGE, front)
        assert match, f"the agenda prints no range for item {entry.item.label}"
        first = int(match.group(1))
        found[entry.item.label] = (first, int(match.group(2) or first))
    return found


def marker(entry, upload_marker: str = "") -> re.Pattern[str]:
    """Text that each kind of paper prints on its first page, whatever the pack's layout."""
    if entry.papers.source is Source.MINUTES:
        return re.compile(r"Minutes of the meeting held|Exempt minutes of the meeting held")
    if entry.papers.source is Source.UPLOAD:
        return re.compile(re.escape(upload_marker) + r" \(page 1\)")
    return re.compile(rf"Agenda Item\s+{re.escape(entry.item.label)}\b")


def real_ranges(pack, upload_markers: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """Where each paper really starts (the first page showing its marker) and ends (the page
    before the next paper starts, or the last page), found by reading every page."""
    pages = pdf_pages(pack.content)
    starts = []
    for entry in pack.entries:
        pattern = marker(entry, (upload_markers or {}).get(entry.item.label, ""))
        hits = [number for number, text in enumerate(pages, start=1) if pattern.search(squash(text))]
        later = [hit for hit in hits if not starts or hit > starts[-1][1]]
        assert later, f"item {entry.item.label}'s paper is not in the pack"
        starts.append((entry.item.label, later[0]))
    ends = [start - 1 for _, start in starts[1:]] + [len(pages)]
    return {label: (start, end) for (label, start), end in zip(starts, ends, strict=True)}


def test_the_agenda_prints_where_each_paper_really_starts_and_ends(demo_pack):
    printed = printed_ranges(demo_pack)
    assert printed == real_ranges(demo_pack)
    assert list(printed) == ["3", "5", "7", "8a", "8b", "8c", "9a", "9b", "10", "11", "12", "13", "15"]
    assert printed["3"][0] == demo_pack.layout.front.last + 1  # the minutes follow the agenda


def test_the_plan_update_is_the_report_framework_s_own(demo_pack):
    """Item 7 is the live plan update (CEF21009A), all of it, pulled in rather than copied."""
    first, last = printed_ranges(demo_pack)["7"]
    text = squash(" ".join(pdf_pages(demo_pack.content)[first - 1 : last]))
    assert "Report No. CEF21009A" in text
    assert "Priority 5: Ensuring Efficiency and Effectiveness" in text
    assert "Page 1 of" not in text  # the report's own footer gives way to the pack's numbers


def test_blank_pages_make_every_paper_start_on_a_right_hand_page(demo_pack):
    pages = pdf_pages(demo_pack.content)
    for label, (first, last) in printed_ranges(demo_pack).items():
        assert first % 2 == 1, label
        assert (last - first + 1) % 2 == 0, label
    blank = [number for number, text in enumerate(pages, start=1) if BLANK in text]
    for number in blank:
        assert squash(pages[number - 1]) == f"{BLANK} Page {number}"
    expected = sum(entry.span.blank_pages for entry in demo_pack.entries) + demo_pack.layout.front.blank_pages
    assert len(blank) == expected


def test_every_page_carries_its_number_in_order(demo_pack):
    pages = pdf_pages(demo_pack.content)
    printed = [text.strip().splitlines()[-1].strip() for text in pages]
    assert printed == [f"Page {number}" for number in range(1, len(pages) + 1)]
    assert len(pages) == demo_pack.layout.total_pages


def test_bookmarks_point_at_where_each_item_starts(demo_pack):
    marks = outline(demo_pack.content)
    ranges = printed_ranges(demo_pack)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    assert top[0] == ("Front sheet and agenda", 0)
    by_label = {title.split(" ", 1)[0]: page for depth, title, page in marks if depth <= 1}
    for label, (first, _) in ranges.items():
        assert by_label[label] == first - 1, label
    # lettered items sit under their numbered heading, which points where the first of them starts
    heading = next(i for i, (depth, title, _) in enumerate(marks) if depth == 0 and title.startswith("8 "))
    children = []
    for depth, title, _ in marks[heading + 1 :]:  # a report's own headings sit deeper, under its item
        if depth == 0:
            break
        if depth == 1:
            children.append(title.split(" ", 1)[0])
    assert children == ["8a", "8b", "8c"]
    assert marks[heading][2] == ranges["8a"][0] - 1


def test_a_report_s_own_headings_are_bookmarked_under_its_item(demo_pack):
    marks = outline(demo_pack.content)
    first, last = printed_ranges(demo_pack)["7"]
    start = next(i for i, (depth, title, _) in enumerate(marks) if depth == 0 and title.startswith("7 "))
    inner = []
    for depth, title, page in marks[start + 1 :]:
        if depth == 0:
            break
        inner.append((title, page))
    assert any(title == "1 Reason for report" for title, _ in inner)
    assert any(title.startswith("Priority 1") for title, _ in inner)
    assert all(first - 1 <= page <= last - 1 for _, page in inner)


def test_the_front_sheet_is_the_council_s(demo_pack):
    front = squash(" ".join(pdf_pages(demo_pack.content)[: demo_pack.layout.front.pages]))
    for text in (
        "To: Members of the CHILDREN, EDUCATION AND FAMILIES PDS COMMITTEE",
        "Councillor Nicky Dykes (Chairman)",
        "Councillor Judi Ellis (Vice-Chairman)",
        "Councillors Marina Ahmad, Yvonne Bear, Kevin Brooks, Christine Harris, Neil Reddin FCCA and Will Rowlands",
        "Church Representatives with Voting Rights Reverend Roger Bristow and Joan McConnell",
        "Emmanuel Arbenser, Vacancy and Vacancy",
        "Vacant, Young People's Representative",
        "WEDNESDAY 10 MARCH 2021 AT 6.30 PM",
        "PART 1 (PUBLIC) AGENDA",
        "HOLDING THE EXECUTIVE TO ACCOUNT",
        "ANNUAL SCRUTINY REPORT (TO FOLLOW)",
        "- Risk Register Update".replace("- ", ""),
        "The Chairman to move that the Press and public be excluded",
    ):
        assert text in front, text


def test_part_1_lists_part_2_items_as_the_public_agenda_must_without_their_papers(demo_pack):
    front = squash(" ".join(pdf_pages(demo_pack.content)[: demo_pack.layout.front.pages]))
    assert "POST COMPLETION REVIEW REPORT - EDUCATION CAPITAL SCHEMES" in front
    assert "Information relating to any individual. (paragraph 1)" in front
    after = front.split("PART 2 (CLOSED) AGENDA", 1)[1]
    assert not re.search(RANGE, after)  # no ranges: their papers are in the Part 2 pack only
    assert all(entry.item.part == Part.ONE for entry in demo_pack.entries)


def test_part_1_pack_holds_no_canary_from_part_2(canary_packs):
    text = " ".join(pdf_pages(canary_packs.part1.content))
    for name, canary in canary_packs.canaries.items():
        assert canary not in text, name
        assert canary.encode() not in canary_packs.part1.content, name


def test_part_2_pack_holds_every_canary(canary_packs):
    """The canaries are where the Part 2 pack takes its content from, so their absence from Part 1 means something."""
    text = squash(" ".join(pdf_pages(canary_packs.part2.content)))
    assert {name for name, canary in canary_packs.canaries.items() if canary in text} == set(canary_packs.canaries)


def test_part_2_pack_ranges_and_marking(canary_packs):
    pack = canary_packs.part2
    pages = pdf_pages(pack.content)
    assert "PART 2 – EXEMPT: NOT FOR PUBLICATION" in pages[0]
    assert "PART 1 (PUBLIC) AGENDA" not in " ".join(pages[: pack.layout.front.pages])
    uploads = {"19a": canary_packs.canaries["upload"].join(["Post completion review ", ""])}
    assert printed_ranges(pack) == real_ranges(pack, uploads)
    assert [entry.item.label for entry in pack.entries] == ["19a", "20a", "20b", "20c", "21", "22"]
    assert printed_ranges(pack)["21"][0] % 2 == 1


def test_an_uploaded_report_is_pulled_in_whole(canary_packs):
    pack = canary_packs.part1
    first, last = printed_ranges(pack)["10"]
    assert (first, last) == real_ranges(pack, {"10": canary_packs.upload_marker})["10"]
    pages = pdf_pages(pack.content)
    assert [f"(page {n})" in pages[first - 1 + n - 1] for n in (1, 2, 3)] == [True, True, True]
    assert BLANK in pages[last - 1]  # three pages, then a blank one
    assert next(e for e in pack.entries if e.item.label == "10").papers.source is Source.UPLOAD


def test_the_agenda_is_drawn_again_when_it_outgrows_the_room_guessed(monkeypatch, demo):
    """Guess one page for an agenda of forty items: the ranges printed still match the pack."""
    committee = Committee.objects.get(slug="children-education-families-pds")
    meeting = services.meeting_save(meeting=Meeting(committee=committee, date=date(2030, 1, 8)), values={})
    for number in range(1, 41):
        item = services.agenda_item_save(
            item=AgendaItem(meeting=meeting), values={"number": number, "title": f"ITEM OF BUSINESS NUMBER {number}"}
        )
        if number % 10 == 0:
            services.agenda_report_attach_pdf(
                item=item, content=tiny_pdf(f"Paper {number}", pages=number // 10), name="x.pdf"
            )
    drawn = []
    real_settle = packs.settle

    def counting_settle(draw, *args, **kwargs):
        def draw_front(layout):
            drawn.append(layout.front.last)
            return draw(layout)

        return real_settle(draw_front, *args, **kwargs)

    monkeypatch.setattr(packs, "_first_guess", lambda items: 1)
    monkeypatch.setattr(packs, "settle", counting_settle)
    pack = packs.agenda_pack(meeting=meeting, part=Part.ONE, double_sided=False)
    assert len(drawn) > 1 and drawn[0] == 1
    markers = {str(n): f"Paper {n}" for n in (10, 20, 30, 40)}
    assert printed_ranges(pack) == real_ranges(pack, markers)
    assert printed_ranges(pack)["10"][0] == pack.layout.front.last + 1
