"""Plan import speed: reading the seed documents, and a 10,000-row plan imported end to end (L2)."""

from __future__ import annotations

import csv
import os
import subprocess
import time

from bench.harness import BIN, OUT, ROOT, Context, Result, summarise, time_call
from scrutineer.domain.plan_reader import read_grids, read_text

SEEDS = ROOT / "scrutineer" / "demo" / "data" / "seeds"
IMPORT_TARGET_S = 30
IMPORT_TARGET_MB = 300
ROWS = 10_000


def run(ctx: Context) -> list[Result]:
    results = []
    for name, label in (
        ("004_5a7191a0a14e1e5f.txt", "Read the Q3 2020/21 plan from the whole 4,202-line agenda pack"),
        ("000_7cb5b0983be37437.txt", "Read the 2018-22 plan (395 lines)"),
    ):
        text = (SEEDS / name).read_text(encoding="utf-8")
        stats = summarise(time_call(lambda text=text: read_text(text), repeat=10))
        results.append(_timing(label, stats))
    path = _big_plan()
    grid = list(csv.reader(path.open(encoding="utf-8")))
    stats = summarise(time_call(lambda: read_grids([("", grid)], format="csv"), repeat=3))
    results.append(_timing(f"Read a {ROWS:,}-row plan CSV (parse-plan's work, no database)", stats))
    results.append(_import(ctx, path))
    return results


def _big_plan():
    """10 priorities x 100 actions x 10 lettered sub-actions, one row each, with update text."""
    path = OUT / "plan-10000.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Priority number", "Priority", "Action number", "Action", "Sub-action letter", "Detail",
                         "Measures of success", "Target date", "Lead", "Update Quarter 4 2020/21"])  # fmt: skip
        for p in range(1, 11):
            for a in range(1, 101):
                for s in range(10):
                    letter = "ABCDEFGHIJ"[s]
                    writer.writerow([p, f"Priority {p} title", f"{a}.", f"Action {a} of priority {p}", letter,
                                     f"Detail of {p}.{a}{letter}, with some words to read", "Measure one\nMeasure two",
                                     "April 2022 [AP]", f"Director {p} / Head of Service {a % 7}",
                                     f"{letter}) Progress on {p}.{a}{letter} this quarter."])  # fmt: skip
    return path


def _import(ctx: Context, path) -> Result:
    errors = OUT / "import-plan.stderr"
    start = time.perf_counter()
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [str(BIN / "scrutineer"), "import-plan", str(path), "--slug", "bench-10000", "--title", "Bench plan",
             "--portfolio", "children-education-families", "--start-year", "2020", "--end-year", "2020",
             "--period-label", "2020/21", "--no-updates"],
            env=ctx.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
        # wait4 gives this child's own peak memory; RUSAGE_CHILDREN would give the largest of every
        # process the bench has run so far (the PDF printers among them).
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args, stderr=errors.read_text())
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Result(
        section="Plan import",
        name=f"import-plan of a {ROWS:,}-row CSV plan into SQLite (whole command, one transaction)",
        figures={"seconds": f"{seconds:.1f}", "CPU seconds": f"{cpu:.1f}", "peak RSS MB": f"{peak_mb:.0f}"},
        target=f"< {IMPORT_TARGET_S} s and < {IMPORT_TARGET_MB} MB",
        passed=seconds < IMPORT_TARGET_S and peak_mb < IMPORT_TARGET_MB,
    )


def _timing(name: str, stats: dict[str, float]) -> Result:
    return Result(
        section="Plan import",
        name=name,
        figures={"median ms": f"{stats['median']:.0f}", "p95 ms": f"{stats['p95']:.0f}", "runs": f"{stats['n']}"},
    )
