"""`scrutineer parse-plan PATH`: print the plan a document holds, as JSON, without touching the database."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.importers.readers import LineRange, PlanFileError, read_plan_file


class Command(BaseCommand):
    help = (
        "Read a plan from a text export, Word (.docx), Excel (.xlsx) or CSV file and print it as JSON: "
        "priorities, actions, sub-actions and a warning (with its location) for anything not placed."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to read")
        parser.add_argument("--lines", help="read only these lines of a text export, e.g. 686-867")
        parser.add_argument("--indent", type=int, default=2, help="JSON indentation (0 for one line)")
        parser.add_argument("--with-indicators", action="store_true", help="add any table of indicators the plan lists")

    def handle(self, *args, path, lines, indent, with_indicators, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            document = read_plan_file(file.read_bytes(), file.name, lines=LineRange.parse(lines) if lines else None)
        except PlanFileError as error:
            raise CommandError(str(error)) from None
        data = document.to_json()
        if with_indicators:
            data["indicators"] = [
                {"number": i.number, "name": i.name, "target": i.target, "polarity": i.polarity, "location": i.location}
                for i in document.indicators
            ]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent or None))
        if not document.priorities:
            raise CommandError("No plan was found in the file (see the warnings above).")
