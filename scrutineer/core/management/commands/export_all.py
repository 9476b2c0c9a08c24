import json
from collections import Counter
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand

from scrutineer.core import serializers as exact_json
from scrutineer.core.backup import PORTABLE_EXCLUDE

from ._backup_report import describe_file, write_counts


class Command(BaseCommand):
    help = (
        "Export every record as JSON that `scrutineer import-all` loads into any database (SQLite or "
        "PostgreSQL): the way to move a council from one to the other."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the JSON file to write")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, output, database, **options):
        path = Path(output)
        partial = path.with_name(path.name + ".partial")
        # Natural keys stand in for the ids of content types and permissions, which each database
        # makes afresh. Every other record keeps its id (no --natural-primary): the audit trail
        # copies record ids, people's among them, into plain columns that would not follow a
        # renumbering.
        # Plain JSON that `loaddata` reads, written with times to the microsecond (see core.serializers).
        serializers.register_serializer(exact_json.FORMAT, "scrutineer.core.serializers")
        call_command(
            "dumpdata",
            format=exact_json.FORMAT,
            natural_foreign=True,
            exclude=PORTABLE_EXCLUDE,
            database=database,
            output=str(partial),
            verbosity=0,
        )
        partial.replace(path)
        with open(path, encoding="utf-8") as stream:
            counts = Counter(record["model"] for record in json.load(stream))
        self.stdout.write(f"Wrote {describe_file(path)}")
        write_counts(self.stdout, dict(sorted(counts.items())))
