"""The December 2020 performance index of the demo council, read from the data files.

Every row of both tables (`004_5a7191a0a14e1e5f.txt:4110-4162`) comes from
`fixtures/performance_index_dec2020.csv`, its "why is this important" text from
`fixtures/performance_index_dec2020_why.csv`, and what the tables do not print from
`performance_index_dec2020.json`. The management commentary is read from the seed document itself.
The figures behind the cells the council suppressed ("Data suppressed, see part 2 report") are
not printed anywhere; realistic small stand-ins are imported from
`performance_index_dec2020_true_values.csv` through the values import, as an officer would, so
Part 2 shows them and the disclosure policy decides what Part 1 shows.

Ratings: the rule rates every indicator; wherever the printed rating cannot follow from the
indicator's own target, the printed one is recorded as an override with the reason "as published"
(never the rule bent to fit), and the data-quality page lists it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from scrutineer.core.models import Portfolio
from scrutineer.core.tabular import read_table
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import CalendarYear, Month, Year, YearBasis, year_of, year_starting
from scrutineer.domain.printed_values import parse_target
from scrutineer.domain.rag import Polarity, Rating

from . import imports, selectors, services
from .models import Benchmark, Indicator, IndicatorTarget, IndicatorValue

COMPARATORS = {"england": Benchmark.Comparator.ENGLAND, "london": Benchmark.Comparator.LONDON}


@dataclass
class _Spec:
    data_dir: Path
    config: dict[str, Any]
    rows: list[dict[str, str]]
    why: dict[str, dict[str, str]]
    as_at: Month
    values: list[IndicatorValue] = field(default_factory=list)
    targets: list[IndicatorTarget] = field(default_factory=list)
    benchmarks: list[Benchmark] = field(default_factory=list)

    def source(self, number: str) -> str:
        return f"{self.config['seed_reference']}:{self.why[number]['source_line']}"


@transaction.atomic
def load_performance_index(*, portfolio: Portfolio, data_dir: Path, spec_file: str) -> str | None:
    """Load the index; None if the portfolio already has indicators (safe to run twice)."""
    if Indicator.objects.filter(portfolio=portfolio).exists():
        return None
    spec = _read(data_dir, spec_file)
    indicators = [_indicator(portfolio, spec, position, row) for position, row in enumerate(spec.rows, start=1)]
    bulk_create_with_history(indicators, Indicator, batch_size=500)
    for indicator, row in zip(indicators, spec.rows, strict=True):
        _figures(spec, indicator, row)
    bulk_create_with_history(spec.targets, IndicatorTarget, batch_size=500)
    bulk_create_with_history(spec.benchmarks, Benchmark, batch_size=500)
    bulk_create_with_history(spec.values, IndicatorValue, batch_size=500)
    services.performance_index_save(
        portfolio=portfolio,
        as_at=spec.as_at,
        title=spec.config["title"],
        report_number=spec.config["report_number"],
        source=spec.config["source"],
    )
    _commentary(portfolio, spec)
    _true_values(portfolio, spec)
    _ratings_as_published(portfolio, spec)
    return spec.config["title"]


def _read(data_dir: Path, spec_file: str) -> _Spec:
    config = json.loads((data_dir / spec_file).read_text(encoding="utf-8"))
    with (data_dir / config["values_file"]).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    with (data_dir / config["why_file"]).open(encoding="utf-8", newline="") as stream:
        why = {row["number"]: row for row in csv.DictReader(stream)}
    return _Spec(data_dir, config, rows, why, Month.parse(config["as_at"]))


def _indicator(portfolio: Portfolio, spec: _Spec, position: int, row: dict[str, str]) -> Indicator:
    number = row["number"]
    extra = {k: v for k, v in spec.config["indicators"][number].items() if not k.startswith("_")}
    basis = YearBasis(extra.pop("year_basis", row["year_basis"]))
    indicator = Indicator(
        portfolio=portfolio,
        number=number,
        position=position,
        name=row["name"],
        section=row["section"],
        why_important=spec.why[number]["why_is_this_important"],
        polarity=Polarity.parse(row["polarity"]).value,
        year_basis=basis.value,
        source=spec.source(number),
        notes=row["notes"],
        **extra,
    )
    indicator.full_clean(validate_unique=False, validate_constraints=False)  # a fresh portfolio: nothing to clash
    return indicator


def _figures(spec: _Spec, indicator: Indicator, row: dict[str, str]) -> None:
    basis = indicator.basis
    table = "calendar" if basis is YearBasis.CALENDAR else "financial"
    own_year = year_of(basis, spec.as_at.first_day)
    target = parse_target(row["target_text"])
    spec.targets.append(
        IndicatorTarget(
            indicator=indicator,
            year=own_year.start_year,
            text=target.text,
            kind=target.kind,
            lower=target.lower,
            upper=target.upper,
            percent=target.percent,
        )
    )
    for column, back in spec.config["prior_year_columns"].items():
        if row[column].strip():
            _value(spec, indicator, row[column], year_starting(basis, own_year.start_year - back))
    _benchmarks(spec, indicator, row, table)
    _months(spec, indicator, row, table)
    if row["ytd"].strip():
        _value(spec, indicator, row["ytd"], own_year, year_to_date=(own_year, spec.as_at))


def _value(
    spec: _Spec,
    indicator: Indicator,
    text: str,
    period: Month | Year,
    *,
    year_to_date: tuple[Year, Month] | None = None,
) -> None:
    for figure in services.cell_figures(indicator, text):
        value = IndicatorValue(
            indicator=indicator,
            split=figure.split,
            text=figure.text,
            state=figure.state,
            number=figure.number,
            rate=figure.rate,
            part=Part.ONE,
            source=spec.source(indicator.number),
        )
        if year_to_date:
            value.set_year_to_date(year=year_to_date[0], as_at=year_to_date[1])
        else:
            value.set_period(period)
        spec.values.append(value)


def _benchmarks(spec: _Spec, indicator: Indicator, row: dict[str, str], table: str) -> None:
    period_text = spec.config["benchmark_period"][table]
    period = CalendarYear.parse(period_text) if period_text else None
    for column, comparator in COMPARATORS.items():
        if row[column].strip():
            fields = services.benchmark_fields(indicator, row[column], period)
            spec.benchmarks.append(
                Benchmark(indicator=indicator, comparator=comparator, source=spec.source(indicator.number), **fields)
            )


def _months(spec: _Spec, indicator: Indicator, row: dict[str, str], table: str) -> None:
    merged = spec.config["merged_cells"]["text"]
    spanning = False
    for column, slug in spec.config["month_columns"][table].items():
        month = Month.parse(slug)
        text = row[column].strip()
        spanning = spanning or text == merged
        if not text and spanning and month <= spec.as_at:
            text = merged  # the merged cell covers this month too
        if text:
            _value(spec, indicator, text, month)


def _commentary(portfolio: Portfolio, spec: _Spec) -> None:
    seed = (spec.data_dir / spec.config["seed_file"]).read_text(encoding="utf-8").splitlines()
    for entry in spec.config["commentary"]:
        indicator = Indicator.objects.get(portfolio=portfolio, number=entry["indicator"])
        if "paragraphs" in entry:
            text = "\n\n".join(" ".join(seed[line - 1].strip() for line in lines) for lines in entry["paragraphs"])
            first, last = entry["paragraphs"][0][0], entry["paragraphs"][-1][-1]
            source = f"{spec.config['seed_reference']}:{first}-{last}"
        else:
            text, source = entry["text"], f"{spec.config['seed_reference']}:{entry['source_line']}"
        services.commentary_save(
            indicator=indicator,
            as_at=spec.as_at,
            part=Part(entry["part"]),
            text=text,
            paragraph=entry.get("paragraph", ""),
            rating_text=entry["rating"],
            source=source,
        )


def _true_values(portfolio: Portfolio, spec: _Spec) -> None:
    """The Part 2 figures behind the suppressed cells, imported as an officer would import them."""
    entry = spec.config.get("true_values")
    if entry:
        path = spec.data_dir / entry["file"]
        imports.values_import(portfolio=portfolio, table=read_table(path), source=path.name)


def _ratings_as_published(portfolio: Portfolio, spec: _Spec) -> None:
    """Record the printed rating where the rule does not give it, with the reason "as published"."""
    printed = {row["number"]: row["rag"].strip() for row in spec.rows}
    view = selectors.performance_index(portfolio=portfolio, as_at=spec.as_at, part=Part.TWO)
    for row in view.rows:
        text = printed[row.indicator.number]
        published = Rating.parse(text)
        if published is None and row.computed_rating is None:
            continue  # neither gives a colour: the printed note and the rule agree
        if published is not row.computed_rating:
            services.rag_override_set(
                indicator=row.indicator,
                as_at=spec.as_at,
                rating=published,
                reason=spec.config["rating_reason"],
                printed_text=text,
            )
