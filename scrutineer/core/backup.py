"""Backing up and restoring the database, and moving it between SQLite and PostgreSQL (checks C5, C6).

SQLite: the online backup API copies the database as it stood at one instant while others go on
writing (file databases run in WAL mode, set by the settings, so the copy never blocks a writer).
PostgreSQL: `pg_dump -Fc` and `pg_restore`. Between the two: `dumpdata` and `loaddata`, with
content types and permissions referred to by their natural keys because their ids differ from one
database to another.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from time import monotonic
from typing import Any

from django.apps import apps
from django.db import connections, models, transaction
from django.db.backends.sqlite3._functions import register as register_django_functions

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"

# Tables every migrated database holds before anyone has used it: these alone do not make a
# database "in use" (restore and import-all refuse a database in use unless forced).
FRAMEWORK_TABLES = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}

# Left out of the portable export: content types and permissions are made by `migrate` on the new
# database (with new ids; rows that refer to them carry natural keys instead), and sessions are
# signed with this installation's SECRET_KEY, so moving them would only carry stale sign-ins.
PORTABLE_EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- what a database holds --------------------------------------------------------------------


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows in every table of the configured database, by table name."""
    connection = connections[using]
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def in_use(counts: dict[str, int]) -> list[str]:
    """The tables, beyond those `migrate` fills, that hold rows."""
    return [name for name, rows in counts.items() if rows and name not in FRAMEWORK_TABLES]


def sqlite_file_counts(path: Path) -> dict[str, int]:
    """Rows in every table of a SQLite file, opened read-only."""
    with _sqlite_read_only(path) as database:
        return _sqlite_counts(database)


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: database.execute(f"SELECT COUNT(*) FROM {_quote(name)}").fetchone()[0] for name in names}


class _sqlite_read_only:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        self.database = _sqlite_connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True)
        return self.database

    def __exit__(self, *exc: object) -> None:
        self.database.close()


def backup_kind(path: Path) -> str:
    """ "sqlite" or "postgresql", from the file's first bytes; BackupError for anything else."""
    with open(path, "rb") as stream:
        head = stream.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format archive.")


# --- SQLite -----------------------------------------------------------------------------------


def sqlite_backup(source: sqlite3.Connection, destination: Path) -> tuple[str, dict[str, int]]:
    """Copy the database behind `source` to `destination`; return its integrity check and row counts.

    The whole copy is one step of the backup API (pages=-1), so it reads one snapshot under one
    read transaction: writers committing meanwhile (WAL mode) are neither blocked nor copied in
    part. The copy is written beside the destination and renamed into place only once checked,
    so a failed backup never leaves a half-written file under the name asked for.
    """
    destination = Path(destination)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = _sqlite_connect(partial)
    try:
        source.backup(copy, pages=-1, progress=_give_up_after(LOCK_WAIT_SECONDS))
        # One self-contained file: no -wal file to lose when the backup is moved.
        copy.execute("PRAGMA journal_mode=DELETE")
        integrity = _integrity(copy)
        counts = _sqlite_counts(copy)
        if integrity != "ok":
            raise BackupError(f"The copy failed its integrity check: {integrity}")
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise
    copy.close()
    os.replace(partial, destination)
    return integrity, counts


def sqlite_restore(backup: Path, target: sqlite3.Connection) -> tuple[str, dict[str, int]]:
    """Replace the database behind `target` with the backup; return its integrity check and counts.

    The backup API writes the pages under one write transaction on the live database, so other
    connections see the old database or the new one, never a mixture; copying the file over an
    open WAL database could corrupt it.
    """
    with _sqlite_read_only(backup) as source:
        checked = _integrity(source)
        if checked != "ok":
            raise BackupError(f"{backup} failed its integrity check ({checked}); nothing was restored.")
        try:
            source.backup(target, pages=-1, progress=_give_up_after(LOCK_WAIT_SECONDS))
        except sqlite3.Error as error:
            raise BackupError(f"Could not restore into the database: {error}") from error
    return _integrity(target), _sqlite_counts(target)


LOCK_WAIT_SECONDS = 60


