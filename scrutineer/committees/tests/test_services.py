"""Writes: each checks the record, and the rules the council's papers imply."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from scrutineer.committees import services
from scrutineer.committees.models import AgendaItem, MatterOutstanding, Minute, Risk
from scrutineer.committees.pdfs import MAX_PDF_BYTES, PdfRejected, pdf_check
from scrutineer.core.models import Portfolio
from scrutineer.domain.risks import RiskScoreError, Trend

from . import factories
from .conftest import tiny_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo):
    return factories.meeting(factories.committee(), date(2021, 3, 10))


def test_a_part_2_item_needs_its_schedule_12a_paragraph(meeting):
    with pytest.raises(ValidationError) as error:
        factories.item(meeting, 19, part=2)
    assert "schedule_12a_paragraph" in error.value.message_dict
    assert factories.item(meeting, 18, part=2, item_type="exclusion").schedule_12a_paragraph is None
    assert factories.item(meeting, 19, part=2, schedule_12a_paragraph=3).part == 2


def test_a_part_1_item_cites_no_paragraph(meeting):
    with pytest.raises(ValidationError):
        factories.item(meeting, 7, schedule_12a_paragraph=3)


def test_a_report_link_needs_kind_and_period(meeting):
    with pytest.raises(ValidationError):
        factories.item(meeting, 7, report_kind="plan-update")


def test_item_numbers_are_unique_per_meeting(meeting):
    factories.item(meeting, 8, letter="a")
    with pytest.raises(ValidationError):
        factories.item(meeting, 8, letter="A")  # letters are lower case: "A" is "a"


def test_uploads_are_checked(meeting):
    item = factories.item(meeting, 10)
    for content, message in (
        (b"", "empty"),
        (b"<html>not a pdf</html>", "not a PDF"),
        (b"%PDF-1.7 broken", "cannot be read"),
        (b"%PDF-" + b"0" * MAX_PDF_BYTES, "larger than"),
    ):
        with pytest.raises(PdfRejected, match=message):
            services.agenda_report_attach_pdf(item=item, content=content, name="x.pdf")
    assert not hasattr(AgendaItem.objects.get(pk=item.pk), "paper") or not item.paper.has_pdf


def test_an_encrypted_pdf_is_refused():
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(tiny_pdf("Secret"))))
    writer.encrypt("password")
    stream = BytesIO()
    writer.write(stream)
    with pytest.raises(PdfRejected, match="password"):
        pdf_check(stream.getvalue())


def test_an_upload_is_kept_with_its_hash_and_pages(meeting, administrator):
    item = factories.item(meeting, 10)
    paper = services.agenda_report_attach_pdf(
        item=item, content=tiny_pdf("LADO", pages=2), name="lado.pdf", user=administrator
    )
    assert (paper.pdf_pages, paper.pdf_name, len(paper.pdf_sha256), paper.pdf_uploaded_by) == (
        2,
        "lado.pdf",
        64,
        administrator,
    )
    history = paper.history.first()
    assert not hasattr(history, "pdf")  # the history keeps the hash, not a copy of the file
    removed = services.agenda_report_remove_pdf(item=item, user=administrator)
    assert not removed.has_pdf and removed.pdf is None


def test_minute_numbers_sort_as_printed(meeting):
    for number in ("40", "39A", "39", "41"):
        services.minute_save(minute=Minute(meeting=meeting), values={"number": number, "title": number})
    assert list(meeting.minutes.values_list("number", flat=True)) == ["39", "39A", "40", "41"]
    with pytest.raises(ValidationError):
        services.minute_save(minute=Minute(meeting=meeting), values={"number": "forty", "title": "x"})


def test_only_a_part_2_minute_has_exempt_text(meeting):
    with pytest.raises(ValidationError):
        services.minute_save(minute=Minute(meeting=meeting), values={"number": "50", "title": "x", "exempt_text": "y"})


def test_a_matter_is_completed_at_a_later_meeting(meeting):
    later = factories.meeting(meeting.committee, date(2021, 6, 15))
    matter = MatterOutstanding(committee=meeting.committee, raised_at=later, action="Report back", owner="Director")
    with pytest.raises(ValidationError):
        services.matter_save(matter=matter, values={"due": meeting})  # due before it was raised
    matter = MatterOutstanding(committee=meeting.committee, raised_at=meeting, action="Report back", owner="Director")
    with pytest.raises(ValidationError):
        services.matter_save(matter=matter, values={"status": MatterOutstanding.Status.COMPLETED})
    saved = services.matter_save(
        matter=matter, values={"status": MatterOutstanding.Status.COMPLETED, "completed_at": later}
    )
    assert saved.completed_at == later


def _risk(**values):
    portfolio = Portfolio.objects.get(slug="children-education-families")
    base = dict(
        reference="CEF1",
        title="Sufficiency of placements",
        owner="Director of Children's Services",
        cause="Rising demand",
        effect="Children placed far from home",
        existing_controls="Placement panel",
        likelihood=4,
        impact=4,
        target_likelihood=2,
        target_impact=3,
        review_date=date(2021, 6, 30),
    )
    base.update(values)
    return services.risk_save(risk=Risk(portfolio=portfolio), values=base)


def test_a_review_keeps_the_scores_it_replaces(demo):
    risk = _risk()
    assert risk.trend is Trend.NEW
    risk = services.risk_review(
        risk=risk, likelihood=3, impact=4, reviewed_on=date(2021, 3, 1), review_date=date(2021, 9, 1)
    )
    assert (risk.previous_likelihood, risk.previous_impact, risk.likelihood, risk.impact) == (4, 4, 3, 4)
    assert risk.trend is Trend.REDUCED
    assert risk.current.text == "3 x 4 = 12 (Medium)"
    with pytest.raises(RiskScoreError):
        services.risk_review(
            risk=risk, likelihood=6, impact=1, reviewed_on=date(2021, 3, 1), review_date=date(2021, 9, 1)
        )


def test_a_part_2_risk_needs_its_paragraph(demo):
    with pytest.raises(ValidationError):
        _risk(reference="CEF9", part=2)
    assert _risk(reference="CEF9", part=2, schedule_12a_paragraph=1).part == 2
