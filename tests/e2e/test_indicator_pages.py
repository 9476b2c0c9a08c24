import pytest

from scrutineer.indicators.models import ManagementCommentary
from tests.e2e.axe import axe_violations
from tests.e2e.two_factor import enter_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough passphrase"


def test_index_and_indicator_page_pass_axe(live_server, page, demo):
    page.goto(live_server.url + "/performance/")
    assert page.locator("h1").inner_text() == "Children, Education and Families Scrutiny - Performance Index 2020/21"
    assert page.get_by_role("region", name="Early Help: indicators").count() == 1
    assert axe_violations(page) == []

    page.get_by_role("link", name="% of Care leavers who are EET (aged 19, 20, 21) (DFE definition)").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Indicator 26:")
    chart = page.get_by_role("img", name="Indicator 26: % of Care leavers who are EET")
    assert chart.count() == 1
    assert page.get_by_role("table", name="Values, December 2020 index").count() == 1
    assert axe_violations(page) == []


def test_performance_officer_writes_commentary_on_an_exception(live_server, page, demo, performance_officer):
    performance_officer.set_password(PASSWORD)
    performance_officer.save()
    page.goto(live_server.url + "/performance/2020-12/exceptions/")
    assert axe_violations(page) == []
    page.goto(live_server.url + "/accounts/sign-in/?next=/performance/2020-12/exceptions/")
    page.fill("#id_username", performance_officer.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Change the commentary on indicator 29").click()
    page.wait_for_load_state()
    page.fill("#id_text", "")
    page.get_by_role("button", name="Save commentary").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="Enter the management commentary.").count() == 1
    assert axe_violations(page) == []

    page.fill("#id_text", "Average caseloads were 18 at the end of December.")
    page.check("#id_part_1")
    page.get_by_role("button", name="Save commentary").click()
    page.wait_for_load_state()
    assert "Commentary on indicator 29 saved." in page.content()
    assert "Average caseloads were 18 at the end of December." in page.content()
    assert ManagementCommentary.objects.get(indicator__number="29").written_by == performance_officer
    assert axe_violations(page) == []


def _sign_in(page, live_server, user, next_path):
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{live_server.url}/accounts/sign-in/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_import_errors_and_the_data_quality_page_pass_axe(live_server, page, demo, performance_officer, tmp_path):
    _sign_in(page, live_server, performance_officer, "/performance/import/")
    bad = tmp_path / "values.csv"
    bad.write_text("indicator,period,value\n19,2021-01,330\n99,2021-01,3\n10,2021-13,85%\n")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    assert page.get_by_role("table", name="2 problems found").count() == 1
    assert axe_violations(page) == []
    page.goto(live_server.url + "/performance/2020-12/data-quality/")
    assert axe_violations(page) == []


def test_part_2_index_passes_axe_for_a_member(live_server, page, demo, committee_member):
    _sign_in(page, live_server, committee_member, "/performance/2020-12/part-2/")
    assert page.title().startswith("Enter the code from your authenticator app")  # check A5
    assert axe_violations(page) == []
    enter_code(page, committee_member)
    assert page.locator("h1").inner_text().startswith("Part 2:")
    # Part 2 shows the figures behind the cells the published index suppressed (demo true values).
    assert "Data suppressed, see part 2 report" not in page.content()
    assert "Part 1: c (primary)" in page.content()  # each figure marked with what the public sees
    assert axe_violations(page) == []
