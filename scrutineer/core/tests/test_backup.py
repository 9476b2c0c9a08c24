"""Backups, restores and the move from SQLite to PostgreSQL (reliability checks C5 and C6).

The commands run as a council's administrator runs them: `scrutineer ...` in a process of its own,
against the database DATABASE_URL names.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from scrutineer.core import backup

SCRUTINEER = Path(sys.executable).parent / "scrutineer"
# Decided before the fixtures run: the C6 tests make databases on the PostgreSQL server.
on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL runs only"
)


def _scrutineer(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run([str(SCRUTINEER), *args], cwd="/", env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"scrutineer {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _sqlite_checksums(path: Path, upto: dict[str, int] | None = None) -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 of every table's rows in rowid order; `upto` keeps only rowid <= n."""
    upto = upto or {}
    database = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        result = {}
        for table in tables:
            where = f" WHERE rowid <= {int(upto[table])}" if table in upto else ""
            digest = hashlib.sha256()
            rows = 0
            for row in database.execute(f'SELECT * FROM "{table}"{where} ORDER BY rowid'):
                digest.update(repr(row).encode())
                rows += 1
            result[table] = (rows, digest.hexdigest())
        return result
    finally:
        database.close()


@pytest.fixture(scope="session")
def demo_sqlite_file(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """A SQLite file holding the demo council, made once per run.

    On a SQLite run it is a copy of the test database, with the demo loaded there (again, if a
    transactional test emptied the tables since the session began); on a PostgreSQL run there is no
    SQLite database to copy, so `scrutineer load-demo` makes one (about a minute).
    """
    path = tmp_path_factory.mktemp("demo-sqlite") / "demo.sqlite3"
    if connection.vendor == "sqlite":
        from scrutineer.demo.loader import load_demo

        with django_db_blocker.unblock():
            load_demo()  # safe to run twice: keeps what is there
            backup.sqlite_backup(backup.sqlite_connection(), path)
    else:
        _scrutineer("load-demo", database_url=f"sqlite:///{path}")
    with sqlite3.connect(path) as database:
        assert database.execute("SELECT COUNT(*) FROM core_organisation WHERE slug = 'bromley'").fetchone() == (1,)
    return path


@pytest.fixture
def new_postgres_database():
    """Makes empty databases on the test's PostgreSQL server; drops them afterwards."""
    url = os.environ["DATABASE_URL"]
    base, _, _ = url.rpartition("/")
    made = []
    import psycopg

    def make() -> str:
        name = f"scrutineer_backup_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return f"{base}/{name}"

    yield make
    with psycopg.connect(url, autocommit=True) as server:
        for name in made:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the commands on the test database ---------------------------------------------------------


def test_backup_writes_a_file_and_reports_every_table_with_its_rows(db, tmp_path, capsys):
    if connection.vendor == "sqlite":
        # SQLite refuses to copy a database from inside the connection's own write transaction
        # (each test runs in one); C5 below runs the command on a file database instead.
        pytest.skip("SQLite: covered by the C5 test through the command line")
    target = tmp_path / "council.backup"

    call_command("backup", "-o", str(target))

    out = capsys.readouterr().out
    counts = backup.table_counts()
    assert target.stat().st_size > 0
    assert f"({target.stat().st_size:,} bytes)" in out
    assert backup.backup_kind(target) == connection.vendor
    assert f"{len(counts)} tables, {sum(counts.values()):,} rows" in out
    assert counts["core_organisation"] >= 1
    assert any(line.split() == ["core_organisation", f"{counts['core_organisation']:,}"] for line in out.splitlines())


def test_restore_refuses_a_database_in_use_and_a_backup_of_the_other_kind(db, tmp_path):
    made = tmp_path / "council.backup"
    if connection.vendor == "sqlite":
        with sqlite3.connect(made) as database:
            database.execute("CREATE TABLE core_organisation (id INTEGER PRIMARY KEY)")
        database.close()
    else:
        made.write_bytes(b"PGDMP")  # refused before pg_restore would read it
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(made))

    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(CommandError, match="export-all"):
        call_command("restore", str(other))

    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup")
    with pytest.raises(CommandError, match="neither a SQLite backup nor a pg_dump"):
        call_command("restore", str(junk))


def test_import_all_refuses_a_database_in_use(db, tmp_path):
    export = tmp_path / "council.json"
    export.write_text("[]")
    with pytest.raises(CommandError, match="already holds data"):
        call_command("import_all", str(export))


def test_the_settings_put_file_sqlite_databases_in_wal_mode(tmp_path):
    """C5 relies on WAL: the backup's read snapshot then never blocks the writers."""
    from django.conf import settings

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL run: no SQLite options")
    probe = sqlite3.connect(tmp_path / "probe.sqlite3")
    probe.executescript(options["init_command"])
    assert probe.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    probe.close()


def test_a_sqlite_backup_gives_up_on_a_database_locked_too_long_and_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "LOCK_WAIT_SECONDS", 0.5)
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (a)")
    holder.execute("BEGIN EXCLUSIVE")  # rollback journal: no reader gets in
    source = sqlite3.connect(path)
    target = tmp_path / "copy.backup"
    try:
        with pytest.raises(backup.BackupError, match="locked for 0 seconds"):
            backup.sqlite_backup(source, target)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        source.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.sqlite3"]


# --- C5: SQLite online backup while a writer inserts -------------------------------------------


