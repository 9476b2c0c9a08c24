"""Report pages and downloads, as each role meets them."""

import re
import uuid

import pytest
from django.urls import reverse

from scrutineer.accounts.models import Part2Access
from scrutineer.reports.models import Report

pytestmark = pytest.mark.django_db

PERIOD_PAGE = "/reports/children-education-families/2020-21-Q3/"
BASE = "/reports/children-education-families/plan-update/2020-21-Q3/"


@pytest.fixture
def report(demo):
    return Report.objects.get(kind="plan-update", period="2020-21-Q3")


@pytest.fixture
def draft(report):
    report.status = Report.Status.DRAFT
    report.save()
    return report


def _download(client, part: int, format: str):
    return client.get(f"{BASE}part-{part}.{format}")


def test_the_plan_page_links_to_the_reports_of_its_quarter(client, demo):
    assert f'href="{PERIOD_PAGE}"' in client.get("/").content.decode()


def test_the_public_sees_a_published_report_with_part_1_downloads_only(client, report):
    html = client.get(PERIOD_PAGE).content.decode()
    assert "Portfolio plan update: Quarter 3 2020/21" in html
    assert "CEF21009A (Part 1)" in html and "CEF21009B" not in html
    assert html.count(f'href="{BASE}part-1.') == 3
    assert "part-2." not in html and "Part 2" not in html
    assert "Before publication" not in html and "cover-sheet" not in html


