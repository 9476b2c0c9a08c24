"""Settings come from the environment; production settings pass Django's deployment check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code_or_args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    drop = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _database_settings(url: str) -> str:
    code = "import django; django.setup(); from django.conf import settings; d = settings.DATABASES['default']; "
    code += "print(d['ENGINE'], d['NAME'], d.get('HOST'), d.get('PORT'), d.get('USER'))"
    return _run(["-c", code], DJANGO_SETTINGS_MODULE="config.settings.dev", DATABASE_URL=url).stdout.strip()


def test_sqlite_is_the_default_under_var(tmp_path):
    out = _run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['NAME'])",
        ],
        DJANGO_SETTINGS_MODULE="config.settings.dev",
    ).stdout.strip()
    assert out == str(ROOT / "var" / "scrutineer.sqlite3")


def test_database_url_selects_sqlite_or_postgresql(tmp_path):
    sqlite = _database_settings(f"sqlite:///{tmp_path}/x.sqlite3")
    assert sqlite.startswith(f"django.db.backends.sqlite3 {tmp_path}/x.sqlite3")
    postgres = _database_settings("postgres://council:pw@db.internal:5433/scrutineer")
    assert postgres == "django.db.backends.postgresql scrutineer db.internal 5433 council"


def _production_env(tmp_path, **extra: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "scrutineer.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3",
        **extra,
    }


def test_production_settings_pass_the_deployment_check_with_no_warnings(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **_production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]
    result = _run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_production_refuses_a_weak_secret_key(tmp_path):
    result = _run(["manage.py", "check"], **_production_env(tmp_path, SECRET_KEY="short"))
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(60))
    env = _production_env(tmp_path, SECRET_KEY_FILE=str(key_file))
    del env["SECRET_KEY"]
    assert _run(["manage.py", "check"], **env).returncode == 0


def test_a_mistyped_boolean_fails_loudly(tmp_path):
    result = _run(["manage.py", "check"], **_production_env(tmp_path, SECURE_SSL_REDIRECT="maybe"))
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be true or false" in result.stderr
