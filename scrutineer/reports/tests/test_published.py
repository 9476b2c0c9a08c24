"""Check C4: a published report is stored when it is published, and what was published is what is
served, whatever later happens to the data behind it. Republishing adds a version; all are kept."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from scrutineer.accounts.models import Part2Access
from scrutineer.accounts.tests.authenticators import give_authenticator, mark_verified
from scrutineer.domain.parts import Part
from scrutineer.reports.models import PublishedArtefact, Report, ReportPublication
from scrutineer.reports.registry import report_kind
from scrutineer.reports.renderers import Format, render_document
from scrutineer.reports.services import report_cover_save, report_publish, report_withdraw

pytestmark = pytest.mark.django_db

PORTFOLIO = "children-education-families"


def _url(kind: str, period: str, part: Part, format: str) -> str:
    return f"/reports/{PORTFOLIO}/{kind}/{period}/part-{part.value}.{format}"


def _report(kind: str, period: str) -> Report:
    return Report.objects.select_related("portfolio__organisation").get(
        portfolio__slug=PORTFOLIO, kind=kind, period=period
    )


def _publish_afresh(report: Report, user, **cover) -> Report:
    """Take a report the demo recorded as issued back to draft, fill what it lacks, publish it."""
    report = report_withdraw(report=report, user=user)
    if cover:
        report = report_cover_save(report=report, values=cover, user=user, expected_version=report.version)
    return report_publish(report=report, kind=report_kind(report.kind), user=user)


def _live(report: Report, part: Part, format: Format = Format.HTML) -> bytes:
    """The report drawn from the data as it is now, as a download would once have served it."""
    report.refresh_from_db()
    return render_document(report_kind(report.kind).build(report, part), format).content


def _downloads(client, kind: str, period: str, part: Part) -> dict[str, tuple[bytes, str]]:
    found = {}
    for format in Format:
        response = client.get(_url(kind, period, part, format.value))
        assert response.status_code == 200
        found[format.value] = (response.content, response.get("ETag", ""))
    return found


def test_publishing_stores_both_parts_in_every_format_with_their_hashes(performance_officer):
    report = _publish_afresh(_report("plan-update", "2020-21-Q3"), performance_officer, total_current_budget="N/A")
    publication = report.publication
    assert publication is not None and publication.number == 1
    assert publication.published_by == performance_officer and publication.published_at == report.published_at
    assert publication.cover_version == report.version and publication.report_number == "CEF21009"
    assert publication.render_seconds > 0
    files = {(file.part, file.format): file for file in publication.artefacts.all()}
    assert set(files) == {(part.value, format.value) for part in Part for format in Format}
    for file in files.values():
        content = bytes(file.content)
        assert file.sha256 == hashlib.sha256(content).hexdigest() and file.size == len(content) > 0
    assert bytes(files[(1, "pdf")].content).startswith(b"%PDF-")
    html = bytes(files[(1, "html")].content).decode()
    assert "CEF21009A · PART 1 – PUBLIC" in html and "DRAFT" not in html
    assert "CEF21009B · PART 2 – EXEMPT" in bytes(files[(2, "html")].content).decode()


def test_an_approved_update_edited_after_publication_changes_nothing_published(
    client, performance_officer, committee_member, tmp_path
):
    """Publish, download every file of both parts, edit the updates the report prints, download
    again: the same bytes, the same hashes. Then withdraw, publish again: version 2, both kept."""
    from scrutineer.plans.models import Update

    report = _publish_afresh(_report("plan-update", "2020-21-Q3"), performance_officer, total_current_budget="N/A")
    stored = {(f.part, f.format): f for f in report.publication.artefacts.all()}
    client.force_login(committee_member)
    before = {part: _downloads(client, "plan-update", "2020-21-Q3", part) for part in Part}
    for part in Part:
        for format, (content, etag) in before[part].items():
            assert content == bytes(stored[(part.value, format)].content)
            assert etag == f'"{stored[(part.value, format)].sha256}"'

    edited = f"EDITED-AFTER-PUBLICATION-{uuid.uuid4()}"
    approved = Update.objects.filter(status=Update.Status.APPROVED, period__year=2020, period__quarter=3)
    assert approved.update(text=edited) > 0
    assert edited.encode() in _live(report, Part.ONE)  # a fresh drawing would show the edit...
    after = {part: _downloads(client, "plan-update", "2020-21-Q3", part) for part in Part}
    assert after == before  # ...the published files do not
    live = tmp_path / "live.html"
    call_command(
        "report",
        "plan-update",
        "--period",
        "2020-21-Q3",
        "--format",
        "html",
        "--live",
        "-o",
        str(live),
        stderr=io.StringIO(),
    )
    assert edited in live.read_text(encoding="utf-8")  # --live draws from the data now
    target = tmp_path / "part1.pdf"
    call_command(
        "report", "plan-update", "--period", "2020-21-Q3", "--format", "pdf", "-o", str(target), stderr=io.StringIO()
    )
    assert target.read_bytes() == before[Part.ONE]["pdf"][0]

    report_withdraw(report=report, user=performance_officer)
    client.force_login(performance_officer)  # a draft is for officers
    draft = client.get(_url("plan-update", "2020-21-Q3", Part.ONE, "html"))
    assert "ETag" not in draft and edited in draft.content.decode() and "· DRAFT" in draft.content.decode()
    report = report_publish(
        report=Report.objects.get(pk=report.pk), kind=report_kind("plan-update"), user=performance_officer
    )
    versions = list(ReportPublication.objects.filter(report=report).order_by("number"))
    assert [v.number for v in versions] == [1, 2] and report.publication == versions[1]
    first = {(f.part, f.format): bytes(f.content) for f in versions[0].artefacts.all()}
    assert first == {key: bytes(file.content) for key, file in stored.items()}  # version 1 kept as it was
    now = _downloads(client, "plan-update", "2020-21-Q3", Part.ONE)
    assert edited in now["html"][0].decode() and now["pdf"][0] != before[Part.ONE]["pdf"][0]
    second = {(f.part, f.format): f for f in versions[1].artefacts.all()}
    assert now["pdf"] == (bytes(second[(1, "pdf")].content), f'"{second[(1, "pdf")].sha256}"')
    call_command(
        "report",
        "plan-update",
        "--period",
        "2020-21-Q3",
        "--format",
        "pdf",
        "--publication",
        "1",
        "-o",
        str(target),
        stderr=io.StringIO(),
    )
    assert target.read_bytes() == before[Part.ONE]["pdf"][0]


def test_a_contract_commentary_edited_after_publication_changes_nothing_in_part_2(
    client, performance_officer, committee_member
):
    from scrutineer.contracts.models import RegisterEntry

    report = _publish_afresh(_report("contracts-register", "2021-02"), performance_officer)
    client.force_login(committee_member)
    before = _downloads(client, "contracts-register", "2021-02", Part.TWO)
    logged = Part2Access.objects.filter(user=committee_member).count()
    assert logged == 3  # every Part 2 download logged, stored or not

    edited = f"EDITED-AFTER-PUBLICATION-{uuid.uuid4()}"
    entries = RegisterEntry.objects.filter(cycle__month=date(2021, 2, 1), portfolio__slug=PORTFOLIO)
    assert entries.update(owner_commentary=edited) > 0
    assert edited.encode() in _live(report, Part.TWO)
    after = _downloads(client, "contracts-register", "2021-02", Part.TWO)
    assert after == before
    assert all(etag for _, etag in after.values())
    logged = Part2Access.objects.filter(user=committee_member)
    assert logged.count() == 6  # logged as drawn downloads always were, format by format
    assert {entry.what for entry in logged} == {
        f"Contracts register CEF21007B 2021-02 Part 2 ({label})" for label in ("HTML", "PDF", "Word")
    }


def test_an_indicator_value_edited_after_publication_changes_nothing_in_part_1(client, performance_officer):
    from scrutineer.indicators.models import IndicatorValue

    report = _publish_afresh(_report("performance", "2020-12"), performance_officer)
    before = _downloads(client, "performance", "2020-12", Part.ONE)
    drawn = _live(report, Part.ONE)
    values = IndicatorValue.objects.filter(period="2020-12", state="value", part=1, number__gt=50)
    value = values.order_by("indicator__number").first()
    assert value is not None
    IndicatorValue.objects.filter(pk=value.pk).update(number=value.number + 1234, text=f"{value.number + 1234}")
    assert _live(report, Part.ONE) != drawn  # the edit reaches a fresh drawing...
    assert _downloads(client, "performance", "2020-12", Part.ONE) == before  # ...not the published files


def test_a_public_download_answers_not_modified_to_its_own_etag(client, performance_officer):
    report = _publish_afresh(_report("plan-update", "2020-21-Q3"), performance_officer, total_current_budget="N/A")
    url = _url("plan-update", "2020-21-Q3", Part.ONE, "pdf")
    etag = client.get(url)["ETag"]
    assert etag == f'"{report.publication.artefacts.get(part=1, format="pdf").sha256}"'
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def _small_publication(report: Report) -> ReportPublication:
    """A publication written straight to the tables, to test the tables' guards quickly."""
    publication = ReportPublication.objects.create(
        report=report, number=99, published_at=report.published_at, cover_version=report.version
    )
    PublishedArtefact.objects.create(
        publication=publication,
        part=1,
        format="html",
        media_type="text/html",
        content=b"<p>as published</p>",
        sha256=hashlib.sha256(b"<p>as published</p>").hexdigest(),
        size=19,
    )
    return publication


