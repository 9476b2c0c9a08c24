"""`scrutineer report KIND --period P --part 1|2 --format html|pdf|docx -o FILE`.

A published report is written as it was published: its stored file, byte for byte the one the
reports page serves (check C4). A draft is drawn from the data now, marked DRAFT. `--live` draws
a published report from the data now instead (to see what publishing it again would give), and
`--publication N` writes the stored files of version N, current or not. Part 2 needs `--user NAME`,
an account allowed Part 2, and the read goes into the Part 2 access log as the site's reads do.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from scrutineer.accounts.command_line import add_part2_user_argument, log_part2_read, part2_reader
from scrutineer.core.models import Portfolio
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.cover_sheets import report_number
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import PeriodError
from scrutineer.reports.registry import ReportUnavailable, UnknownKind, report_kind, report_kinds
from scrutineer.reports.renderers import Format, render_document
from scrutineer.reports.selectors import published_file, report_for


class Command(BaseCommand):
    help = (
        "Make a committee report: scrutineer report plan-update --period 2020-21-Q3 --part 1 --format pdf -o FILE. "
        "A published report is written as it was published (the stored file the reports page serves); a report "
        "not yet published is drawn from the data now and marked DRAFT. --live draws a published report from the "
        "data now; --publication N writes the stored files of its version N."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", help="The report, e.g. plan-update. Leave out to list them.")
        parser.add_argument("--period", help="The period, in the report's terms (e.g. 2020-21-Q3, 2020-12).")
        parser.add_argument("--part", type=int, choices=[1, 2], default=1, help="1 public (default), 2 exempt")
        parser.add_argument("--format", choices=[f.value for f in Format], default="pdf")
        parser.add_argument("--portfolio", help="The portfolio's slug; the organisation's only one if left out.")
        parser.add_argument("-o", "--output", help="A file to write; standard output if left out.")
        parser.add_argument("--live", action="store_true", help="Draw it from the data now, even if it is published.")
        parser.add_argument(
            "--publication", type=int, metavar="N", help="Write the stored files of published version N."
        )
        add_part2_user_argument(parser)

    def handle(self, *args, kind, period, part, format, portfolio, output, live, publication, user, **options):
        if not kind:
            for slug, found in report_kinds().items():
                self.stdout.write(f"{slug}: {found.name} (period: {found.period_help})")
            return
        try:
            kind_obj = report_kind(kind)
        except UnknownKind as error:
            raise CommandError(str(error)) from None
        if not period:
            raise CommandError(f"Give --period: {kind_obj.period_help}.")
        if live and publication is not None:
            raise CommandError("Give --live or --publication, not both.")
        try:
            period = kind_obj.parse_period(period)
        except PeriodError as error:
            raise CommandError(f"{error} {kind_obj.name} needs {kind_obj.period_help}.") from None
        reader = part2_reader(part=part, username=user)
        report = report_for(portfolio=_portfolio(portfolio), kind=kind_obj, period=period)
        stored = None
        if not live:
            stored = published_file(report=report, part=Part(part), format=Format(format), number=publication)
            if publication is not None and stored is None:
                raise CommandError(f"{kind_obj.name} for {period} has no published version {publication}.")
        if stored is not None:
            content = bytes(stored.content)
            number = report_number(stored.publication.report_number, Part(part))
            title = f"{number}: {stored.publication.title}" if number else stored.publication.title
            version = stored.publication.number
            what = f"{title} (Part {part}, {format}, as published: version {version}, SHA-256 {stored.sha256})"
        else:
            try:
                document = kind_obj.build(report, Part(part))
            except ReportUnavailable as error:
                raise CommandError(str(error)) from None
            content = render_document(document, Format(format)).content  # nothing is written unless it all worked
            drawn = "drawn now from the data" if report.is_published else "a draft"
            what = f"{document.full_title} (Part {part}, {format}, {drawn})"
        command = ["report", kind_obj.slug, "--period", str(period), "--part", str(part), "--format", format]
        log_part2_read(reader, command=command, what=what)
        if output:
            with open(output, "wb") as stream:
                stream.write(content)
            self.stderr.write(f"Wrote {what} to {output}")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()


def _portfolio(slug: str | None) -> Portfolio:
    organisation = default_organisation()
    portfolios = Portfolio.objects.select_related("organisation").filter(organisation=organisation)
    if slug:
        portfolios = portfolios.filter(slug=slug)
    found = list(portfolios[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise CommandError(f"No portfolio {slug!r}." if slug else "No portfolio has been set up yet.")
    names = ", ".join(portfolios.values_list("slug", flat=True))
    raise CommandError(f"Give --portfolio: one of {names}.")
