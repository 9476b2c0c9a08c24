"""Load the demo council from the data files in `data/` (made from the seed documents).

The demo plan is read from the seed text itself by the plan importer (agenda item 7 of the
committee pack, `004_5a7191a0a14e1e5f.txt:686-867`), so the demo proves the importer.
Safe to run twice: what is already there is left alone.
"""

from __future__ import annotations

import copy
import functools
import json
from base64 import b32decode
from binascii import hexlify
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutineer.accounts.models import User
from scrutineer.committees.demo import load_committees
from scrutineer.contracts.demo import load_contracts
from scrutineer.core.models import CorporateStrategy, LeadRole, Organisation, Portfolio, ReportingPeriod
from scrutineer.disclosure.demo import load_disclosure_policy
from scrutineer.domain.periods import FinancialQuarter
from scrutineer.domain.plan_document import PlanDocument
from scrutineer.finance.demo import load_finance_demo
from scrutineer.importers.readers import read_plan_file
from scrutineer.importers.services import plan_import_new
from scrutineer.indicators.demo import load_performance_index
from scrutineer.plans.cycle import update_save
from scrutineer.plans.models import DeliveryStatus, Plan, SubAction, Update
from scrutineer.reports.demo import load_reports, record_performance_publications

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, password, role
    # username and the demo authenticator key (base32, as authenticator apps take it)
    authenticators: list[tuple[str, str]] = field(default_factory=list)


@transaction.atomic
def load_demo(*, data_dir: Path = DATA_DIR) -> DemoReport:
    council = json.loads((data_dir / "council.json").read_text(encoding="utf-8"))
    report = DemoReport()
    organisation, _ = Organisation.objects.get_or_create(
        slug=council["organisation"]["slug"], defaults=council["organisation"]
    )
    portfolio, _ = Portfolio.objects.get_or_create(
        organisation=organisation, slug=council["portfolio"]["slug"], defaults=council["portfolio"]
    )
    strategy, _ = CorporateStrategy.objects.get_or_create(
        organisation=organisation, name=council["strategy"]["name"], defaults=council["strategy"]
    )
    if load_disclosure_policy(organisation=organisation, data_dir=data_dir):
        report.created.append("Disclosure policy")
    else:
        report.kept.append("Disclosure policy")
    periods = {spec["period"]: _period(organisation, spec) for spec in council["periods"]}
    for position, spec in enumerate(council.get("delivery_statuses", [])):
        DeliveryStatus.objects.get_or_create(
            organisation=organisation, name=spec["name"], defaults={"colour": spec["colour"], "position": position}
        )
    for spec in council["plans"]:
        _plan(portfolio, strategy, periods, spec, data_dir, report)
    people = {spec["username"]: _person(organisation, spec, report) for spec in council.get("people", [])}
    for spec in council.get("drafts", []):
        _draft(organisation, periods, people, spec)
    report.created.extend(load_contracts(organisation=organisation, data_dir=data_dir))
    created, kept = load_finance_demo(portfolio=portfolio, data_dir=data_dir)
    report.created += created
    report.kept += kept
    report.created += load_reports(organisation=organisation, path=data_dir / "report_cover_sheets.json")
    for spec_file in council.get("performance_indexes", []):
        title = load_performance_index(portfolio=portfolio, data_dir=data_dir, spec_file=spec_file)
        (report.created if title else report.kept).append(title or f"Performance index ({spec_file})")
    created, kept = load_committees(organisation=organisation, data_dir=data_dir)
    report.created += created
    report.kept += kept
    report.created += record_performance_publications(organisation=organisation)
    return report


