"""A lead officer edits exactly the sub-actions led by a role they hold (check A2), for any
assignment of roles to people and of lead roles to sub-actions."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutineer.accounts.models import User
from scrutineer.core.models import LeadRole
from scrutineer.plans.models import SubAction, SubActionLead
from scrutineer.plans.permissions import can_edit_sub_action, sub_actions_editable_by

pytestmark = pytest.mark.django_db

ROLES = 4
SUB_ACTIONS = 5


class Rollback(Exception):
    pass


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    held=st.lists(st.sets(st.integers(0, ROLES - 1)), min_size=3, max_size=3),
    leads=st.lists(st.sets(st.integers(0, ROLES - 1)), min_size=SUB_ACTIONS, max_size=SUB_ACTIONS),
)
def test_edit_rights_follow_the_lead_roles_held(demo, held, leads):
    try:
        with transaction.atomic():
            organisation = demo.portfolio.organisation
            roles = [LeadRole.objects.create(organisation=organisation, title=f"Test role {n}") for n in range(ROLES)]
            action = demo.priorities.first().actions.first()
            sub_actions = []
            for position, led_by in enumerate(leads, start=100):
                sub_action = SubAction.objects.create(action=action, position=position, detail=f"Test {position}")
                for order, role in enumerate(sorted(led_by)):
                    SubActionLead.objects.create(sub_action=sub_action, role=roles[role], position=order)
                sub_actions.append((sub_action, led_by))
            for index, holds in enumerate(held):
                person = User.objects.create_user(f"lead-{index}", role=User.Role.LEAD_OFFICER)
                person.lead_roles.set([roles[r] for r in holds])
                editable = set(sub_actions_editable_by(person).filter(action=action, position__gte=100))
                for sub_action, led_by in sub_actions:
                    expected = bool(holds & led_by)
                    assert can_edit_sub_action(person, sub_action) is expected
                    assert (sub_action in editable) is expected
            raise Rollback
    except Rollback:
        pass
