"""Writes to an organization's Word templates: upload, return to the default, bring back an earlier version.

Each change adds a `TemplateVersion` row (nothing is overwritten) and an audit
row, under a lock on the organization so two offices saving at once get
consecutive version numbers. A form carries the number of the latest change
it saw; a stale one is refused.
"""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from documents.models import DocumentKind, TemplateVersion
from documents.validation import check_template
from orgs.models import Organization

AUDIT_FIELDS = ["kind", "number", "filename", "size", "sha256", "restored_from"]


class StaleTemplateForm(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Someone changed this template after you opened the page. Reload the page; nothing was changed.")
        )


def _latest(org: Organization, kind: str) -> TemplateVersion | None:
    return TemplateVersion.objects.filter(organization=org, kind=kind).defer("content").order_by("-number").first()


def _lock(org: Organization, kind: str) -> tuple[Organization, TemplateVersion | None]:
    """Lock the organization (its templates change one at a time) and read the latest change under the lock."""
    if kind not in DocumentKind.values:
        raise ValidationError(_("Unknown kind of document."))
    org = Organization.objects.select_for_update().get(pk=org.pk)
    return org, _latest(org, kind)


def _same_upload(latest: TemplateVersion | None, digest: str) -> bool:
    return latest is not None and latest.is_upload and latest.sha256 == digest


def _check_fresh(latest: TemplateVersion | None, seen: int) -> None:
    if (latest.number if latest else 0) != seen:
        raise StaleTemplateForm


def _add(actor: Any, org: Organization, kind: str, number: int, action: str, **fields: Any) -> TemplateVersion:
    version = TemplateVersion.objects.create(
        organization=org,
        kind=kind,
        number=number,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    record(
        actor,
        action,
        version,
        organization=org,
        object_repr=f"{version.get_kind_display()} v{number}",
        after=snapshot(version, AUDIT_FIELDS),
    )
    return version


@transaction.atomic
def do_upload_template(
    actor: Any, org: Organization, kind: str, *, data: bytes, filename: str, seen: int
) -> TemplateVersion:
    """Check the file and make it the organization's template for `kind`. The same file twice changes nothing."""
    digest = hashlib.sha256(data).hexdigest()
    check_template(kind, data)
    org, latest = _lock(org, kind)
    if _same_upload(latest, digest):
        assert latest is not None
        return latest  # a double submit, or the template already in use
    _check_fresh(latest, seen)
    return _add(
        actor,
        org,
        kind,
        (latest.number if latest else 0) + 1,
        "document_template.upload",
        content=data,
        filename=filename[:255],
        size=len(data),
        sha256=digest,
    )


@transaction.atomic
def do_reset_template(actor: Any, org: Organization, kind: str, *, seen: int) -> TemplateVersion | None:
    """Stop using the organization's own template: the one above it, or the built-in one, applies again."""
    org, latest = _lock(org, kind)
    if latest is None or not latest.is_upload:
        return latest  # already on the default (a double submit)
    _check_fresh(latest, seen)
    return _add(actor, org, kind, latest.number + 1, "document_template.reset")


@transaction.atomic
def do_restore_template(actor: Any, version: TemplateVersion, *, seen: int) -> TemplateVersion:
    """Use an earlier upload again, as a new version; it is checked again, as the documents may have changed."""
    if not version.is_upload:
        raise ValidationError(_("That version is a return to the default; choose an uploaded version."))
    kind = version.kind
    data = bytes(TemplateVersion.objects.values_list("content", flat=True).get(pk=version.pk) or b"")
    check_template(kind, data)
    org, latest = _lock(version.organization, kind)
    if _same_upload(latest, version.sha256):
        assert latest is not None
        return latest  # already in use (a double submit)
    _check_fresh(latest, seen)
    return _add(
        actor,
        org,
        kind,
        (latest.number if latest else 0) + 1,
        "document_template.restore",
        content=data,
        filename=version.filename,
        size=version.size,
        sha256=version.sha256,
        restored_from=version,
    )
