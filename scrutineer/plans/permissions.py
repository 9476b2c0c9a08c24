"""Who may write and review plan updates: the object-level rule, in one place.

A lead officer edits only the sub-actions led by a lead role they hold; performance officers and
administrators may edit any, and only they review. The same rule filters querysets, so a hidden
button is never the only guard.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from scrutineer.accounts.permissions import Role, has_role, is_performance_officer

from .models import SubAction


def sub_actions_editable_by(user: Any) -> QuerySet[SubAction]:
    sub_actions = SubAction.objects.all()
    if is_performance_officer(user):
        return sub_actions
    if not has_role(user, Role.LEAD_OFFICER):
        return sub_actions.none()
    return sub_actions.filter(lead_links__role__in=user.lead_roles.all()).distinct()


def can_edit_sub_action(user: Any, sub_action: SubAction) -> bool:
    if is_performance_officer(user):
        return True
    if not has_role(user, Role.LEAD_OFFICER):
        return False
    return sub_action.lead_links.filter(role__in=user.lead_roles.all()).exists()


def can_review(user: Any) -> bool:
    return is_performance_officer(user)
