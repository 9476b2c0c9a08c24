from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from scrutineer.core import backup

from ._backup_report import describe_file, write_counts


class Command(BaseCommand):
    help = (
        "Back up the database DATABASE_URL names to FILE while the site runs: SQLite's online backup "
        "(one consistent snapshot) or PostgreSQL's pg_dump -Fc. Restore with `scrutineer restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the backup file to write")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, output, database, **options):
        path = Path(output)
        vendor = connections[database].vendor
        name = connections[database].settings_dict["NAME"]
        if vendor == "sqlite" and not str(name).startswith(("file:", ":memory:")) and not Path(name).exists():
            raise CommandError(f"No database at {name}: nothing to back up. Is DATABASE_URL right?")
        if not backup.table_counts(database):
            raise CommandError("The database has no tables: nothing to back up. Is DATABASE_URL right?")
        try:
            if vendor == "sqlite":
                integrity, counts = backup.sqlite_backup(backup.sqlite_connection(database), path)
                note = f"SQLite online backup, integrity check: {integrity}"
            elif vendor == "postgresql":
                counts = backup.pg_backup(path, database)
                note = "pg_dump custom format (restore with scrutineer restore, or pg_restore)"
            else:
                raise CommandError(f"Cannot back up a {vendor} database; use its own tools.")
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Wrote {describe_file(path)}: {note}")
        write_counts(self.stdout, counts)
