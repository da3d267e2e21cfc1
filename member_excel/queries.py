"""Reads for the member import and export, and the access checks that go with them.

A batch holds personal data of the members of its target organization, so
it is visible to whoever manages that organization's members (the uploader
did when uploading); rights are checked again at every request.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.permissions import orgs_visible, require
from core.dates import vn_short_date
from member_excel.columns import BY_FIELD
from member_excel.messages import render, severity
from member_excel.models import ImportBatch, RowKind
from member_excel.rows import StoredRow
from orgs.models import Organization

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def importable_orgs(user: Any) -> QuerySet[Organization]:
    """Organizations the user may import members into."""
    return orgs_visible(user, "org.manage_members").filter(dissolved_on__isnull=True).order_by("path")


def may_export(user: Any) -> bool:
    """Whoever may open the member list may export it."""
    return orgs_visible(user, "org.view_members").exists()


def access_batch(user: Any, batch_id: int) -> ImportBatch:
    try:
        batch = ImportBatch.objects.select_related("organization", "created_by").get(pk=batch_id)
    except ImportBatch.DoesNotExist:
        raise Http404 from None
    require(user, "org.manage_members", batch.organization)
    return batch


def recent_batches(user: Any, limit: int = 20) -> list[ImportBatch]:
    visible = orgs_visible(user, "org.manage_members")
    return list(
        ImportBatch.objects.filter(organization__in=visible)
        .select_related("organization", "created_by")
        .defer("columns", "failure")[:limit]
    )


@dataclass
class RowView:
    line: int
    kind: str
    kind_label: str
    name: str
    cell: str
    card: str
    citizen_id: str
    born: str
    is_update: bool
    messages: list[tuple[str, str, str]]


def present_rows(batch: ImportBatch, rows: Iterable[StoredRow]) -> list[RowView]:
    """What the preview shows of each row: who, and every message in the reader's language."""
    index = {name: i for i, name in enumerate(batch.columns)}

    def get(values: list[Any], name: str) -> str:
        i = index.get(name)
        value = values[i] if i is not None and i < len(values) else None
        if value is None:
            return ""
        if BY_FIELD[name].kind == "date" and _ISO.match(str(value)):
            return vn_short_date(dt.date.fromisoformat(value))
        return str(value)

    return [
        RowView(
            line=row.line,
            kind=row.kind,
            kind_label=str(RowKind(row.kind).label),
            name=row.name,
            cell=get(row.values, "organization"),
            card=get(row.values, "party_card_number"),
            citizen_id=get(row.values, "citizen_id"),
            born=get(row.values, "date_of_birth"),
            is_update=row.member_id is not None,
            messages=[
                (str(BY_FIELD[field].title) if field in BY_FIELD else "", render(code, params), severity(code))
                for field, code, params in row.messages
            ],
        )
        for row in rows
    ]
