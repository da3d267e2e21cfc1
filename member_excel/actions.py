"""Writes of the member import: keep an upload, and commit a checked batch in one transaction.

The commit does not call members.actions.do_create_member / do_update_member
row by row: each of those runs full_clean (a query per unique constraint and
per foreign key) and writes its own audit row, about five queries per member,
which is minutes for 50,000 rows. The rows were already checked field by
field against the same rules, so the commit inserts and updates members in
chunks and writes the same audit rows the single-member actions write (one
"member.create" / "member.update" per member, with before/after), in bulk,
plus one "member.import" row for the batch. A member's history therefore
reads the same whichever way they were created.
"""

import datetime as dt
import logging
import secrets
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import has_perm
from audit.log import record, snapshot
from audit.models import AuditEntry
from member_excel.bulk import chunked, insert_rows, update_rows
from member_excel.checks import PersonKey, person_key, recorded_people
from member_excel.columns import BY_FIELD
from member_excel.models import BatchStatus, ImportBatch, RowKind
from member_excel.rows import iter_rows
from members.models import Member, build_search_key
from orgs.models import Organization, OrgKind

logger = logging.getLogger(__name__)

# Fields that keep None instead of "" when empty (nullable in the model).
NULLABLE = {"citizen_id", "party_card_number", "full_member_on"}
# Never part of a diff: they change on every save.
BOOKKEEPING = {"version", "updated_at", "search_key"}


