"""The update cycle as people meet it: pages and forms."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from scrutineer.plans.models import ReminderSent, Update

pytestmark = pytest.mark.django_db


def _edit_url(period, sub_action):
    return reverse("cycle:update_edit", args=[period.slug, sub_action.pk])


def test_my_actions_lists_only_my_sub_actions(client, education_lead, q4):
    client.force_login(education_lead)
    html = client.get(reverse("cycle:my_actions")).content.decode()
    assert "11 sub-actions to update; 11 still to write or submit." in html
    assert "Secure sufficient school places" not in html or "Multi Agency Safeguarding" not in html
    assert "Multi Agency Safeguarding Training" not in html
    assert "Updates for Quarter 4 2020/21 are due by 23 April 2021." in html


def test_writing_and_submitting_through_the_form(client, education_lead, adult_learning, q4, on_track):
    client.force_login(education_lead)
    url = _edit_url(q4, adult_learning)
    response = client.post(
        url, {"text": "Pilot started.", "delivery_status": on_track.pk, "version": 0, "action": "save"}
    )
    assert response.status_code == 302
    update = Update.objects.get(sub_action=adult_learning, period=q4)
    assert (update.status, update.text, update.delivery_status) == ("draft", "Pilot started.", on_track)
    client.post(url, {"text": "Pilot running.", "delivery_status": on_track.pk, "version": 1, "action": "submit"})
    update.refresh_from_db()
    assert (update.status, update.version) == ("submitted", 2)


def test_the_second_save_is_refused_with_both_versions_shown(
    client, education_lead, performance_officer, adult_learning, q4, on_track
):
    client.force_login(education_lead)
    url = _edit_url(q4, adult_learning)
    client.post(url, {"text": "A wrote this.", "delivery_status": on_track.pk, "version": 0, "action": "save"})
    # The performance officer saves on top of version 1 ...
    other = client.__class__()
    other.force_login(performance_officer)
    other.post(url, {"text": "Officer rewrote this.", "delivery_status": on_track.pk, "version": 1, "action": "save"})
    # ... and the lead, still on version 1, saves again.
    response = client.post(
        url, {"text": "Lead's second thoughts.", "delivery_status": on_track.pk, "version": 1, "action": "save"}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Your changes were not saved" in html
    assert "Officer rewrote this." in html and "Lead&#x27;s second thoughts." in html
    assert 'name="version" value="2"' in html
    assert Update.objects.get(sub_action=adult_learning, period=q4).text == "Officer rewrote this."


def test_a_lead_cannot_open_or_post_another_leads_sub_action(client, education_lead, safeguarding_training, q4):
    client.force_login(education_lead)
    url = _edit_url(q4, safeguarding_training)
    assert client.get(url).status_code == 404
    response = client.post(url, {"text": "Not mine", "version": 0, "action": "submit"})
    assert response.status_code == 404
    assert not Update.objects.filter(sub_action=safeguarding_training, period=q4).exists()


def test_extra_posted_fields_are_ignored(client, education_lead, adult_learning, q4, on_track):
    client.force_login(education_lead)
    client.post(
        _edit_url(q4, adult_learning),
        {
            "text": "Honest text",
            "delivery_status": on_track.pk,
            "version": 0,
            "action": "submit",
            "status": "approved",
            "author": 1,
            "reviewed_by": 1,
            "period": 1,
            "is_staff": "on",
            "role": "administrator",
        },
    )
    update = Update.objects.get(sub_action=adult_learning, period=q4)
    assert (update.status, update.author, update.reviewed_by) == ("submitted", education_lead, None)
    education_lead.refresh_from_db()
    assert (education_lead.role, education_lead.is_staff) == ("lead_officer", False)


def test_review_return_then_approve(client, education_lead, performance_officer, adult_learning, q4, on_track):
    client.force_login(education_lead)
    client.post(
        _edit_url(q4, adult_learning),
        {"text": "Short.", "delivery_status": on_track.pk, "version": 0, "action": "submit"},
    )
    update = Update.objects.get(sub_action=adult_learning, period=q4)
    officer = client.__class__()
    officer.force_login(performance_officer)
    review_url = reverse("cycle:review", args=[q4.slug, update.pk])
    missing_comment = officer.post(review_url, {"decision": "return", "comment": "", "version": 1})
    assert "Say what needs to change" in missing_comment.content.decode()
    officer.post(review_url, {"decision": "return", "comment": "Please add numbers.", "version": 1})
    update.refresh_from_db()
    assert (update.status, update.review_comment) == ("returned", "Please add numbers.")
    page = client.get(_edit_url(q4, adult_learning)).content.decode()
    assert "Please add numbers." in page
    client.post(
        _edit_url(q4, adult_learning),
        {"text": "Short, now with 42 learners.", "delivery_status": on_track.pk, "version": 2, "action": "submit"},
    )
    officer.post(review_url, {"decision": "approve", "comment": "", "version": 3})
    update.refresh_from_db()
    assert update.status == "approved"


def test_dashboard_shows_who_has_submitted_what_is_missing_and_overdue(
    client, education_lead, performance_officer, adult_learning, q4
):
    client.force_login(performance_officer)
    html = client.get(reverse("cycle:dashboard", args=[q4.slug])).content.decode()
    assert "Lee" in html
    assert "Overdue" in html  # the Quarter 4 deadline, 23 April 2021, has passed
    assert "Lead roles nobody holds" in html
    assert "Director Housing: 1 sub-action, 1 without an update" in html


def test_dashboard_counts(performance_officer, education_lead, adult_learning, q4):
    from scrutineer.plans import cycle
    from scrutineer.plans.cycle_selectors import period_dashboard

    cycle.update_save(
        sub_action=adult_learning,
        period=q4,
        by=education_lead,
        text="x",
        delivery_status=None,
        expected_version=0,
        submit=True,
    )
    board = period_dashboard(period=q4, today=datetime.date(2021, 4, 1))
    lee = next(lead for lead in board.leads if lead.person == education_lead)
    # 11 sub-actions: one submitted now, one demo draft (also Director Education's), nine missing.
    assert (lee.submitted, lee.draft, lee.missing, lee.total) == (1, 1, 9, 11)
    assert board.past_deadline is False
    assert board.is_overdue(lee) is False
    later = period_dashboard(period=q4, today=datetime.date(2021, 4, 24))
    assert later.is_overdue(next(lead for lead in later.leads if lead.person == education_lead)) is True


def test_opening_a_period_through_the_form(client, performance_officer, demo):
    client.force_login(performance_officer)
    response = client.post(
        reverse("cycle:periods"),
        {
            "period": "2021/22 Q1",
            "deadline_day": "23",
            "deadline_month": "7",
            "deadline_year": "2021",
            "remind_days_before": "5",
        },
    )
    assert response.status_code == 302
    from scrutineer.core.models import ReportingPeriod

    period = ReportingPeriod.objects.get(year=2021, quarter=1)
    assert (period.status, period.deadline, period.remind_days_before) == ("open", datetime.date(2021, 7, 23), 5)


def test_a_bad_period_form_says_what_is_wrong(client, performance_officer, demo):
    client.force_login(performance_officer)
    html = client.post(
        reverse("cycle:periods"),
        {
            "period": "next quarter",
            "deadline_day": "31",
            "deadline_month": "2",
            "deadline_year": "2021",
            "remind_days_before": "7",
        },
    ).content.decode()
    assert "Enter a reporting period like 2020/21 Q4." in html
    assert "The deadline must be a real date." in html


def test_what_changed_between_two_quarters(client, education_lead, performance_officer, q4, demo):
    from scrutineer.plans import cycle
    from scrutineer.plans.models import SubAction

    q3_text = Update.objects.get(
        period__quarter=3, sub_action__action__priority__number=3, sub_action__action__number="7"
    ).text
    changed = SubAction.objects.get(action__priority__number=3, action__number="7")
    unchanged = SubAction.objects.get(action__priority__number=3, action__number="6")
    for sub_action, text in [
        (changed, q3_text.replace("pilot a blended", "pilot a new blended")),
        (unchanged, "See 4B above"),
    ]:
        update = cycle.update_save(
            sub_action=sub_action,
            period=q4,
            by=education_lead,
            text=text,
            delivery_status=None,
            expected_version=0,
            submit=True,
        )
        cycle.update_approve(update=update, by=performance_officer, expected_version=1)
    html = client.get(reverse("plans:changes", args=[demo.slug])).content.decode()
    assert "from Quarter 3 2020/21 to Quarter 4 2020/21" in html
    assert "Changed: 1" in html and "Carried over unchanged: 1" in html and "No update this period: 30" in html
    assert "pilot a <ins>new </ins>blended approach" in html


def test_reminders_are_sent_once_and_dry_run_sends_nothing(education_lead, q4, capsys):
    call_command("remind", "--dry-run", "--today", "2021-04-20")
    assert (
        "Would remind lee.lead@example.org: Reminder: plan updates for Quarter 4 2020/21 are due by 23 April 2021"
        in capsys.readouterr().out
    )
    assert mail.outbox == [] and not ReminderSent.objects.exists()

    call_command("remind", "--today", "2021-04-20")
    call_command("remind", "--today", "2021-04-21")
    to_lee = [m for m in mail.outbox if m.to == ["lee.lead@example.org"]]
    assert len(to_lee) == 1
    assert "11 of your updates for Quarter 4 2020/21 are still to be submitted." in to_lee[0].body

    call_command("remind", "--today", "2021-04-24")
    call_command("remind", "--today", "2021-04-25")
    to_lee = [m for m in mail.outbox if m.to == ["lee.lead@example.org"]]
    assert [m.subject.split(":")[0] for m in to_lee] == ["Reminder", "Overdue"]
    assert ReminderSent.objects.filter(person=education_lead).count() == 2


def test_no_reminder_well_before_the_deadline_or_when_all_is_in(education_lead, q4):
    call_command("remind", "--today", "2021-03-01")
    assert mail.outbox == []


def test_a_bad_date_is_a_clear_error(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("remind", "--today", "tomorrow")


def test_audit_page_shows_who_changed_what(client, education_lead, performance_officer, adult_learning, q4):
    from scrutineer.plans import cycle

    update = cycle.update_save(
        sub_action=adult_learning,
        period=q4,
        by=education_lead,
        text="Before text",
        delivery_status=None,
        expected_version=0,
    )
    cycle.update_save(
        sub_action=adult_learning,
        period=q4,
        by=education_lead,
        text="After text",
        delivery_status=None,
        expected_version=update.version,
    )
    client.force_login(performance_officer)
    html = client.get(reverse("accounts:audit") + "?record=plans.update").content.decode()
    assert "<del>Before text</del> → <ins>After text</ins>" in html
    assert "Lee" in html
