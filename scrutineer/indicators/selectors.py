"""Reads of the performance index. `performance_index` builds the index as at a month, for Part 1
or Part 2, in a fixed handful of queries whatever the number of indicators.

The index has two tables, as the council prints it (`004_5a7191a0a14e1e5f.txt:4110-4162`): the
financial-year table (academic-year and rolling indicators sit in it too, under financial-year
month columns) and the calendar-year table. Each row shows polarity, target, the three prior
years, England and London, the rating, the months of the year up to the index date, and the year
to date. Part 1 renderings pass through `part1.withheld_cells`, the one place Part 1 filtering
happens.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from scrutineer.core.models import Portfolio
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.disclosure import DEFAULT_POLICY
from scrutineer.domain.outturns import Entry, Outturn, YtdMethod, latest, year_to_date
from scrutineer.domain.parts import Part
from scrutineer.domain.periods import (
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Month,
    Year,
    YearBasis,
    months_between,
    window_to,
    year_of,
    year_starting,
)
from scrutineer.domain.printed_values import ValueState, format_number
from scrutineer.domain.rag import NoRating, NoRatingReason, Rating, rate, worst

from . import part1
from .index_view import (
    Cell,
    CellSum,
    CommentaryView,
    IndexRow,
    IndexTable,
    IndexView,
    Section,
)
from .models import (
    Benchmark,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ManagementCommentary,
    PerformanceIndex,
    RagOverride,
    ytd_slug,
)

PRIOR_YEARS = 3
PERIODIC_KINDS = frozenset({IndicatorValue.Kind.MONTH.value, IndicatorValue.Kind.FINANCIAL_QUARTER.value})
SHOWN_COMPARATORS = (Benchmark.Comparator.ENGLAND.value, Benchmark.Comparator.LONDON.value)


# --- public reads ----------------------------------------------------------------------------


def performance_index(*, portfolio: Portfolio, as_at: Month, part: Part = Part.ONE) -> IndexView:
    """The index as at the end of `as_at`. Part 1 withholds what `part1.withheld_cells` says.

    Part 2 shows every true value and marks the cells Part 1 withholds.
    """
    view = _build(portfolio, as_at, part)
    decision = part1.part1_decision(view)
    view.part1_decision = decision
    withheld, restated = decision.withheld, decision.restated
    for row in view.rows:
        hits = [(cell, withheld[cell.ref]) for cell in row.cells() if cell.ref in withheld]
        row.suppressed_in_part1 = any(cell.ref in withheld for cell in row.year_cells())
        for cell, hit in hits:
            if part is Part.ONE:
                cell.withheld, cell.text, cell.number, cell.symbol = True, hit.symbol, None, hit.symbol
            else:
                cell.withheld_in_part1, cell.part1_kind = True, hit.kind
        if part is Part.ONE:
            for cell in row.cells():
                if cell.ref in restated:
                    shown = restated[cell.ref]
                    cell.text, cell.number, cell.symbol = shown.text, shown.number, shown.symbol
            if hits:
                row.ytd_computed = Outturn(None, withheld=True)  # formed from figures Part 1 may not show
            if row.suppressed_in_part1 and row.override is not None:
                # the rating in force still shows (disclosure.md 2.3 rule 11); what the rule would give
                # from the suppressed figures beside it is one more clue, so Part 1 keeps it back
                row.computed = NoRating(NoRatingReason.VALUE_WITHHELD)
        if row.suppressed_in_part1 and row.commentary is not None:
            row.commentary.moved = row.commentary.part is Part.ONE
            if part is Part.ONE:
                row.commentary.text = None  # on a suppressed indicator it moves to Part 2 (rule 9)
    return view


def disclosure_threshold(view: IndexView, indicator: Indicator) -> int:
    """T for one indicator: counts 1 to T are suppressed. Its own policy's, else the one the Part 1
    rules used, else the default (`../shared/disclosure.md` 2.2)."""
    override = indicator.disclosure_override()
    if override is not None:
        return override.threshold
    decision = view.part1_decision
    if decision is not None and decision.threshold is not None:
        return decision.threshold
    return DEFAULT_POLICY.threshold


def index_available(*, portfolio: Portfolio, as_at: Month) -> bool:
    """Whether there is an index to report as at `as_at`: an edition of it, or a value for the month."""
    if PerformanceIndex.objects.filter(portfolio=portfolio, as_at=as_at.first_day).exists():
        return True
    return IndicatorValue.objects.filter(
        indicator__portfolio=portfolio, period_kind=IndicatorValue.Kind.MONTH, period_start=as_at.first_day
    ).exists()


def index_editions(*, portfolio: Portfolio) -> list[PerformanceIndex]:
    return list(PerformanceIndex.objects.filter(portfolio=portfolio).order_by("-as_at"))


def index_default_month(*, portfolio: Portfolio) -> Month | None:
    """The latest edition's month; failing that, the latest month with a value."""
    edition = PerformanceIndex.objects.filter(portfolio=portfolio).order_by("-as_at").first()
    if edition is not None:
        return edition.month
    value = (
        IndicatorValue.objects.filter(indicator__portfolio=portfolio, period_kind=IndicatorValue.Kind.MONTH)
        .order_by("-period_start")
        .first()
    )
    return Month.of(value.period_start) if value else None


