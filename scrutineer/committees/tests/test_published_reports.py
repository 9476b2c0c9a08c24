"""A published report goes into a meeting's papers as it was published (check C4): its stored
files, not a fresh drawing from data that may have changed since."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest

from scrutineer.committees import packs
from scrutineer.committees.papers import papers_for
from scrutineer.domain.parts import Part
from scrutineer.plans.models import Update
from scrutineer.reports.models import Report
from scrutineer.reports.registry import report_kind
from scrutineer.reports.services import report_cover_save, report_publish, report_withdraw

from . import factories
from .conftest import pdf_pages

pytestmark = pytest.mark.django_db


def test_a_published_report_s_papers_are_its_stored_files_whatever_changes_later(demo, performance_officer):
    report = Report.objects.get(portfolio__slug="children-education-families", kind="plan-update", period="2020-21-Q3")
    report = report_withdraw(report=report, user=performance_officer)
    report = report_cover_save(
        report=report, values={"total_current_budget": "N/A"}, user=performance_officer, expected_version=report.version
    )
    report = report_publish(report=report, kind=report_kind("plan-update"), user=performance_officer)
    stored_pdf = bytes(report.publication.artefacts.get(part=1, format="pdf").content)
    meeting = factories.meeting(factories.committee(), date(2030, 3, 10))
    item = factories.item(meeting, 7, "PORTFOLIO PLAN UPDATE", report_kind="plan-update", report_period="2020-21-Q3")

    approved = Update.objects.filter(status=Update.Status.APPROVED, period__year=2020, period__quarter=3)
    edited = f"EDITED{uuid.uuid4().hex[:12]}"
    assert approved.update(text=edited) > 0

    assert packs.item_papers_pdf(papers_for(item), Part.ONE) == stored_pdf  # the published file itself
    pack = packs.agenda_pack(meeting=meeting, part=Part.ONE, double_sided=False)
    (entry,) = pack.entries
    in_pack = pdf_pages(pack.content)[entry.span.first - 1 : entry.span.last]
    published = pdf_pages(stored_pdf)
    assert len(in_pack) == len(published)
    for number, (packed, original) in enumerate(zip(in_pack, published, strict=True), start=entry.span.first):
        # the same page, but for the footer: the pack's own page number instead of the report's
        assert "Page 1 of" not in packed and f"Page {number}" in packed
        assert _without_page_numbers(packed) == _without_page_numbers(original)
    assert edited not in _without_page_numbers(" ".join(in_pack))

    report_withdraw(report=report, user=performance_officer)  # a draft is drawn from the data now
    drafted = packs.item_papers_pdf(papers_for(item, include_drafts=True), Part.ONE)
    assert edited in _without_page_numbers(" ".join(pdf_pages(drafted)))


def _without_page_numbers(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"Page \d+( of \d+)?", "", text))
