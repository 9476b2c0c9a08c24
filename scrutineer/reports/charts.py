"""Charts for reports: a Vega-Lite chart and the data table it is drawn from, made from the same figures.

vl-convert draws the chart without a browser: SVG for HTML and PDF, PNG for Word (Word cannot
hold SVG). The table always goes beside the chart, so nobody depends on seeing the picture.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import vl_convert

from .document import Cell, Chart, Row, RowGroup, Table

FONT = "Liberation Sans, Arial, sans-serif"
# Okabe and Ito's palette: distinguishable with the common kinds of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def bar_chart(
    *,
    title: str,
    description: str,
    caption: str,
    category_label: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    stacked: bool = True,
    total_label: str | None = "Total",
) -> Chart:
    """A horizontal bar chart of `series` per category, with its table (and a total row).

    The title is printed as the caption beside the chart, so the drawing does not repeat it.
    """
    table = _table(caption, category_label, categories, series, total_label)
    values = [
        {"category": category, "series": name, "value": numbers[index], "order": position}
        for index, category in enumerate(categories)
        for position, (name, numbers) in enumerate(series.items())
    ]
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": description,
        "width": 460,
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "category", "type": "nominal", "sort": list(categories), "title": None},
            "x": {"field": "value", "type": "quantitative", "title": "Number", "stack": "zero" if stacked else None},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": list(series),
                "scale": {"range": PALETTE[: len(series)]},
                "legend": {"orient": "bottom"},
            },
            "order": {"field": "order"},
            "tooltip": [{"field": "category"}, {"field": "series"}, {"field": "value"}],
        },
        "config": {"font": FONT, "axis": {"labelLimit": 320}, "view": {"stroke": None}},
    }
    if not stacked:
        spec["encoding"]["yOffset"] = {"field": "series", "sort": list(series)}
    return Chart(title=title, description=description, spec=spec, table=table)


def diverging_bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    values: Sequence[int],
    labels: Sequence[str],
    table: Table,
    axis_title: str,
    positive: tuple[str, str] = ("Above", "#942514"),
    negative: tuple[str, str] = ("Below", "#005a30"),
) -> Chart:
    """A horizontal bar chart of one figure per category either side of zero (an overspend to the
    right, an underspend to the left), each bar labelled with its figure as printed in `labels`
    ("Dr 102", "Cr 61"), so direction is never told by colour alone. `table` holds the same figures
    and is printed beside it; `positive` and `negative` name each direction and give its colour."""
    if not len(categories) == len(values) == len(labels):
        raise ValueError("A chart needs one value and one label per category.")
    names = {True: positive[0], False: negative[0]}
    data = [
        {"category": category, "value": value, "label": label, "direction": names[value >= 0]}
        for category, value, label in zip(categories, values, labels, strict=True)
    ]
    y = {"field": "category", "type": "nominal", "sort": list(categories), "title": None}

    def label_layer(test: str, align: str, dx: int) -> dict[str, Any]:
        return {
            "transform": [{"filter": test}],
            "mark": {"type": "text", "align": align, "dx": dx, "fontWeight": "bold", "color": "#0b0c0c"},
            "encoding": {"x": {"field": "value", "type": "quantitative"}, "y": y, "text": {"field": "label"}},
        }

    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": description,
        "width": 420,
        "data": {"values": data},
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": y,
                    "x": {"field": "value", "type": "quantitative", "title": axis_title, "scale": {"padding": 60}},
                    "color": {
                        "field": "direction",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": [positive[0], negative[0]], "range": [positive[1], negative[1]]},
                        "legend": {"orient": "bottom"},
                    },
                    "tooltip": [{"field": "category"}, {"field": "label"}],
                },
            },
            label_layer("datum.value >= 0", "left", 4),
            label_layer("datum.value < 0", "right", -4),
            {"mark": {"type": "rule", "color": "#505a5f"}, "encoding": {"x": {"datum": 0}}},
        ],
        "config": {"font": FONT, "axis": {"labelLimit": 320}, "view": {"stroke": None}},
    }
    return Chart(title=title, description=description, spec=spec, table=table)


def chart_svg(chart: Chart) -> str:
    return _svg(json.dumps(chart.spec, sort_keys=True))


def chart_png(chart: Chart) -> bytes:
    return _png(json.dumps(chart.spec, sort_keys=True))


@lru_cache(maxsize=64)
def _svg(spec: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec))


@lru_cache(maxsize=64)
def _png(spec: str) -> bytes:
    return vl_convert.vegalite_to_png(json.loads(spec), scale=2)


def _table(
    caption: str,
    category_label: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    total_label: str | None,
) -> Table:
    header = (Cell.text(category_label), *(Cell.text(name, numeric=True) for name in series))
    rows = tuple(
        Row(
            (
                Cell.text(category, header=True),
                *(Cell.text(f"{numbers[i]:,}", numeric=True) for numbers in series.values()),
            )
        )
        for i, category in enumerate(categories)
    )
    totals: tuple[Row, ...] = ()
    if total_label:
        sums = [sum(numbers) for numbers in series.values()]
        totals = (Row((Cell.text(total_label, header=True), *(Cell.text(f"{s:,}", numeric=True) for s in sums))),)
    return Table(caption=caption, header_rows=(header,), groups=(RowGroup(rows),), total_rows=totals)
