"""Committee pages and forms: who sees what, the Part 2 log, and democratic services' forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scrutineer.accounts.models import Part2Access
from scrutineer.committees import services
from scrutineer.committees.models import AgendaItem, Meeting, Minute, Risk, WorkProgrammeItem

from .conftest import tiny_pdf

pytestmark = pytest.mark.django_db

SLUG = "children-education-families-pds"
DAY = date(2021, 3, 10)


def url(name, *args):
    return reverse(f"committees:{name}", args=[SLUG, *args])


@pytest.fixture
def meeting(demo):
    return Meeting.objects.get(committee__slug=SLUG, date=DAY)


def test_the_meeting_page_shows_the_agenda_and_the_downloads(client, meeting):
    page = client.get(url("meeting", DAY)).content.decode()
    assert "CHILDREN, EDUCATION AND FAMILIES PORTFOLIO PLAN 2018 TO 2022 UPDATE - QUARTER 3 2020/21" in page
    assert url("pack_part1", DAY) in page
    assert url("pack_part2", DAY) not in page  # the public is not offered Part 2
    assert "Information relating to any individual. (paragraph 1)" in page
    assert url("item_part2", DAY, "20a") not in page


def test_a_member_is_offered_part_2(client, meeting, committee_member):
    client.force_login(committee_member)
    page = client.get(url("meeting", DAY)).content.decode()
    assert url("pack_part2", DAY) in page and url("meeting_part2", DAY) in page


def test_an_unpublished_agenda_is_for_officers_only(client, meeting, performance_officer):
    services.meeting_agenda_withdraw(meeting=meeting)
    page = client.get(url("meeting", DAY)).content.decode()
    assert "The agenda has not been published yet." in page
    assert "PORTFOLIO PLAN 2018 TO 2022" not in page
    for name, args in (("item", ("7",)), ("item_pdf", ("7",)), ("pack_part1", ())):
        assert client.get(url(name, DAY, *args)).status_code == 404, name
    client.force_login(performance_officer)
    assert "PORTFOLIO PLAN 2018 TO 2022" in client.get(url("meeting", DAY)).content.decode()


def test_part_2_pages_are_hidden_and_logged(client, meeting, committee_member):
    for name, args in (("meeting_part2", ()), ("item_part2", ("20a",)), ("item_pdf_part2", ("20a",))):
        assert client.get(url(name, DAY, *args)).status_code == 404
    assert client.get(url("risk_register_part2")).status_code == 404
    client.force_login(committee_member)
    before = Part2Access.objects.count()
    for name, args in (("meeting_part2", ()), ("item_part2", ("20a",)), ("item_pdf_part2", ("20a",))):
        response = client.get(url(name, DAY, *args))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    assert Part2Access.objects.count() == before + 3
    assert Part2Access.objects.filter(user=committee_member, what__contains="item 20a").count() == 2


def test_a_part_1_item_is_not_found_at_a_part_2_address_and_back(client, meeting, committee_member):
    client.force_login(committee_member)
    assert client.get(url("item", DAY, "20a")).status_code == 404
    assert client.get(url("item_part2", DAY, "7")).status_code == 404
    assert client.get(url("item", DAY, "07")).status_code == 404  # one address per item


def test_item_papers_as_a_pdf(client, meeting):
    response = client.get(url("item_pdf", DAY, "10"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert client.get(url("item_pdf", DAY, "1")).status_code == 404  # apologies: no papers


def test_the_part_1_pack_is_cached_for_everyone(client, meeting, monkeypatch):
    from scrutineer.committees.views import pages

    calls = []
    real = pages.agenda_pack
    monkeypatch.setattr(pages, "agenda_pack", lambda **kw: calls.append(kw) or real(**kw))
    first = client.get(url("pack_part1", DAY))
    second = client.get(url("pack_part1", DAY))
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and len(calls) == 1
    assert first["Content-Disposition"] == f'attachment; filename="agenda-pack-{SLUG}-2021-03-10-part-1.pdf"'


def test_the_committee_and_programme_pages(client, demo):
    committee = client.get(url("committee")).content.decode()
    assert "Councillor Nicky Dykes" in committee and "Young People&#x27;s Representative" in committee
    programme = client.get(url("work_programme")).content.decode()
    assert "Work programme 2021/22" in programme
    assert programme.count("Postponed</strong>") == 2
    assert "Schools&#x27; Forum</strong>: 24 June 2021" in programme
    assert client.get(url("work_programme_year", "2021-22")).status_code == 200
    assert client.get(url("work_programme_year", "2021-23")).status_code == 404
    assert "There are no outstanding actions." in client.get(url("matters")).content.decode()


def test_the_minutes_are_on_the_meeting_page(client, demo):
    page = client.get(url("meeting", date(2021, 1, 26))).content.decode()
    assert "The following summaries refer to matters involving exempt information" in page
    assert "RESOLVED: That the report be noted." in page


def test_an_officer_adds_an_item_with_its_report_and_uploads_the_pdf(client, meeting, performance_officer):
    client.force_login(performance_officer)
    response = client.post(
        url("item_create", DAY),
        {
            "number_text": "17b",
            "title": "SEND STRATEGY UPDATE",
            "section": "policy",
            "item_type": "pds_item",
            "part": "1",
            "cover-report_number": "CEF21099",
            "cover-title": "SEND Strategy update",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, number=17, letter="b")
    assert item.paper.report_number == "CEF21099"
    upload = SimpleUploadedFile("send.pdf", tiny_pdf("SEND strategy", pages=2), content_type="application/pdf")
    response = client.post(url("item_upload", DAY, "17b"), {"pdf": upload})
    assert response.status_code == 302
    item.paper.refresh_from_db()
    assert item.paper.pdf_pages == 2 and item.paper.history.first().history_user == performance_officer


def test_a_bad_upload_is_refused_with_a_message(client, meeting, performance_officer):
    client.force_login(performance_officer)
    upload = SimpleUploadedFile("send.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(url("item_upload", DAY, "10"), {"pdf": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "The file is not a PDF." in page


def test_item_numbers_are_checked(client, meeting, performance_officer):
    client.force_login(performance_officer)
    response = client.post(
        url("item_create", DAY),
        {"number_text": "7", "title": "X", "section": "standard", "item_type": "standard", "part": "1"},
    )
    assert "This meeting already has an item 7." in response.content.decode()
    response = client.post(
        url("item_create", DAY),
        {"number_text": "seven", "title": "X", "section": "standard", "item_type": "standard", "part": "1"},
    )
    assert "Enter a number, with a letter for a sub-item" in response.content.decode()


def test_an_officer_records_a_minute_and_publishes(client, meeting, performance_officer):
    client.force_login(performance_officer)
    response = client.post(
        url("minute_edit", DAY, "7"),
        {
            "number": "58",
            "title": "PORTFOLIO PLAN UPDATE",
            "part": "1",
            "resolution": "RESOLVED: That the report be noted.",
        },
    )
    assert response.status_code == 302
    assert Minute.objects.get(meeting=meeting, number="58").agenda_item.label == "7"
    client.post(url("meeting_publish", DAY), {"action": "withdraw"})
    meeting.refresh_from_db()
    assert not meeting.agenda_published
    client.post(url("meeting_publish", DAY))
    meeting.refresh_from_db()
    assert meeting.agenda_published


def test_programme_matters_and_risks_through_their_forms(client, meeting, performance_officer):
    client.force_login(performance_officer)
    june = Meeting.objects.get(committee__slug=SLUG, date=date(2021, 6, 15))
    assert (
        client.post(
            url("programme_item_create"),
            {
                "meeting": june.pk,
                "title": "Youth Justice Plan",
                "item_type": "ph_decision",
                "status": "tentative",
                "position": "9",
            },
        ).status_code
        == 302
    )
    assert WorkProgrammeItem.objects.get(title="Youth Justice Plan").status == "tentative"
    assert "<em>Youth Justice Plan</em>" in client.get(url("work_programme")).content.decode()
    january = Meeting.objects.get(committee__slug=SLUG, date=date(2021, 1, 26))
    response = client.post(
        url("matter_create"),
        {
            "raised_at": january.pk,
            "action": "Circulate the strategy launch",
            "owner": "Head of Early Intervention",
            "due": meeting.pk,
            "status": "outstanding",
        },
    )
    assert response.status_code == 302
    assert "Circulate the strategy launch" in client.get(url("matters")).content.decode()
    risk = {
        "reference": "CEF1",
        "title": "Placement sufficiency",
        "owner": "Director",
        "cause": "Demand",
        "effect": "Cost",
        "existing_controls": "Panel",
        "likelihood": "4",
        "impact": "4",
        "target_likelihood": "2",
        "target_impact": "3",
        "review_date": "30/06/2021",
        "part": "1",
        "status": "open",
        "position": "0",
    }
    assert client.post(url("risk_create"), risk).status_code == 302
    assert (
        client.post(
            url("risk_review", "CEF1"),
            {"likelihood": "3", "impact": "4", "reviewed_on": "01/04/2021", "review_date": "01/07/2021"},
        ).status_code
        == 302
    )
    assert Risk.objects.get(reference="CEF1").trend.value == "reduced"
    page = client.get(url("risk_register")).content.decode()
    assert "3 x 4 = 12" in page and "Reduced" in page


def test_forms_are_for_democratic_services_only(client, meeting, lead_officer, committee_member):
    for person in (lead_officer, committee_member):
        client.force_login(person)
        assert client.get(url("item_edit", DAY, "7")).status_code == 403
        assert client.post(url("meeting_publish", DAY)).status_code == 403
    client.logout()
    assert client.get(url("item_edit", DAY, "7")).status_code == 302


def test_no_public_page_shows_part_2_material(client, meeting, committee_member):
    """A canary in every Part 2-only field; then every committee page the public can reach."""
    from scrutineer.committees.models import AgendaItem, Minute
    from scrutineer.core.models import Portfolio

    canary = "CANARY-committees-part-2"
    items = {item.label: item for item in AgendaItem.objects.filter(meeting=meeting)}
    services.agenda_report_save(item=items["20c"], values={"title": canary, "contact_officers": canary})
    services.agenda_item_save(item=items["20b"], values={"note": canary})
    minute = Minute.objects.get(meeting__date=date(2021, 1, 26), number="49A")
    services.minute_save(minute=minute, values={"exempt_text": canary})
    services.risk_save(
        risk=Risk(portfolio=Portfolio.objects.get(slug="children-education-families")),
        values={
            "reference": "CEF9",
            "title": canary,
            "owner": canary,
            "cause": canary,
            "effect": canary,
            "existing_controls": canary,
            "likelihood": 2,
            "impact": 2,
            "target_likelihood": 1,
            "target_impact": 1,
            "review_date": date(2021, 6, 30),
            "part": 2,
            "schedule_12a_paragraph": 1,
        },
    )
    pages = [
        reverse("committees:index"),
        url("committee"),
        url("work_programme"),
        url("matters"),
        url("risk_register"),
        url("meeting", DAY),
        url("meeting", date(2021, 1, 26)),
        *(url("item", DAY, label) for label, item in items.items() if item.part == 1),
    ]
    for address in pages:
        response = client.get(address)
        assert response.status_code == 200, address
        assert canary not in response.content.decode(), address
    part2 = (url("item_part2", DAY, "20b"), url("item_part2", DAY, "20c"), url("risk_register_part2"))
    for address in part2:
        assert client.get(address).status_code == 404
    client.force_login(committee_member)  # the canaries are where Part 2 pages read from
    assert [canary in client.get(address).content.decode() for address in part2] == [True, True, True]
