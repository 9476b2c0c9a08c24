"""The audit trail: every recorded change to audited records, newest first, with before and after.

Changes are recorded by django-simple-history in the same transaction as the change itself. The
history tables are append-only: nothing in the application edits them, and on PostgreSQL a
trigger refuses UPDATE and DELETE on them (installed after every migrate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from simple_history.models import registered_models

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
IGNORED_FIELDS = {"version", "updated_at"}


@dataclass
class FieldChange:
    field: str
    before: object
    after: object


@dataclass
class AuditEntry:
    when: datetime
    who: Any
    action: str
    record_type: str
    record: str
    reason: str
    changes: list[FieldChange]


def audited_models() -> list[type]:
    return sorted(registered_models.values(), key=lambda model: model._meta.verbose_name)


def audit_entries(*, model_label: str | None = None, limit: int = 100) -> list[AuditEntry]:
    """The latest `limit` changes, across every audited model or one of them ("plans.update")."""
    models = [m for m in audited_models() if model_label in (None, m._meta.label_lower)]
    records = []
    for model in models:
        history = model.history.select_related("history_user").order_by("-history_date")[:limit]
        records.extend(history)
    records.sort(key=lambda record: record.history_date, reverse=True)
    return [_entry(record) for record in records[:limit]]


def _entry(record: Any) -> AuditEntry:
    model = record.instance_type
    changes: list[FieldChange] = []
    if record.history_type == "~" and record.prev_record is not None:
        delta = record.diff_against(record.prev_record)
        changes = [FieldChange(c.field, c.old, c.new) for c in delta.changes if c.field not in IGNORED_FIELDS]
    return AuditEntry(
        when=record.history_date,
        who=record.history_user,
        action=ACTIONS.get(record.history_type, record.history_type),
        record_type=str(model._meta.verbose_name).capitalize(),
        record=str(record.instance)[:120],
        reason=record.history_change_reason or "",
        changes=changes,
    )


_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION scrutineer_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def protect_history_tables(**_: object) -> None:
    """On PostgreSQL, refuse UPDATE and DELETE on every history table (check A7)."""
    if connection.vendor != "postgresql":
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(_TRIGGER_FUNCTION)
        for model in audited_models():
            table = model.history.model._meta.db_table
            if table not in tables:
                continue
            trigger = f"{table}_append_only"[:63]
            cursor.execute(f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"')
            cursor.execute(
                f'CREATE TRIGGER "{trigger}" BEFORE UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION scrutineer_history_append_only()"
            )
