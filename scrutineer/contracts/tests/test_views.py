import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scrutineer.contracts.models import RegisterEntry, ReportingCycle

from .helpers import csv_bytes, import_rows, row

pytestmark = pytest.mark.django_db

REGISTER = "/contracts/2021-02/children-education-families/"


def test_the_register_page_is_the_february_2021_register(client, council_register):
    response = client.get(REGISTER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Contracts register, Children, Education and Families, February 2021 – " in html
    assert html.count("<h1") == 1
    assert (
        "Contract Register Report - £50k Portfolio Filtered - Children, Education and Families - February 2021" in html
    )
    assert "40 contracts of £50k or more, of which 2 imminent (not yet started)" in html
    assert "Revenue-funded contracts (37)" in html and "Capital-funded contracts (3)" in html
    assert "Contracts of concern" not in html  # no section when no contract is of concern
    assert "£49,000,000" in html


def test_register_rows_follow_the_register_key_order(client, council_register):
    html = client.get(REGISTER).content.decode()
    order = re.findall(r'<th scope="row"><a class="govuk-link" href="[^"]+/(\d+)/">', html)
    entries = {e.contract.reference: e for e in RegisterEntry.objects.select_related("contract")}
    assert len(order) == 40
    rank = {"red": 0, "amber": 1, "yellow": 2, "green": 3, "imminent": 4}
    keys = [
        (entries[r].capital, rank[entries[r].risk_colour], rank[entries[r].procurement_status], -entries[r].total_value)
        for r in order
    ]
    assert keys == sorted(keys)
    assert order[-3:] == ["5017", "4998", "4997"]  # capital at the foot, largest first


def test_contracts_of_concern_are_at_the_top(client, council):
    import_rows(council, [row(contract_id="1", total_value="900,000"), row(contract_id="2", concern="Yes")])
    from scrutineer.accounts.models import User

    client.force_login(User.objects.create_user("perf", role="performance_officer"))  # the cycle is a draft
    html = client.get("/contracts/2021-05/children-education-families/").content.decode()
    assert "Contracts of concern (1)" in html
    assert html.index("/children-education-families/2/") < html.index("/children-education-families/1/")


def test_statuses_are_words_in_tags_never_colour_alone(client, council_register):
    html = client.get(REGISTER).content.decode()
    tags = re.findall(r'<strong class="govuk-tag app-tag--(\w+)">([^<]+)</strong>', html)
    assert tags
    assert all(text.split()[0].lower() == colour for colour, text in tags)


def test_contract_page_explains_its_status_and_risk(client, council_register):
    html = client.get(REGISTER + "270/").content.decode()
    assert '<h1 class="govuk-heading-xl">Software Licence - Social Care Information System (Care First)</h1>' in html
    assert "On 21 January 2021 the contract had 14 whole months to run" in html
    assert "&gt;£500k band" in html
    assert "Risk criteria for contract 270" in html and "46 out of 100" in html


def test_imminent_contract_page_says_so(client, council_register):
    html = client.get(REGISTER + "5000/").content.decode()
    assert "so it is imminent" in html


def test_rules_page_shows_the_matrix_and_the_comparison_with_the_published_counts(client, council_register):
    html = client.get(reverse("contracts:rules")).content.decode()
    assert "Procurement status by total contract value and time to expiry" in html
    assert "Within 18 months" in html and "&gt;£500k" in html
    assert "Children, Education and Families, February 2021" in html
    published = re.findall(r"app-tag--(red|amber|yellow|green)\">\w+</strong></th>\s*<td[^>]*>(\d+)</td>", html)
    assert published[-4:] == [("red", "12"), ("amber", "4"), ("yellow", "6"), ("green", "16")]
    assert "counts match the published table" in html


def test_cycle_page_has_three_cycles_and_downloads(client, council_register):
    html = client.get("/contracts/2021-02/").content.decode()
    assert html.count("as published") >= 5  # two CEF columns and three all-portfolio columns
    assert 'href="/contracts/2021-02/download/ocds/"' in html
    assert "Only the counts the council published for November 2020 are held" in html


def test_a_cycle_held_only_as_counts_has_no_register_or_downloads(client, council_register):
    html = client.get("/contracts/2020-11/").content.decode()
    assert "Only the counts the council published for November 2020 are held, not its register." in html
    assert "/download/" not in html
    assert client.get("/contracts/2020-11/download/csv/").status_code == 404
    assert client.get("/contracts/2020-11/children-education-families/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/contracts/2019-01/",
        "/contracts/2021-02/no-such-portfolio/",
        REGISTER + "99999/",
        "/contracts/2021-02/download/pdf/",
    ],
)
def test_unknown_things_are_404(client, council_register, url):
    assert client.get(url).status_code == 404


