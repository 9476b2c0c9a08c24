"""The demo council's Quarter 3 2020/21 budget monitoring and capital programme, from data files.

Figures come from the hand-checked fixtures (`fixtures/budget_monitoring_2020_21*.csv`,
`fixtures/capital_programme_q3_2020_21.csv`); the rest (which printed row is which total, the
notes, the variations table) from `finance/*.json`, whose texts point at lines of the seed
document so every word is read as printed. Totals are never loaded as figures, only as published
figures to check the product's own sums against. Safe to run twice.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.domain.budget import Classification, Figures, division_key
from scrutineer.domain.capital import estimate_column
from scrutineer.domain.money import parse_thousands, parse_thousands_or_blank
from scrutineer.domain.periods import FinancialQuarter

from .inputs import (
    BudgetDocument,
    CapitalDocument,
    LineInput,
    NoteInput,
    PublishedInput,
    SchemeInput,
    VariationInput,
)
from .models import BudgetMonitoring, CapitalProgramme
from .services import budget_monitoring_create_from_document, capital_programme_create_from_document

BUDGET_FILE = "finance/budget_monitoring_2020_21_q3.json"
CAPITAL_FILE = "finance/capital_programme_q3_2020_21.json"

# Fixture column -> the product's column, for the figures of a summary row.
_FIGURE_COLUMNS = {
    "prior_year_actuals": "actuals_2019_20",
    "original_budget": "original_budget_2020_21",
    "latest_approved": "latest_approved_2020_21",
    "projected_outturn": "projected_outturn_2020_21",
    "variation": "variation",
    "variation_last_reported": "variation_last_reported",
    "full_year_effect": "full_year_effect",
}
_TREATED_AS_ZERO = re.compile(r";?\s*2024/25 cell blank in source \(treated as 0\);?\s*")


def load_finance_demo(*, portfolio: Portfolio, data_dir: Path) -> tuple[list[str], list[str]]:
    """Load the budget monitoring and capital programme; returns (created, kept) titles."""
    created: list[str] = []
    kept: list[str] = []
    for loader in (_budget, _capital):
        title, made = loader(portfolio, data_dir)
        (created if made else kept).append(title)
    return created, kept


class SeedText:
    """The seed document by physical line number, as `cat -n` counts them."""

    def __init__(self, path: Path) -> None:
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def line(self, number: int) -> str:
        return _strip_bullet(self.lines[number - 1])

    def paragraph(self, ref: int | list[int]) -> str:
        """One line, or lines a to b joined (a paragraph broken across a page)."""
        if isinstance(ref, int):
            return self.line(ref)
        first, last = ref
        return " ".join(self.line(n) for n in range(first, last + 1) if self.lines[n - 1].strip())

    def paragraphs(self, refs: Iterable[int | list[int]]) -> str:
        return "\n\n".join(self.paragraph(ref) for ref in refs)


def _strip_bullet(text: str) -> str:
    return re.sub(r"^\s*-\s+", "", text).strip()


def _period(portfolio: Portfolio, text: str) -> ReportingPeriod:
    quarter = FinancialQuarter.parse(text)
    period, _ = ReportingPeriod.objects.get_or_create(
        organisation=portfolio.organisation,
        year=quarter.start_year,
        quarter=quarter.quarter,
        defaults={"status": ReportingPeriod.Status.CLOSED},
    )
    return period


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _cover(spec: dict[str, Any], seed: SeedText) -> list[dict[str, Any]]:
    """The cover sheet's fields in the form's order (a list: jsonb would not keep an object's order)."""
    cover = []
    for key, value in spec.items():
        text = value["text"] if "text" in value else "\n".join(seed.line(n) for n in value["lines"])
        cover.append({"key": key, "text": text, "source_line": value["line"]})
    return cover


# --- budget monitoring -----------------------------------------------------------------------


def _budget(portfolio: Portfolio, data_dir: Path) -> tuple[str, bool]:
    spec = json.loads((data_dir / BUDGET_FILE).read_text(encoding="utf-8"))
    period = _period(portfolio, spec["period"])
    title = f"{spec['report']['title']} ({period.long_label})"
    if BudgetMonitoring.objects.filter(portfolio=portfolio, period=period).exists():
        return title, False
    seed = SeedText(data_dir / spec["seed"])
    document = _budget_document(spec, data_dir, seed)
    budget_monitoring_create_from_document(
        portfolio=portfolio,
        period=period,
        document=document,
        commentary=seed.paragraphs(spec["commentary"]),
        exclusions=seed.paragraphs(spec["exclusions"]),
        cover=_cover(spec["cover"], seed),
        **spec["report"],
    )
    return title, True


def _budget_document(spec: dict[str, Any], data_dir: Path, seed: SeedText) -> BudgetDocument:
    document = BudgetDocument(lines=[])
    department = ""
    for row in _rows(data_dir / spec["lines_file"]):
        kind, line_no = row["row_type"], row["source_line"]
        if kind == "department_heading":
            department = row["service_area_text"]
        elif kind in ("detail", "fragment"):
            document.lines.append(_line(row, spec, Classification.CONTROLLABLE, department=department))
        elif kind == "memo_detail":
            document.lines.append(_line(row, spec, Classification.MEMORANDUM))
        elif kind == "division_subtotal":
            key = division_key(department, row["division"])
            document.published += _published(key, f"{row['division']} subtotal", row)
        elif kind == "memo_total":
            key = f"memorandum:{spec['memorandum_group']}"
            document.published += _published(key, row["service_area_text"], row)
        elif kind == "total":
            key = spec["total_rows"][line_no]
            document.labels[f"{key}_total_label"] = row["service_area_text"]
            document.published += _published(key, row["service_area_text"], row)
            if line_no in spec["summary_only"]:
                document.lines.append(_summary_only_line(row, Classification(key), spec["summary_only"][line_no]))
    supporting = _rows(data_dir / spec["supporting_file"])
    document.notes = [_note(note, seed, supporting) for note in spec["notes"]]
    document.published += _note_published(spec["notes"])
    _grant(document, spec["grant"], supporting, seed)
    _full_year_effect(document, spec["full_year_effect"]["table"], supporting)
    _reconciliation(document, spec["reconciliation"]["table"], supporting)
    first, last = spec["risks"]
    document.risks = [_risk(seed.line(n), n) for n in range(first, last + 1)]
    return document


def _figures(row: dict[str, str]) -> Figures:
    values = {
        column: _blank_or_int(row[f"{source}_k"]) for column, source in _FIGURE_COLUMNS.items() if column != "variation"
    }
    return Figures(**values)


def _blank_or_int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _printed(row: dict[str, str]) -> dict[str, str]:
    printed = {column: row[f"{source}_text"] for column, source in _FIGURE_COLUMNS.items()}
    if row["notes_ref"]:
        printed["notes"] = row["notes_ref"]
    return {k: v for k, v in printed.items() if v}


def _line(row: dict[str, str], spec: dict[str, Any], classification: Classification, department: str = "") -> LineInput:
    line_no = row["source_line"]
    name = spec["line_names"].get(line_no) or row["service_area_normalised"]
    note_ref = row["notes_ref"] if row["row_type"] != "fragment" else ""
    return LineInput(
        name=name,
        classification=classification,
        figures=_figures(row),
        department=department if classification is Classification.CONTROLLABLE else "",
        division=row["division"] if classification is Classification.CONTROLLABLE else "",
        memorandum_group=spec["memorandum_group"] if classification is Classification.MEMORANDUM else "",
        note_ref=note_ref,
        published_variation=_blank_or_int(row["variation_k"]),
        printed=_printed(row),
        printed_label=row["service_area_text"] if row["service_area_text"] != name else "",
        source_line=int(line_no),
        remark=row["note"],
    )


def _summary_only_line(row: dict[str, str], classification: Classification, spec: dict[str, str]) -> LineInput:
    return LineInput(
        name=spec["name"],
        classification=classification,
        figures=_figures(row),
        published_variation=_blank_or_int(row["variation_k"]),
        printed=_printed(row),
        source_line=int(row["source_line"]),
        remark=spec["remark"],
    )


def _published(key: str, label: str, row: dict[str, str]) -> list[PublishedInput]:
    return [
        PublishedInput(key, label, column, int(row[f"{source}_k"]), row[f"{source}_text"], int(row["source_line"]))
        for column, source in _FIGURE_COLUMNS.items()
        if row[f"{source}_k"].strip()
    ]


def _note(spec: dict[str, Any], seed: SeedText, supporting: list[dict[str, str]]) -> NoteInput:
    analysis: list[dict[str, Any]] = []
    if "analysis" in spec:
        rows = [r for r in supporting if r["table"] == spec["analysis"]]
        labels = list(dict.fromkeys(r["row_label"] for r in rows))
        for label in labels:
            variation = next(r for r in rows if r["row_label"] == label and r["column"] == "Projected variation")
            last = next(r for r in rows if r["row_label"] == label and r["column"].startswith("Last reported"))
            analysis.append(
                {
                    "label": label,
                    "variation": int(variation["value_k"]),
                    "variation_last_reported": int(last["value_k"]),
                    "printed": {"variation": variation["value_text"], "variation_last_reported": last["value_text"]},
                    "source_line": int(variation["source_line"]),
                }
            )
    return NoteInput(
        number=spec["number"],
        heading=spec["heading"],
        text=seed.paragraphs(spec["text"]),
        line_name=spec.get("line", ""),
        grant=spec.get("grant_table", ""),
        source_line=spec["heading_line"],
        analysis=analysis,
    )


def _note_published(notes: list[dict[str, Any]]) -> list[PublishedInput]:
    return [
        PublishedInput(
            f"note:{position}:analysis",
            note["heading"],
            "variation",
            note["analysis_net"]["value"],
            note["analysis_net"]["printed"],
            note["analysis_net"]["line"],
        )
        for position, note in enumerate(notes, start=1)
        if "analysis_net" in note
    ]


def _grant(document: BudgetDocument, spec: dict[str, Any], supporting: list[dict[str, str]], seed: SeedText) -> None:
    grant = spec["name"]
    rows = [r for r in supporting if r["table"] == spec["table"]]
    by_label: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
    for row in rows:
        by_label.setdefault((row["source_line"], row["row_label"]), {})[row["column"].replace(" £'000", "")] = row
    for (line_no, label), cells in by_label.items():
        if label == "Total":
            document.published += [
                PublishedInput(
                    f"grant:{grant}",
                    "Total",
                    column,
                    int(cell["value_k"]),
                    _no_markup(cell["value_text"]),
                    int(line_no),
                )
                for column, cell in cells.items()
            ]
            continue
        group = next((g["name"] for g in spec["groups"] if g["from_line"] <= int(line_no) <= g["to_line"]), "")
        variation = cells.pop("Variations")
        document.grant_variations.append(
            {
                "grant": grant,
                "group": group,
                "label": _strip_bullet(label),
                "variation": int(variation["value_k"]),
                "blocks": [[column, int(cell["value_k"])] for column, cell in cells.items()],
                "printed": {
                    "variation": variation["value_text"],
                    **{c: cell["value_text"] for c, cell in cells.items()},
                },
                "source_line": int(line_no),
            }
        )
    summary_total = next(r for r in supporting if r["table"] == spec["summary_table"] and r["row_label"] == "Total")
    document.published.append(
        PublishedInput(
            f"grant:{grant}:summary",
            "Total (paragraph 3.14)",
            "variation",
            int(summary_total["value_k"]),
            _no_markup(summary_total["value_text"]),
            int(summary_total["source_line"]),
        )
    )
    document.grant_balance_steps = [{"grant": grant, **step} for step in spec["steps"]]
    carried = spec["carried_forward"]
    document.published.append(
        PublishedInput(
            f"grant:{grant}:carried_forward",
            "Balance carried forward",
            "balance",
            carried["value"],
            carried["printed"],
            carried["source_line"],
        )
    )


def _no_markup(text: str) -> str:
    """The fixtures keep the document's underlining ("<u>4,254</u>"); the figure is what is inside."""
    return re.sub(r"</?u>", "", text)


def _full_year_effect(document: BudgetDocument, table: str, supporting: list[dict[str, str]]) -> None:
    rows = [r for r in supporting if r["table"] == table]
    for division in dict.fromkeys(r["row_label"] for r in rows):
        cells = [r for r in rows if r["row_label"] == division]
        for cell in cells:
            if cell["column"].startswith("Potential Impact"):
                document.full_year_effects.append(
                    {"division": division, "text": cell["value_text"], "source_line": int(cell["source_line"])}
                )
            else:
                column = "latest_approved" if "Latest Approved" in cell["column"] else "variation"
                document.published.append(
                    PublishedInput(
                        f"fye:{division}",
                        division,
                        column,
                        int(cell["value_k"]),
                        cell["value_text"],
                        int(cell["source_line"]),
                    )
                )


def _reconciliation(document: BudgetDocument, table: str, supporting: list[dict[str, str]]) -> None:
    rows = [r for r in supporting if r["table"] == table]
    first, *items, last = rows
    for row, column in ((first, "original_budget"), (last, "latest_approved")):
        document.published.append(
            PublishedInput(
                "reconciliation",
                row["row_label"],
                column,
                int(row["value_k"]),
                _no_markup(row["value_text"]),
                int(row["source_line"]),
            )
        )
    for row in items:
        heading, _, label = row["row_label"].partition(": ")
        document.reconciliation.append(
            {
                "heading": heading,
                "label": label,
                "amount": int(row["value_k"]),
                "printed": row["value_text"],
                "source_line": int(row["source_line"]),
            }
        )


def _risk(text: str, line_no: int) -> dict[str, Any]:
    numeral, _, risk = text.partition(") ")
    return {"numeral": numeral, "text": risk.strip(), "source_line": line_no}


# --- capital programme -----------------------------------------------------------------------


def _capital(portfolio: Portfolio, data_dir: Path) -> tuple[str, bool]:
    spec = json.loads((data_dir / CAPITAL_FILE).read_text(encoding="utf-8"))
    period = _period(portfolio, spec["period"])
    title = f"{spec['report']['title']} ({period.long_label})"
    if CapitalProgramme.objects.filter(portfolio=portfolio, period=period).exists():
        return title, False
    seed = SeedText(data_dir / spec["seed"])
    report = spec["report"]
    years = list(range(report["first_year"], report["first_year"] + report["year_count"]))
    document = _capital_document(spec, data_dir, seed, years)
    capital_programme_create_from_document(
        portfolio=portfolio,
        period=period,
        document=document,
        base_amounts=dict(zip(years, (parse_thousands(t) for t in spec["base"]["printed"]), strict=True)),
        base_printed={
            **dict(zip(map(str, years), spec["base"]["printed"], strict=True)),
            "total": spec["base"]["total"],
        },
        commentary=seed.paragraphs(spec["commentary"]),
        cover=_cover(spec["cover"], seed),
        **report,
    )
    return title, True


def _capital_document(spec: dict[str, Any], data_dir: Path, seed: SeedText, years: list[int]) -> CapitalDocument:
    document = CapitalDocument(schemes=[])
    for row in _rows(data_dir / spec["schemes_file"]):
        if row["row_type"] == "scheme":
            document.schemes.append(_scheme(row, years))
        else:
            name = row["scheme"]
            key = "schemes" if name == spec["report"]["portfolio_total_label"] else f"category:{row['section']}"
            document.published += _scheme_totals(key, name, row, years)
    for position, variation in enumerate(spec["variations"], start=1):
        document.variations.append(_variation(variation, spec["agreed_by"], years))
        document.published += _programme_row(f"variation:{position}", variation["description"], variation, years)
        if "items_total" in variation:
            total = variation["items_total"]
            document.published += _programme_row(f"variation:{position}:items", total["label"], total, years)
    document.published += _programme_row("variations", "Variations", spec["variations_total"], years)
    document.published += _programme_row("revised", spec["report"]["revised_label"], spec["revised"], years)
    document.published += _programme_row("base", spec["report"]["base_label"], {**spec["base"], "printed": []}, years)
    first, last = spec["reviews_due"]
    document.reviews_due = [{"scheme": seed.line(n), "source_line": n} for n in range(first, last + 1)]
    return document


_SCHEME_COLUMNS = {
    "total_approved_estimate": "total_approved_estimate",
    "actual_to_date": "actual_to_31_3_20",
    "previous_estimate": "revised_estimate_nov_2020",
    "actual_in_year": "actual_to_18_11_20",
    "current_estimate": "revised_estimate_jan_2021",
}


def _scheme(row: dict[str, str], years: list[int]) -> SchemeInput:
    estimates = {}
    for year in years:
        value = parse_thousands_or_blank(row[estimate_column(year)])
        if value is not None:
            estimates[year] = value
    printed = {column: row[source] for column, source in _SCHEME_COLUMNS.items()}
    printed.update({estimate_column(year): row[estimate_column(year)] for year in years})
    printed["appendix_b_responsible_officer"] = row["appB_responsible_officer"]
    values = {column: parse_thousands_or_blank(row[source]) for column, source in _SCHEME_COLUMNS.items()}
    return SchemeInput(
        category=row["section"],
        name=row["scheme"],
        total_approved_estimate=values.pop("total_approved_estimate") or 0,
        actual_to_date=values.pop("actual_to_date") or 0,
        estimates=estimates,
        responsible_officer=row["appA_responsible_officer"],
        remarks=row["appA_remarks"],
        progress_remarks=row["appB_remarks"],
        printed=printed,
        source_line=int(row["appA_source_line"]),
        remark=_TREATED_AS_ZERO.sub("", row["notes"]).strip(),
        **values,
    )


def _scheme_totals(key: str, label: str, row: dict[str, str], years: list[int]) -> list[PublishedInput]:
    columns = dict(_SCHEME_COLUMNS)
    columns.update({estimate_column(year): estimate_column(year) for year in years})
    out = []
    for column, source in columns.items():
        value = parse_thousands_or_blank(row[source])
        if value is not None:
            line = row["appB_source_line"] if source in _B_COLUMNS else row["appA_source_line"]
            out.append(PublishedInput(key, label, column, value, row[source], int(line)))
    return out


_B_COLUMNS = {"revised_estimate_nov_2020", "actual_to_18_11_20", "revised_estimate_jan_2021"}


def _variation(spec: dict[str, Any], agreed_by: str, years: list[int]) -> VariationInput:
    items = [
        {
            "label": item["label"],
            "amounts": _year_amounts(item["printed"], years),
            "printed": _year_printed(item, years),
            "source_line": item["source_line"],
        }
        for item in spec.get("items", [])
    ]
    return VariationInput(
        description=spec["description"],
        kind=spec["kind"],
        agreed_by=agreed_by,
        # A variation itemised by scheme is the sum of its items, never typed twice.
        amounts={} if items else _year_amounts(spec["printed"], years),
        printed=_year_printed(spec, years),
        source_line=spec["source_line"],
        items=items,
    )


def _year_amounts(printed: list[str], years: list[int]) -> dict[int, int]:
    return {year: parse_thousands(text) for year, text in zip(years, printed, strict=False)}


def _year_printed(spec: dict[str, Any], years: list[int]) -> dict[str, str]:
    printed = {str(year): text for year, text in zip(years, spec["printed"], strict=False)}
    printed["total"] = spec["total"]
    return printed


def _programme_row(key: str, label: str, spec: dict[str, Any], years: list[int]) -> list[PublishedInput]:
    """A printed row of the variations table, year by year and its TOTAL, as published figures."""
    line = spec["source_line"]
    out = [
        PublishedInput(key, label, str(year), parse_thousands(text), text, line)
        for year, text in zip(years, spec["printed"], strict=False)
    ]
    out.append(PublishedInput(key, label, "total", parse_thousands(spec["total"]), spec["total"], line))
    return out
