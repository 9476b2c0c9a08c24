"""The performance pages, as the public, members and officers meet them."""

import re

import pytest
from django.urls import reverse

from scrutineer.accounts.models import Part2Access
from scrutineer.domain.parts import Part
from scrutineer.indicators.models import IndicatorValue, ManagementCommentary, RagOverride

pytestmark = pytest.mark.django_db

MONTH = "2020-12"


def _get(client, name, *args):
    response = client.get(reverse(f"indicators:{name}", args=args))
    return response, response.content.decode()


def test_the_index_is_the_committee_table_grouped_by_section(client, portfolio):
    response, html = _get(client, "index")
    assert response.status_code == 200
    assert "<title>Children, Education and Families Scrutiny - Performance Index 2020/21, as at December 2020" in html
    assert html.count("<h1") == 1
    captions = re.findall(r'<caption class="govuk-table__caption govuk-table__caption--m">([^<]+)</caption>', html)
    assert captions == [
        "Early Help",
        "Safeguarding and Child Protection",
        "Children Looked After and Care Leavers",
        "Children&#x27;s Social Care Caseload Promise: Average caseloads",
        "Children and Young People with complex needs",
        "Indicators measured on a calendar year: 2020",
    ]
    assert html.count('govuk-tag govuk-tag--red">RED</strong>') == 1
    assert html.count('govuk-tag govuk-tag--orange">AMBER</strong>') == 4
    assert "Bromley 2019/20" in html and ">Dec-20</th>" in html and ">Jan-21</th>" not in html
    assert "Set by hand (as published)" in html
    assert "<strong>c</strong> = suppressed to protect confidentiality" in html
    assert 'style="' not in html


def test_the_index_is_in_the_navigation(client, portfolio):
    html = client.get("/").content.decode()
    assert f'href="{reverse("indicators:index")}"' in html and ">Performance<" in html


def test_an_indicator_page_has_a_chart_with_its_data_beside_it(client, portfolio):
    response, html = _get(client, "indicator_detail", MONTH, "26")
    assert response.status_code == 200
    assert html.count("<h1") == 1
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "Target range 47% to 52%. England 50%. London 52%." in svg
    assert "style=" not in svg
    assert "<polyline" in svg and svg.count("<circle") == 3
    assert re.search(r"September 2020</th>\s*<td class=\"govuk-table__cell\">38%</td>", html)
    assert "This cohort for this indicator is those care leavers" in html


def test_a_suppressed_indicator_page_plots_nothing_it_may_not_show(client, portfolio):
    _, html = _get(client, "indicator_detail", MONTH, "22.2")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<circle" not in svg and "0 values, no values to plot" in svg
    assert "The management commentary on this indicator is in the Part 2 (exempt) report." in html
    assert "the public papers refer to it" not in html  # the Part 2 record itself


@pytest.mark.parametrize(("month", "number"), [("2020-12", "99"), ("2020-13", "10")])
def test_unknown_indicators_and_months_are_not_found(client, portfolio, month, number):
    assert client.get(f"/performance/{month}/indicators/{number}/").status_code == 404


def test_exceptions_page_lists_red_and_amber_with_their_commentary(client, portfolio):
    response, html = _get(client, "exceptions", MONTH)
    assert response.status_code == 200
    headings = re.findall(r"Indicator ([\d.]+): <a", html)
    assert headings == ["22.2", "23", "26", "29", "35.1"]
    assert "3.6.2 Indicator 29" in html
    assert "the average caseload across the children&#x27;s social care division" in html
    assert html.count("The management commentary on this indicator is in the Part 2 (exempt) report.") == 2
    assert "commentary/" not in html  # the public cannot write commentary


def test_a_performance_officer_sees_where_to_write_commentary(client, portfolio, performance_officer):
    client.force_login(performance_officer)
    _, html = _get(client, "exceptions", MONTH)
    assert html.count('the commentary<span class="govuk-visually-hidden"> on indicator') == 5


@pytest.mark.parametrize(("persona", "status"), [(None, 302), ("committee_member", 403), ("lead_officer", 403)])
def test_only_performance_officers_write_commentary(client, portfolio, request, persona, status):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    url = reverse("indicators:commentary_edit", args=[MONTH, "26"])
    assert client.get(url).status_code == status
    assert client.post(url, {"part": "1", "text": "Hacked"}).status_code == status
    assert "Hacked" not in ManagementCommentary.objects.get(indicator__number="26").text


