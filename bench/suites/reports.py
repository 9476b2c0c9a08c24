"""Report rendering: the plan update (CEF21009) and the December 2020 performance report
(CEF21011A) in each format, next to WeasyPrint alone.

Measured in a process of its own against the bench database (no HTTP server needed): assembling
the report from the database, then each format. Two baselines put the PDF figure in context:
WeasyPrint printing the report's own HTML already made (the printing alone), and WeasyPrint
printing a static page as many pages long, of plain paragraphs.
"""

from __future__ import annotations

import html
import json
import re
import statistics
import subprocess
import time
from collections.abc import Callable

from bench.harness import BIN, ROOT, Context, Result

# The targets issue 6 sets for the performance report; the plan update is held to the same.
TARGET_MS = {"HTML": 300, "PDF": 3000, "Word": 1000}


# The reports of issue 6, each measured Part 1 (the public one) against the demo council.
ISSUE_6_REPORTS = (
    ("plan-update", "2020-21-Q3", "Report rendering (plan update, Quarter 3 2020/21, Part 1)"),
    ("performance", "2020-12", "Report rendering (performance report, December 2020, Part 1)"),
)


def run(ctx: Context) -> list[Result]:
    results = []
    for kind, period, section in ISSUE_6_REPORTS:
        completed = subprocess.run(
            [str(BIN / "python"), "-c", f"from bench.suites.reports import measure; measure({kind!r}, {period!r})"],
            env=ctx.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        results += _results(completed.stdout, section=section, targets=TARGET_MS)
    return results


def measure(kind_slug: str, period: str) -> None:
    """Run inside Django with the bench database; print one JSON line of figures."""
    import django

    django.setup()
    from weasyprint import HTML

    from scrutineer.domain.parts import Part
    from scrutineer.reports.models import Report
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.renderers.docx import render_docx
    from scrutineer.reports.renderers.html import render_html
    from scrutineer.reports.renderers.pdf import pdf_from_html, render_pdf

    kind = report_kind(kind_slug)

    def build():
        report = Report.objects.select_related("portfolio__organisation").get(kind=kind.slug, period=period)
        return kind.build(report, Part.ONE)

    # Warm up once: fonts, templates and the chart converter start on first use.
    document = build()
    report_html = render_html(document)
    report_pages = _pages(render_pdf(document))
    render_docx(document)
    static_html = _static_page(report_html, pages=report_pages)

    rows = [
        _time("Assemble the report from the database", "report-data", "", build, runs=10),
        _time("HTML (assemble + render)", "report", "HTML", lambda: render_html(build()).encode(), runs=10),
        _time("PDF (assemble + render + print)", "report", "PDF", lambda: render_pdf(build()), runs=5),
        _time("Word (assemble + render)", "report", "Word", lambda: render_docx(build()), runs=10),
        _time(
            "Baseline: WeasyPrint on the report's HTML, already made",
            "baseline",
            "PDF",
            lambda: pdf_from_html(report_html),
            runs=5,
        ),
        _time(
            "Baseline: WeasyPrint on a static page of as many pages",
            "baseline",
            "PDF",
            lambda: HTML(string=static_html).write_pdf(),
            runs=5,
        ),
    ]
    print(json.dumps(rows))


def _results(stdout: str, *, section: str, targets: dict[str, int], label: str = "") -> list[Result]:
    """The figures a measuring process printed (its last line, JSON) as rows of BENCHMARKS.md."""
    results = []
    for row in json.loads(stdout.strip().splitlines()[-1]):
        target = targets.get(row["format"]) if row["kind"] == "report" else None
        results.append(
            Result(
                section=section,
                name=f"{label}{row['name']}",
                figures={
                    "runs": str(row["runs"]),
                    "median ms": f"{row['median']:.0f}",
                    "max ms": f"{row['max']:.0f}",
                    "pages": str(row.get("pages", "")),
                    "bytes": f"{row['bytes']:,}",
                },
                target=f"< {target} ms" if target else "",
                passed=(row["median"] < target) if target else None,
            )
        )
    return results


def _time(name: str, kind: str, format: str, function: Callable[[], bytes], *, runs: int) -> dict[str, object]:
    samples, output = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        output = function()
        samples.append((time.perf_counter() - start) * 1000)
    row: dict[str, object] = {
        "name": name,
        "kind": kind,
        "format": format,
        "runs": runs,
        "median": statistics.median(samples),
        "max": max(samples),
        "bytes": len(output) if isinstance(output, bytes | str) else 0,
    }
    if isinstance(output, bytes) and output.startswith(b"%PDF"):
        row["pages"] = _pages(output)
    return row


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _static_page(report_html: str, *, pages: int) -> str:
    """A bare A4 page of plain paragraphs, as many pages long as the report: the report's own words,
    repeated as needed (a table takes more room than the same words in paragraphs)."""
    from weasyprint import HTML

    body = report_html.split("<body>", 1)[1]
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))).strip()
    page = _plain_page(text)
    scale = pages / len(HTML(string=page).render().pages)
    return _plain_page((text + " ") * int(scale) + text[: int(len(text) * (scale % 1))])