def index_portfolio(*, slug: str | None = None) -> Portfolio | None:
    """The portfolio whose index is shown: of the default council, `slug` or the first with indicators."""
    organisation = default_organisation()
    if organisation is None:
        return None
    portfolios = Portfolio.objects.filter(organisation=organisation)
    if slug:
        return portfolios.filter(slug=slug).first()
    return portfolios.filter(indicators__isnull=False).distinct().order_by("name").first()


@dataclass(slots=True)
class _Value:
    """A stored value as the index reads it: plain fields, no model instance (hundreds a page)."""

    period_kind: str
    period_start: date
    period_end: date
    period: str
    split: str
    text: str
    state: str
    number: Decimal | None
    part: int


@dataclass
class _Data:
    targets: dict[tuple[int, int], IndicatorTarget]
    values: dict[int, list[_Value]]
    benchmarks: dict[tuple[int, str], Benchmark]
    overrides: dict[int, RagOverride]
    commentary: dict[int, ManagementCommentary]


def _build(portfolio: Portfolio, as_at: Month, part: Part) -> IndexView:
    indicators = list(Indicator.objects.filter(portfolio=portfolio).order_by("position", "pk"))
    data = _load(portfolio, indicators, as_at)
    financial = FinancialYear.containing(as_at.first_day)
    calendar = CalendarYear.containing(as_at.first_day)
    tables, sums = [], []
    for key, year, caption in (
        ("financial", financial, f"Performance Index {financial.label}"),
        ("calendar", calendar, f"Indicators measured on a calendar year: {calendar.label}"),
    ):
        members = [i for i in indicators if (i.basis is YearBasis.CALENDAR) == (key == "calendar")]
        if not members:
            continue
        months = months_between(Month.of(year.start), as_at)
        prior = [year_starting(YearBasis(key), year.start_year - k) for k in range(1, PRIOR_YEARS + 1)]
        month_ends = [(month, month.last_day) for month in months]
        rows = [_row(indicator, data, as_at, year, month_ends, part, sums) for indicator in members]
        tables.append(IndexTable(key, caption, year, months, prior, _sections(rows, key)))
    sums.extend(_measure_sums(tables))
    edition = PerformanceIndex.objects.filter(portfolio=portfolio, as_at=as_at.first_day).first()
    return IndexView(portfolio, as_at, part, edition, tables, sums)


