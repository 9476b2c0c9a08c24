"""The performance index: page latency, and importing 100,000 values next to reading the file alone.

Pages are timed like `bench.suites.pages` (each served from the public-page cache, and built fresh).
The import runs in a copy of the bench database, so the pages stay as the demo loads them: it adds
100 indicators, writes 100,000 values (1,000 months each) to a CSV file, reads the file with the
csv module alone, then imports it with `values_import`, in one process and one run.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess

from bench.harness import BIN, OUT, ROOT, Context, Result, summarise, time_requests

TARGET_MS = 50
VALUES = 100_000
INDICATORS = 100

PAGES = [
    ("Performance index (as at December 2020, 38 indicators)", "/performance/2020-12/"),
    ("Indicator page (26, with its trend chart)", "/performance/2020-12/indicators/26/"),
]

IMPORT_SCRIPT = r"""
import csv, json, sys, time
import django
django.setup()
from scrutineer.core.models import Portfolio
from scrutineer.core.tabular import read_table
from scrutineer.indicators.imports import values_import
from scrutineer.indicators.models import Indicator, IndicatorValue
from scrutineer.domain.periods import Month

path, count, indicators = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
portfolio = Portfolio.objects.get(slug="children-education-families")
Indicator.objects.bulk_create([
    Indicator(portfolio=portfolio, number=f"B{i}", position=1000 + i, name=f"Bench indicator {i}",
              polarity="high", unit="percentage" if i % 2 else "count")
    for i in range(indicators)
])
per_indicator = count // indicators
months, month = [], Month(1940, 1)
for _ in range(per_indicator):
    months.append(month.slug)
    month = month.next()
with open(path, "w", newline="") as stream:
    writer = csv.writer(stream)
    writer.writerow(["indicator", "period", "value"])
    for i in range(indicators):
        for j, slug in enumerate(months):
            writer.writerow([f"B{i}", slug, f"{j % 100}%" if i % 2 else str(j)])

start = time.perf_counter()
with open(path, newline="") as stream:
    rows = sum(1 for _ in csv.reader(stream)) - 1
csv_seconds = time.perf_counter() - start

before = IndicatorValue.objects.count()
start = time.perf_counter()
result = values_import(portfolio=portfolio, table=read_table(__import__("pathlib").Path(path)), source="bench.csv")
import_seconds = time.perf_counter() - start
assert result.created == rows == IndicatorValue.objects.count() - before, (result, rows)
print(json.dumps({"rows": rows, "csv_seconds": csv_seconds, "import_seconds": import_seconds}))
"""


def run(ctx: Context) -> list[Result]:
    results = []
    for name, path in PAGES:
        cached = summarise(time_requests(ctx.server, path))
        results.append(_page(name, cached, target=True))
        fresh = [time_requests(ctx.server, f"{path}?fresh={i}", count=1, warmup=0)[0] for i in range(100)]
        results.append(_page(f"{name}, built fresh", summarise(fresh), target=False))
    results.append(_import(ctx))
    return results


def _page(name: str, stats: dict[str, float], *, target: bool) -> Result:
    return Result(
        section="Performance index pages",
        name=name,
        figures={"requests": f"{stats['n']}", "median ms": f"{stats['median']:.1f}", "p95 ms": f"{stats['p95']:.1f}"},
        target=f"p95 < {TARGET_MS} ms" if target else "",
        passed=stats["p95"] < TARGET_MS if target else None,
    )


def _import(ctx: Context) -> Result:
    database = OUT / "bench-import.sqlite3"
    with sqlite3.connect(OUT / "bench.sqlite3") as source, sqlite3.connect(database) as copy:
        source.backup(copy)  # a consistent copy, whatever the server holds open
    csv_path = OUT / "values-100k.csv"
    env = {**ctx.env, "DATABASE_URL": f"sqlite:///{database}"}
    out = subprocess.run(
        [str(BIN / "python"), "-c", IMPORT_SCRIPT, str(csv_path), str(VALUES), str(INDICATORS)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    rows = figures["rows"]
    return Result(
        section="Performance index import",
        name=f"Import {rows:,} values from CSV (all-or-nothing, with history)",
        figures={
            "rows": f"{rows:,}",
            "import s": f"{figures['import_seconds']:.2f}",
            "import rows/s": f"{rows / figures['import_seconds']:,.0f}",
            "csv module alone s": f"{figures['csv_seconds']:.3f}",
            "csv module rows/s": f"{rows / figures['csv_seconds']:,.0f}",
        },
    )
