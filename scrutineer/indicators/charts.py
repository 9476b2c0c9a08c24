"""A trend chart of an indicator, drawn on the server as SVG from the rows of its data table.

The chart plots only the figures the table beside it shows (in Part 1, never a withheld one),
the target band or line, and England and London where they are figures in the same unit. It is
an image with a title and a description (`role="img"`, `aria-labelledby`), so it reads in screen
readers and prints in PDFs; the table is the accessible source of truth. Lines are told apart by
dash pattern and label as well as colour, and presentation attributes (not `style=`) keep it
within the Content Security Policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from scrutineer.domain.periods import Month
from scrutineer.domain.printed_values import format_number

from .index_view import Cell, IndexRow, IndexView

WIDTH, HEIGHT = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 24, 48
INK, BLUE, GREEN_BAND, GREY = "#0b0c0c", "#1d70b8", "#cce2d8", "#505a5f"
COMPARATOR_DASH = {"England": "8 4", "London": "2 4"}


@dataclass(frozen=True)
class Point:
    """A month's figure; `number` None with `gap` where the month has an entry but no figure to plot
    (suppressed, not available), so the line breaks there. A month without any entry is left out."""

    month: Month
    number: Decimal | None
    gap: bool = False


@dataclass(frozen=True)
class Series:
    """One line: the indicator's values, or one part of a split value ("initial")."""

    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Reference:
    label: str
    number: Decimal


@dataclass(frozen=True)
class TrendChart:
    chart_id: str
    title: str
    months: tuple[Month, ...]
    series: tuple[Series, ...]
    percent: bool
    band: tuple[Decimal, Decimal] | None = None
    references: tuple[Reference, ...] = ()

    @property
    def description(self) -> str:
        parts = []
        for series in self.series:
            shown = [p for p in series.points if p.number is not None]
            values = "; ".join(f"{p.month.short_label} {self._fmt(p.number)}" for p in shown) or "no values to plot"
            name = f"{series.label}: " if series.label else ""
            parts.append(f"{name}{len(shown)} value{'s' if len(shown) != 1 else ''}, {values}.")
        if self.band is not None:
            low, high = self.band
            parts.append(
                f"Target {self._fmt(low)}." if low == high else f"Target range {self._fmt(low)} to {self._fmt(high)}."
            )
        parts += [f"{ref.label} {self._fmt(ref.number)}." for ref in self.references]
        parts.append("The same figures are in the table beside the chart.")
        return " ".join(parts)

    def _fmt(self, number: Decimal | None) -> str:
        return "" if number is None else format_number(number, percent=self.percent)


def render_svg(chart: TrendChart) -> SafeString:
    """The chart as inline SVG markup, every text escaped."""
    scale = _Scale(chart)
    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family="arial, sans-serif" font-size="13">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
        *_band(chart, scale),
        *_axes(chart, scale),
        *_references(chart, scale),
        *_series(chart, scale),
        *_labels(_label_requests(chart, scale)),
        "</svg>",
    ]
    return mark_safe("\n".join(parts))  # every piece of text above is escaped


class _Scale:
    def __init__(self, chart: TrendChart) -> None:
        numbers = [p.number for series in chart.series for p in series.points if p.number is not None]
        numbers += [ref.number for ref in chart.references]
        if chart.band:
            numbers += list(chart.band)
        low, high = (min(numbers), max(numbers)) if numbers else (Decimal(0), Decimal(1))
        pad = (high - low) * Decimal("0.1") or (abs(high) * Decimal("0.1") or Decimal(1))
        self.step = _nice_step((high - low + 2 * pad) / 4)
        self.low = _floor_to(max(Decimal(0), low - pad) if low >= 0 else low - pad, self.step)
        self.high = _ceil_to(high + pad, self.step)
        if chart.percent and high <= 1 < self.high:
            self.high = Decimal(1)  # no percentage axis runs past 100%
        self.count = max(len(chart.months), 1)

    @property
    def ticks(self) -> list[Decimal]:
        ticks, tick = [], self.low
        while tick <= self.high:
            ticks.append(tick)
            tick += self.step
        return ticks

    def x(self, index: int) -> float:
        span = WIDTH - LEFT - RIGHT
        return LEFT + (span * (index + 0.5) / self.count)

    def y(self, number: Decimal) -> float:
        span = HEIGHT - TOP - BOTTOM
        return TOP + float((self.high - number) / (self.high - self.low)) * span


def _nice_step(rough: Decimal) -> Decimal:
    """A tick step of 1, 2, 2.5 or 5 times a power of ten, at least `rough`."""
    if rough <= 0:
        return Decimal(1)
    power = Decimal(10) ** rough.adjusted()
    for multiple in (1, 2, Decimal("2.5"), 5, 10):
        if power * multiple >= rough:
            return power * multiple
    return power * 10


def _floor_to(number: Decimal, step: Decimal) -> Decimal:
    return (number / step).to_integral_value(rounding="ROUND_FLOOR") * step


def _ceil_to(number: Decimal, step: Decimal) -> Decimal:
    return (number / step).to_integral_value(rounding="ROUND_CEILING") * step


