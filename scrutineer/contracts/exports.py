"""Contracts exports: `scrutineer export contracts --cycle 2021-02 --format csv|lgtc|ocds [-o FILE]`.

All three are Part 1 (public): no commentary is ever read into them.

* `csv`: one row per contract in the cycle's register, every published field; it imports again.
* `lgtc`: the contract fields of the Local Government Transparency Code 2015 for every contract
  over £5,000. Fields the register does not hold (description, irrecoverable VAT, review date,
  quote or tender, SME and VCS status, registration number) are left blank, never guessed. The
  department responsible is the contract's portfolio, the register's "Relevant Portfolio".
* `ocds`: an Open Contracting Data Standard 1.1 release package, one `contract` release per
  contract, checked against the OCDS 1.1.5 release-package schema kept in `schemas/`.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.text import slugify

from scrutineer.core.exports import ExportError, ExportOptions
from scrutineer.core.models import Organisation
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import write_csv

from .models import RegisterEntry, ReportingCycle
from .selectors import cycle_get, cycle_latest_with_register, register_entries

FORMATS = {"csv": "text/csv", "lgtc": "text/csv", "ocds": "application/json"}
SUFFIXES = {"csv": "csv", "lgtc": "transparency-code.csv", "ocds": "ocds.json"}
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "ocds-1.1.5"
RELEASE_SCHEMA_URI = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
TRANSPARENCY_CODE_MINIMUM = 5_000 * 100  # contracts "with a value that exceeds £5,000"
PART2_REFUSED = (
    "Contracts exports are Part 1 (public) only. Commentary is read on the Part 2 register page, "
    "where every read is logged."
)

CSV_HEADERS = (
    "contract_id", "title", "supplier", "owner", "approver", "portfolio", "total_value", "original_annual_value",
    "budget", "projection", "start_date", "end_date", "months_duration", "procurement_status", "risk_index",
    "risk_index_colour", "attention", "concern", "capital", "cycle", "as_at",
)  # fmt: skip
LGTC_HEADERS = (
    "Reference Number", "Title of Agreement", "Department Responsible", "Description of Goods and Services",
    "Supplier Name", "Supplier Details", "Sum to be Paid over the Length of the Contract",
    "Estimated Annual Spending", "Irrecoverable VAT", "Start Date", "End Date", "Review Date",
    "Invitation to Quote or Tender", "SME", "VCS", "Supplier Registration Number",
)  # fmt: skip


def export_contracts(options: ExportOptions, stream: IO[bytes]) -> None:
    """The `contracts` export of `scrutineer export`: the organisation's register for `--cycle`."""
    if options.part != 1:
        raise ExportError(PART2_REFUSED)
    if options.format not in FORMATS:
        raise ExportError(f"Unknown format {options.format!r} for contracts: use {', '.join(FORMATS)}.")
    organisation = default_organisation()
    if organisation is None:
        raise ExportError("No council is set up yet.")
    write_export(cycle=_cycle(organisation, options.cycle), format=options.format, stream=stream)


def _cycle(organisation: Organisation, slug: str | None) -> ReportingCycle:
    if not slug:
        cycle = cycle_latest_with_register(organisation=organisation)
        if cycle is None:
            raise ExportError("No contracts register has been published yet.")
        return cycle
    try:
        cycle = cycle_get(organisation=organisation, slug=slug)
    except ReportingCycle.DoesNotExist:
        raise ExportError(f"There is no published contracts register for {slug!r} (a cycle such as 2021-02).") from None
    if not cycle.entries.exists():
        raise ExportError(f"{cycle.label} is held only as the counts the council published; it has no register.")
    return cycle


def write_export(*, cycle: ReportingCycle, format: str, stream: IO[bytes], base_url: str = "") -> None:
    entries = register_entries(cycle=cycle)  # Part 1: commentary deferred, never read
    if format == "ocds":
        package = ocds_package(cycle=cycle, entries=entries, base_url=base_url)
        problems = ocds_problems(package)
        if problems:
            raise ExportError("The OCDS package does not validate: " + "; ".join(problems[:5]))
        stream.write(ocds_json(package))
        return
    text = io.StringIO()
    if format == "lgtc":
        rows = [_lgtc_row(e) for e in entries if e.total_value > TRANSPARENCY_CODE_MINIMUM]
        write_csv(LGTC_HEADERS, rows, text)
    else:
        write_csv(CSV_HEADERS, [_csv_row(cycle, e) for e in entries], text)
    stream.write(text.getvalue().encode("utf-8"))


def register_csv_rows(*, cycle: ReportingCycle) -> list[dict[str, object]]:
    """The Part 1 register of a cycle as the `csv` export's rows, keyed by its headers (for the API)."""
    return [dict(zip(CSV_HEADERS, _csv_row(cycle, e), strict=True)) for e in register_entries(cycle=cycle)]