def _give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A backup progress callback that stops waiting for a lock after `seconds`.

    Python's backup() retries a locked database forever; in WAL mode a reader is only refused a
    lock in rare cases (a checkpoint resetting the log, or the source connection itself writing),
    and then an error beats a command that never returns.
    """
    deadline = monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and monotonic() > deadline:
            raise BackupError(f"The database stayed locked for {seconds:.0f} seconds; nothing was copied.")

    return progress


def _sqlite_connect(target: str | Path, uri: bool = False) -> sqlite3.Connection:
    # The schema's check constraints call Django's SQL functions (django_date_extract, ...), which
    # PRAGMA integrity_check evaluates: register them as Django does on its own connections.
    database = sqlite3.connect(target, uri=uri)
    register_django_functions(database)
    return database


def _integrity(database: sqlite3.Connection) -> str:
    return "; ".join(row[0] for row in database.execute("PRAGMA integrity_check"))


def sqlite_connection(using: str = "default") -> sqlite3.Connection:
    """The raw sqlite3 connection Django holds (opened with the settings' WAL pragmas)."""
    connection = connections[using]
    connection.ensure_connection()
    return connection.connection


# --- PostgreSQL -------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: from PATH, else the newest of Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: [int(part) if part.isdigit() else 0 for part in Path(path).parts[-3].split(".")],
    )
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} not found on PATH or in /usr/lib/postgresql/*/bin (Debian: postgresql-client).")


def pg_environment(settings: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the database Django is configured for (keeps the password off ps)."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    env["PGDATABASE"] = settings["NAME"]
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    return env


def pg_backup(destination: Path, using: str = "default") -> dict[str, int]:
    """`pg_dump -Fc` of the configured database; return the row counts of the snapshot it dumped.

    When possible the counts and the dump read the same exported snapshot, so they agree exactly
    even while others write.
    """
    connection = connections[using]
    destination = Path(destination)
    partial = destination.with_name(destination.name + ".partial")
    command = [pg_tool("pg_dump"), "--format=custom", f"--file={partial}"]
    env = pg_environment(connection.settings_dict)
    connection.ensure_connection()
    if connection.in_atomic_block:  # already inside a transaction: no snapshot to share
        _run(command, env)
        counts = table_counts(using)
    else:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            _run([*command, f"--snapshot={snapshot}"], env)
            counts = table_counts(using)
    os.replace(partial, destination)
    return counts


def pg_restore(backup: Path, using: str = "default") -> dict[str, int]:
    """`pg_restore --clean --if-exists` in one transaction: it all goes in, or nothing changes."""
    connection = connections[using]
    command = [
        pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        str(backup),
    ]
    connection.close()  # hold nothing open on the tables pg_restore drops
    _run(command, pg_environment(connection.settings_dict))
    return table_counts(using)


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# --- checksums that mean the same on SQLite and PostgreSQL --------------------------------------


def data_checksums(using: str = "default", exclude: Iterable[str] = ("sessions",)) -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 of the content of every model's table, comparable across databases.

    Values are read through the ORM (so a SQLite text date and a PostgreSQL date compare equal) and
    written canonically. References to content types and permissions are written as their natural
    keys, and the automatic many-to-many tables without their own ids, because those ids are made
    afresh by each database. Rows are hashed in sorted order, so the order rows come back in
    does not matter. `exclude` takes app labels or app_label.model names, as dumpdata does.
    """
    excluded = set(exclude)
    natural = {_natural_model(label) for label in ("contenttypes.contenttype", "auth.permission")}
    natural_keys = {model: _natural_key_map(model, using) for model in natural if model is not None}
    result = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.app_label in excluded or meta.label_lower in excluded:
            continue
        fields = [f for f in meta.concrete_fields if not (meta.auto_created and f.primary_key)]
        if model in natural_keys:
            fields = [f for f in fields if not f.primary_key]
        digest = hashlib.sha256()
        rows = sorted(
            json.dumps([_canonical(f, value, natural_keys) for f, value in zip(fields, values, strict=True)])
            for values in model._base_manager.using(using).values_list(*[f.attname for f in fields]).iterator()
        )
        for row in rows:
            digest.update(row.encode())
            digest.update(b"\n")
        result[meta.db_table] = (len(rows), digest.hexdigest())
    return dict(sorted(result.items()))


def _natural_model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _natural_key_map(model: type[models.Model], using: str) -> dict[Any, list[str]]:
    return {obj.pk: list(obj.natural_key()) for obj in model._base_manager.using(using).all()}


def _canonical(field: models.Field, value: Any, natural_keys: dict[type, dict[Any, list[str]]]) -> Any:
    if value is None:
        return None
    if field.is_relation and field.related_model in natural_keys:
        return natural_keys[field.related_model].get(value, ["missing", str(value)])
    if isinstance(value, memoryview | bytes | bytearray):
        return "bytes:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, Decimal):
        return "decimal:" + format(value.normalize(), "f")
    if isinstance(value, datetime):
        return "datetime:" + (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date | time):
        return type(value).__name__ + ":" + value.isoformat()
    if isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, dict | list):
        return "json:" + json.dumps(value, sort_keys=True, default=str)
    return repr(value)
