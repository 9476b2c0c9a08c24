from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from scrutineer.core import backup

from ._backup_report import describe_file, write_counts


class Command(BaseCommand):
    help = (
        "Restore a backup made by `scrutineer backup` into the database DATABASE_URL names. "
        "Refuses a database already in use unless --force (which replaces everything in it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup made by `scrutineer backup`")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds data")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, file, force, database, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such backup file: {path}")
        vendor = connections[database].vendor
        try:
            kind = backup.backup_kind(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        if kind != vendor:
            raise CommandError(
                f"{path} is a {kind} backup but the database is {vendor}; "
                "to move between them use `scrutineer export-all` and `scrutineer import-all`."
            )
        busy = backup.in_use(backup.table_counts(database))
        if busy and not force:
            shown = ", ".join(busy[:5]) + (" ..." if len(busy) > 5 else "")
            raise CommandError(
                f"The database already holds data ({len(busy)} tables with rows: {shown}). "
                "Restore into an empty database, or add --force to replace everything in it."
            )
        self.stdout.write(f"Restoring {describe_file(path)}")
        try:
            if vendor == "sqlite":
                integrity, counts = backup.sqlite_restore(path, backup.sqlite_connection(database))
                self.stdout.write(f"Integrity check: {integrity}")
            else:
                counts = backup.pg_restore(path, database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        write_counts(self.stdout, counts)
