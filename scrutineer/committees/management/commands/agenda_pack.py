"""`scrutineer agenda-pack --meeting 2021-03-10 --part 1 -o pack.pdf`.

The Part 2 pack needs `--user NAME`, an account allowed Part 2; the read is logged as the site's are.
"""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from scrutineer.accounts.command_line import add_part2_user_argument, log_part2_read, part2_reader
from scrutineer.committees.models import Committee, Meeting
from scrutineer.committees.packs import agenda_pack
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.agenda_pack import PackLayoutError
from scrutineer.domain.parts import Part


class Command(BaseCommand):
    help = (
        "Make a meeting's agenda pack as one PDF: scrutineer agenda-pack --meeting 2021-03-10 --part 1 -o pack.pdf. "
        "Reports are pulled in once published (--drafts pulls in drafts too, marked DRAFT)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", required=True, help="The meeting's date, e.g. 2021-03-10.")
        parser.add_argument("--committee", help="The committee's slug; needed only if two meet that day.")
        parser.add_argument("--part", type=int, choices=[1, 2], default=1, help="1 public (default), 2 exempt")
        parser.add_argument("--drafts", action="store_true", help="Pull in reports not yet published, marked DRAFT.")
        parser.add_argument(
            "--single-sided", action="store_true", help="No blank pages: papers need not start on a right-hand page."
        )
        parser.add_argument("-o", "--output", help="A file to write; standard output if left out.")
        add_part2_user_argument(parser)

    def handle(self, *args, meeting, committee, part, drafts, single_sided, output, user, **options):
        reader = part2_reader(part=part, username=user)
        found = _meeting(meeting, committee)
        try:
            pack = agenda_pack(meeting=found, part=Part(part), include_drafts=drafts, double_sided=not single_sided)
        except PackLayoutError as error:
            raise CommandError(str(error)) from None
        command = ["agenda-pack", "--meeting", meeting, "--part", str(part)]
        log_part2_read(reader, command=command, what=f"Part 2 agenda pack of {found}")
        if output:
            with open(output, "wb") as stream:
                stream.write(pack.content)
            self.stderr.write(
                f"Wrote the Part {part} agenda pack of {found} ({pack.layout.total_pages} pages) to {output}"
            )
            for entry in pack.entries:
                note = f" ({entry.papers.reason})" if entry.papers.reason else ""
                self.stderr.write(f"  {entry.item.label:>4} {entry.span.text:<16} {entry.papers.source}{note}")
        else:
            sys.stdout.buffer.write(pack.content)
            sys.stdout.buffer.flush()


def _meeting(text: str, committee: str | None) -> Meeting:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date such as 2021-03-10.") from None
    meetings = (
        Meeting.objects.select_related("committee__organisation")
        .filter(date=day, committee__organisation=default_organisation())
        .exclude(committee__kind=Committee.Kind.RELATED)
    )
    if committee:
        meetings = meetings.filter(committee__slug=committee)
    found = list(meetings[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise CommandError(f"No committee meeting on {day:%-d %B %Y}" + (f" of {committee!r}." if committee else "."))
    names = ", ".join(meetings.values_list("committee__slug", flat=True))
    raise CommandError(f"Several committees meet on {day:%-d %B %Y}: give --committee, one of {names}.")
