"""The trend chart is an accessible image drawn from the figures its table shows."""

from decimal import Decimal
from xml.etree import ElementTree

from scrutineer.domain.periods import Month
from scrutineer.indicators.charts import Point, Reference, Series, TrendChart, render_svg

MONTHS = tuple(Month(2020, m) for m in range(4, 13))
SVG = "{http://www.w3.org/2000/svg}"


def _chart(points, **extra):
    return TrendChart(
        chart_id="chart-1",
        title="Indicator <26>: care leavers & EET",
        months=MONTHS,
        series=(Series("", tuple(points)),),
        percent=True,
        **extra,
    )


def _quarters():
    return [
        Point(Month(2020, 6), Decimal("0.49")),
        Point(Month(2020, 9), Decimal("0.38")),
        Point(Month(2020, 12), Decimal("0.38")),
    ]


def test_the_chart_is_an_image_named_by_its_title_and_description():
    chart = _chart(
        _quarters(), band=(Decimal("0.47"), Decimal("0.52")), references=(Reference("England", Decimal("0.5")),)
    )
    root = ElementTree.fromstring(str(render_svg(chart)))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-1-title chart-1-desc"
    assert root.find(f"{SVG}title").text == "Indicator <26>: care leavers & EET"
    description = root.find(f"{SVG}desc").text
    assert "3 values, Jun-20 49%; Sep-20 38%; Dec-20 38%." in description
    assert "Target range 47% to 52%. England 50%." in description


def test_markup_in_text_is_escaped_and_no_style_attribute_is_used():
    svg = str(render_svg(_chart(_quarters())))
    assert "<26>" not in svg and "&lt;26&gt;" in svg
    assert "style=" not in svg


def test_quarterly_points_are_joined_across_months_without_an_entry():
    root = ElementTree.fromstring(str(render_svg(_chart(_quarters()))))
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 3


def test_a_withheld_month_breaks_the_line_and_is_not_described():
    points = [*_quarters()[:2], Point(Month(2020, 11), None, gap=True), _quarters()[2]]
    chart = _chart(points)
    root = ElementTree.fromstring(str(render_svg(chart)))
    assert [len(line.get("points").split()) for line in root.findall(f"{SVG}polyline")] == [2]
    assert len(root.findall(f"{SVG}circle")) == 3
    assert "Nov-20" not in chart.description


def test_a_percentage_axis_stops_at_100_percent():
    chart = _chart([Point(Month(2020, 4), Decimal(1)), Point(Month(2020, 5), Decimal("0.99"))])
    labels = [t.text for t in ElementTree.fromstring(str(render_svg(chart))).findall(f"{SVG}text")]
    ticks = [float(label.rstrip("%")) for label in labels if label.endswith("%")]
    assert max(ticks) == 100
