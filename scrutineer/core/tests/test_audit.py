import os

import pytest
from django.db import DatabaseError, transaction

from scrutineer.plans.models import Update

pytestmark = pytest.mark.django_db


def test_history_rows_cannot_be_edited_or_deleted_on_postgresql(demo):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("the append-only trigger is PostgreSQL's; SQLite relies on the application alone")
    history = Update.history.model
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        history.objects.update(text="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        history.objects.all().delete()
    assert history.objects.filter(text="rewritten").count() == 0


def test_the_admin_cannot_revert_or_edit_history(settings):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True


def test_people_cannot_be_deleted_in_the_admin(admin_client, administrator):
    response = admin_client.get(f"/admin/accounts/user/{administrator.pk}/delete/")
    assert response.status_code == 403
