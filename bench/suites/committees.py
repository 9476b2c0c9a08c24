"""Agenda packs: the 10 March 2021 meeting's Part 1 pack as one PDF (issue 9: under 15 s), and its
Part 2 pack, built in a process of its own against the bench database, as `scrutineer agenda-pack`
builds them. The pack's parts are timed too, so a slow pack says where its time went."""

from __future__ import annotations

import json
import statistics
import subprocess
import time
from collections.abc import Callable

from bench.harness import BIN, ROOT, Context, Result

TARGET_S = 15.0
SECTION = "Agenda packs (CEF PDS Committee, 10 March 2021)"


def run(ctx: Context) -> list[Result]:
    completed = subprocess.run(
        [str(BIN / "python"), "-c", "from bench.suites.committees import measure; measure()"],
        env=ctx.env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return [
        Result(
            section=SECTION,
            name=row["name"],
            figures={
                "runs": str(row["runs"]),
                "median s": f"{row['median']:.1f}",
                "max s": f"{row['max']:.1f}" if row["max"] else "",
                "pages": str(row.get("pages", "")),
            },
            target=f"< {TARGET_S:.0f} s" if row["target"] else "",
            passed=(row["median"] < TARGET_S) if row["target"] else None,
        )
        for row in figures
    ]


def measure() -> None:
    """Run inside Django with the bench database; print one JSON line of figures."""
    import django

    django.setup()
    from scrutineer.committees import packs
    from scrutineer.committees.models import Meeting
    from scrutineer.domain.parts import Part

    meeting = Meeting.objects.get(committee__slug="children-education-families-pds", date="2021-03-10")
    packs.agenda_pack(meeting=meeting, part=Part.ONE)  # warm up: fonts, templates, chart converter

    parts: dict[str, list[float]] = {}
    for name in ("_draw_report_or_upload", "_draw_committee_pages", "_join"):
        setattr(packs, name, _timed(parts, name, getattr(packs, name)))

    rows = [
        _time("Part 1 pack as PDF", lambda: packs.agenda_pack(meeting=meeting, part=Part.ONE), runs=3, target=True),
    ]
    part1 = dict(parts)
    rows += [
        {"name": f"of which {label} (mean)", "runs": 3, "median": sum(part1[name]) / 3, "max": 0, "target": False}
        for name, label in (
            ("_draw_report_or_upload", "reports from the report framework"),
            ("_draw_committee_pages", "minutes and 'not available' pages"),
            ("_join", "joining, numbering and bookmarks"),
        )
    ]
    rows.append(_time("Part 2 pack as PDF", lambda: packs.agenda_pack(meeting=meeting, part=Part.TWO), runs=3))
    print(json.dumps(rows))


def _timed(store: dict[str, list[float]], name: str, function: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            store.setdefault(name, []).append(time.perf_counter() - start)

    return wrapper


def _time(name: str, function: Callable, *, runs: int, target: bool = False) -> dict[str, object]:
    samples, pack = [], None
    for _ in range(runs):
        start = time.perf_counter()
        pack = function()
        samples.append(time.perf_counter() - start)
    return {
        "name": name,
        "runs": runs,
        "median": statistics.median(samples),
        "max": max(samples),
        "pages": pack.layout.total_pages if pack else "",
        "target": target,
    }
