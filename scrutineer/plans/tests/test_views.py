import re

import pytest
from django.urls import reverse

from scrutineer.core.models import LeadRole, ReportingPeriod
from scrutineer.plans.models import Action, SubAction, Update

pytestmark = pytest.mark.django_db


def _sub_action_count(html: str) -> int:
    return int(re.search(r"Showing (\d+) of \d+ sub-action", html).group(1))


def test_home_shows_the_plan_with_its_quarter_three_updates(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<title>{demo.title} – London Borough of Bromley – Scrutineer</title>" in html
    assert "MAPE (Multi Agency Partnership Event) is on hold due to COVID." in html
    assert "5 priorities, 18 actions, 32 sub-actions; 2 past their target date" in html
    assert html.count('class="govuk-skip-link"') == 1


def test_home_without_any_plan_says_so(client, db):
    from scrutineer.plans.models import Plan

    Plan.objects.all().delete()
    response = client.get("/")
    assert response.status_code == 200
    assert "No plan has been published yet" in response.content.decode()


def test_priority_page_lists_ambitions_links_and_actions(client, demo):
    priority = demo.priorities.get(number=1)
    html = client.get(priority.get_absolute_url()).content.decode()
    assert '<h1 class="govuk-heading-xl">Priority 1: Safeguarding</h1>' in html
    assert html.count("The Roadmap to Excellence") == 2
    assert "For children to grow up, thrive and have the best life chances" in html
    assert "Implement the Getting to Excellence Improvement Plan" in html


def test_action_page_shows_each_sub_action_with_measures_date_lead_and_updates(client, demo):
    action = Action.objects.get(priority__plan=demo, priority__number=3, number="2")
    html = client.get(action.get_absolute_url()).content.decode()
    for letter in "ABC":
        assert f">{letter}) " in html
    assert "Take up of targeted childcare for two-year olds" in html
    assert "September 2020" in html and "June 2020" in html
    assert html.count('govuk-tag--red">Overdue') == 2
    assert "Specialist company commissioned to undertake sufficiency review" in html
    assert "Quarter 3 2020/21" in html


def test_action_page_shows_history_across_quarters_newest_first(client, demo):
    action = Action.objects.get(priority__plan=demo, priority__number=1, number="1")
    q4 = ReportingPeriod.objects.get(organisation=demo.portfolio.organisation, year=2020, quarter=4)
    Update.objects.create(
        sub_action=action.sub_actions.get(),
        period=q4,
        text="MAPE held as a webinar.",
        status=Update.Status.APPROVED,
    )
    html = client.get(action.get_absolute_url()).content.decode()
    assert html.index("Quarter 4 2020/21") < html.index("Quarter 3 2020/21")
    assert "MAPE held as a webinar." in html


def test_unapproved_updates_are_not_public(client, demo):
    action = Action.objects.get(priority__plan=demo, priority__number=1, number="1")
    q4 = ReportingPeriod.objects.get(organisation=demo.portfolio.organisation, year=2020, quarter=4)
    Update.objects.create(sub_action=action.sub_actions.get(), period=q4, text="DRAFT-NOT-PUBLIC")
    for url in [
        "/",
        action.get_absolute_url(),
        reverse("plans:sub_action_list", args=[demo.slug]) + "?period=2020-21-Q4",
    ]:
        assert "DRAFT-NOT-PUBLIC" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", 32), ("due=overdue", 2), ("due=annual-programme", 10), ("due=this-quarter", 0)],
)
def test_target_date_filters(client, demo, query, expected):
    html = client.get(reverse("plans:sub_action_list", args=[demo.slug]) + "?" + query).content.decode()
    assert _sub_action_count(html) == expected


def test_overdue_filter_finds_childcare_b_and_c(client, demo):
    html = client.get(reverse("plans:sub_action_list", args=[demo.slug]) + "?due=overdue").content.decode()
    assert "Procure a digital solution to manage and process Early Years funding" in html
    assert "Produce an updated sufficiency report" in html
    assert "Secure sufficient school places for pupils in Bromley" not in html


def test_lead_filter_shows_only_that_leads_sub_actions(client, demo):
    role = LeadRole.objects.get(title="Director Education")
    html = client.get(reverse("plans:sub_action_list", args=[demo.slug]) + f"?lead={role.pk}").content.decode()
    assert _sub_action_count(html) == SubAction.objects.filter(lead_links__role=role).count() == 11
    assert "Multi Agency Safeguarding Training" not in html


def test_priority_filter(client, demo):
    priority = demo.priorities.get(number=2)
    html = client.get(reverse("plans:sub_action_list", args=[demo.slug]) + f"?priority={priority.pk}").content.decode()
    assert _sub_action_count(html) == 5
    assert "Priority 1: Safeguarding</h2>" not in html


def test_filters_combine(client, demo):
    role = LeadRole.objects.get(title="Director Education")
    query = f"?lead={role.pk}&due=overdue"
    html = client.get(reverse("plans:sub_action_list", args=[demo.slug]) + query).content.decode()
    assert _sub_action_count(html) == 2


def test_a_bad_filter_is_reported_not_guessed(client, demo):
    response = client.get(reverse("plans:sub_action_list", args=[demo.slug]) + "?due=yesterday&lead=abc")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filters" in html
    assert "<title>Error: All actions" in html
    assert _sub_action_count(html) == 32


@pytest.mark.parametrize("path", ["/plans/no-such-plan/", "/plans/no-such-plan/actions/"])
def test_unknown_plan_is_404(client, demo, path):
    assert client.get(path).status_code == 404


def test_action_of_another_plan_is_404(client, demo):
    action = Action.objects.filter(priority__plan=demo).first()
    assert client.get(f"/plans/{demo.slug}/actions/{action.pk + 10_000}/").status_code == 404


@pytest.mark.parametrize("name", ["home", "plans:plan_detail", "plans:sub_action_list"])
def test_pages_use_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries, name):
    url = reverse(name, args=[] if name == "home" else [demo.slug])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_plan_list(client, demo):
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert demo.title in html and "2018 to 2022 (2020/21)" in html
