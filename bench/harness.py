"""What every suite uses: a demo database, a running server, timing helpers and Result."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench"
BIN = Path(sys.executable).parent


@dataclass
class Result:
    section: str
    name: str
    figures: dict[str, str]
    target: str = ""
    passed: bool | None = None


@dataclass
class Context:
    database_url: str
    server: str  # "127.0.0.1:PORT"
    env: dict[str, str]
    trivial: dict[str, float] = field(default_factory=dict)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


def summarise(samples: list[float]) -> dict[str, float]:
    return {"median": statistics.median(samples), "p95": percentile(samples, 0.95), "n": len(samples)}


def time_requests(server: str, path: str, *, count: int = 250, warmup: int = 20, headers=None) -> list[float]:
    """Milliseconds for `count` sequential GETs, each on a new connection (as browsers meet gunicorn)."""
    host, port = server.split(":")
    samples = []
    for i in range(warmup + count):
        start = time.perf_counter()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}: {body[:200]!r}")
        if i >= warmup:
            samples.append(elapsed)
    return samples


def sign_in(server: str, username: str, password: str) -> dict[str, str]:
    """Sign in through the real form; returns the headers that carry the session."""
    import re
    from http.cookies import SimpleCookie
    from urllib.parse import urlencode

    host, port = server.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", "/accounts/sign-in/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookies['csrftoken'].value}",
        "Referer": f"http://{server}/accounts/sign-in/",
    }
    connection.request("POST", "/accounts/sign-in/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    connection.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Signing in as {username} failed ({response.status}).")
    return {"Cookie": f"sessionid={cookies['sessionid'].value}; csrftoken={cookies['csrftoken'].value}"}


def time_call(function: Callable[[], object], *, repeat: int = 5) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def prepare_database() -> tuple[str, dict[str, str]]:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    url = f"sqlite:///{OUT / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
    }
    subprocess.run([str(BIN / "scrutineer"), "load-demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return url, env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", server, "--workers", "1", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, server
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")
