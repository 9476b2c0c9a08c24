"""Page latency: each page next to the trivial view, on the same server in the same run."""

from __future__ import annotations

import subprocess

from bench.harness import BIN, ROOT, Context, Result, sign_in, summarise, time_requests

TARGET_MS = 50
TARGET_RATIO = 4


def page_paths(ctx: Context) -> list[tuple[str, str]]:
    """(name, path) of the plan pages, with ids read from the bench database."""
    code = (
        "from scrutineer.plans.models import Action, Plan; p = Plan.objects.first(); "
        "a = Action.objects.filter(priority__plan=p, priority__number=2).first(); print(p.slug, a.pk)"
    )
    out = subprocess.run(
        [str(BIN / "scrutineer"), "shell", "-v", "0", "-c", code],
        env=ctx.env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    slug, action = out[0], out[1]
    return [
        ("Plan overview (/)", "/"),
        ("Action page (priority 2, action 1: five sub-actions)", f"/plans/{slug}/actions/{action}/"),
        ("All actions, filtered (overdue)", f"/plans/{slug}/actions/?due=overdue"),
    ]


def run(ctx: Context) -> list[Result]:
    trivial = summarise(time_requests(ctx.server, "/healthz"))
    ctx.trivial = trivial
    results = [_result("Trivial view (/healthz)", trivial, trivial, target=False)]
    paths = page_paths(ctx)
    for name, path in paths:
        results.append(_result(name, summarise(time_requests(ctx.server, path)), trivial, target=True))
    # The same pages built afresh on every request (a query string the cache has not seen),
    # as a signed-in officer or the first visitor after a change meets them.
    for name, path in paths:
        separator = "&" if "?" in path else "?"
        fresh = [time_requests(ctx.server, f"{path}{separator}fresh={i}", count=1, warmup=0)[0] for i in range(200)]
        results.append(_result(f"{name}, built fresh", summarise(fresh), trivial, target=False))
    results.extend(_signed_in_pages(ctx))
    return results


def _signed_in_pages(ctx: Context) -> list[Result]:
    """Officers' pages: never cached, built for the person asking (the demo accounts)."""
    lead = sign_in(ctx.server, "demo-lead-education", "demo-lead-education-password")
    officer = sign_in(ctx.server, "demo-performance", "demo-performance-password")
    pages = [
        ("My actions (lead officer, 11 sub-actions)", "/updates/my-actions/", lead),
        ("Submission dashboard (performance officer, 2020/21 Q4)", "/updates/2020-21-Q4/", officer),
    ]
    results = []
    for name, path, headers in pages:
        stats = summarise(time_requests(ctx.server, path, headers=headers))
        results.append(
            Result(
                section="Page latency",
                name=name,
                figures={
                    "requests": f"{stats['n']}",
                    "median ms": f"{stats['median']:.1f}",
                    "p95 ms": f"{stats['p95']:.1f}",
                    "p95 / trivial p95": f"{stats['p95'] / ctx.trivial['p95']:.1f}x",
                },
                target=f"p95 < {TARGET_MS} ms",
                passed=stats["p95"] < TARGET_MS,
            )
        )
    return results


def _result(name: str, stats: dict[str, float], trivial: dict[str, float], *, target: bool) -> Result:
    ratio = stats["p95"] / trivial["p95"]
    return Result(
        section="Page latency",
        name=name,
        figures={
            "requests": f"{stats['n']}",
            "median ms": f"{stats['median']:.1f}",
            "p95 ms": f"{stats['p95']:.1f}",
            "p95 / trivial p95": f"{ratio:.1f}x",
        },
        target=f"p95 < {TARGET_MS} ms and < {TARGET_RATIO}x trivial" if target else "",
        passed=(stats["p95"] < TARGET_MS and ratio < TARGET_RATIO) if target else None,
    )