class CommitRefused(Exception):
    """The batch cannot be written; nothing was. `code` is a message code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def do_create_batch(actor: Any, *, organization: Organization, upload: UploadedFile) -> ImportBatch:
    """Keep an uploaded file that passed the file checks, ready to be checked row by row.

    No audit row: nothing in the members' records changes until the commit.
    """
    batch = ImportBatch(
        token=secrets.token_hex(16),
        created_by=actor,
        organization=organization,
        original_name=(upload.name or "")[:255],
        file_size=upload.size or 0,
        uploaded_at=timezone.now(),
    )
    upload.seek(0)
    batch.file.save("upload.xlsx", upload, save=False)
    try:
        batch.save()
    except Exception:
        batch.file.delete(save=False)
        raise
    return batch


def do_queue_recheck(batch: ImportBatch) -> bool:
    """Queue a checked or failed batch to be checked again. False if it cannot be (committed, busy, no file)."""
    if not batch.file:
        return False
    reset = ImportBatch.objects.filter(pk=batch.pk, status__in=[BatchStatus.READY, BatchStatus.FAILED]).update(
        status=BatchStatus.UPLOADED, progress_done=0, progress_total=0, failure=None
    )
    return reset == 1


def do_claim_commit(actor: Any, batch: ImportBatch) -> bool:
    """Mark a checked batch as being written. False if it is not ready (already committed, double click…)."""
    if not batch.can_commit:
        return False
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.READY, error_count=0).update(
        status=BatchStatus.COMMITTING, committed_by=actor, failure=None
    )
    return claimed == 1


def _to_model(name: str, value: Any) -> Any:
    if value is None:
        return None if name in NULLABLE else ""
    if BY_FIELD[name].kind == "date":
        return dt.date.fromisoformat(value)
    return value


AUDIT_COLUMNS = (
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "organization_id",
    "org_path",
    "before",
    "after",
)
AuditRow = tuple[Any, ...]


def _audit(
    actor: Any,
    action: str,
    member_id: int,
    name: str,
    cell: Organization,
    now: dt.datetime,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> AuditRow:
    """The row audit.log.record writes for a member, as values for a bulk insert (see AUDIT_COLUMNS)."""
    return (
        now,
        actor.pk,
        actor.get_username(),
        action,
        Member._meta.label_lower,
        str(member_id),
        name[:255],
        cell.pk,
        cell.path,
        before,
        after,
    )


def _json_safe(value: Any) -> Any:
    # As audit.log.snapshot writes values.
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


@transaction.atomic
def do_commit_batch(actor: Any, batch_id: int) -> ImportBatch:
    """Write every importable row of a claimed batch, or nothing (raises CommitRefused)."""
    batch = ImportBatch.objects.select_for_update().select_related("organization").get(pk=batch_id)
    if batch.status != BatchStatus.COMMITTING:
        raise CommitRefused("not_claimed")
    target = batch.organization
    if not has_perm(actor, "org.manage_members", target):
        raise CommitRefused("rights_changed", org=target.name)
    cells = {
        c.code: c
        for c in Organization.objects.filter(path__startswith=target.path, kind=OrgKind.CELL, dissolved_on__isnull=True)
    }
    creates, updates = _load_rows(batch, cells)
    stale: list[int] = []
    members = _lock_updated(updates, target, stale)
    _check_still_free(target, creates, stale)
    if stale:
        raise CommitRefused("stale", count=len(stale), line=min(stale))

    now = timezone.now()
    entries: list[AuditRow] = []
    updated = _apply_updates(actor, updates, members, now, entries)
    created = _create_members(actor, creates, cells, now, entries)
    insert_rows(AuditEntry, AUDIT_COLUMNS, entries)
    record(
        actor,
        "member.import",
        batch,
        organization=target,
        after={"file": batch.original_name, "created": created, "updated": updated},
        object_repr=batch.original_name,
    )
    old_file = batch.file.name
    batch.status = BatchStatus.COMMITTED
    batch.committed_at = now
    batch.file = ""
    batch.save(update_fields=["status", "committed_at", "file"])
    if old_file:
        # The stored upload holds citizen IDs: drop it once its content is in the records.
        storage = batch.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return batch


Row = tuple[int, int | None, int | None, dict[str, Any]]


def _load_rows(batch: ImportBatch, cells: dict[str, Organization]) -> tuple[list[Row], list[Row]]:
    """(line, member id, member version, values by field) of the rows to create and to update."""
    creates: list[Row] = []
    updates: list[Row] = []
    names = list(batch.columns)
    for row in iter_rows(batch, {RowKind.NEW, RowKind.UPDATE, RowKind.WARNING}):
        data = {name: value for name, value in zip(names, row.values, strict=True) if value is not None}
        code = data.get("organization")
        if code is not None and code not in cells:
            raise CommitRefused("cells_moved", cell=code, org=batch.organization.name)
        (updates if row.member_id else creates).append((row.line, row.member_id, row.member_version, data))
    return creates, updates


def _lock_updated(updates: list[Row], target: Organization, stale: list[int]) -> dict[int, Member]:
    """The members to update, locked; lines whose member changed since the check go to `stale`."""
    members: dict[int, Member] = {}
    for chunk in chunked(updates):
        found = Member.objects.select_for_update().filter(pk__in=[r[1] for r in chunk]).select_related("organization")
        current = {m.pk: m for m in found}
        for line, member_id, version, _data in chunk:
            member = current.get(member_id)  # type: ignore[arg-type]
            if member is None or member.version != version or not member.organization.path.startswith(target.path):
                stale.append(line)
            else:
                members[member.pk] = member
    return members


def _check_still_free(target: Organization, creates: list[Row], stale: list[int]) -> None:
    """Nobody may have recorded a new row's member since the check.

    A card number or CCCD taken meanwhile is caught by the database's unique constraints (see run_commit);
    the same name and date of birth in the same cell only here.
    """
    people: dict[PersonKey, int] = {}
    for line, _member_id, _version, data in creates:
        key = person_key({**data, "date_of_birth": _to_model("date_of_birth", data.get("date_of_birth"))})
        if key is not None:
            people[key] = line
    stale.extend(people[key] for key in recorded_people(target, people))


def _apply_updates(
    actor: Any, updates: list[Row], members: dict[int, Member], now: dt.datetime, entries: list[AuditRow]
) -> int:
    # Rows that change the same fields are written together, one UPDATE by id each.
    groups: dict[tuple[str, ...], list[list[Any]]] = {}
    for _line, member_id, _version, data in updates:
        member = members[member_id]  # type: ignore[index]
        before = snapshot(member)
        for name, value in data.items():
            if name != "organization":
                setattr(member, name, _to_model(name, value))
        after = snapshot(member)
        changed = tuple(sorted({k for k in after if before.get(k) != after.get(k)} - BOOKKEEPING))
        if not changed:
            continue
        member.version += 1
        member.updated_at = now
        member.search_key = build_search_key(member.full_name, member.party_card_number, member.phone)
        columns = (*changed, "version", "updated_at", "search_key")
        groups.setdefault(columns, []).append([getattr(member, name) for name in columns])
        groups[columns][-1].append(member.pk)
        entries.append(
            _audit(
                actor,
                "member.update",
                member.pk,
                member.full_name,
                member.organization,
                now,
                {k: before[k] for k in changed},
                {k: after[k] for k in changed},
            )
        )
    for columns, rows in groups.items():
        update_rows(Member, columns, rows)
    return sum(len(rows) for rows in groups.values())


def _create_members(
    actor: Any, creates: list[Row], cells: dict[str, Organization], now: dt.datetime, entries: list[AuditRow]
) -> int:
    fields = [f for f in Member._meta.concrete_fields if not f.primary_key]
    attnames = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    rows = []
    for _line, _member_id, _version, data in creates:
        values = dict(defaults)
        for name, value in data.items():
            if name != "organization":
                values[name] = _to_model(name, value)
        values["organization_id"] = cells[data["organization"]].pk
        values["search_key"] = build_search_key(values["full_name"], values["party_card_number"], values["phone"])
        values["created_at"] = values["updated_at"] = now
        rows.append([values[a] for a in attnames])
    ids = insert_rows(Member, attnames, rows)
    for member_id, row, (_line, _m, _v, data) in zip(ids, rows, creates, strict=True):
        # The same "after" as audit.log.snapshot(member): every field but the id, by name.
        after = {f.name: _json_safe(value) for f, value in zip(fields, row, strict=True)}
        cell = cells[data["organization"]]
        entries.append(_audit(actor, "member.create", member_id, after["full_name"], cell, now, None, after))
    return len(rows)


def run_commit(batch_id: int) -> None:
    """Commit a claimed batch and record the outcome on it; a refusal leaves the records untouched."""
    batch = ImportBatch.objects.select_related("committed_by").get(pk=batch_id)
    try:
        do_commit_batch(batch.committed_by, batch_id)
    except CommitRefused as refusal:
        if refusal.code != "not_claimed":
            _refuse(batch_id, refusal.code, refusal.params)
    except IntegrityError:
        # Someone wrote the same card number or CCCD between our check and our insert.
        _refuse(batch_id, "conflict", {})
    except Exception:
        logger.exception("Committing member import %s failed", batch_id)
        _refuse(batch_id, "crashed", {})


def _refuse(batch_id: int, code: str, params: dict[str, Any]) -> None:
    ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.COMMITTING).update(
        status=BatchStatus.FAILED, failure={"code": code, "params": params}
    )
