"""Django admin changes go through the audit log like every other write."""

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from audit.log import record, snapshot


def _organization_of(obj: Any) -> Any:
    from orgs.models import Organization

    if isinstance(obj, Organization):
        return obj
    for attr in ("organization", "member"):
        related = getattr(obj, attr, None)
        if related is not None:
            return related if attr == "organization" else getattr(related, "organization", None)
    return None


class AuditedAdmin(admin.ModelAdmin):
    """Writes one audit row per admin save or delete, in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = f"admin.{'change' if change else 'add'}"
            record(request.user, action, obj, organization=_organization_of(obj), before=before, after=snapshot(obj))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = snapshot(obj)
        with transaction.atomic():
            record(request.user, "admin.delete", obj, organization=_organization_of(obj), before=before)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                record(request.user, "admin.delete", obj, organization=_organization_of(obj), before=snapshot(obj))
            super().delete_queryset(request, queryset)
