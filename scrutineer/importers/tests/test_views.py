"""The upload page: performance officers upload a plan, see what was read, then import it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scrutineer.core.models import ReportingPeriod
from scrutineer.importers.models import PlanImport
from scrutineer.plans.models import Plan, SubAction, Update

from .conftest import PLAN_2018, UPDATE_Q3

pytestmark = pytest.mark.django_db
UPLOAD = reverse("importers:plan_upload")


def _posted(initial):
    """A form's initial values as a browser would post them back."""
    return {key: "" if value is None else value for key, value in initial.items()}


def _upload(client, path, **data):
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
    return client.post(UPLOAD, {"file": file, **data})


@pytest.fixture
def officer_client(client, performance_officer):
    client.force_login(performance_officer)
    return client


def test_the_public_is_sent_to_sign_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["lead_officer", "committee_member", "outsider"])
def test_other_roles_may_not_import(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(UPLOAD).status_code == 403


def test_a_new_plan_is_read_checked_then_imported(officer_client, demo):
    response = _upload(officer_client, PLAN_2018, mode="new_plan", portfolio=demo.portfolio.pk)
    assert response.status_code == 302
    staged = PlanImport.objects.get()
    assert response["Location"] == staged.get_absolute_url()
    assert Plan.objects.count() == 1, "reading the file writes no plan"

    preview = officer_client.get(staged.get_absolute_url())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "<title>Check the plan read from 000_7cb5b0983be37437.txt" in html
    assert "4 priorities, 16 actions, 17 sub-actions, 0 updates" in html
    assert "Raise awareness of children and adults safeguarding" in html
    assert "Priorities are not numbered in the document" in html
    assert 'value="children-education-and-families-portfolio-plan-for-2018-to-2022"' in html

    form = preview.context["form"]
    response = officer_client.post(staged.get_absolute_url(), {**_posted(form.initial), "slug": "plan-2018-22"})
    assert response.status_code == 302
    plan = Plan.objects.get(slug="plan-2018-22")
    assert (plan.start_year, plan.end_year, plan.period_label) == (2018, 2021, "2018 to 2022")
    assert SubAction.objects.filter(action__priority__plan=plan).count() == 17
    staged.refresh_from_db()
    assert (staged.status, staged.result_plan) == (PlanImport.Status.IMPORTED, plan)

    again = officer_client.post(staged.get_absolute_url(), {**_posted(form.initial), "slug": "plan-2018-22-again"})
    assert again.status_code == 200
    assert not Plan.objects.filter(slug="plan-2018-22-again").exists(), "an import is not made twice"


def test_a_clash_is_listed_and_nothing_is_written(officer_client, demo):
    _upload(officer_client, PLAN_2018, mode="new_plan", portfolio=demo.portfolio.pk)
    staged = PlanImport.objects.get()
    form = officer_client.get(staged.get_absolute_url()).context["form"]
    response = officer_client.post(staged.get_absolute_url(), {**_posted(form.initial), "slug": demo.slug})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Check the plan" in html
    assert "already has a plan called" in html
    assert Plan.objects.count() == 1


def test_updates_go_into_an_open_period_as_submitted(officer_client, demo, performance_officer):
    period = ReportingPeriod.objects.create(
        organisation=demo.portfolio.organisation, year=2021, quarter=1, status="open"
    )
    response = _upload(officer_client, UPDATE_Q3, mode="updates", plan=demo.pk, period=period.pk)
    staged = PlanImport.objects.get()
    assert response["Location"] == staged.get_absolute_url()
    preview = officer_client.get(staged.get_absolute_url()).content.decode()
    assert "The 32 updates will go into" in preview

    response = officer_client.post(staged.get_absolute_url())
    assert response.status_code == 302
    imported = Update.objects.filter(period=period)
    assert imported.count() == 32
    assert set(imported.values_list("status", flat=True)) == {Update.Status.SUBMITTED}
    assert set(imported.values_list("author", flat=True)) == {performance_officer.pk}


def test_a_closed_period_is_refused_before_anything_is_written(officer_client, demo):
    closed = ReportingPeriod.objects.get(organisation=demo.portfolio.organisation, year=2020, quarter=3)
    form = officer_client.get(UPLOAD).context["form"]
    assert closed not in form.fields["period"].queryset, "only open periods are offered"
    closed.status = "open"
    closed.save()
    _upload(officer_client, UPDATE_Q3, mode="updates", plan=demo.pk, period=closed.pk)
    closed.status = "closed"
    closed.save()
    staged = PlanImport.objects.get()
    before = Update.objects.count()
    response = officer_client.post(staged.get_absolute_url())
    assert response.status_code == 400
    assert "Quarter 3 2020/21 is not open for updates." in response.content.decode()
    assert Update.objects.count() == before


def test_an_unreadable_file_is_answered_on_the_form(officer_client, demo):
    file = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = officer_client.post(UPLOAD, {"file": file, "mode": "new_plan", "portfolio": demo.portfolio.pk})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Import a plan" in html
    assert "PDF files lose their tables" in html
    assert PlanImport.objects.count() == 0


def test_the_form_asks_for_what_each_kind_of_file_needs(officer_client, demo):
    response = _upload(officer_client, UPDATE_Q3, mode="updates")
    html = response.content.decode()
    assert "Choose the plan the updates are for" in html
    assert "Choose the reporting period of the updates" in html


def test_someone_elses_import_is_not_found(officer_client, demo, administrator, client):
    _upload(officer_client, PLAN_2018, mode="new_plan", portfolio=demo.portfolio.pk)
    staged = PlanImport.objects.get()
    from scrutineer.accounts.models import User

    other = User.objects.create_user("pip_performance", role="performance_officer")
    client.force_login(other)
    assert client.get(staged.get_absolute_url()).status_code == 404
    client.force_login(administrator)
    assert client.get(staged.get_absolute_url()).status_code == 200


def test_a_file_over_the_limit_is_refused_with_a_message(officer_client, demo):
    file = SimpleUploadedFile("big.txt", b"x" * (10 * 1024 * 1024 + 1), content_type="text/plain")
    response = officer_client.post(UPLOAD, {"file": file, "mode": "new_plan", "portfolio": demo.portfolio.pk})
    assert response.status_code == 400
    assert "The file must be smaller than 10 MB" in response.content.decode()
    assert PlanImport.objects.count() == 0
