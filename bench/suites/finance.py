"""Finance: the budget monitoring page for a council-wide ledger of 5,000 generated lines.

The ledger is made here (five departments, fifty divisions, plus non-controllable, recharge and
memorandum lines), imported through `scrutineer import-budget` as a finance system's file would
be, and the page timed from the cache and built fresh. Then the budget monitoring report of that
ledger (the budget-monitoring report kind) and the demo council's capital programme report are made
in each format.
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import time

from bench.harness import BIN, OUT, ROOT, Context, Result, summarise, time_requests
from bench.suites.reports import committee_report_results

LINES = 5_000
TARGET_MS = 100
PORTFOLIO = "council-wide"
PERIOD = "2020-21-Q3"
HEADER = [
    "department", "division", "service_area", "classification", "memorandum_group", "prior_year_actuals",
    "original_budget", "latest_approved", "projected_outturn", "variation_last_reported", "full_year_effect",
]  # fmt: skip


def ledger_csv(lines: int = LINES, seed: int = 2021) -> str:
    """A deterministic ledger: amounts in £'000, a few credits, most lines near budget."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    others = [("non_controllable", ""), ("excluded_recharges", ""), ("memorandum", "Sold Services")]
    controllable = lines - 3 * 50
    for i in range(lines):
        if i < controllable:
            department, division = f"Department {i % 5 + 1}", f"Division {i % 50 + 1:02d}"
            classification, group = "controllable", ""
        else:
            department, division = "", ""
            classification, group = others[(i - controllable) // 50]
        budget = rng.randint(-500, 5_000)
        latest = budget + rng.choice([0, 0, 0, rng.randint(-50, 50)])
        projected = latest + rng.randint(-80, 120)
        writer.writerow(
            [department, division, f"Service area {i + 1}", classification, group, budget + rng.randint(-100, 100),
             budget, latest, projected, rng.randint(-100, 100), rng.choice([0, 0, 0, rng.randint(0, 200)])]
        )  # fmt: skip
    return out.getvalue()


def _scrutineer(ctx: Context, *args: str) -> str:
    return subprocess.run(
        [str(BIN / "scrutineer"), *args], env=ctx.env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def run(ctx: Context) -> list[Result]:
    path = OUT / "ledger.csv"
    path.write_text(ledger_csv(), encoding="utf-8")
    _scrutineer(
        ctx, "shell", "-v", "0", "-c",
        "from scrutineer.core.models import Organisation, Portfolio; "
        f"Portfolio.objects.get_or_create(organisation=Organisation.objects.get(slug='bromley'), slug='{PORTFOLIO}', "
        "defaults={'name': 'Council-wide ledger'})",
    )  # fmt: skip
    start = time.perf_counter()
    _scrutineer(ctx, "import-budget", str(path), "--period", PERIOD, "--portfolio", PORTFOLIO)
    import_ms = (time.perf_counter() - start) * 1000
    url = f"/finance/{PORTFOLIO}/{PERIOD}/budget/"
    cached = summarise(time_requests(ctx.server, url, count=200))
    fresh = summarise([time_requests(ctx.server, f"{url}?fresh={i}", count=1, warmup=0)[0] for i in range(100)])
    demo = summarise(
        [time_requests(ctx.server, f"/finance/children-education-families/{PERIOD}/budget/?fresh={i}", count=1,
                       warmup=0)[0] for i in range(100)]
    )  # fmt: skip
    section = "Finance"
    reports = committee_report_results(
        ctx,
        section=section,
        kind="budget-monitoring",
        portfolio=PORTFOLIO,
        period=PERIOD,
        label=f"Budget monitoring report, {LINES:,}-line ledger",
        runs={"data": 5, "HTML": 5, "Word": 5, "PDF": 3},
    )
    reports += committee_report_results(
        ctx,
        section=section,
        kind="capital-monitoring",
        portfolio="children-education-families",
        period=PERIOD,
        label="Capital programme report, demo council (17 schemes)",
        runs={"data": 5, "HTML": 5, "Word": 5, "PDF": 3},
    )
    return [
        _page(section, f"Budget page, {LINES:,}-line ledger, from the page cache", cached, target=True),
        _page(section, f"Budget page, {LINES:,}-line ledger, built fresh", fresh, target=True),
        _page(section, "Budget page, demo council (26 lines), built fresh", demo, target=False),
        Result(
            section,
            f"Import of the {LINES:,}-line ledger (scrutineer import-budget, including start-up)",
            {"requests": "1", "median ms": f"{import_ms:.0f}", "p95 ms": "", "note": "one run"},
        ),
        *reports,
    ]


def _page(section: str, name: str, stats: dict[str, float], *, target: bool) -> Result:
    return Result(
        section=section,
        name=name,
        figures={"requests": f"{stats['n']}", "median ms": f"{stats['median']:.1f}", "p95 ms": f"{stats['p95']:.1f}"},
        target=f"p95 < {TARGET_MS} ms" if target else "",
        passed=stats["p95"] < TARGET_MS if target else None,
    )
