"""Keeping the search index in step with the records.

`index_object(obj)` and `remove_object(obj)` are called for every change
(see search.signals), inside the transaction that makes it, so the index
never shows a record that was rolled back. Bulk writes that send no signal
are caught up by `sync_members` and `resync_paths`, and `rebuild()` (the
`rebuild_search_index` command) recomputes everything from the records.

A file's text is extracted once, when the file is new or replaced (by
search.tasks, in the background worker), never when searching.
"""

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import CharField, Exists, F, OuterRef, QuerySet
from django.db.models.functions import Cast

from guidance.models import Guidance, GuidanceItem
from meetings.models import Meeting, MeetingDocument, Minutes, Resolution, TaskUpdate
from members.models import Member
from orgs.models import Organization
from search.models import SearchDocument, Source
from search.sources import BUILDERS, RELATED, SOURCES_OF, Entry, scope_words

CHUNK = 1000
TRANSACTION_CHUNKS = 10


def _needs_text(entry: Entry, doc: SearchDocument | None) -> bool:
    """A file whose text was never read, or that was replaced since."""
    return entry.body is None and (doc is None or doc.source_version != entry.source_version)


def _changes(entry: Entry, doc: SearchDocument) -> dict[str, Any]:
    fields = entry.fields()
    fields["organization_id"] = fields.pop("organization").pk
    if _needs_text(entry, doc):
        fields["body"] = ""
    return {name: value for name, value in fields.items() if getattr(doc, name) != value}


def _new_document(entry: Entry) -> SearchDocument:
    fields = entry.fields()
    fields.setdefault("body", "")
    return SearchDocument(source=entry.source, object_id=entry.object_id, **fields)


def _extract_later(entries: list[Entry], inline: bool) -> None:
    from search import tasks

    for entry in entries:
        if inline:
            tasks.store_file_text(entry.source, entry.object_id)
        else:
            tasks.extract_file_text.enqueue(entry.source, entry.object_id)


def index_object(obj: Any) -> None:
    """Write (or correct) the documents of one record."""
    index_many(type(obj), [obj])


def index_many(model: type[Any], objects: Iterable[Any], *, inline_files: bool = False) -> int:
    """Write the documents of many records of one model in a few queries; returns how many changed."""
    objects = list(objects)
    if not objects:
        return 0
    ids = [obj.pk for obj in objects]
    entries = [entry for obj in objects for entry in BUILDERS[model](obj)]
    made = {(e.source, e.object_id) for e in entries}
    existing = {
        (doc.source, doc.object_id): doc
        for doc in SearchDocument.objects.filter(source__in=SOURCES_OF[model], object_id__in=ids)
    }
    gone = [doc.pk for key, doc in existing.items() if key not in made]
    if gone:
        SearchDocument.objects.filter(pk__in=gone).delete()
    created: list[SearchDocument] = []
    changed = 0
    to_read: list[Entry] = []
    for entry in entries:
        doc = existing.get((entry.source, entry.object_id))
        if _needs_text(entry, doc):
            to_read.append(entry)
        if doc is None:
            created.append(_new_document(entry))
            continue
        changes = _changes(entry, doc)
        if changes:
            SearchDocument.objects.filter(pk=doc.pk).update(**changes)
            changed += 1
    SearchDocument.objects.bulk_create(created, batch_size=CHUNK)
    _extract_later(to_read, inline_files)
    return len(created) + changed + len(gone)


def remove_object(obj: Any) -> None:
    SearchDocument.objects.filter(source__in=SOURCES_OF[type(obj)], object_id=obj.pk).delete()


# Fields of a meeting that its records' documents copy (title, date, organization, notice).
MEETING_FIELDS = {"title", "scheduled_at", "started_at", "notice_sent_at", "organization"}


