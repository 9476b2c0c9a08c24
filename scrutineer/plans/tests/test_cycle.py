"""The update cycle's rules, through its services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from scrutineer.domain.periods import FinancialQuarter
from scrutineer.plans import cycle
from scrutineer.plans.models import Update

pytestmark = pytest.mark.django_db


def _save(sub_action, period, by, text="Progress made.", version=0, submit=False, status=None):
    return cycle.update_save(
        sub_action=sub_action,
        period=period,
        by=by,
        text=text,
        delivery_status=status,
        expected_version=version,
        submit=submit,
    )


def test_a_lead_officer_writes_a_draft_then_submits(education_lead, adult_learning, q4, on_track):
    draft = _save(adult_learning, q4, education_lead, "First thoughts.", status=on_track)
    assert (draft.status, draft.version, draft.author) == (Update.Status.DRAFT, 1, education_lead)
    submitted = _save(adult_learning, q4, education_lead, "Places secured.", version=1, submit=True, status=on_track)
    assert (submitted.status, submitted.version, submitted.text) == (Update.Status.SUBMITTED, 2, "Places secured.")
    assert submitted.submitted_at is not None


def test_a_lead_officer_cannot_update_a_sub_action_that_is_not_theirs(education_lead, safeguarding_training, q4):
    with pytest.raises(PermissionDenied):
        _save(safeguarding_training, q4, education_lead)
    assert not Update.objects.filter(sub_action=safeguarding_training, period=q4).exists()


@pytest.mark.parametrize("persona", ["committee_member", "outsider"])
def test_people_without_a_lead_role_cannot_write_updates(request, persona, adult_learning, q4):
    with pytest.raises(PermissionDenied):
        _save(adult_learning, q4, request.getfixturevalue(persona))


def test_the_performance_officer_may_write_any_update(performance_officer, safeguarding_training, q4):
    assert _save(safeguarding_training, q4, performance_officer).status == Update.Status.DRAFT


def test_a_closed_period_takes_no_updates(education_lead, adult_learning, demo):
    from scrutineer.core.models import ReportingPeriod

    q3 = ReportingPeriod.objects.get(year=2020, quarter=3)
    with pytest.raises(cycle.CycleError, match="not open"):
        _save(adult_learning, q3, education_lead)


def test_an_empty_update_cannot_be_submitted(education_lead, adult_learning, q4):
    with pytest.raises(cycle.CycleError, match="Write the update"):
        _save(adult_learning, q4, education_lead, text="  ", submit=True)


def test_a_stale_save_is_refused_and_the_stored_text_kept(education_lead, performance_officer, adult_learning, q4):
    _save(adult_learning, q4, education_lead, "Version A")
    _save(adult_learning, q4, performance_officer, "Version B", version=1)
    with pytest.raises(cycle.EditConflict) as conflict:
        _save(adult_learning, q4, education_lead, "Version C", version=1)
    assert conflict.value.current.text == "Version B"
    assert "changed this update" in str(conflict.value)
    stored = Update.objects.get(sub_action=adult_learning, period=q4)
    assert (stored.text, stored.version) == ("Version B", 2)


def test_creating_when_someone_already_created_is_a_conflict(education_lead, adult_learning, q4):
    _save(adult_learning, q4, education_lead, "First")
    with pytest.raises(cycle.EditConflict):
        _save(adult_learning, q4, education_lead, "Also first", version=0)


def test_a_submitted_update_is_locked_for_the_lead(education_lead, adult_learning, q4):
    _save(adult_learning, q4, education_lead, "Done", submit=True)
    with pytest.raises(cycle.CycleError, match="submitted"):
        _save(adult_learning, q4, education_lead, "Changed my mind", version=1)


def test_approve_makes_it_public_and_return_needs_a_comment(
    education_lead, performance_officer, adult_learning, q4, client
):
    submitted = _save(adult_learning, q4, education_lead, "Unique approved words", submit=True)
    with pytest.raises(cycle.CycleError, match="Say what needs to change"):
        cycle.update_return(update=submitted, by=performance_officer, comment="", expected_version=1)
    approved = cycle.update_approve(update=submitted, by=performance_officer, expected_version=1)
    assert (approved.status, approved.reviewed_by, approved.version) == (Update.Status.APPROVED, performance_officer, 2)
    html = client.get(adult_learning.get_absolute_url().split("#")[0]).content.decode()
    assert "Unique approved words" in html


def test_returned_update_goes_back_to_the_lead_with_the_comment(
    education_lead, performance_officer, adult_learning, q4
):
    submitted = _save(adult_learning, q4, education_lead, "Thin", submit=True)
    returned = cycle.update_return(update=submitted, by=performance_officer, comment="Add figures.", expected_version=1)
    assert (returned.status, returned.review_comment) == (Update.Status.RETURNED, "Add figures.")
    revised = _save(adult_learning, q4, education_lead, "Thin, with figures: 98%", version=2, submit=True)
    assert revised.status == Update.Status.SUBMITTED


@pytest.mark.parametrize("persona", ["education_lead", "committee_member"])
def test_only_the_performance_team_reviews(request, persona, adult_learning, q4, education_lead):
    submitted = _save(adult_learning, q4, education_lead, "Done", submit=True)
    with pytest.raises(PermissionDenied):
        cycle.update_approve(update=submitted, by=request.getfixturevalue(persona), expected_version=1)


def test_a_review_of_an_outdated_version_is_refused(education_lead, performance_officer, adult_learning, q4):
    submitted = _save(adult_learning, q4, education_lead, "Done", submit=True)
    with pytest.raises(cycle.EditConflict):
        cycle.update_approve(update=submitted, by=performance_officer, expected_version=0)


def test_opening_a_period(performance_officer, demo):
    period = cycle.period_open(
        organisation=demo.portfolio.organisation,
        quarter=FinancialQuarter(2021, 1),
        deadline=datetime.date(2021, 7, 23),
        by=performance_officer,
    )
    assert (period.label, period.is_open, period.deadline) == ("2021/22 Q1", True, datetime.date(2021, 7, 23))
    with pytest.raises(cycle.CycleError, match="already open"):
        cycle.period_open(
            organisation=demo.portfolio.organisation,
            quarter=FinancialQuarter(2021, 1),
            deadline=datetime.date(2021, 7, 23),
            by=performance_officer,
        )


def test_a_lead_cannot_open_a_period(education_lead, demo):
    with pytest.raises(PermissionDenied):
        cycle.period_open(
            organisation=demo.portfolio.organisation,
            quarter=FinancialQuarter(2021, 1),
            deadline=datetime.date(2021, 7, 23),
            by=education_lead,
        )


def test_every_step_is_in_the_history_with_who_did_it(education_lead, performance_officer, adult_learning, q4):
    update = _save(adult_learning, q4, education_lead, "One", submit=True)
    cycle.update_approve(update=update, by=performance_officer, expected_version=1)
    history = list(
        update.history.order_by("history_date").values_list("history_user__username", "status", "history_change_reason")
    )
    assert history == [("lee_lead", "submitted", "submitted"), ("pat_performance", "approved", "approved")]


def test_the_same_form_posted_twice_saves_once(education_lead, adult_learning, q4, on_track):
    first = _save(adult_learning, q4, education_lead, "Double click", submit=True, status=on_track)
    again = _save(adult_learning, q4, education_lead, "Double click", submit=True, status=on_track)
    assert again.pk == first.pk and again.version == first.version == 1
    assert first.history.count() == 1


def test_a_different_text_on_the_old_version_is_still_a_conflict(education_lead, adult_learning, q4):
    _save(adult_learning, q4, education_lead, "First")
    with pytest.raises(cycle.EditConflict):
        _save(adult_learning, q4, education_lead, "Second, different", version=0)