def _person(organisation: Organisation, spec: dict[str, Any], report: DemoReport) -> User:
    """A demo account per role; the password is printed by `load-demo`, marked as demo only."""
    fields = {k: v for k, v in spec.items() if k not in {"username", "password", "authenticator_key", "lead_roles"}}
    person, created = User.objects.get_or_create(
        username=spec["username"], defaults={**fields, "organisation": organisation}
    )
    if created:
        person.set_password(spec["password"])
        person.save(update_fields=["password"])
        roles = LeadRole.objects.filter(organisation=organisation, title__in=spec.get("lead_roles", []))
        person.lead_roles.set(roles)
    note = "" if created else " (created earlier: unchanged unless someone changed it)"
    report.accounts.append((spec["username"], spec["password"] + note, person.get_role_display()))
    if spec.get("authenticator_key"):
        device = _demo_authenticator(person, spec["authenticator_key"])
        if device is not None:
            report.authenticators.append((spec["username"], spec["authenticator_key"]))
    return person


DEMO_AUTHENTICATOR = "Demo authenticator (demo only)"


def _demo_authenticator(person: User, key: str) -> TOTPDevice | None:
    """A confirmed authenticator app with the demo's published key, so Part 2 can be tried (check A5
    asks for a code): add the printed key to any authenticator app. Never for real accounts. Someone
    who has set up their own app keeps it (None)."""
    devices = TOTPDevice.objects.filter(user=person, confirmed=True)
    if devices.exclude(name=DEMO_AUTHENTICATOR).exists():
        return None
    hex_key = hexlify(b32decode(key)).decode()
    device, _ = TOTPDevice.objects.update_or_create(
        user=person, name=DEMO_AUTHENTICATOR, defaults={"key": hex_key, "confirmed": True}
    )
    return device


def _draft(
    organisation: Organisation, periods: dict[str, ReportingPeriod], people: dict[str, User], spec: dict[str, Any]
) -> None:
    """A lead officer's draft in the open period, written through the same service as the form."""
    sub_action = SubAction.objects.get(
        action__priority__plan__slug=spec["plan"],
        action__priority__number=spec["priority"],
        action__number=spec["action"],
        letter=spec["letter"] or "",
    )
    period = periods[spec["period"]]
    if Update.objects.filter(sub_action=sub_action, period=period).exists():
        return
    update_save(
        sub_action=sub_action,
        period=period,
        by=people[spec["author"]],
        text=spec["text"],
        delivery_status=DeliveryStatus.objects.get(organisation=organisation, name=spec["status"]),
        expected_version=0,
    )


def _period(organisation: Organisation, spec: dict[str, Any]) -> ReportingPeriod:
    quarter = FinancialQuarter.parse(spec["period"])
    period, _ = ReportingPeriod.objects.get_or_create(
        organisation=organisation,
        year=quarter.start_year,
        quarter=quarter.quarter,
        defaults={"status": spec["status"], "deadline": date.fromisoformat(spec["deadline"])},
    )
    return period


@functools.cache
def _read_once(path: Path, modified: float, size: int) -> PlanDocument:
    return read_plan_file(path.read_bytes(), path.name)


def _read_plan(path: Path) -> PlanDocument:
    """The plan in a seed document, read by the importer (once per process: the test suite loads it often)."""
    status = path.stat()
    return copy.deepcopy(_read_once(path, status.st_mtime, status.st_size))


def _plan(
    portfolio: Portfolio,
    strategy: CorporateStrategy,
    periods: dict[str, ReportingPeriod],
    spec: dict[str, Any],
    data_dir: Path,
    report: DemoReport,
) -> None:
    if Plan.objects.filter(portfolio=portfolio, slug=spec["slug"]).exists():
        report.kept.append(spec["title"])
        return
    document = _read_plan(data_dir / spec["file"])
    plan_import_new(
        portfolio=portfolio,
        document=document,
        slug=spec["slug"],
        title=spec["title"],
        period_label=spec["period_label"],
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        edition=spec.get("edition", ""),
        status=spec["status"],
        update_frequency=spec["update_frequency"],
        strategy=strategy,
        update_period=periods.get(spec.get("update_period", "")),
        update_status=Update.Status.APPROVED,  # a published report's updates were approved before publication
        source=spec.get("source", ""),
    )
    report.created.append(spec["title"])
