"""Checked rows of a batch, stored a chunk at a time (see ImportChunk)."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from member_excel.models import ImportBatch, ImportChunk, RowKind

CHUNK_ROWS = 500


class StoredRow(NamedTuple):
    line: int
    kind: str
    member_id: int | None
    member_version: int | None
    # Follows ImportBatch.columns: the parsed value, the raw text of a cell in error, or None when empty.
    values: list[Any]
    # [[field, message code, params], ...]
    messages: list[list[Any]]
    # The name to show (the member's, when the row leaves it empty).
    name: str


def save_rows(batch: ImportBatch, rows: Iterable[StoredRow], progress: Callable[[int], None] | None = None) -> None:
    """Replace the batch's rows."""
    ImportChunk.objects.filter(batch=batch).delete()
    chunk: list[StoredRow] = []
    number = 0
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            _write_chunk(batch, number, chunk)
            number += 1
            chunk = []
            if progress:
                progress(number * CHUNK_ROWS)
    if chunk:
        _write_chunk(batch, number, chunk)


def _write_chunk(batch: ImportBatch, number: int, rows: list[StoredRow]) -> None:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    ImportChunk.objects.create(batch=batch, number=number, counts=counts, rows=[list(r) for r in rows])


def iter_rows(batch: ImportBatch, kinds: set[str] | None = None) -> Iterator[StoredRow]:
    """The batch's rows in file order, optionally only some kinds, reading one chunk at a time."""
    chunks = ImportChunk.objects.filter(batch=batch).order_by("number").only("counts", "rows")
    for chunk in chunks.iterator(chunk_size=4):
        if kinds is not None and not kinds & set(chunk.counts):
            continue
        for raw in chunk.rows:
            row = StoredRow(*raw)
            if kinds is None or row.kind in kinds:
                yield row


class RowList:
    """The rows of one kind (or all) as a sequence Django's Paginator can page through.

    Counting uses the batch's totals; a page reads the chunk index and the
    one or two chunks that hold it.
    """

    def __init__(self, batch: ImportBatch, kind: str = "") -> None:
        self.batch = batch
        self.kind = kind

    def count(self) -> int:
        if not self.kind:
            return self.batch.total_rows
        return {
            RowKind.NEW: self.batch.new_count,
            RowKind.UPDATE: self.batch.update_count,
            RowKind.UNCHANGED: self.batch.unchanged_count,
            RowKind.WARNING: self.batch.warning_count,
            RowKind.ERROR: self.batch.error_count,
        }[RowKind(self.kind)]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[StoredRow]:
        if not isinstance(index, slice):
            raise TypeError("RowList only supports slices")
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        if stop <= start:
            return []
        index_rows = ImportChunk.objects.filter(batch=self.batch).order_by("number").values_list("number", "counts")
        position = 0
        wanted: list[int] = []
        first_position = 0
        for number, counts in index_rows:
            size = counts.get(self.kind, 0) if self.kind else sum(counts.values())
            if size and position + size > start and position < stop:
                if not wanted:
                    first_position = position
                wanted.append(number)
            position += size
            if position >= stop:
                break
        rows: list[StoredRow] = []
        for chunk in ImportChunk.objects.filter(batch=self.batch, number__in=wanted).order_by("number"):
            rows.extend(r for r in map(_stored, chunk.rows) if not self.kind or r.kind == self.kind)
        offset = start - first_position
        return rows[offset : offset + stop - start]


def _stored(raw: list[Any]) -> StoredRow:
    return StoredRow(*raw)
