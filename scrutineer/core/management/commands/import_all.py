from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from scrutineer.core import backup

from ._backup_report import write_counts


class Command(BaseCommand):
    help = (
        "Load a file made by `scrutineer export-all` into the database DATABASE_URL names, which must be "
        "empty (it is migrated first). All of it loads, or nothing does."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a JSON file made by `scrutineer export-all`")
        parser.add_argument("--force", action="store_true", help="load into a database that already holds data")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, file, force, database, **options):
        busy = backup.in_use(backup.table_counts(database))
        if busy and not force:
            raise CommandError(
                f"The database already holds data ({len(busy)} tables with rows). Import into a freshly "
                "migrated database, or add --force to load on top (records with the same ids are overwritten)."
            )
        call_command("migrate", database=database, interactive=False, verbosity=0)
        # loaddata runs in one transaction and resets PostgreSQL's id sequences afterwards.
        call_command("loaddata", file, database=database, verbosity=0)
        self.stdout.write(f"Loaded {file}")
        write_counts(self.stdout, backup.table_counts(database))
