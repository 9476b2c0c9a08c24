"""Run every suite and write BENCHMARKS.md: `python -m bench` (what `make bench` runs)."""

from __future__ import annotations

import importlib
import os
import platform
import sqlite3
import sys
from datetime import datetime

from bench.harness import ROOT, Context, Result, prepare_database, start_server

# The agenda pack is measured on the demo council as loaded, before the suites that add a
# 2,000-contract register and a 5,000-line ledger to the bench database (the pack would print them).
SUITES = [
    "bench.suites.pages",
    "bench.suites.committees",
    "bench.suites.contracts",
    "bench.suites.finance",
    "bench.suites.reports",
    "bench.suites.disclosure",
    "bench.suites.indicators",
    "bench.suites.importers",
    "bench.suites.publication",
]


def main() -> int:
    database_url, env = prepare_database()
    process, server = start_server(env)
    ctx = Context(database_url=database_url, server=server, env=env)
    results: list[Result] = []
    try:
        for name in SUITES:
            module = importlib.import_module(name)
            print(f"bench: {name}", flush=True)
            try:
                results.extend(module.run(ctx))
            except Exception as error:  # one broken suite must not lose every other suite's figures
                detail = getattr(error, "stderr", None) or ""
                detail = detail.decode(errors="replace") if isinstance(detail, bytes) else detail
                print(f"bench: {name} failed: {error}\n{detail}", file=sys.stderr, flush=True)
                results.append(Result(name, "The suite failed", {"error": str(error)[:200]}, passed=False))
    finally:
        process.terminate()
        process.wait(timeout=10)
    write_report(results)
    failed = [r for r in results if r.passed is False]
    for result in results:
        mark = {True: "ok  ", False: "MISS", None: "    "}[result.passed]
        print(f"{mark} {result.section}: {result.name}: {result.figures}")
    return 1 if failed else 0


def write_report(results: list[Result]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench`; do not edit by hand. Figures are from one run on the machine below,",
        "against the demo council loaded into a fresh SQLite database, served by gunicorn (one sync",
        "worker) on 127.0.0.1 and measured from a second process over loopback.",
        "",
        f"- Run: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        # Figures taken while other work shares the cores are slower than the product is: say so.
        "- Load average when written (1, 5, 15 min): " + ", ".join(f"{n:.1f}" for n in os.getloadavg()),
        "",
    ]
    sections: dict[str, list[Result]] = {}
    for result in results:
        sections.setdefault(result.section, []).append(result)
    for section, rows in sections.items():
        columns = list(dict.fromkeys(key for row in rows for key in row.figures))
        lines += [f"## {section}", "", "| measure | " + " | ".join(columns) + " | target | met |"]
        lines.append("|---|" + "---|" * len(columns) + "---|---|")
        for row in rows:
            met = {True: "yes", False: "**no**", None: ""}[row.passed]
            cells = [row.figures.get(c, "") for c in columns]
            lines.append(f"| {row.name} | " + " | ".join(cells) + f" | {row.target} | {met} |")
        lines.append("")
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
