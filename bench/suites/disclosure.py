"""Disclosure engine: time to build the Part 1 index with secondary suppression (issue 5).

Pure computation: no database and no HTTP server (the ctx is accepted and ignored). The tables
are shaped like the December 2020 index (`performance_index_dec2020.csv`): monthly counts with a
year to date that is the sum of the months, sub-indicators that add up (22 = 22.1 + 22.2), about
one indicator in seven counting a handful of children, and last month's publication in the ledger,
so that this month's year to date minus last month's is part of the audit.
"""

from __future__ import annotations

import random
import statistics

from bench.harness import Context, Result, percentile, time_call
from scrutineer.domain.disclosure import Cell, Constraint, ConstraintKind, Table, disclose, published

TARGET_MS = 200
MONTHS = 12


def index_table(indicators: int, *, seed: int = 2020, upto: int = MONTHS, prior=()) -> Table:
    """`indicators` x `upto` months plus year to date; every fifth indicator is the sum of two sub-indicators."""
    rng = random.Random(seed)
    cells: list[Cell] = []
    sums: list[Constraint] = []
    number = 0
    while number < indicators:
        small = rng.random() < 0.15
        series = {}
        group = [f"{number + 1}.1", f"{number + 1}.2"] if number % 5 == 4 and number + 3 <= indicators else []
        for reference in group or [str(number + 1)]:
            series[reference] = [rng.randint(0, 6) if small else rng.randint(0, 400) for _ in range(upto)]
        if group:
            series[str(number + 1)] = [a + b for a, b in zip(*series.values(), strict=True)]
        for reference, values in series.items():
            keys = [f"{reference}|m{m:02d}|value" for m in range(upto)]
            ytd = f"{reference}|ytd@m{upto - 1:02d}|value"
            cells += [Cell(k, v) for k, v in zip(keys, values, strict=True)] + [Cell(ytd, sum(values))]
            sums.append(Constraint(ytd, tuple(keys), ConstraintKind.YEAR_TO_DATE))
        if group:
            whole = str(number + 1)
            for m in [*(f"m{m:02d}" for m in range(upto)), f"ytd@m{upto - 1:02d}"]:
                parts = tuple(f"{ref}|{m}|value" for ref in group)
                sums.append(Constraint(f"{whole}|{m}|value", parts, ConstraintKind.SUB_INDICATORS))
        number += len(series)
    return Table(cells, sums, prior=tuple(prior))


def with_last_month(indicators: int) -> Table:
    """This month's index, with last month's Part 1 publication read back from the ledger."""
    last = index_table(indicators, upto=MONTHS - 1)
    earlier = published("last month", last, disclose(last))
    return index_table(indicators, prior=[earlier])


def run(ctx: Context) -> list[Result]:
    del ctx  # pure computation: no server or database needed
    results = []
    for name, indicators, repeat, target in (
        ("Part 1 index, 40 indicators x 12 months, last month in the ledger", 40, 30, True),
        ("Part 1 index, 500 indicators x 12 months, last month in the ledger", 500, 5, False),
    ):
        table = with_last_month(indicators)
        result = disclose(table)
        samples = time_call(lambda table=table: disclose(table), repeat=repeat)
        results.append(_result(name, table, result, samples, target=target))
    return results


def _result(name: str, table: Table, disclosure, samples: list[float], *, target: bool) -> Result:
    p95 = percentile(samples, 0.95)
    suppressed = disclosure.suppressed()
    secondary = [k for k in suppressed if disclosure[k].suppression.value == "secondary"]
    return Result(
        section="Disclosure control",
        name=name,
        figures={
            "cells": f"{len(table.cells)}",
            "sums": f"{len(table.constraints)}",
            "suppressed (secondary)": f"{len(suppressed)} ({len(secondary)})",
            "runs": f"{len(samples)}",
            "median ms": f"{statistics.median(samples):.1f}",
            "p95 ms": f"{p95:.1f}",
        },
        target=f"p95 < {TARGET_MS} ms" if target else "",
        passed=p95 < TARGET_MS if target else None,
    )
