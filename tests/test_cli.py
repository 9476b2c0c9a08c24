"""The `scrutineer` console command, run as a user runs it, against the database DATABASE_URL names."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRUTINEER = Path(sys.executable).parent / "scrutineer"


@pytest.fixture
def database_url(tmp_path):
    """A database of its own: a temporary SQLite file, or a new database on the PostgreSQL server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path}/cli.sqlite3"
        return
    import psycopg

    name = f"scrutineer_cli_{uuid.uuid4().hex[:8]}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _scrutineer(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    return subprocess.run([str(SCRUTINEER), *args], cwd="/", env=env, capture_output=True, text=True, timeout=300)


def test_load_demo_migrates_loads_and_is_safe_to_run_twice(database_url):
    first = _scrutineer("load-demo", database_url=database_url)
    assert first.returncode == 0, first.stderr
    assert "Loaded Children, Education and Families Portfolio Plan 2018 to 2022" in first.stdout

    second = _scrutineer("load-demo", database_url=database_url)
    assert second.returncode == 0, second.stderr
    assert "Already loaded: Children, Education and Families Portfolio Plan 2018 to 2022" in second.stdout

    count = _scrutineer(
        "shell",
        "-v",
        "0",
        "-c",
        "from scrutineer.plans.models import SubAction, Update; "
        "print(SubAction.objects.count(), Update.objects.count())",
        database_url=database_url,
    )
    assert count.stdout.split() == ["32", "33"]  # 32 approved Quarter 3 updates and one Quarter 4 draft


def test_an_unknown_command_fails_with_a_message(database_url):
    result = _scrutineer("no-such-command", database_url=database_url)
    assert result.returncode != 0
    assert "Unknown command: 'no_such_command'" in result.stderr