class _Writer(threading.Thread):
    """Inserts numbered rows into two tables, one transaction per number, until told to stop."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.committed = 0
        self.errors: list[BaseException] = []
        self.stop = threading.Event()

    def run(self) -> None:
        database = sqlite3.connect(self.path, timeout=20, isolation_level=None)
        try:
            while not self.stop.is_set():
                seq = self.committed + 1
                payload = hashlib.sha256(str(seq).encode()).hexdigest()
                database.execute("BEGIN IMMEDIATE")
                database.execute("INSERT INTO backup_probe (seq, payload) VALUES (?, ?)", (seq, payload))
                database.execute("INSERT INTO backup_probe_pair (seq, payload) VALUES (?, ?)", (seq, payload[::-1]))
                database.execute("COMMIT")
                self.committed = seq
                time.sleep(0.002)
        except BaseException as error:
            self.errors.append(error)
        finally:
            database.close()


def test_c5_sqlite_backup_while_a_writer_inserts_restores_a_consistent_snapshot(demo_sqlite_file, tmp_path):
    live = tmp_path / "live.sqlite3"
    shutil.copy(demo_sqlite_file, live)
    with sqlite3.connect(live) as database:
        database.execute("PRAGMA journal_mode=WAL")  # as the settings' init_command does
        database.execute("CREATE TABLE backup_probe (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        database.execute("CREATE TABLE backup_probe_pair (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
    database.close()

    writer = _Writer(live)
    writer.start()
    try:
        while writer.committed < 20 and writer.is_alive():
            time.sleep(0.01)
        before = writer.committed
        made = _scrutineer("backup", "-o", str(tmp_path / "council.backup"), database_url=f"sqlite:///{live}")
        after = writer.committed
        time.sleep(0.2)
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert writer.errors == []
    assert after > before, "the writer was not writing while the backup ran"
    assert writer.committed > after, "the writer stopped when the backup finished"
    assert "integrity check: ok" in made.stdout

    fresh = tmp_path / "fresh.sqlite3"
    restored = _scrutineer("restore", str(tmp_path / "council.backup"), database_url=f"sqlite:///{fresh}")
    assert "Integrity check: ok" in restored.stdout

    got = _sqlite_checksums(fresh)
    snapshot = got["backup_probe"][0]
    # The snapshot point: the backup holds every write committed up to some moment while it ran ...
    assert before <= snapshot <= after
    # ... whole transactions only (each inserted one row into each probe table) ...
    assert got["backup_probe_pair"][0] == snapshot
    with sqlite3.connect(fresh) as database:
        assert [seq for (seq,) in database.execute("SELECT seq FROM backup_probe ORDER BY seq")] == list(
            range(1, snapshot + 1)
        )
    database.close()
    # ... and every table equals the live database as it stood then: its content now, cut at that
    # number (the writer only ever appended).
    expected = _sqlite_checksums(live, upto={"backup_probe": snapshot, "backup_probe_pair": snapshot})
    assert got == expected
    assert any(line.split() == ["backup_probe", f"{snapshot:,}"] for line in made.stdout.splitlines())


# --- C6: PostgreSQL dump and restore; SQLite to PostgreSQL ---------------------------------------


def _pg_checksums(url: str) -> dict[str, tuple[int, str]]:
    """Rows and an md5 of every table's rows (as PostgreSQL's row text, sorted) in the public schema."""
    import psycopg

    with psycopg.connect(url) as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        result = {}
        for table in tables:
            rows, md5 = database.execute(
                f"SELECT COUNT(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()
            result[table] = (rows, md5)
        return result


def _test_database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )


@pytest.mark.postgres_only
@on_postgresql
def test_c6_pg_dump_then_pg_restore_into_a_new_database_keeps_every_row(db, tmp_path, new_postgres_database):
    dump = tmp_path / "council.dump"
    call_command("backup", "-o", str(dump))  # pg_dump sees the committed demo council
    assert dump.read_bytes().startswith(b"PGDMP")

    target = new_postgres_database()
    restored = _scrutineer("restore", str(dump), database_url=target)

    source = _pg_checksums(_test_database_url())
    assert source["core_organisation"][0] >= 1
    assert _pg_checksums(target) == source
    assert f"{len(source)} tables, {sum(rows for rows, _ in source.values()):,} rows" in restored.stdout


@pytest.mark.postgres_only
@on_postgresql
def test_c6_a_sqlite_council_moves_to_postgresql_unchanged(demo_sqlite_file, tmp_path, new_postgres_database):
    council = tmp_path / "council.sqlite3"
    shutil.copy(demo_sqlite_file, council)
    pdf = bytes(range(256)) * 4  # every byte value, NUL included: BinaryField's base64 round trip
    with sqlite3.connect(council) as database:
        database.execute(
            "UPDATE committees_agendareport SET pdf = ? WHERE id = (SELECT MIN(id) FROM committees_agendareport)",
            (pdf,),
        )
        database.execute("UPDATE core_organisation SET short_name = short_name || ' – Ŵ ✓' WHERE slug = 'bromley'")
    database.close()
    sqlite_url = f"sqlite:///{council}"
    export = tmp_path / "council.json"
    _scrutineer("export-all", "-o", str(export), database_url=sqlite_url)
    before = json.loads(_scrutineer("checksums", "--json", database_url=sqlite_url).stdout)

    target = new_postgres_database()
    _scrutineer("import-all", str(export), database_url=target)
    after = json.loads(_scrutineer("checksums", "--json", database_url=target).stdout)

    assert before["core_organisation"]["rows"] >= 1
    assert after == before
    import psycopg

    with psycopg.connect(target) as database:
        stored = database.execute("SELECT pdf FROM committees_agendareport WHERE pdf IS NOT NULL").fetchall()
        name = database.execute("SELECT short_name FROM core_organisation WHERE slug = 'bromley'").fetchone()[0]
    assert [bytes(row[0]) for row in stored] == [pdf]
    assert name.endswith(" – Ŵ ✓")