def _band(chart: TrendChart, scale: _Scale) -> list[str]:
    if chart.band is None:
        return []
    low, high = chart.band
    x1, x2 = LEFT, WIDTH - RIGHT
    if low == high:
        y = scale.y(low)
        shape = f'<line x1="{x1}" x2="{x2}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GREY}" stroke-width="2" />'
    else:
        top, bottom = scale.y(high), scale.y(low)
        shape = (
            f'<rect x="{x1}" y="{top:.1f}" width="{x2 - x1}" height="{max(bottom - top, 1):.1f}" '
            f'fill="{GREEN_BAND}" stroke="{GREY}" stroke-width="1" />'
        )
    return [shape]


def _axes(chart: TrendChart, scale: _Scale) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="{INK}" />',
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" stroke="{INK}" />',
    ]
    for number in scale.ticks:
        y = scale.y(number)
        parts.append(f'<line x1="{LEFT - 4}" x2="{LEFT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{INK}" />')
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{escape(chart._fmt(number))}</text>'
        )
    for index, month in enumerate(chart.months):
        parts.append(
            f'<text x="{scale.x(index):.1f}" y="{bottom + 20}" text-anchor="middle" fill="{INK}">'
            f"{escape(month.short_label.split('-')[0])}</text>"
        )
    return parts


def _references(chart: TrendChart, scale: _Scale) -> list[str]:
    parts = []
    for ref in chart.references:
        y = scale.y(ref.number)
        dash = COMPARATOR_DASH.get(ref.label.split(" ")[0], "4 4")
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GREY}" '
            f'stroke-width="2" stroke-dasharray="{dash}" />'
        )
    return parts


def _label_requests(chart: TrendChart, scale: _Scale) -> list[tuple[float, str]]:
    """Labels at the right edge, each at the height of what it names."""
    requests = [(scale.y(ref.number), f"{ref.label} {chart._fmt(ref.number)}") for ref in chart.references]
    for series in chart.series:
        last = next((p for p in reversed(series.points) if p.number is not None), None)
        if series.label and last is not None:
            requests.append((scale.y(last.number), series.label.capitalize()))
    if chart.band is not None:
        low, high = chart.band
        text = f"Target {chart._fmt(low)}" if low == high else f"Target {chart._fmt(low)}–{chart._fmt(high)}"
        requests.append((scale.y(high), text))
    return requests


def _labels(requests: list[tuple[float, str]], gap: float = 16) -> list[str]:
    """Right-hand labels, nudged down so none overlaps the one above."""
    parts, last = [], float("-inf")
    for y, text in sorted(requests):
        y = max(y, last + gap)
        last = y
        parts.append(f'<text x="{WIDTH - RIGHT + 8}" y="{y + 4:.1f}" fill="{INK}">{escape(text)}</text>')
    return parts


SERIES_STYLES = (("", "circle"), ("6 3", "square"), ("2 3", "circle"))


def _series(chart: TrendChart, scale: _Scale) -> list[str]:
    parts: list[str] = []
    for series, (dash, marker) in zip(chart.series, SERIES_STYLES, strict=False):
        lines, markers, segment = [], [], []
        for point in series.points:
            if point.number is None:
                if point.gap:
                    lines += _line(segment, dash)
                    segment = []
                continue
            x, y = scale.x(chart.months.index(point.month)), scale.y(point.number)
            segment.append(f"{x:.1f},{y:.1f}")
            markers.append(_marker(marker, x, y))
        parts += lines + _line(segment, dash) + markers
    return parts


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{BLUE}" />'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BLUE}" />'


def _line(points: list[str], dash: str) -> list[str]:
    if len(points) < 2:
        return []
    pattern = f' stroke-dasharray="{dash}"' if dash else ""
    return [f'<polyline points="{" ".join(points)}" fill="none" stroke="{BLUE}" stroke-width="3"{pattern} />']


def trend_chart(view: IndexView, row: IndexRow) -> TrendChart:
    """The chart of an index row: its months as the table shows them, target band and benchmarks."""
    table = next(t for t in view.tables if row in t.rows)
    labels = [part.split for cell in row.months for part in cell.parts] or [""]
    splits = list(dict.fromkeys(labels))
    series = tuple(
        Series(split, tuple(_point(m, c, split) for m, c in zip(table.months, row.months, strict=True)))
        for split in splits
    )
    target = row.target.as_target() if row.target else None
    band = (target.lower, target.upper) if target and target.is_rated and target.lower is not None else None
    references = tuple(
        Reference(cell.label, cell.number)
        for cell in (row.benchmarks["england"], row.benchmarks["london"])
        if cell.number is not None and not cell.withheld
    )
    indicator = row.indicator
    span = f"{table.months[0].label} to {table.months[-1].label}" if table.months else view.as_at.label
    return TrendChart(
        chart_id=f"chart-{indicator.pk}",
        title=f"Indicator {indicator.number}: {strip_tags(indicator.name)}, {span}",
        months=tuple(table.months),
        series=series,
        percent=indicator.is_percentage,
        band=band,
        references=references,
    )


def _point(month: Month, cell: Cell, split: str) -> Point:
    for atom in cell.atoms:
        if atom.split == split and not atom.is_blank:
            return Point(month, None if atom.withheld else atom.number, gap=atom.withheld or atom.number is None)
    return Point(month, None)