def _load(portfolio: Portfolio, indicators: list[Indicator], as_at: Month) -> _Data:
    earliest = date(as_at.year - PRIOR_YEARS - 2, 1, 1)
    latest_day = date(as_at.year + 2, 12, 31)
    values: dict[int, list[_Value]] = defaultdict(list)
    rows = (
        IndicatorValue.objects.filter(
            indicator__portfolio=portfolio, period_start__gte=earliest, period_start__lte=latest_day
        )
        .order_by("period_end", "split")
        .values_list("indicator_id", *_Value.__slots__)
    )
    for indicator_id, *fields in rows:
        values[indicator_id].append(_Value(*fields))
    benchmarks: dict[tuple[int, str], Benchmark] = {}
    for benchmark in Benchmark.objects.filter(indicator__portfolio=portfolio).filter(
        Q(period_start__isnull=True) | Q(period_start__lte=as_at.last_day)
    ):
        key = (benchmark.indicator_id, benchmark.comparator)
        current = benchmarks.get(key)
        if current is None or (benchmark.period_start or date.min) >= (current.period_start or date.min):
            benchmarks[key] = benchmark
    years = {year_of(i.basis, as_at.first_day).start_year for i in indicators}
    targets = IndicatorTarget.objects.filter(indicator__portfolio=portfolio, year__in=years)
    return _Data(
        targets={(t.indicator_id, t.year): t for t in targets},
        values=values,
        benchmarks=benchmarks,
        overrides={
            o.indicator_id: o for o in RagOverride.objects.filter(indicator__portfolio=portfolio, as_at=as_at.first_day)
        },
        commentary={
            c.indicator_id: c
            for c in ManagementCommentary.objects.filter(indicator__portfolio=portfolio, as_at=as_at.first_day)
        },
    )


def _sections(rows: list[IndexRow], table_key: str) -> list[Section]:
    sections: list[Section] = []
    for row in rows:
        if not sections or sections[-1].name != row.indicator.section:
            sections.append(Section(row.indicator.section, [], key=f"{table_key}-{len(sections) + 1}"))
        sections[-1].rows.append(row)
    return sections


def _row(
    indicator: Indicator,
    data: _Data,
    as_at: Month,
    table_year: Year,
    months: list[tuple[Month, date]],
    part: Part,
    sums: list[CellSum],
) -> IndexRow:
    values = data.values.get(indicator.pk, [])
    periodic = [v for v in values if v.period_kind in PERIODIC_KINDS]
    by_end: dict[date, list[_Value]] = defaultdict(list)
    for value in periodic:
        by_end[value.period_end].append(value)
    own_year = year_of(indicator.basis, as_at.first_day)
    start, end = window_to(indicator.basis, as_at)
    in_window = [v for v in periodic if v.period_start >= start and v.period_end <= end]
    by_split = _group_by_split(in_window)
    ytd, ytd_computed = _ytd_cell(indicator, values, by_split, as_at, own_year, sums)
    row = IndexRow(
        indicator=indicator,
        year=own_year,
        target=data.targets.get((indicator.pk, own_year.start_year)),
        prior_years=[
            _labelled(
                _cell(indicator, prior.slug, _year_values(values, indicator.basis, prior.start_year)), prior.label
            )
            for prior in (year_starting(indicator.basis, table_year.start_year - k) for k in range(1, PRIOR_YEARS + 1))
        ],
        benchmarks={
            c: _benchmark_cell(indicator, c, data.benchmarks.get((indicator.pk, c)))
            for c in Benchmark.Comparator.values
            if c in SHOWN_COMPARATORS or (indicator.pk, c) in data.benchmarks
        },
        months=[_cell(indicator, month.slug, by_end.get(month_end, [])) for month, month_end in months],
        latest=_latest_cell(indicator, in_window),
        ytd=ytd,
        ytd_computed=ytd_computed,
        computed=NoRating(NoRatingReason.NO_VALUE),
        override=data.overrides.get(indicator.pk),
        commentary=_commentary(data.commentary.get(indicator.pk), part),
        late=[_cell(indicator, v.period, [v]) for v in periodic if v.period_start > end],
    )
    row.computed = _rate(row, by_split)
    sums.extend(_copies(row))
    return row


