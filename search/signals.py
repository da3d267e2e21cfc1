"""The index follows every write: model signals for ordinary saves and deletes, audit rows for bulk ones.

Signals run inside the action's transaction, so a refused or failed action
leaves the index as it was. Two actions write in bulk without model
signals, and each ends with one audit row that says what it touched: the
Excel member import and the merge of organizations; their members are
caught up from that row. Organization moves rewrite paths in bulk and then
save the moved organization, which re-copies the paths below it.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save

from audit.models import AuditEntry
from guidance.models import Guidance, GuidanceItem
from meetings.models import Meeting, MeetingDocument, Minutes, Resolution, TaskUpdate
from members.models import Member
from orgs.models import Organization
from search import index

INDEXED_MODELS = (Minutes, Resolution, GuidanceItem, MeetingDocument, TaskUpdate, Member)


def _saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index.index_object(instance)


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    index.remove_object(instance)


def _guidance_saved(sender: type, instance: Guidance, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index.index_guidance(instance)


def _meeting_saved(
    sender: type, instance: Meeting, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    # Recording saves the meeting often (its version); only details its records' documents copy matter.
    if raw or (update_fields is not None and not index.MEETING_FIELDS & set(update_fields)):
        return
    index.index_meeting(instance)


def _organization_saved(
    sender: type, instance: Organization, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if raw or (update_fields is not None and not {"parent", "path"} & set(update_fields)):
        return
    index.resync_paths(instance)


def _audited(sender: type, instance: AuditEntry, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    if raw or not created:
        return
    if instance.action == "member.import" and instance.org_path:
        index.sync_members(Member.objects.filter(organization__path__startswith=instance.org_path))
    elif instance.action == "org.merge":
        moved = (instance.after or {}).get("members_moved") or []
        if moved:
            index.sync_members(Member.objects.filter(pk__in=moved))


def connect() -> None:
    for model in INDEXED_MODELS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    post_save.connect(_guidance_saved, sender=Guidance, dispatch_uid="search-save-Guidance")
    post_delete.connect(_deleted, sender=Guidance, dispatch_uid="search-delete-Guidance")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="search-save-Meeting")
    post_save.connect(_organization_saved, sender=Organization, dispatch_uid="search-save-Organization")
    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="search-audit")
