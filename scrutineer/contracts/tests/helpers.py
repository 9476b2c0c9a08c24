"""Small builders for contracts tests: register files as CSV text, and imports of them."""

from __future__ import annotations

import csv
import io
from datetime import date

from scrutineer.contracts.services import register_import
from scrutineer.domain.periods import Month

HEADERS = [
    "Risk Index", "Contract ID", "Owner", "Approver", "Contract Title", "Supplier Name", "Portfolio", "Total Value",
    "Original Annual Value", "Budget", "Projection", "Proc. Status", "Start Date", "End Date", "Months Duration",
    "Attention", "Concern", "Capital", "Commentary", "C&P Commentary",
]  # fmt: skip


def row(**values: str) -> dict[str, str]:
    """A valid register row; keyword arguments (by header, spaces as underscores) override cells."""
    base = {
        "Risk Index": "\u25cf",
        "Contract ID": "9001",
        "Owner": "Olive Owner",
        "Approver": "Abe Approver",
        "Contract Title": "Example Service",
        "Supplier Name": "Example Ltd",
        "Portfolio": "Children, Education and Families",
        "Total Value": "120,000",
        "Original Annual Value": "40,000",
        "Budget": "",
        "Projection": "",
        "Proc. Status": "\u25a0",
        "Start Date": "01/04/2019",
        "End Date": "31/03/2022",
        "Months Duration": "36",
        "Attention": "",
        "Concern": "",
        "Capital": "",
        "Commentary": "",
        "C&P Commentary": "",
    }
    for key, value in values.items():
        header = next(h for h in HEADERS if h.lower().replace(" ", "_").replace(".", "").replace("&", "") == key)
        base[header] = value
    return base


def csv_bytes(rows: list[dict[str, str]], headers: list[str] = HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def import_rows(organisation, rows, *, month="2021-05", as_at=date(2021, 4, 21), **options):
    return register_import(
        organisation=organisation,
        month=Month.parse(month),
        as_at=as_at,
        source=io.BytesIO(csv_bytes(rows)),
        name="register.csv",
        **options,
    )
