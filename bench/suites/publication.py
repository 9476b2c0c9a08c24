"""Publishing a report: what storing its six files (both parts in HTML, PDF and Word) costs, and
serving a stored file against drawing it afresh (check C4).

Measured in a process of its own against the bench database: each of the demo's published reports
is taken back to draft and published again, inside a transaction that is rolled back, so the bench
database is left as it was. Publishing is timed whole (checks, drawing, storing, the kind's own
`on_publish`). No target: publishing is rare and an officer waits for it once.
"""

from __future__ import annotations

import json
import subprocess
import time

from bench.harness import BIN, ROOT, Context, Result


def run(ctx: Context) -> list[Result]:
    completed = subprocess.run(
        [str(BIN / "python"), "-c", "from bench.suites.publication import measure; measure()"],
        env=ctx.env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    rows = json.loads(completed.stdout.strip().splitlines()[-1])
    return [
        Result(
            section="Publishing a report (drawing and storing both parts in every format)",
            name=row["name"],
            figures={
                "publish s": f"{row['publish']:.1f}",
                "of which drawing s": f"{row['drawing']:.1f}",
                "stored bytes": f"{row['bytes']:,}",
                "serve stored PDF ms": f"{row['serve_stored']:.1f}",
                "draw PDF afresh ms": f"{row['draw_pdf']:.0f}",
            },
        )
        for row in rows
    ]


def measure() -> None:
    """Run inside Django with the bench database; print one JSON line of figures."""
    import django

    django.setup()
    from django.db import transaction

    from scrutineer.accounts.models import User
    from scrutineer.domain.parts import Part
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kinds
    from scrutineer.reports.renderers import Format, render_document
    from scrutineer.reports.selectors import published_file
    from scrutineer.reports.services import ReportIncomplete, report_publish, report_withdraw

    kinds = report_kinds()
    officer = User.objects.filter(role="performance_officer").first()
    published = Report.objects.filter(status=Report.Status.PUBLISHED).select_related("portfolio__organisation")
    rows = []
    for report in published.order_by("kind", "period"):
        kind = kinds.get(report.kind)
        if kind is None:
            continue
        with transaction.atomic():
            report_withdraw(report=report, user=officer)
            Report.objects.filter(pk=report.pk).update(total_current_budget="N/A")  # the demo's one template gap
            start = time.perf_counter()
            try:
                done = report_publish(report=Report.objects.get(pk=report.pk), kind=kind, user=officer)
            except ReportIncomplete:
                transaction.set_rollback(True)
                continue
            elapsed = time.perf_counter() - start
            publication = done.publication
            start = time.perf_counter()
            stored = published_file(report=done, part=Part.ONE, format=Format.PDF)
            content = bytes(stored.content) if stored else b""
            serve = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            render_document(kind.build(done, Part.ONE), Format.PDF)
            draw = (time.perf_counter() - start) * 1000
            rows.append(
                {
                    "name": f"{kind.name}, {kind.period_label(report.period)}",
                    "publish": elapsed,
                    "drawing": float(publication.render_seconds),
                    "bytes": sum(file.size for file in publication.artefacts.defer("content")),
                    "serve_stored": serve,
                    "draw_pdf": draw,
                    "pdf_bytes": len(content),
                }
            )
            transaction.set_rollback(True)
    print(json.dumps(rows))
