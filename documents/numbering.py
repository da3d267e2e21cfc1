"""Numbers for the notice (TB) and the monthly guidance (HD), issued when they become official.

Minutes and resolutions are numbered on adoption by records/actions.py. A
notice becomes official when it is sent (each sending is its own notice, so a
re-sent notice after a change of time or place gets the next number), and a
guidance when it is published. Both happen in other apps' actions, so the
number is issued from their `post_save`, inside the same transaction, through
the same locked counter (`records.numbering.issue_number`): a rolled-back
sending gives its number back, and drafts are never numbered.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.log import record, snapshot
from documents.models import IssuedNumber
from guidance.models import Guidance, GuidanceStatus
from meetings.models import DocumentType
from preparation.models import NoticeRound
from records.numbering import issue_number


def _issue(actor: Any, org: Any, doc_type: str, at: Any, **target: Any) -> IssuedNumber:
    number, symbol = issue_number(org, doc_type, timezone.localdate(at))
    issued = IssuedNumber.objects.create(
        organization=org, doc_type=doc_type, number=number, symbol=symbol, issued_at=at, **target
    )
    record(actor, "document.number", issued, organization=org, after=snapshot(issued))
    return issued


@transaction.atomic
def number_notice_round(notice: NoticeRound) -> IssuedNumber:
    """The number of one sending of a meeting's notice."""
    existing = IssuedNumber.objects.filter(notice_round=notice).first()
    if existing is not None:
        return existing
    org = notice.meeting.organization
    return _issue(notice.sent_by, org, DocumentType.NOTICE, notice.sent_at, notice_round=notice)


@transaction.atomic
def number_guidance(guidance: Guidance) -> IssuedNumber:
    existing = IssuedNumber.objects.filter(guidance=guidance).first()
    if existing is not None:
        return existing
    at = guidance.published_at or timezone.now()
    return _issue(guidance.published_by, guidance.organization, DocumentType.GUIDANCE, at, guidance=guidance)


def on_notice_round_saved(sender: Any, instance: NoticeRound, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        number_notice_round(instance)


def on_guidance_saved(sender: Any, instance: Guidance, created: bool, raw: bool = False, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if raw or not instance.is_published or not (created or fields is None or "status" in fields):
        return
    number_guidance(instance)


def number_published_guidance(org: Any) -> int:
    """Number the published guidance of `org` that has none, in the order it was published; returns how many.

    For guidance written in bulk (the demo's year of history), which no
    `post_save` saw.
    """
    pending = (
        Guidance.objects.filter(organization=org, status=GuidanceStatus.PUBLISHED, issued_number__isnull=True)
        .select_related("organization", "published_by")
        .order_by("published_at", "pk")
    )
    count = 0
    for guidance in pending:
        number_guidance(guidance)
        count += 1
    return count
