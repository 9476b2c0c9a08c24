"""Admin: policy versions are added, never edited; the ledger is read-only, its true values Part 2 only."""

import pytest
from django.test import RequestFactory

from scrutineer.core.models import Organisation
from scrutineer.disclosure.admin import _ledger_fields
from scrutineer.disclosure.models import DisclosurePolicy


@pytest.fixture
def council(db):
    return Organisation.objects.create(name="Test Council", slug="test")


def test_adding_a_policy_in_admin_makes_the_next_version(admin_client, council):
    for threshold in (5, 6):
        response = admin_client.post(
            "/admin/disclosure/disclosurepolicy/add/",
            {"organisation": council.pk, "preset": "dfe-la", "threshold": threshold, "reason": "Review"},
        )
        assert response.status_code == 302
    versions = DisclosurePolicy.objects.filter(organisation=council).values_list("version", "threshold")
    assert list(versions) == [(2, 6), (1, 5)]


def test_admin_refuses_a_threshold_the_preset_does_not_allow(admin_client, council):
    response = admin_client.post(
        "/admin/disclosure/disclosurepolicy/add/", {"organisation": council.pk, "preset": "nhs", "threshold": 5}
    )
    assert response.status_code == 200
    assert "or choose dfe-la to set T" in response.content.decode()
    assert not DisclosurePolicy.objects.filter(organisation=council).exists()
    admin_client.post(
        "/admin/disclosure/disclosurepolicy/add/", {"organisation": council.pk, "preset": "nhs", "threshold": 7}
    )
    policies = DisclosurePolicy.objects.filter(organisation=council).values_list("preset", "threshold")
    assert list(policies) == [("nhs", 7)]


def test_a_policy_version_is_read_only_in_admin(admin_client, council):
    policy = DisclosurePolicy.objects.create(organisation=council, version=1)
    response = admin_client.post(
        f"/admin/disclosure/disclosurepolicy/{policy.pk}/change/",
        {"organisation": council.pk, "preset": "dfe-la", "threshold": 9},
    )
    assert response.status_code == 403
    policy.refresh_from_db()
    assert policy.threshold == 5


@pytest.mark.parametrize("path", ["publication", "ledgerentry"])
def test_the_ledger_cannot_be_added_to_in_admin(admin_client, path):
    assert admin_client.get(f"/admin/disclosure/{path}/").status_code == 200
    assert admin_client.get(f"/admin/disclosure/{path}/add/").status_code == 403


def test_true_values_show_only_to_people_who_may_see_part_2(committee_member, outsider):
    request = RequestFactory().get("/admin/")
    request.user = committee_member
    assert "true_value" not in _ledger_fields(request)  # no code from an authenticator yet (check A5)
    committee_member.is_verified = lambda: True  # as django-otp's middleware marks a verified session
    assert "true_value" in _ledger_fields(request)
    request.user = outsider
    outsider.is_verified = lambda: True
    assert "true_value" not in _ledger_fields(request)