def test_a_part_1_download_is_a_named_attachment(client, report):
    response = _download(client, 1, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CEF21009A-plan-update-2020-21-Q3.pdf"'
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("format", ["html", "pdf", "docx"])
def test_part_2_is_not_found_for_the_public_and_for_people_without_a_role(client, outsider, report, format):
    assert _download(client, 2, format).status_code == 404
    client.force_login(outsider)
    assert _download(client, 2, format).status_code == 404
    assert "Part 2" not in client.get(PERIOD_PAGE).content.decode()
    assert Part2Access.objects.count() == 0


def test_a_committee_member_downloads_part_2_and_the_download_is_logged(client, committee_member, report):
    client.force_login(committee_member)
    assert f'href="{BASE}part-2.docx"' in client.get(PERIOD_PAGE).content.decode()
    response = _download(client, 2, "docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="CEF21009B-plan-update-2020-21-Q3.docx"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    (entry,) = Part2Access.objects.all()
    assert entry.user == committee_member
    assert entry.path == f"{BASE}part-2.docx"
    assert "CEF21009B" in entry.what and "Word" in entry.what


def test_a_draft_is_not_found_by_the_public_but_an_officer_can_download_it_marked_draft(client, lead_officer, draft):
    assert _download(client, 1, "html").status_code == 404
    page = client.get(PERIOD_PAGE).content.decode()
    assert "Portfolio plan update" not in page and BASE not in page
    assert "Budget monitoring: Quarter 3 2020/21" in page  # published reports of the quarter are still offered
    assert "/reports/children-education-families/performance/2020-12/part-1.pdf" in page  # CEF21011A too
    client.force_login(lead_officer)
    response = _download(client, 1, "html")
    assert response.status_code == 200
    assert "CEF21009A · PART 1 – PUBLIC · DRAFT" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_officer_sees_what_stops_publication(client, performance_officer, report):
    client.force_login(performance_officer)
    html = client.get(PERIOD_PAGE).content.decode()
    assert "This report was published with 1 gap" in html
    assert "Replace the template text in total current budget for this head" in html
    assert f'href="{BASE}cover-sheet/"' in html


def test_only_performance_officers_edit_the_cover_sheet(client, lead_officer, report):
    assert client.get(f"{BASE}cover-sheet/").status_code == 302
    client.force_login(lead_officer)
    assert client.get(f"{BASE}cover-sheet/").status_code == 403
    assert client.post(f"{BASE}publish/").status_code == 403


def _form_data(client) -> dict[str, str]:
    """The cover-sheet form as the page fills it in."""
    html = client.get(f"{BASE}cover-sheet/").content.decode()
    data = {}
    for name, value in re.findall(r'<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = value
    for name in ("urgency", "executive", "key_decision"):
        data[name] = re.search(rf'name="{name}" type="radio" value="([^"]+)" checked', html).group(1)
    data["non_applicable_sections"] = re.findall(
        r'name="non_applicable_sections" type="checkbox" value="([^"]+)" checked', html
    )
    import html as html_module

    return {k: html_module.unescape(v) if isinstance(v, str) else v for k, v in data.items()}


def test_a_performance_officer_edits_the_cover_sheet_then_publishes(client, performance_officer, report, quick_drawing):
    client.force_login(performance_officer)
    data = _form_data(client)
    assert data["contact_2_email"] == "georgina.sanger@bromley.gov.uk"
    assert data["meeting_date"] == "10/03/2021"
    data["total_current_budget"] = "N/A"
    response = client.post(f"{BASE}cover-sheet/", data)
    assert response.status_code == 302 and response["Location"] == PERIOD_PAGE
    report.refresh_from_db()
    assert report.total_current_budget == "N/A"
    assert report.status == Report.Status.DRAFT  # changed after publication
    assert report.contact_officers[1]["name"] == "Georgina Sanger"
    assert report.non_applicable_sections == ["implications_personnel", "implications_procurement"]
    client.post(f"{BASE}publish/")
    report.refresh_from_db()
    assert report.is_published


def test_publishing_with_gaps_is_refused_and_says_so(client, performance_officer, draft):
    client.force_login(performance_officer)
    response = client.post(f"{BASE}publish/", follow=True)
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT
    assert "Not published: 1 thing to fix before publication." in response.content.decode()


def test_a_stale_form_keeps_the_officers_text_and_says_someone_else_saved(client, performance_officer, report):
    client.force_login(performance_officer)
    data = _form_data(client)
    Report.objects.filter(pk=report.pk).update(version=report.version + 1, ward="Changed elsewhere")
    data["ward"] = "My own ward text"
    response = client.post(f"{BASE}cover-sheet/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "changed by someone else" in html
    assert 'value="My own ward text"' in html
    assert Report.objects.get(pk=report.pk).ward == "Changed elsewhere"


def test_a_missing_contact_name_is_an_error_on_that_field(client, performance_officer, report):
    client.force_login(performance_officer)
    data = _form_data(client)
    data["contact_3_email"] = "someone@example.org"
    html = client.post(f"{BASE}cover-sheet/", data).content.decode()
    assert "There is a problem" in html
    assert 'href="#id_contact_3_name">Enter the contact officer&#x27;s name' in html


@pytest.mark.parametrize(
    "url",
    [
        "/reports/children-education-families/2020-21-Q1/",
        "/reports/children-education-families/Q3-2020-21/",
        "/reports/no-such-portfolio/2020-21-Q3/",
        "/reports/children-education-families/no-such-kind/2020-21-Q3/part-1.pdf",
        "/reports/children-education-families/plan-update/2019-20-Q3/part-1.pdf",
        "/reports/children-education-families/plan-update/2020-21-Q3/part-1.txt",
    ],
)
def test_unknown_addresses_are_not_found(client, report, url):
    assert client.get(url).status_code == 404


def test_no_public_page_or_part_1_file_shows_part_2_material(client, outsider, committee_member, report):
    """Check A3's canary crawl for reports: a unique string in the Part 2-only commentary."""
    canary = f"CANARY-{uuid.uuid4()}"
    report.part2_commentary = canary
    report.schedule_12a_paragraph = 1
    report.save()
    urls = ["/", "/plans/", reverse("reports:index"), PERIOD_PAGE]
    urls += [f"{BASE}part-1.{format}" for format in ("html", "docx")]
    urls += [f"{BASE}part-2.{format}" for format in ("html", "docx")]
    for who in (None, outsider):
        if who:
            client.force_login(who)
        for url in urls:
            response = client.get(url)
            assert canary.encode() not in response.content, url
            assert canary not in response.content.decode("utf-8", "replace"), url
    client.force_login(committee_member)  # the canary is there to be found by those who may read Part 2
    assert canary in client.get(f"{BASE}part-2.html").content.decode()
