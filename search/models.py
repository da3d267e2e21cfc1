"""The search index: one row per searchable thing, written on every change of its source.

A `SearchDocument` copies what the results page needs (title, text, date,
organization) and what the rights filter needs (the organization's path and
the audience), so that one indexed query finds, filters, ranks and pages.
The full-text structures are the database's own, added by migration
0002: an FTS5 table over `title` and `body` on SQLite, a generated
`tsvector` column with a GIN index on PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Organization


class Kind(models.TextChoices):
    """What the user filters on."""

    MINUTES = "minutes", _("Minutes")
    RESOLUTION = "resolution", _("Resolution")
    GUIDANCE = "guidance", _("Guidance")
    DOCUMENT = "document", _("Attached document")
    MEMBER = "member", _("Party member")


class Source(models.TextChoices):
    """Which record a document was built from; (source, object_id) is unique."""

    MINUTES = "minutes", "minutes"
    RESOLUTION = "resolution", "resolution"
    GUIDANCE = "guidance", "guidance"
    GUIDANCE_ITEM = "guidance_item", "guidance item"
    GUIDANCE_FILE = "guidance_file", "guidance item's file"
    MEETING_DOCUMENT = "meeting_document", "meeting document"
    TASK_EVIDENCE = "task_evidence", "task evidence file"
    MEMBER = "member", "member"


KIND_OF_SOURCE: dict[str, str] = {
    Source.MINUTES: Kind.MINUTES,
    Source.RESOLUTION: Kind.RESOLUTION,
    Source.GUIDANCE: Kind.GUIDANCE,
    Source.GUIDANCE_ITEM: Kind.GUIDANCE,
    Source.GUIDANCE_FILE: Kind.DOCUMENT,
    Source.MEETING_DOCUMENT: Kind.DOCUMENT,
    Source.TASK_EVIDENCE: Kind.DOCUMENT,
    Source.MEMBER: Kind.MEMBER,
}


class Audience(models.TextChoices):
    """Who, besides those who read the organization's whole subtree, may find a document.

    - members: the organization's own members too (adopted records, documents sent with the notice);
    - officers: only the cell's officers and follow-up cadres (drafts, member records);
    - published: every cell under the organization (published guidance), limited by `cell_types`;
    - issuer: nobody at cell level (guidance not yet published).
    """

    MEMBERS = "members", "members"
    OFFICERS = "officers", "officers"
    PUBLISHED = "published", "published"
    ISSUER = "issuer", "issuer"


class SearchDocument(models.Model):
    source = models.CharField(max_length=20, choices=Source.choices)
    object_id = models.BigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The meeting of minutes, resolutions and meeting documents, the guidance of its points, the task of evidence.
    parent_id = models.BigIntegerField(null=True, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    # A copy of organization.path, kept in step when organizations move (see search.signals).
    org_path = models.CharField(max_length=255)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    # ",school,police," when only some kinds of cells may read it; empty for all.
    cell_types = models.CharField(max_length=200, blank=True, default="")
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True, default="")
    day = models.DateField(null=True, blank=True)
    # Words that say where the document sits, for SQLite's full-text index: "o<id>" for the organization and
    # each one above it, "i<id>" for the organization itself, "m<id>" on a member's own record (see
    # search.engines.sqlite). Derived from the columns above.
    scope = models.TextField(blank=True, default="")
    # The source's version (members) or stored file name (attachments), to tell a stale entry.
    source_version = models.CharField(max_length=255, blank=True, default="")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="one_search_document_per_source")]
        indexes = [
            # Prefix searches on the path (LIKE '/1/7/%') need the pattern operator class on PostgreSQL.
            models.Index(fields=["org_path"], name="search_doc_org_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["organization", "audience"], name="search_doc_org_audience"),
            models.Index(fields=["source", "parent_id"], name="search_doc_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.object_id}: {self.title}"