def test_writing_commentary_shows_errors_then_saves(client, portfolio, performance_officer):
    client.force_login(performance_officer)
    url = reverse("indicators:commentary_edit", args=[MONTH, "29"])
    response = client.post(url, {"part": "1", "paragraph": "3.6.2", "text": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Commentary on indicator 29" in html
    assert "There is a problem" in html and 'href="#id_text">Enter the management commentary.</a>' in html
    response = client.post(url, {"part": "2", "paragraph": "3.6.2", "text": "Caseloads remain high."})
    assert response.status_code == 302
    commentary = ManagementCommentary.objects.get(indicator__number="29")
    assert (commentary.part, commentary.text, commentary.written_by) == (
        Part.TWO,
        "Caseloads remain high.",
        performance_officer,
    )
    assert commentary.rating_text == "AMBER"
    client.logout()
    public = client.get(reverse("indicators:exceptions", args=[MONTH])).content.decode()
    assert "Caseloads remain high." not in public
    assert public.count("The management commentary on this indicator is in the Part 2 (exempt) report.") == 3


def test_showing_part_2_commentary_for_editing_is_logged(client, portfolio, performance_officer):
    client.force_login(performance_officer)
    response = client.get(reverse("indicators:commentary_edit", args=[MONTH, "22.2"]))
    assert "the public papers refer to it" in response.content.decode()
    assert Part2Access.objects.filter(user=performance_officer, what__contains="indicator 22.2").count() == 1


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_part_2_pages_are_not_found_for_the_public(client, portfolio, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    for name, args in [("part2_index", [MONTH]), ("part2_download", [MONTH, "csv"])]:
        assert client.get(reverse(f"indicators:{name}", args=args)).status_code == 404
    assert not Part2Access.objects.exists()


def test_members_read_part_2_and_every_read_is_logged(client, portfolio, committee_member):
    client.force_login(committee_member)
    response, html = _get(client, "part2_index", MONTH)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "(suppressed at source)" in html  # 22.2 in 2019/20, printed "X"
    assert "Part 1: c (primary)" in html  # a small count the disclosure policy suppresses in Part 1
    download = client.get(reverse("indicators:part2_download", args=[MONTH, "csv"]))
    assert download["Content-Disposition"] == 'attachment; filename="performance-index-2020-12-part-2.csv"'
    assert list(Part2Access.objects.filter(user=committee_member).values_list("what", flat=True).order_by("at")) == [
        "Performance index (Part 2) as at December 2020",
        "Performance index (Part 2) as at December 2020 (csv)",
    ]


def test_part_1_downloads(client, portfolio):
    response = client.get(reverse("indicators:download", args=[MONTH, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="performance-index-2020-12.csv"'
    assert response.content.decode().startswith("table,section,number,name,")


def test_data_quality_lists_each_disagreement(client, portfolio):
    response, html = _get(client, "data_quality", MONTH)
    assert response.status_code == 200
    section = html[html.index('id="ratings"') : html.index('id="year-to-date"')]
    assert re.findall(r"/performance/2020-12/indicators/([\d.]+)/", section) == ["17", "22.2", "23", "29", "31"]
    # what the rule would give from 22.2's suppressed figures is kept back in Part 1
    assert "Published: AMBER. The rule gives: The latest value is suppressed. In force: AMBER" in section
    assert "Published: GREEN. The rule gives: AMBER. In force: GREEN (reason: as published)." in section
    quarters = html[html.index('id="quarters"') : html.index('id="after-index-date"')]
    assert "Values in Aug-20, Nov-20." in quarters
    late = html[html.index('id="after-index-date"') : html.index('id="commentary"')]
    assert re.findall(r"/performance/2020-12/indicators/([\d.]+)/", late) == ["14", "20"]
    assert "January 2021: 100%, February 2021: 100%" in late


def test_setting_a_rating_by_hand_needs_a_reason(client, portfolio, performance_officer):
    client.force_login(performance_officer)
    url = reverse("indicators:rating_edit", args=[MONTH, "10"])
    response = client.post(url, {"rating": "amber", "reason": ""})
    assert "Give the reason for setting the rating by hand." in response.content.decode()
    assert not RagOverride.objects.filter(indicator__number="10").exists()
    assert client.post(url, {"rating": "amber", "reason": "Audit found errors"}).status_code == 302
    override = RagOverride.objects.get(indicator__number="10")
    assert (override.rating, override.reason, override.set_by) == ("amber", "Audit found errors", performance_officer)
    client.post(url, {"rating": "rule"})
    assert not RagOverride.objects.filter(indicator__number="10").exists()


def test_the_import_page_imports_a_file_or_lists_every_problem(client, portfolio, performance_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(performance_officer)
    url = reverse("indicators:import_values")
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("values.csv", b"indicator,period,value\n19,2021-01,330\n99,2021-01,3\n19,2021-13,4\n")
    response = client.post(url, {"file": bad})
    html = response.content.decode()
    assert "The file was not imported" in html and "Nothing was written." in html
    assert "There is no indicator 99 in the index." in html and "2021-13" in html
    assert not IndicatorValue.objects.filter(period="2021-01", indicator__number="19").exists()
    good = SimpleUploadedFile("values.csv", b"indicator,period,value\n19,2021-01,330\n")
    response = client.post(url, {"file": good}, follow=True)
    assert "Imported values.csv: 1 values read: 1 new" in response.content.decode()
    assert IndicatorValue.objects.get(period="2021-01", indicator__number="19").text == "330"


def test_the_import_page_is_for_performance_officers(client, portfolio, committee_member):
    assert client.get(reverse("indicators:import_values")).status_code == 302
    client.force_login(committee_member)
    assert client.get(reverse("indicators:import_values")).status_code == 403


def test_the_template_downloads(client, portfolio):
    response = client.get(reverse("indicators:import_template", args=["csv"]))
    assert response.content.decode() == "indicator,period,value,split,comparator,part\n"
    assert client.get(reverse("indicators:import_template", args=["xlsx"])).status_code == 200


def test_without_an_index_the_page_says_so(client, db):
    from scrutineer.indicators.models import Indicator, PerformanceIndex

    PerformanceIndex.objects.all().delete()
    Indicator.objects.all().delete()
    response = client.get(reverse("indicators:index"))
    assert response.status_code == 200
    assert "No performance index has been published yet." in response.content.decode()


def test_a_cached_public_index_shows_imported_values_at_once(client, portfolio, django_assert_max_num_queries):
    import io

    from scrutineer.core.tabular import read_table
    from scrutineer.indicators.imports import values_import

    url = reverse("indicators:index_at", args=[MONTH])
    assert ">328</td>" in client.get(url).content.decode()
    with django_assert_max_num_queries(2):
        client.get(url)  # served from the page cache
    values_import(
        portfolio=portfolio, table=read_table(io.BytesIO(b"indicator,period,value\n19,2020-12,331\n"), name="x.csv")
    )
    html = client.get(url).content.decode()
    assert ">331</td>" in html


def test_part_1_commentary_on_a_suppressed_indicator_may_not_state_a_small_number(
    client, portfolio, performance_officer
):
    """Rule 9 (../shared/disclosure.md 2.3): refused in the form, with the engine's reason."""
    client.force_login(performance_officer)
    url = reverse("indicators:commentary_edit", args=[MONTH, "22.2"])
    page = client.get(url).content.decode()
    assert "its commentary is printed in the Part 2 report only" in page
    response = client.post(url, {"part": "1", "text": "Four new carers were approved by December."})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Commentary on indicator 22.2" in html
    assert "the text states “Four”" in html
    assert ManagementCommentary.objects.get(indicator__number="22.2").part == Part.TWO  # unchanged
    response = client.post(url, {"part": "2", "text": "Four new carers were approved by December."})
    assert response.status_code == 302  # in Part 2 the number may be stated
    response = client.post(url, {"part": "1", "text": "Recruitment continues despite the pandemic."})
    assert response.status_code == 302
    public = client.get(reverse("indicators:indicator_detail", args=[MONTH, "22.2"])).content.decode()
    assert "Recruitment continues" not in public and "See Part 2 report" in public
