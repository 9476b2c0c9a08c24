import io
import sys

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core.exports import ExportError, ExportOptions, exporters


class Command(BaseCommand):
    help = "Export data: scrutineer export KIND --format csv [-o FILE]. KIND is one the areas offer."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="What to export, e.g. performance-index, contracts, budget.")
        parser.add_argument("--format", default="csv")
        parser.add_argument("--part", type=int, choices=[1, 2], default=1, help="1 public (default), 2 restricted")
        parser.add_argument("--period", help="e.g. 2020-12, 2020-21-Q3")
        parser.add_argument("--cycle", help="a reporting cycle, e.g. 2021-02")
        parser.add_argument("-o", "--output", help="a file to write; standard output if left out")
        parser.add_argument("--user", metavar="NAME", help="with --part 2: the account the read is made for (logged)")

    def handle(self, *args, kind, format, part, period, cycle, output, user, **options):
        available = exporters()
        if kind not in available:
            names = ", ".join(sorted(available)) or "none yet"
            raise CommandError(f"Unknown export {kind!r}. Available: {names}.")
        command = ["export", kind, "--format", format, "--part", str(part)]
        command += [x for pair in (("--period", period), ("--cycle", cycle)) if pair[1] for x in pair]
        export_options = ExportOptions(
            format=format, part=part, period=period, cycle=cycle, user=user, command=tuple(command)
        )
        buffer = io.BytesIO()  # nothing is written anywhere unless the whole export succeeds
        try:
            available[kind](export_options, buffer)
        except ExportError as error:
            raise CommandError(str(error)) from None
        if output:
            with open(output, "wb") as stream:
                stream.write(buffer.getvalue())
        else:
            sys.stdout.buffer.write(buffer.getvalue())
            sys.stdout.buffer.flush()
