"""Check every row of an uploaded member file and store the preview.

Three passes, none with a query per row:

1. read the sheet once (member_excel.xlsx), parsing each cell on its own;
2. look up the existing members that share a card number or CCCD with the
   file, a few thousand keys per query;
3. classify each row (new, update, unchanged, warning, error) against the
   member it matches (member_excel.checks), and store the rows in chunks.
"""

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.dates import today
from member_excel import parsing
from member_excel.bulk import chunked
from member_excel.checks import (
    FIELDS,
    Draft,
    RowChecker,
    classify,
    finish,
    mark_duplicates,
    mark_same_member,
    mark_same_person,
)
from member_excel.models import BatchStatus, ImportBatch, ImportChunk, RowKind
from member_excel.reading import FileProblem, Layout, find_layout, find_sheet, open_workbook, rows
from member_excel.rows import StoredRow, save_rows
from member_excel.xlsx import XlsxReader
from members.models import Member

logger = logging.getLogger(__name__)

ROWS_LIMIT = 100_000
PROGRESS_EVERY = 1000


def read_drafts(
    reader: XlsxReader, layout: Layout, checker: RowChecker, progress: Callable[[int], None]
) -> list[Draft]:
    fields = list(layout.columns)
    indexes = [layout.columns[f] for f in fields]
    drafts: list[Draft] = []
    for line, row in rows(reader, layout.sheet, layout.header_row + 1):
        width = len(row)
        cells = [row[i] if i < width else None for i in indexes]
        if all(parsing.is_blank(c) for c in cells):
            continue
        if len(drafts) >= ROWS_LIMIT:
            raise FileProblem("too_many_rows", limit=f"{ROWS_LIMIT:,}".replace(",", "."))
        drafts.append(checker.parse(line, fields, cells))
        if len(drafts) % PROGRESS_EVERY == 0:
            progress(len(drafts))
    return drafts


def existing_members(drafts: list[Draft]) -> tuple[dict[str, Member], dict[str, Member]]:
    """Members holding any card number or CCCD of the file, keyed by each."""
    by_card: dict[str, Member] = {}
    by_citizen_id: dict[str, Member] = {}
    seen: dict[int, Member] = {}
    for name, found in (("party_card_number", by_card), ("citizen_id", by_citizen_id)):
        keys = sorted({d.values[name] for d in drafts if d.values.get(name) is not None})
        for chunk in chunked(keys):
            members = Member.objects.filter(**{f"{name}__in": chunk}).select_related("organization")
            for member in members:
                member = seen.setdefault(member.pk, member)
                found[getattr(member, name)] = member
    return by_card, by_citizen_id


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def to_row(draft: Draft) -> StoredRow:
    values = [draft.shown[name] if name in draft.shown else _json(draft.values.get(name)) for name in FIELDS]
    member = draft.member
    return StoredRow(
        line=draft.line,
        kind=draft.kind,
        member_id=member.pk if member else None,
        member_version=member.version if member else None,
        values=values,
        messages=draft.messages,
        name=draft.values.get("full_name") or (member.full_name if member else draft.shown.get("full_name", "")),
    )


class Progress:
    """Writes progress to the batch row now and then, outside any transaction."""

    def __init__(self, batch: ImportBatch, estimate: int | None) -> None:
        self.batch = batch
        self.total = 2 * estimate if estimate else 0

    def set(self, done: int, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        ImportBatch.objects.filter(pk=self.batch.pk).update(progress_done=done, progress_total=self.total)


def validate(batch: ImportBatch) -> None:
    """Check the batch's file and replace its rows. Raises FileProblem for a bad file."""
    checker = RowChecker(batch.organization, today())
    with batch.file.open("rb") as fh, open_workbook(fh) as reader:
        layout = find_layout(reader, find_sheet(reader))
        estimate = layout.max_row - layout.header_row if layout.max_row else None
        progress = Progress(batch, estimate)
        progress.set(0)
        drafts = read_drafts(reader, layout, checker, progress.set)
    if not drafts:
        raise FileProblem("no_rows")
    total = 2 * len(drafts)
    progress.set(len(drafts), total)
    mark_duplicates(drafts)
    by_card, by_cid = existing_members(drafts)
    counts = dict.fromkeys(RowKind.values, 0)
    for draft in drafts:
        classify(draft, checker, by_card, by_cid)
    mark_same_member(drafts)
    mark_same_person(drafts, checker)
    for draft in drafts:
        finish(draft)
        counts[draft.kind] += 1
    save_rows(batch, map(to_row, drafts), lambda stored: progress.set(len(drafts) + stored))
    batch.columns = FIELDS
    batch.header_row = layout.header_row
    batch.total_rows = len(drafts)
    batch.new_count = counts[RowKind.NEW]
    batch.update_count = counts[RowKind.UPDATE]
    batch.unchanged_count = counts[RowKind.UNCHANGED]
    batch.warning_count = counts[RowKind.WARNING]
    batch.error_count = counts[RowKind.ERROR]
    batch.progress_done = batch.progress_total = total
    batch.validated_at = timezone.now()
    batch.status = BatchStatus.READY
    batch.failure = None
    batch.save()


def run_validation(batch_id: int) -> None:
    """Validate a batch and record the outcome on it; never raises for a bad file."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.UPLOADED).update(
        status=BatchStatus.VALIDATING, progress_done=0, progress_total=0, failure=None
    )
    if not claimed:
        return
    batch = ImportBatch.objects.select_related("organization").get(pk=batch_id)
    try:
        validate(batch)
    except FileProblem as problem:
        _fail(batch_id, problem.code, problem.params)
    except Exception:
        logger.exception("Checking member import %s failed", batch_id)
        _fail(batch_id, "crashed", {})


def _fail(batch_id: int, code: str, params: dict[str, Any]) -> None:
    with transaction.atomic():
        ImportChunk.objects.filter(batch_id=batch_id).delete()
        ImportBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED, failure={"code": code, "params": params}
        )
