"""Server-side SVG for a report Chart: a horizontal bar chart that diverges from zero.

No JavaScript and no inline styles (the Content Security Policy forbids them): only SVG
presentation attributes. The chart is named by its <title> and described by its <desc>, and it
always sits beside the table it is drawn from. Overspends and underspends differ in colour and are
also labelled Dr and Cr, so colour is never the only signal.
"""

from __future__ import annotations

from html import escape

from scrutineer.domain.money import format_dr_cr

from .report_data import Chart

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 90
BAR_HEIGHT = 22
ROW_HEIGHT = 34
TOP = 12
FONT = 'font-family="Arial, sans-serif" font-size="14"'
TEXT = "#0b0c0c"
OVER = "#942514"  # overspend (Dr): dark red, 8:1 on white
UNDER = "#005a30"  # underspend (Cr): dark green, 8:1 on white
AXIS = "#505a5f"


def bar_chart_svg(chart: Chart) -> str:
    """The chart as an <svg> element, safe to put into a page as it is (every text is escaped)."""
    rows = len(chart.categories)
    height = TOP * 2 + ROW_HEIGHT * max(rows, 1)
    plot_left = LABEL_WIDTH + VALUE_WIDTH
    plot_width = WIDTH - plot_left - 10
    largest = max((abs(v) for v in chart.values), default=0) or 1
    negatives = any(v < 0 for v in chart.values)
    positives = any(v > 0 for v in chart.values)
    # Zero sits where both directions fit: at the left edge when nothing is negative, and so on.
    share = 0.5 if negatives and positives else (1.0 if negatives else 0.0)
    zero = plot_left + plot_width * share
    scale = plot_width * (0.5 if negatives and positives else 1.0) / largest
    title_id, desc_id = f"{chart.key}-title", f"{chart.key}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    for index, (label, value) in enumerate(zip(chart.categories, chart.values, strict=True)):
        y = TOP + index * ROW_HEIGHT
        middle = y + BAR_HEIGHT / 2 + 5
        length = abs(value) * scale
        x = zero if value >= 0 else zero - length
        colour = OVER if value > 0 else UNDER
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" fill="{TEXT}" {FONT}>'
            f"{escape(_shorten(label))}</text>"
        )
        parts.append(
            f'<text x="{plot_left - 8}" y="{middle:.1f}" text-anchor="end" fill="{TEXT}" {FONT} font-weight="bold">'
            f"{escape(format_dr_cr(value))}</text>"
        )
        if value:
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(length, 1):.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
    parts.append(
        f'<line x1="{zero:.1f}" y1="{TOP - 4}" x2="{zero:.1f}" y2="{height - TOP + 4}" '
        f'stroke="{AXIS}" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _shorten(label: str, limit: int = 34) -> str:
    """Long division names are cut in the drawing; the table beside it has them in full."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
