"""The contracts register at scale: 2,000 generated contracts imported, then their register page served.

The contracts are generated (seeded, so every run has the same register) into their own portfolio
and cycle of the bench database, through the same import a council uses. The page is timed from
the cache (anonymous visitors after the first) and built fresh on every request (a signed-in
officer, or the first visitor after a change). Then the register's committee report (the
contracts-register report kind) is made in each format, Part 1 and the Part 2 PDF with commentary.
"""

from __future__ import annotations

import json
import subprocess

from bench.harness import BIN, OUT, ROOT, Context, Result, summarise, time_requests
from bench.suites.reports import committee_report_results

CONTRACTS = 2_000
TARGET_MS = 100
PORTFOLIO = "bench-portfolio"
CYCLE = "2021-05"

GENERATE = """
import json, random, time
from datetime import date, timedelta
import django
django.setup()
from scrutineer.core.models import Organisation, Portfolio
from scrutineer.contracts.services import cycle_publish, register_import
from scrutineer.domain.periods import Month

organisation = Organisation.objects.get(slug="bromley")
Portfolio.objects.get_or_create(organisation=organisation, slug="{portfolio}", defaults={{"name": "Bench portfolio"}})
rng = random.Random(2021)
path = "{path}"
with open(path, "w", encoding="utf-8") as out:
    out.write("Contract ID,Owner,Approver,Contract Title,Supplier Name,Portfolio,Total Value,Original Annual Value,"
              "Start Date,End Date,Attention,Concern,Capital,Commentary\\n")
    for n in range({count}):
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3600))
        end = start + timedelta(days=rng.randrange(365, 3650))
        total = rng.randrange(50_000, 5_000_000)
        out.write(f"B{{n}},Owner {{n % 97}},Approver {{n % 13}},Generated service {{n}},Supplier {{n % 400}} Ltd,"
                  f"Bench portfolio,{{total}},{{total // 4}},{{start:%d/%m/%Y}},{{end:%d/%m/%Y}},"
                  f"{{'Yes' if n % 50 == 0 else ''}},{{'Yes' if n % 400 == 0 else ''}},"
                  f"{{'Capital' if n % 20 == 0 else ''}},Commentary {{n}}\\n")
started = time.perf_counter()
with open(path, "rb") as source:
    result = register_import(organisation=organisation, month=Month.parse("{cycle}"), as_at=date(2021, 4, 21),
                             source=source, name="bench.csv")
elapsed = (time.perf_counter() - started) * 1000
cycle_publish(cycle=result.cycle)
print(json.dumps({{"entries": result.entries, "import_ms": elapsed}}))
"""


def _generate(ctx: Context) -> dict[str, float]:
    code = GENERATE.format(portfolio=PORTFOLIO, path=OUT / "contracts.csv", count=CONTRACTS, cycle=CYCLE)
    out = subprocess.run(
        [str(BIN / "python"), "-c", code], env=ctx.env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(ctx: Context) -> list[Result]:
    generated = _generate(ctx)
    path = f"/contracts/{CYCLE}/{PORTFOLIO}/"
    results = [
        Result(
            section="Contracts register",
            name=f"Import of {generated['entries']:,} contracts (CSV, all-or-nothing, with history)",
            figures={"ms": f"{generated['import_ms']:.0f}"},
        )
    ]
    cached = summarise(time_requests(ctx.server, path, count=100, warmup=5))
    fresh_samples = [time_requests(ctx.server, f"{path}?fresh={i}", count=1, warmup=0)[0] for i in range(60)]
    fresh = summarise(fresh_samples)
    for name, stats in (("cached", cached), ("built fresh", fresh)):
        results.append(
            Result(
                section="Contracts register",
                name=f"Register page, {CONTRACTS:,} contracts, {name}",
                figures={
                    "requests": f"{stats['n']}",
                    "median ms": f"{stats['median']:.1f}",
                    "p95 ms": f"{stats['p95']:.1f}",
                },
                target=f"p95 < {TARGET_MS} ms",
                passed=stats["p95"] < TARGET_MS,
            )
        )
    results += committee_report_results(
        ctx,
        section="Contracts register",
        kind="contracts-register",
        portfolio=PORTFOLIO,
        period=CYCLE,
        label=f"Register report, {CONTRACTS:,} contracts",
        runs={"data": 5, "HTML": 5, "Word": 3, "PDF": 2, "PDF part 2": 1, "bare table": 1},
    )
    return results
