"""Write audit rows. Every action function calls `record` inside its transaction."""

import datetime as dt
import decimal
from typing import Any

from django.db import models

from audit.models import AuditEntry

# Never copied into the audit trail, even hashed.
SECRET_FIELDS = {"password", "code_hash"}


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of a model instance's concrete field values."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name == "id" or field.name in SECRET_FIELDS or (fields is not None and field.name not in fields):
            continue
        value = getattr(instance, field.attname)
        data[field.name] = _json_safe(value)
    return data


def _json_safe(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return None
    return value


def entry(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    organization: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    object_repr: str = "",
) -> AuditEntry:
    """An unsaved audit row; `record` saves one, `record_many` saves a batch."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        actor=actor_obj,
        actor_name=actor_obj.get_username() if actor_obj else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr or str(obj or ""))[:255],
        organization=organization,
        org_path=getattr(organization, "path", "") or "",
        before=before,
        after=after,
    )


def record(actor: Any, action: str, obj: models.Model | None = None, **kwargs: Any) -> AuditEntry:
    row = entry(actor, action, obj, **kwargs)
    row.save()
    return row


def record_many(rows: list[AuditEntry], batch_size: int = 2000) -> None:
    """Save audit rows built with `entry` in bulk, for imports and generated data."""
    AuditEntry.objects.bulk_create(rows, batch_size=batch_size)
