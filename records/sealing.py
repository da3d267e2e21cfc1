"""Hashing adopted texts and chaining the seals (see records.models.Seal)."""

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from meetings.models import Amendment, Minutes, Resolution
from orgs.models import Organization
from records.models import GENESIS, Seal


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sealed_text(obj: models.Model) -> str:
    """The exact text a seal covers: everything about the record that may never change after adoption."""
    if isinstance(obj, Minutes):
        return f"{obj.symbol}\n{obj.body}"
    if isinstance(obj, Resolution):
        lines = [obj.symbol, obj.title, obj.body]
        for task in obj.tasks.order_by("order", "id"):
            due = task.due_on.isoformat() if task.due_on else ""
            lines.append(f"{task.order}|{task.what}|{task.assignee_id or ''}|{task.assignee_text}|{due}")
        return "\n".join(lines)
    if isinstance(obj, Amendment):
        target = f"minutes:{obj.minutes_id}" if obj.minutes_id else f"resolution:{obj.resolution_id}"
        return f"{target}\n{obj.reason}\n{obj.text}"
    raise TypeError(f"Nothing to seal on {type(obj).__name__}")


def chain_hash(previous_hash: str, object_type: str, object_id: str, content_hash: str, at: dt.datetime) -> str:
    stamp = at.astimezone(dt.UTC).isoformat()
    return sha256(f"{previous_hash}|{object_type}|{object_id}|{content_hash}|{stamp}")


def seal(obj: models.Model, organization: Organization) -> Seal:
    """Append a seal over `obj` to `organization`'s chain. Call inside the adopting transaction.

    The organization row is locked so that two adoptions in the same cell at
    the same moment chain one after the other instead of forking.
    """
    Organization.objects.select_for_update().filter(pk=organization.pk).values_list("pk").get()
    last = Seal.objects.filter(organization=organization).order_by("-id").first()
    previous = last.seal_hash if last else GENESIS
    content_hash = sha256(sealed_text(obj))
    object_type, object_id = obj._meta.label_lower, str(obj.pk)
    at = timezone.now()
    return Seal.objects.create(
        organization=organization,
        object_type=object_type,
        object_id=object_id,
        content_hash=content_hash,
        previous_hash=previous,
        seal_hash=chain_hash(previous, object_type, object_id, content_hash, at),
        sealed_at=at,
    )


@dataclass(frozen=True)
class Problem:
    seal_id: int
    organization_id: int
    description: str


SEALED_MODELS: dict[str, Any] = {
    Minutes._meta.label_lower: Minutes,
    Resolution._meta.label_lower: Resolution,
    Amendment._meta.label_lower: Amendment,
}


def verify_chain() -> tuple[int, list[Problem]]:
    """Recompute every seal and the text under it; return how many were checked and what does not match."""
    problems: list[Problem] = []
    checked = 0
    previous_by_org: dict[int, str] = {}
    for s in Seal.objects.order_by("organization_id", "id").iterator():
        checked += 1
        expected_previous = previous_by_org.get(s.organization_id, GENESIS)

        def report(text: str, s: Seal = s) -> None:
            problems.append(Problem(s.pk, s.organization_id, text))

        if s.previous_hash != expected_previous:
            report("previous hash does not match the seal before it (a seal was removed, added or changed)")
        if chain_hash(s.previous_hash, s.object_type, s.object_id, s.content_hash, s.sealed_at) != s.seal_hash:
            report("seal hash does not match its contents (the seal row was changed)")
        previous_by_org[s.organization_id] = s.seal_hash
        model = SEALED_MODELS.get(s.object_type)
        obj = model.objects.filter(pk=s.object_id).first() if model else None
        if obj is None:
            report(f"sealed object {s.object_type}#{s.object_id} is missing")
            continue
        if sha256(sealed_text(obj)) != s.content_hash:
            report(f"text of {s.object_type}#{s.object_id} changed after it was sealed")
        stored = getattr(obj, "content_hash", None)
        if stored is not None and stored != s.content_hash:
            report(f"content hash stored on {s.object_type}#{s.object_id} differs from its seal")
    return checked, problems