def _copies(row: IndexRow) -> list[CellSum]:
    """Cells that repeat another cell's figure: the latest value is its month's value, and so is a
    year to date taken as the latest value. Withholding one must withhold the other."""
    copies = []
    for atom in row.latest.atoms:
        if atom.period:
            month = (row.indicator.number, _month_column(atom), atom.split)
            copies.append(CellSum(f"{row.indicator.number} latest", atom.ref, (month,), total_derived=True))
            ytd = next((y for y in row.ytd.atoms if y.split == atom.split and not y.is_blank), None)
            if ytd is not None and YtdMethod(row.indicator.ytd_method) in (YtdMethod.LATEST, YtdMethod.AS_AT):
                copies.append(CellSum(f"{row.indicator.number} year to date", ytd.ref, (month,), ytd.derived))
    return copies


def _month_column(cell: Cell) -> str:
    """The month column a periodic value sits in: its own month, or a quarter's last month."""
    if cell.period.count("-") == 1:
        return cell.period
    return FinancialQuarter.parse(cell.period).months[2].slug


def _labelled(cell: Cell, label: str) -> Cell:
    cell.label = label
    return cell


def _year_values(values: list[_Value], basis: YearBasis, start_year: int) -> list[_Value]:
    year = year_starting(basis, start_year)
    return [v for v in values if v.period_kind == year.kind and v.period_start == year.start]


def _group_by_split(values: list[_Value]) -> dict[str, list[_Value]]:
    grouped: dict[str, list[_Value]] = defaultdict(list)
    for value in values:
        grouped[value.split].append(value)
    return grouped


def _cell(indicator: Indicator, column: str, values: list[_Value]) -> Cell:
    """The cell for `values` of one period: one value, or a split value's parts."""
    if not values:
        return Cell(indicator.number, column)
    if len(values) == 1 and not values[0].split:
        return _atom(indicator, column, values[0])
    parts = [_atom(indicator, column, value) for value in values]
    return Cell(
        indicator.number,
        column,
        state=ValueState.VALUE,
        parts=parts,
        period=values[0].period,
        period_label=parts[0].period_label,
    )


def _atom(indicator: Indicator, column: str, value: _Value) -> Cell:
    return Cell(
        indicator=indicator.number,
        column=column,
        text=value.text,
        state=ValueState(value.state),
        number=value.number,
        percent=indicator.is_percentage,
        split=value.split,
        part=Part(value.part),
        relates_to_individuals=indicator.relates_to_individuals,
        period=value.period,
        period_label=_period_label(value),
    )


def _period_label(value: _Value) -> str:
    if value.period_kind == IndicatorValue.Kind.MONTH:
        return Month.of(value.period_start).label
    if value.period_kind == IndicatorValue.Kind.FINANCIAL_QUARTER:
        return FinancialQuarter.parse(value.period).label
    if value.period_kind == IndicatorValue.Kind.YEAR_TO_DATE:
        return f"Year to {Month.of(value.period_end).label}"
    return value.period.replace("-", "/")


def _benchmark_cell(indicator: Indicator, comparator: str, benchmark: Benchmark | None) -> Cell:
    name = Benchmark.Comparator(comparator).label
    if benchmark is None:
        return Cell(indicator.number, comparator, label=name)
    return Cell(
        label=f"{name} {benchmark.period_label}".strip(),
        indicator=indicator.number,
        column=benchmark.comparator,
        text=benchmark.text,
        state=ValueState(benchmark.state),
        number=benchmark.number,
        percent=indicator.is_percentage,
        period=benchmark.period,
    )


def _latest_cell(indicator: Indicator, values: list[_Value]) -> Cell:
    """The most recent entry of the year so far, whatever it holds ("Data Not Published" too)."""
    if not values:
        return Cell(indicator.number, "latest")
    last_end = max(v.period_end for v in values)
    return _cell(indicator, "latest", [v for v in values if v.period_end == last_end])


def _entries(values: list[_Value]) -> list[Entry]:
    return [Entry(v.period_end, ValueState(v.state), v.number) for v in values]


