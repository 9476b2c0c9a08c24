"""`scrutineer agenda-pack`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_the_part_2_pack_to_a_file_logged_as_a_read_of_part_2(demo, tmp_path, committee_member):
    target = tmp_path / "part2.pdf"
    errors = io.StringIO()
    call_command(
        "agenda_pack",
        meeting="2021-03-10",
        part=2,
        single_sided=True,
        output=str(target),
        user=committee_member.username,
        stderr=errors,
    )
    logged = committee_member.part2_accesses.get()
    assert logged.what.startswith("Part 2 agenda pack of ")
    assert logged.path.endswith("scrutineer agenda-pack --meeting 2021-03-10 --part 2")
    reader = PdfReader(target)
    assert "PART 2 – EXEMPT" in reader.pages[0].extract_text()
    assert f"({len(reader.pages)} pages)" in errors.getvalue()
    assert "20a Page" in " ".join(errors.getvalue().split())  # each item and its range


@pytest.mark.parametrize(
    ("meeting", "message"),
    [("2021-03-11", "No committee meeting on 11 March 2021"), ("10/03/2021", "is not a date such as 2021-03-10")],
)
def test_no_such_meeting(demo, meeting, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("agenda_pack", meeting=meeting, output=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_the_committee_narrows_the_meeting(demo, tmp_path):
    with pytest.raises(CommandError, match="No committee meeting on 10 March 2021 of 'other'"):
        call_command("agenda_pack", meeting="2021-03-10", committee="other", output=str(tmp_path / "x.pdf"))