def test_stored_publications_cannot_be_changed_or_deleted_through_the_orm(demo):
    publication = _small_publication(_report("plan-update", "2020-21-Q3"))
    file = publication.artefacts.get()
    file.content = b"<p>rewritten</p>"
    for attempt in (
        file.save,
        file.delete,
        publication.save,
        publication.delete,
        lambda: PublishedArtefact.objects.filter(pk=file.pk).update(content=b"x"),
        lambda: PublishedArtefact.objects.filter(pk=file.pk).delete(),
        lambda: ReportPublication.objects.filter(pk=publication.pk).update(number=100),
        lambda: ReportPublication.objects.filter(pk=publication.pk).delete(),
    ):
        with pytest.raises(PermissionError):
            attempt()
    assert bytes(PublishedArtefact.objects.get(pk=file.pk).content) == b"<p>as published</p>"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_on_postgresql_the_database_refuses_to_change_or_delete_them(demo):
    publication = _small_publication(_report("plan-update", "2020-21-Q3"))
    for sql in (
        "UPDATE reports_publishedartefact SET content = 'x' WHERE publication_id = %s",
        "DELETE FROM reports_publishedartefact WHERE publication_id = %s",
        "UPDATE reports_reportpublication SET number = 100 WHERE id = %s",
        "DELETE FROM reports_reportpublication WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [publication.pk])


def test_the_admin_shows_publications_but_changes_none(client, demo, django_user_model):
    from django.contrib import admin

    publication = _small_publication(_report("plan-update", "2020-21-Q3"))
    model_admin = admin.site._registry[ReportPublication]
    staff = django_user_model.objects.create_superuser("publication-admin", password="a long enough password")
    client.force_login(staff)
    mark_verified(client, give_authenticator(staff))  # the admin holds Part 2 material: check A5
    request = client.get("/").wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, publication)
    assert not model_admin.has_delete_permission(request, publication)
    page = client.get(f"/admin/reports/reportpublication/{publication.pk}/change/")
    assert page.status_code == 200
    assert hashlib.sha256(b"<p>as published</p>").hexdigest() in page.content.decode()
    assert "as published</p>" not in page.content.decode()  # never the bytes: Part 2 files hold exempt material


