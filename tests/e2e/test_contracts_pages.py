import pytest

from scrutineer.accounts.tests.authenticators import give_authenticator
from tests.e2e.axe import axe_violations
from tests.e2e.two_factor import enter_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_page_from_the_navigation_with_no_accessibility_violations(live_server, page, demo):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Contracts", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Contracts register"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Children, Education and Families").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Contracts register: Children, Education and Families"
    assert page.get_by_role("region", name="Revenue-funded contracts (37)").count() == 1
    assert page.get_by_role("row").filter(has_text="Passenger Transport Services Framework").count() == 1
    assert axe_violations(page) == []

    page.get_by_role("link", name="270", exact=True).click()
    page.wait_for_load_state()
    assert "Care First" in page.locator("h1").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/contracts/2021-02/", "/contracts/rules/", "/contracts/data-quality/"])
def test_summary_rules_and_data_quality_pages_pass_axe(live_server, page, demo, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def test_a_performance_officer_sees_every_problem_in_a_bad_register_file(live_server, page, demo, tmp_path):
    from scrutineer.accounts.models import User

    georgina = User.objects.create_user("georgina", password="a-long-enough-passphrase-42", role="performance_officer")
    give_authenticator(georgina)
    page.goto(live_server.url + "/contracts/import/")
    page.fill("#id_username", "georgina")
    page.fill("#id_password", "a-long-enough-passphrase-42")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    bad = tmp_path / "register.csv"
    bad.write_text(
        "Contract ID,Contract Title,Portfolio,Total Value,Original Annual Value,Start Date,End Date\n"
        "1,Meals,Children, Education and Families,lots,1000,01/04/2021,31/03/2022\n"
        '2,Meals,"Children, Education and Families",60000,1000,01/04/2021,soon\n'
    )
    page.set_input_files("#id_file", str(bad))
    page.fill("#id_cycle", "2021-05")
    page.fill("#id_as_at", "21/04/2021")
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Import a contracts register")
    assert page.get_by_role("table", name="Problems in the file").get_by_role("row").count() > 2
    assert axe_violations(page) == []

    page.goto(live_server.url + "/contracts/2021-02/children-education-families/part-2/")
    enter_code(page, georgina)  # Part 2: the code from her authenticator app first (check A5)
    assert page.locator("h1").inner_text() == "Contracts register: Children, Education and Families"
    assert page.get_by_role("columnheader", name="Commentary", exact=True).count() == 2  # revenue and capital
    assert axe_violations(page) == []