def _ytd_cell(
    indicator: Indicator,
    values: list[_Value],
    by_split: dict[str, list[_Value]],
    as_at: Month,
    own_year: Year,
    sums: list[CellSum],
) -> tuple[Cell, Outturn]:
    """The printed year to date where there is one, else the one formed by the indicator's method."""
    method = YtdMethod(indicator.ytd_method)
    printed = [v for v in values if v.period == ytd_slug(as_at)]
    computed: dict[str, Outturn] = {
        split: year_to_date(_entries(group), method, period_end=as_at.last_day) for split, group in by_split.items()
    }
    if method is YtdMethod.REPORTED and as_at.last_day == own_year.end:
        printed = printed or _year_values(values, indicator.basis, own_year.start_year)
    outturn = computed.get("", Outturn(None))
    if printed:
        cell = _cell(indicator, "ytd", printed)
    elif method in (YtdMethod.SUM, YtdMethod.AVERAGE):
        cell = _computed_cell(indicator, computed)
    else:
        cell = Cell(indicator.number, "ytd")  # the latest value already says it; the index leaves it blank
    if method is YtdMethod.SUM:
        for split, result in computed.items():
            if result.sources:
                parts = tuple((indicator.number, Month.of(end).slug, split) for end in result.sources)
                sums.append(
                    CellSum(f"{indicator.number} year to date", (indicator.number, "ytd", split), parts, not printed)
                )
    return cell, outturn


def _computed_cell(indicator: Indicator, computed: dict[str, Outturn]) -> Cell:
    parts = []
    for split, result in sorted(computed.items()):
        if result.number is None and not result.withheld:
            continue
        text = format_number(result.number, percent=indicator.is_percentage) if result.number is not None else ""
        state = ValueState.SUPPRESSED if result.withheld else ValueState.VALUE
        parts.append(
            Cell(
                indicator.number,
                "ytd",
                text=text,
                state=state,
                number=result.number,
                percent=indicator.is_percentage,
                split=split,
                relates_to_individuals=indicator.relates_to_individuals,
                derived=True,
            )
        )
    if not parts:
        return Cell(indicator.number, "ytd")
    if len(parts) == 1 and not parts[0].split:
        return parts[0]
    return Cell(indicator.number, "ytd", state=ValueState.VALUE, parts=parts, derived=True)


def _rate(row: IndexRow, by_split: dict[str, list[_Value]]) -> Rating | NoRating:
    indicator = row.indicator
    target = row.target.as_target() if row.target else None
    ratings: list[Rating | NoRating] = []
    if indicator.rated_on == Indicator.RatedOn.YEAR_TO_DATE:
        for atom in row.ytd.atoms:
            ratings.append(_rate_figure(indicator, target, atom.number, atom.state is ValueState.SUPPRESSED))
    else:
        for group in by_split.values() or [[]]:
            outturn = latest(_entries(group))
            ratings.append(_rate_figure(indicator, target, outturn.number, outturn.withheld))
    return worst(ratings)


def _rate_figure(indicator: Indicator, target: object, number: Decimal | None, withheld: bool) -> Rating | NoRating:
    return rate(
        value=number,
        target=target,  # type: ignore[arg-type]
        polarity=indicator.polarity_rule,
        tolerance=indicator.tolerance,
        withheld=withheld,
    )


def _commentary(commentary: ManagementCommentary | None, part: Part) -> CommentaryView | None:
    if commentary is None:
        return None
    hidden = part is Part.ONE and commentary.part_enum is Part.TWO
    return CommentaryView(
        part=commentary.part_enum,
        paragraph=commentary.paragraph,
        rating_text=commentary.rating_text,
        text=None if hidden else commentary.text,
    )


def _measure_sums(tables: list[IndexTable]) -> list[CellSum]:
    """Variants that add up to their measure (22.1 + 22.2): one sum per column, total not shown."""
    groups: dict[str, list[IndexRow]] = defaultdict(list)
    for table in tables:
        for row in table.rows:
            if row.indicator.adds_up_to_measure:
                groups[row.indicator.measure].append(row)
    sums = []
    for measure, rows in groups.items():
        columns = {
            cell.column
            for row in rows
            for cell in row.cells()
            if not cell.is_blank and cell.column not in ("latest", *SHOWN_COMPARATORS)
        }
        for column in sorted(columns):
            parts = tuple(cell.ref for row in rows for cell in row.cells() if cell.column == column)
            sums.append(CellSum(f"measure {measure} ({column})", None, parts))
    return sums
