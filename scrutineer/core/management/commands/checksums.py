import json

from django.core.management.base import BaseCommand

from scrutineer.core.backup import data_checksums


class Command(BaseCommand):
    help = (
        "Rows and a content checksum of every table, the same on SQLite and PostgreSQL for the same "
        "data: run it before and after a move or a restore and compare."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="machine-readable output")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, as_json, database, **options):
        checksums = data_checksums(database)
        if as_json:
            self.stdout.write(
                json.dumps({table: {"rows": rows, "sha256": sha} for table, (rows, sha) in checksums.items()}, indent=2)
            )
            return
        width = max(len(table) for table in checksums)
        for table, (rows, sha) in checksums.items():
            self.stdout.write(f"{table:<{width}}  {rows:>9,}  {sha[:16]}")