def _plain_page(text: str) -> str:
    paragraphs = [text[i : i + 600] for i in range(0, len(text), 600)]
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Static page</title>'
        '<style>@page { size: A4; margin: 20mm } body { font: 10.5pt "Liberation Sans", Arial, sans-serif }</style>'
        "</head><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</body></html>"
    )


def _bare_table(report_html: str) -> str:
    """The report's longest table as a page of its own: the same rows and cell text, no stylesheet
    but a landscape page and fixed column widths (WeasyPrint's quickest table layout)."""
    tables = re.findall(r"<table\b.*?</table>", report_html, re.S)
    longest = max(tables, key=lambda table: table.count("<tr"))
    rows = []
    for row in re.findall(r"<tr\b.*?</tr>", longest, re.S):
        cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append("<tr>" + "".join(f"<td>{re.sub(r'<[^>]+>', ' ', cell)}</td>" for cell in cells) + "</tr>")
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Bare table</title>'
        "<style>@page { size: A4 landscape; margin: 15mm } body { font: 6.5pt sans-serif }"
        " table { table-layout: fixed; width: 100%; border-collapse: collapse }</style>"
        "</head><body><table>" + "".join(rows) + "</table></body></html>"
    )


# --- committee reports of any kind, for the suites that generate large data -----------------------

# Targets for the large reports: issue 7 sets "PDF under 5 s" for a register of 2,000 contracts; the
# HTML and Word targets are the plan update's (issue 6).
COMMITTEE_TARGET_MS = {"HTML": 300, "PDF": 5000, "Word": 1000}


def committee_report_results(
    ctx: Context, *, section: str, kind: str, portfolio: str, period: str, label: str, runs: dict[str, int]
) -> list[Result]:
    """Time one committee report of `kind` (assembly, then each format) in a process of its own."""
    code = (
        "from bench.suites.reports import measure_committee_report; "
        f"measure_committee_report({kind!r}, {portfolio!r}, {period!r}, {runs!r})"
    )
    completed = subprocess.run(
        [str(BIN / "python"), "-c", code], env=ctx.env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return _results(completed.stdout, section=section, targets=COMMITTEE_TARGET_MS, label=f"{label}: ")


def measure_committee_report(kind_slug: str, portfolio_slug: str, period: str, runs: dict[str, int]) -> None:
    """Run inside Django with the bench database; print one JSON line of figures. The report is the
    stored one, or a new draft with the kind's defaults (as `scrutineer report` makes it)."""
    import django

    django.setup()
    from weasyprint import HTML

    from scrutineer.core.models import Portfolio
    from scrutineer.domain.parts import Part
    from scrutineer.reports.registry import report_kind
    from scrutineer.reports.renderers.docx import render_docx
    from scrutineer.reports.renderers.html import render_html
    from scrutineer.reports.renderers.pdf import render_pdf
    from scrutineer.reports.selectors import report_for

    kind = report_kind(kind_slug)
    portfolio = Portfolio.objects.get(slug=portfolio_slug)

    def build(part: Part = Part.ONE):
        return kind.build(report_for(portfolio=portfolio, kind=kind, period=period), part)

    document = build()  # warm up: fonts, templates and the chart converter start on first use
    render_html(document)
    render_docx(document)
    rows = [
        _time("Assemble the report from the database", "report-data", "", build, runs=runs.get("data", 5)),
        _time("HTML (assemble + render)", "report", "HTML", lambda: render_html(build()).encode(), runs=runs["HTML"]),
        _time("Word (assemble + render)", "report", "Word", lambda: render_docx(build()), runs=runs["Word"]),
        _time("PDF (assemble + render + print)", "report", "PDF", lambda: render_pdf(build()), runs=runs["PDF"]),
    ]
    if runs.get("bare table"):
        # The floor: WeasyPrint printing only the report's longest table, bare, takes this long.
        table = _bare_table(render_html(document))
        rows.append(
            _time(
                "Baseline: WeasyPrint on the longest table alone, bare (no stylesheet, fixed layout)",
                "baseline",
                "PDF",
                lambda: HTML(string=table).write_pdf(),
                runs=runs["bare table"],
            )
        )
    if runs.get("PDF part 2"):
        rows.append(
            _time(
                "Part 2 PDF, with commentary (assemble + render + print)",
                "report",
                "PDF",
                lambda: render_pdf(build(Part.TWO)),
                runs=runs["PDF part 2"],
            )
        )
    print(json.dumps(rows))
