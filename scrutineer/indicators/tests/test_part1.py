"""The Part 1 seam: nothing suppressed or Part 2 reaches a public page or export, and rules can add to it."""

import io
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from scrutineer.core.tabular import read_table
from scrutineer.domain.parts import Part
from scrutineer.indicators import part1
from scrutineer.indicators.imports import values_import
from scrutineer.indicators.models import Indicator, IndicatorValue
from scrutineer.indicators.selectors import performance_index
from scrutineer.indicators.services import commentary_save

from .conftest import DECEMBER_2020

pytestmark = pytest.mark.django_db

CANARY_VALUE = "987653"  # a Part 2 figure; no public page may show it
MONTHS = ["2020-07", "2020-08", "2020-09", "2020-10", "2020-11"]


@pytest.fixture
def canaries(portfolio):
    """Part 2 true values and commentary, with marks no Part 1 output may contain."""
    canary_text = f"CANARY-{uuid.uuid4().hex}"
    rows = ["indicator,period,value,part"]
    rows += [f"28,{month},{index + 11},1" for index, month in enumerate(MONTHS)]  # a sum; December is Part 2
    rows += [f"28,2020-12,{CANARY_VALUE},2", f"22.2,2020-12,{CANARY_VALUE},2", f"23,2020-11,{CANARY_VALUE},2"]
    values_import(portfolio=portfolio, table=read_table(io.BytesIO("\n".join(rows).encode()), name="p2.csv"))
    commentary_save(indicator=Indicator.objects.get(number="23"), as_at=DECEMBER_2020, part=Part.TWO, text=canary_text)
    total = str(11 + 12 + 13 + 14 + 15 + int(CANARY_VALUE))  # 28's year to date, which would give it away
    return [CANARY_VALUE, f"{int(CANARY_VALUE):,}", total, f"{int(total):,}", canary_text]


def _part1_outputs(client, tmp_path):
    urls = [
        reverse("indicators:index"),
        reverse("indicators:index_at", args=["2020-12"]),
        reverse("indicators:exceptions", args=["2020-12"]),
        reverse("indicators:data_quality", args=["2020-12"]),
        reverse("indicators:download", args=["2020-12", "csv"]),
        *(reverse("indicators:indicator_detail", args=["2020-12", n]) for n in ("22.2", "23", "28")),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()
    xlsx = client.get(reverse("indicators:download", args=["2020-12", "xlsx"])).content
    cells = [str(v) for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True) for v in row]
    yield "xlsx", "\n".join(cells)
    path = tmp_path / "part1.csv"
    call_command("export", "performance-index", "--period", "2020-12", "-o", str(path))
    yield "export --part 1", path.read_text()


def test_no_part_1_page_or_export_contains_a_part_2_value_or_commentary(client, canaries, tmp_path):
    for where, text in _part1_outputs(client, tmp_path):
        for canary in canaries:
            assert canary not in text, f"{canary} in {where}"


def test_part_2_shows_them_to_members(client, committee_member, canaries):
    client.force_login(committee_member)
    html = client.get(reverse("indicators:part2_index", args=["2020-12"])).content.decode()
    assert CANARY_VALUE in html
    assert canaries[-1] in html
    assert "Part 1: c" in html


def test_a_year_to_date_formed_from_a_part_2_month_is_withheld(portfolio, canaries):
    view = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.ONE)
    row = view.row("28")
    assert (row.ytd.text, row.ytd.withheld, row.ytd.number) == ("c", True, None)
    assert [c.text for c in row.months[3:]] == ["11", "12", "13", "14", "15", "c"]
    assert row.latest.withheld is True  # the latest value is December's
    full = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.TWO)
    assert full.row("28").ytd.number == int(canaries[2])
    assert full.row("28").ytd.withheld_in_part1 is True


@pytest.fixture
def no_rules(monkeypatch):
    """The seam with no rule registered (the disclosure engine's included): the safety net alone."""
    monkeypatch.setattr(part1, "_rules", [])


def test_suppressed_at_source_is_suppressed_in_part_1_without_any_rule(portfolio, no_rules):
    IndicatorValue.objects.filter(indicator__number="23", period__in=["2020-11", "2020-12"]).update(part=Part.TWO)
    view = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.ONE)
    for number in ("22.1", "22.2", "23"):  # printed "X", "x" or "x (rate: 0.01)" for 2019/20 or 2017/18
        assert any(c.withheld and c.text == "c" for c in view.row(number).prior_years)
    row = view.row("23")
    assert [c.text for c in row.months[-2:]] == ["c", "c"] and row.latest.withheld is True
    assert row.months[-3].text == "3"  # no rule: the small count shows (the engine is what hides it)
    assert view.symbols == part1.LEGEND  # the whole legend wherever a symbol is used


def test_a_registered_rule_can_withhold_more_and_its_copies_follow(portfolio):
    def rule(view):
        return [part1.Withholding(("10", "2020-12", ""), reason="secondary")]

    part1.register_rule(rule)
    try:
        view = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.ONE)
    finally:
        part1.unregister_rule(rule)
    row = view.row("10")
    assert row.months[-1].text == "c"
    assert row.latest.text == "c"  # the latest value repeats December's
    assert row.rating.label == "GREEN"  # ratings still show (../shared/disclosure.md 2.3, rule 11)
    again = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.ONE)
    assert again.row("10").months[-1].text == "86%"


def test_the_index_tells_a_rule_what_adds_up_to_what(portfolio):
    view = performance_index(portfolio=portfolio, as_at=DECEMBER_2020, part=Part.TWO)
    by_label = {s.label: s for s in view.sums}
    ytd = by_label["1.1 year to date"]
    assert ytd.total == ("1.1", "ytd", "")
    assert [part[1] for part in ytd.parts] == [f"2020-{m:02d}" for m in range(4, 13)]
    assert ytd.total_derived is False  # the printed 715
    measure = by_label["measure 22 (2020-12)"]
    assert (measure.total, set(measure.parts)) == (None, {("22.1", "2020-12", ""), ("22.2", "2020-12", "")})
    cells = {c.ref: c for c in view.cells()}
    assert cells[("22.2", "2020-12", "")].relates_to_individuals is True
    assert cells[("10", "2020-12", "")].relates_to_individuals is False