def _pounds(pence: int | None) -> str:
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    pounds, remainder = divmod(abs(pence), 100)
    return f"{sign}{pounds}.{remainder:02d}"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _csv_row(cycle: ReportingCycle, e: RegisterEntry) -> list[object]:
    return [
        e.contract.reference, e.title, e.supplier, e.owner, e.approver, e.portfolio.name, _pounds(e.total_value),
        _pounds(e.original_annual_value), _pounds(e.budget), _pounds(e.projection), e.start_date.isoformat(),
        e.end_date.isoformat(), e.months_duration, e.procurement_status, e.risk_score, e.risk_colour,
        _yes(e.attention), _yes(e.concern), _yes(e.capital), cycle.slug, cycle.as_at.isoformat() if cycle.as_at else "",
    ]  # fmt: skip


def _lgtc_row(e: RegisterEntry) -> list[object]:
    return [
        e.contract.reference, e.title, e.portfolio.name, "", e.supplier, "", _pounds(e.total_value),
        _pounds(e.original_annual_value), "", e.start_date.isoformat(), e.end_date.isoformat(), "", "", "", "", "",
    ]  # fmt: skip


# --- OCDS -----------------------------------------------------------------------------------------


def _amount(pence: int) -> int | Decimal:
    pounds, remainder = divmod(pence, 100)
    return pounds if not remainder else Decimal(pence) / 100


def _datetime(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _contract_status(entry: RegisterEntry, as_at: date) -> str:
    if entry.start_date > as_at:
        return "pending"
    return "terminated" if entry.end_date < as_at else "active"


def ocds_package(*, cycle: ReportingCycle, entries: list[RegisterEntry], base_url: str = "") -> dict[str, Any]:
    """An OCDS 1.1 release package: a `contract` release per register entry, as at the cycle's date."""
    organisation = cycle.organisation
    as_at = cycle.as_at or cycle.month
    uri = (
        f"{base_url.rstrip('/')}{cycle.get_absolute_url()}download/ocds/"
        if base_url
        else (f"urn:scrutineer:{organisation.slug}:contracts:{cycle.slug}")
    )
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _datetime(as_at),
        "publisher": {"name": organisation.name},
        "releases": [_release(entry, organisation, cycle, as_at) for entry in entries],
    }


def _release(entry: RegisterEntry, organisation: Organisation, cycle: ReportingCycle, as_at: date) -> dict[str, Any]:
    reference = entry.contract.reference
    buyer = {"id": organisation.slug, "name": organisation.name}
    value = {"amount": _amount(entry.total_value), "currency": "GBP"}
    period = {
        "startDate": _datetime(entry.start_date),
        "endDate": _datetime(entry.end_date),
        "durationInDays": (entry.end_date - entry.start_date).days + 1,
    }
    parties: list[dict[str, Any]] = [{**buyer, "roles": ["buyer"]}]
    award: dict[str, Any] = {"id": f"{reference}-award", "status": "active", "value": value, "contractPeriod": period}
    if entry.supplier:
        supplier = {"id": f"{organisation.slug}-supplier-{slugify(entry.supplier)}", "name": entry.supplier}
        parties.append({**supplier, "roles": ["supplier"]})
        award["suppliers"] = [supplier]
    return {
        "ocid": f"{settings.SCRUTINEER_OCDS_PREFIX}-{organisation.slug}-{reference}",
        "id": f"{reference}-{cycle.slug}",
        "date": _datetime(as_at),
        "tag": ["contract"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": buyer,
        "awards": [award],
        "contracts": [
            {
                "id": reference,
                "awardID": award["id"],
                "title": entry.title,
                "status": _contract_status(entry, as_at),
                "period": period,
                "value": value,
            }
        ],
    }


_DECIMAL = re.compile(r'"__decimal__(-?\d+(?:\.\d+)?)__"')


def ocds_json(package: dict[str, Any]) -> bytes:
    """JSON with exact amounts: a Decimal is written as its own digits, never through a float."""
    text = json.dumps(package, indent=2, ensure_ascii=False, default=_decimal_token)
    return (_DECIMAL.sub(r"\1", text) + "\n").encode("utf-8")


def _decimal_token(value: object) -> str:
    if isinstance(value, Decimal):
        return f"__decimal__{value}__"
    raise TypeError(f"{type(value).__name__} is not JSON")


@cache
def _validator() -> Any:
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    release = json.loads((SCHEMA_DIR / "release-schema.json").read_text(encoding="utf-8"))
    package = json.loads((SCHEMA_DIR / "release-package-schema.json").read_text(encoding="utf-8"))
    # The package schema names the release schema by URL: resolve it from the file here, offline.
    registry = Registry().with_resource(RELEASE_SCHEMA_URI, Resource.from_contents(release, DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def ocds_problems(package: dict[str, Any]) -> list[str]:
    """Every way the package breaks the OCDS 1.1.5 release-package schema; empty when it is valid."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(package)'}: {error.message}"
        for error in _validator().iter_errors(package)
    ]


EXPORTS = {"contracts": export_contracts}
