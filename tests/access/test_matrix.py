"""Every URL against every role (check A1), and the admin site closed to all but staff.

The expected statuses live in matrix.toml, beside this file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from scrutineer.accounts.tests.authenticators import give_authenticator, unverify
from scrutineer.committees.tests.factories import access_matrix_objects as committee_objects
from scrutineer.core.models import LeadRole, ReportingPeriod
from scrutineer.plans import cycle
from scrutineer.plans.models import SubAction

MATRIX = tomllib.loads((Path(__file__).parent / "matrix.toml").read_text())
ROLES = ["anonymous", "committee_member", "lead_owner", "lead_other", "performance_officer", "administrator"]
IGNORED_NAMESPACES = {"admin"}  # Django's admin: checked by test_admin_is_for_staff_only


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in IGNORED_NAMESPACES:
                names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(_url_names() - set(MATRIX["urls"]))
    assert missing == [], f"Add these URLs to tests/access/matrix.toml with their access rule: {missing}"


def test_the_matrix_names_no_url_that_does_not_exist():
    assert sorted(set(MATRIX["urls"]) - _url_names()) == []


@pytest.fixture
def people(demo, lead_officer, committee_member, performance_officer, administrator, django_user_model):
    owner_role = LeadRole.objects.get(title="Director Education")
    lead_officer.lead_roles.add(owner_role)
    other = django_user_model.objects.create_user("lou_other_lead", role="lead_officer")
    give_authenticator(other)  # like the personas: signed in with a password and a code
    other.lead_roles.add(LeadRole.objects.get(title="Director Housing"))
    return {
        "anonymous": None,
        "committee_member": committee_member,
        "lead_owner": lead_officer,
        "lead_other": other,
        "performance_officer": performance_officer,
        "administrator": administrator,
    }


@pytest.fixture
def objects(demo, people):
    period = ReportingPeriod.objects.get(year=2020, quarter=4)
    sub_action = SubAction.objects.get(action__priority__plan=demo, action__priority__number=3, action__number="7")
    update = cycle.update_save(
        sub_action=sub_action,
        period=period,
        by=people["lead_owner"],
        text="Submitted.",
        delivery_status=None,
        expected_version=0,
        submit=True,
    )
    from scrutineer.domain.plan_document import PlanDocument
    from scrutineer.importers.models import PlanImport

    staged = PlanImport.objects.create(
        mode=PlanImport.Mode.NEW_PLAN,
        file_name="plan.csv",
        file_size=1,
        file_sha256="0" * 64,
        file_format="csv",
        document=PlanDocument().to_dict(),
        portfolio=demo.portfolio,
        created_by=people["performance_officer"],
    )
    return {
        **committee_objects(),
        "plan_import": staged.pk,
        "plan": demo.slug,
        "priority": sub_action.action.priority_id,
        "action": sub_action.action_id,
        "sub_action": sub_action.pk,
        "update": update.pk,
        "period": period.slug,
        "portfolio": demo.portfolio.slug,
        "cycle": "2021-02",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX["urls"]))
def test_each_role_gets_what_the_matrix_says(name, people, objects):
    row = MATRIX["urls"][name]
    expected = MATRIX["profiles"][row["get"]] if isinstance(row["get"], str) else row["get"]
    kwargs = {key: str(value).format(**objects) for key, value in row.get("kwargs", {}).items()}
    url = reverse(name, kwargs=kwargs) + (f"?{row['query']}" if "query" in row else "")
    got = {}
    for role in ROLES:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        got[role] = client.get(url).status_code
    assert got == {role: expected[role] for role in ROLES}, url


# Pages of Part 2 material for roles that may see it, besides the `part2` profile (check A5).
PART2_FOR_OFFICERS = {"disclosure:index_publication": "performance_officer"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", sorted([n for n, row in MATRIX["urls"].items() if row["get"] == "part2"] + list(PART2_FOR_OFFICERS))
)
def test_part2_needs_a_code_from_the_authenticator_app(name, people, objects, settings):
    """Check A5: signed in with a password only, a member or officer is sent to enter a code first,
    and brought back to the Part 2 address; the public still gets 404."""
    assert settings.SCRUTINEER_PART2_REQUIRES_MFA
    row = MATRIX["urls"][name]
    kwargs = {key: str(value).format(**objects) for key, value in row.get("kwargs", {}).items()}
    url = reverse(name, kwargs=kwargs)
    for role in ("committee_member", "lead_owner", "performance_officer", "administrator"):
        if name in PART2_FOR_OFFICERS and role not in (PART2_FOR_OFFICERS[name], "administrator"):
            continue
        client = Client()
        client.force_login(people[role])
        unverify(client)
        response = client.get(url)
        assert response.status_code == 302, (role, url)
        assert response["Location"] == reverse("accounts:two_factor_verify") + "?" + urlencode({"next": url})
    assert Client().get(url).status_code == (302 if name in PART2_FOR_OFFICERS else 404)


@pytest.mark.django_db
def test_sign_in_redirects_go_to_the_sign_in_page(client):
    response = client.get(reverse("cycle:my_actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.django_db
def test_admin_is_for_staff_only(people, client):
    from django.contrib import admin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]
    for role in ROLES:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        for url in urls:
            status = client.get(url).status_code
            if role == "administrator":
                assert status == 200, url
            else:
                assert status == 302, (role, url)