def test_reports_recorded_as_issued_are_stored_by_the_command_once(performance_officer, client):
    """The demo's reports are recorded as the council issued them, with no stored files; until they
    are stored they are drawn at each download."""
    report = _report("plan-update", "2020-21-Q3")
    assert report.is_published and report.publication is None
    assert "ETag" not in client.get(_url("plan-update", "2020-21-Q3", Part.ONE, "html"))
    client.force_login(performance_officer)
    assert (
        "scrutineer store-published-reports"
        in client.get("/reports/children-education-families/2020-21-Q3/").content.decode()
    )
    Report.objects.filter(status=Report.Status.PUBLISHED).exclude(pk=report.pk).update(status=Report.Status.DRAFT)
    out = io.StringIO()
    call_command("store_published_reports", stdout=out)
    assert "Stored Portfolio plan update 2020-21-Q3 as published, version 1" in out.getvalue()
    report.refresh_from_db()
    assert report.publication.note == "stored after it was published" and report.publication.published_by is None
    assert report.publication.artefacts.count() == 6
    response = client.get(_url("plan-update", "2020-21-Q3", Part.ONE, "html"))
    assert response["ETag"] == f'"{report.publication.artefacts.get(part=1, format="html").sha256}"'
    again = io.StringIO()
    call_command("store_published_reports", stdout=again)
    assert again.getvalue() == "" and ReportPublication.objects.filter(report=report).count() == 1


def test_officers_see_every_published_version_and_the_public_sees_the_current_one(client, performance_officer, demo):
    report = _report("plan-update", "2020-21-Q3")
    old = _small_publication(report)
    page = "/reports/children-education-families/2020-21-Q3/"
    assert "Published versions" not in client.get(page).content.decode()
    client.force_login(performance_officer)
    html = client.get(page).content.decode()
    assert "Published versions" in html and old.artefacts.get().sha256 in html
    assert "Kept, not offered" in html


def test_a_cover_sheet_saved_while_the_report_is_drawn_stops_publication(
    performance_officer, administrator, monkeypatch
):
    from scrutineer.reports import services

    report = report_withdraw(report=_report("plan-update", "2020-21-Q3"), user=performance_officer)
    report = report_cover_save(
        report=report, values={"total_current_budget": "N/A"}, user=performance_officer, expected_version=report.version
    )

    def someone_saves_meanwhile(drawn_from, kind):
        theirs = Report.objects.get(pk=drawn_from.pk)
        report_cover_save(report=theirs, values={"ward": "All"}, user=administrator, expected_version=theirs.version)
        return services._Drawn({}, 0.0)

    monkeypatch.setattr(services, "_draw", someone_saves_meanwhile)
    with pytest.raises(services.ReportChanged):
        report_publish(report=report, kind=report_kind("plan-update"), user=performance_officer)
    report.refresh_from_db()
    assert not report.is_published and report.publication is None and report.ward == "All"
    assert not ReportPublication.objects.filter(report=report).exists()


def test_publishing_a_published_report_again_changes_nothing(performance_officer, monkeypatch):
    from scrutineer.reports import services

    report = _report("plan-update", "2020-21-Q3")
    monkeypatch.setattr(services, "_draw", lambda *args: pytest.fail("nothing should be drawn"))
    again = report_publish(report=report, kind=report_kind("plan-update"), user=performance_officer)
    assert (again.published_at, again.publication_id) == (report.published_at, report.publication_id)
    assert not ReportPublication.objects.filter(report=report).exists()