def test_drafts_are_for_officers_only(client, council, performance_officer, committee_member):
    import_rows(council, [row(contract_id="1")])
    assert client.get("/contracts/2021-05/").status_code == 404
    client.force_login(committee_member)
    assert client.get("/contracts/2021-05/").status_code == 404
    client.force_login(performance_officer)
    assert "This register is a draft" in client.get("/contracts/2021-05/").content.decode()


def test_a_performance_officer_imports_and_publishes_a_register(client, council, performance_officer):
    client.force_login(performance_officer)
    upload = SimpleUploadedFile("register.csv", csv_bytes([row(contract_id="1"), row(contract_id="2")]), "text/csv")
    response = client.post(
        reverse("contracts:import"), {"file": upload, "cycle": "2021-05", "as_at": "21/04/2021"}, follow=True
    )
    assert "Imported 2 contracts into the May 2021 register (Children, Education and Families)" in (
        response.content.decode()
    )
    client.post(reverse("contracts:publish", args=["2021-05"]))
    client.logout()
    assert ReportingCycle.objects.get().is_published is True
    assert client.get("/contracts/2021-05/children-education-families/").status_code == 200


def test_an_import_with_problems_lists_them_all_and_writes_nothing(client, council, performance_officer):
    client.force_login(performance_officer)
    bad = csv_bytes([row(contract_id="1", total_value="a lot"), row(contract_id="2", end_date="never")])
    upload = SimpleUploadedFile("register.csv", bad, "text/csv")
    response = client.post(reverse("contracts:import"), {"file": upload, "cycle": "2021-05", "as_at": "21/04/2021"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Import a contracts register" in html
    assert "&#x27;a lot&#x27; is not an amount of money." in html and "&#x27;never&#x27; is not a date" in html
    assert RegisterEntry.objects.count() == 0


def test_the_import_form_checks_its_fields(client, council, performance_officer):
    client.force_login(performance_officer)
    upload = SimpleUploadedFile("register.pdf", b"%PDF", "application/pdf")
    html = client.post(reverse("contracts:import"), {"file": upload, "cycle": "May", "as_at": "soon"}).content.decode()
    assert "The file must be a CSV or an Excel (.xlsx) file." in html
    assert "Enter the cycle as year and month" in html and "Enter a real date" in html


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("committee_member", 403), ("lead_officer", 403)])
def test_only_performance_officers_import_or_publish(client, council, request, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("contracts:import")).status_code == status
    import_rows(council, [row(contract_id="1")])
    client.post(reverse("contracts:publish", args=["2021-05"]))
    assert ReportingCycle.objects.get().is_published is False


def test_the_navigation_has_contracts(client, council_register):
    html = client.get("/contracts/").content.decode()
    assert re.search(r'<a class="govuk-service-navigation__link" href="/contracts/" aria-current="true">', html)


def test_register_page_queries_do_not_grow_with_the_register(client, council):
    import_rows(council, [row(contract_id=str(n)) for n in range(1, 11)], month="2021-05")
    small = _queries(client, "/contracts/2021-05/children-education-families/")
    import_rows(council, [row(contract_id=str(n)) for n in range(1, 501)], month="2021-05")
    large = _queries(client, "/contracts/2021-05/children-education-families/")
    assert small == large
    assert large <= 25


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scrutineer.accounts.models import User

    user = User.objects.filter(username="perf").first() or User.objects.create_user("perf", role="performance_officer")
    client.force_login(user)
    client.get(url)  # first requests after sign-in do one-off work (the session, caches): not the page's
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_markup_in_register_data_is_escaped_on_every_page(client, council, performance_officer):
    payload = '<script>alert("x")</script>'
    import_rows(
        council,
        [row(contract_id="1", contract_title=payload, supplier_name='" onmouseover="alert(1)', owner="A & B")],
    )
    client.force_login(performance_officer)
    for url in ("/contracts/2021-05/children-education-families/", "/contracts/2021-05/children-education-families/1/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and 'onmouseover="alert' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
