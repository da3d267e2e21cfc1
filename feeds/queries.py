"""Which meetings go into a user's calendar, read in a fixed number of queries."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.permissions import scope_for
from feeds.models import FeedToken
from feeds.tokens import candidate_hashes
from meetings.models import AgendaItem, Meeting, MeetingKind

# Meetings older than this are left out: a phone calendar needs the coming ones and some history.
HISTORY = dt.timedelta(days=400)


def find_feed(token: str) -> FeedToken | None:
    """The row behind a link (live or revoked), with its account and member, in one query."""
    hashes = candidate_hashes(token)
    if not hashes:
        return None
    return FeedToken.objects.select_related("user__member").filter(token_hash__in=hashes).first()


def feed_filter(user: Any) -> Q:
    """The meetings of the user's own cell (once members were notified), and every meeting of the cells
    they run or follow up; ordinary members do not get the committee's own meetings."""
    scope = scope_for(user)
    q = Q(pk__in=[])
    if scope.own_cell_id is not None:
        q |= Q(organization_id=scope.own_cell_id, notice_sent_at__isnull=False) & ~Q(kind=MeetingKind.COMMITTEE)
    led = scope.officer_cell_ids | scope.follow_up_cell_ids
    if led:
        q |= Q(organization_id__in=led)
    return q


def feed_meetings(user: Any, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    since = (now or timezone.now()) - HISTORY
    agenda = AgendaItem.objects.only("meeting_id", "order", "title").order_by("order", "pk")
    return (
        Meeting.objects.filter(feed_filter(user), scheduled_at__gte=since)
        .select_related("organization")
        .prefetch_related(Prefetch("agenda_items", queryset=agenda))
        .order_by("scheduled_at", "pk")
    )