def index_meeting(meeting: Meeting) -> None:
    """Refresh the minutes, resolution and documents of a meeting whose details changed."""
    sources = (Source.MINUTES, Source.RESOLUTION, Source.MEETING_DOCUMENT)
    if not SearchDocument.objects.filter(source__in=sources, parent_id=meeting.pk).exists():
        return
    for model in (Minutes, Resolution, MeetingDocument):
        index_many(model, model._default_manager.filter(meeting=meeting).select_related(*RELATED[model]))


def index_guidance(guidance: Guidance) -> None:
    """The guidance and its points: publishing changes who may read every point."""
    index_object(guidance)
    index_many(GuidanceItem, guidance.items.select_related(*RELATED[GuidanceItem]))


def sync_members(members: "QuerySet[Member]") -> int:
    """Index the members among `members` whose document is missing or out of date.

    For writes that bypass Member.save() (the Excel import, merges): a member's
    version and cell are compared with what the index holds.
    """
    current = SearchDocument.objects.filter(
        source=Source.MEMBER,
        object_id=OuterRef("pk"),
        organization_id=OuterRef("organization_id"),
        source_version=Cast(OuterRef("version"), CharField()),
    )
    stale = list(members.exclude(Exists(current)).values_list("pk", flat=True))
    done = 0
    for start in range(0, len(stale), CHUNK):
        chunk = Member.objects.filter(pk__in=stale[start : start + CHUNK]).select_related("organization")
        done += index_many(Member, chunk)
    return done


def resync_paths(org: Organization) -> int:
    """Copy the current paths of `org` and everything under it onto their documents (after a move)."""
    moved = (
        SearchDocument.objects.filter(organization__path__startswith=org.path)
        .exclude(org_path=F("organization__path"))
        .annotate(current_path=F("organization__path"))
        .only("source", "object_id", "organization_id")
    )
    done = 0
    for docs in _chunks(moved):
        for doc in docs:
            doc.org_path = doc.current_path  # type: ignore[attr-defined]
            doc.scope = scope_words(doc.source, doc.object_id, doc.organization_id, doc.org_path)
        SearchDocument.objects.bulk_update(docs, ["org_path", "scope"])
        done += len(docs)
    return done


# Rebuilding


def _querysets() -> Iterator[tuple[type[Any], QuerySet[Any]]]:
    for model in BUILDERS:
        qs = model._default_manager.select_related(*RELATED[model]).order_by("pk")
        if model is TaskUpdate:
            qs = qs.exclude(file="")
        yield model, qs


def _chunks(qs: QuerySet[Any]) -> Iterator[list[Any]]:
    last = 0
    while True:
        chunk = list(qs.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def rebuild(progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Recompute every document from its record; returns the documents written or removed per model."""
    counts: dict[str, int] = {}
    for model, qs in _querysets():
        written = 0
        chunks = _chunks(qs)
        while True:
            # Ten chunks to a transaction: fewer, larger segments for SQLite's full-text index to merge.
            with transaction.atomic():
                group = list(itertools.islice(chunks, TRANSACTION_CHUNKS))
                for chunk in group:
                    written += index_many(model, chunk, inline_files=True)
            if len(group) < TRANSACTION_CHUNKS:
                break
        orphans = SearchDocument.objects.filter(source__in=SOURCES_OF[model]).exclude(
            object_id__in=model._default_manager.values("pk")
        )
        written += orphans.delete()[0]
        counts[model.__name__] = written
        if progress:
            progress(model.__name__, written)
    optimize()
    return counts


def optimize() -> None:
    """After many writes: merge the full-text index's segments (SQLite), or refresh the planner's statistics
    (PostgreSQL), without which it scans every match of a common word instead of the user's part of the tree."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_searchdocument")


def reindex_full_text() -> None:
    """Rebuild SQLite's FTS5 index from the documents table, should it ever disagree with it."""
    if connection.vendor != "sqlite":
        return
    from search.engines.sqlite import INDEXED_BODY, INDEXED_TITLE

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO search_fts(rowid, title, body, scope) SELECT id, {INDEXED_TITLE}, {INDEXED_BODY}, scope "
            "FROM search_searchdocument"
        )
