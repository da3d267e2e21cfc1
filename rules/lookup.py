"""Which rule pack is in force for an organization on a date.

Published packs are few (one per scope and period), so they are loaded once
into a `PackIndex` and resolved in Python: a page judging a thousand meetings
costs one query, not a thousand. The nearest scope wins (a commune's pack
over its province's over the national default); among packs of one scope the
one that started last wins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from rules.models import PackStatus, RulePack
from rules.schema import Rules


class NoPackInForce(LookupError):
    pass


class PackIndex:
    def __init__(self, packs: list[RulePack]):
        self.packs = packs

    @classmethod
    def load(cls) -> PackIndex:
        return cls(list(RulePack.objects.filter(status=PackStatus.PUBLISHED).select_related("scope")))

    def pack_for(self, org: Any, day: dt.date) -> RulePack:
        """The pack for `org` (an Organization with a materialized path) on `day`."""
        best: RulePack | None = None
        best_key: tuple[int, dt.date, int] | None = None
        for pack in self.packs:
            if not pack.covers(day):
                continue
            scope_path = pack.scope.path if pack.scope is not None else ""
            if scope_path and not org.path.startswith(scope_path):
                continue
            key = (len(scope_path), pack.effective_from, pack.version)
            if best_key is None or key > best_key:
                best, best_key = pack, key
        if best is None:
            raise NoPackInForce(f"No published rule pack covers {org} on {day}")
        return best

    def rules_for(self, org: Any, day: dt.date) -> Rules:
        return self.pack_for(org, day).rules

    def rules_for_meeting(self, meeting: Any) -> Rules:
        return self.rules_for(meeting.organization, meeting_day(meeting))


def meeting_day(meeting: Any) -> dt.date:
    """The day a meeting is judged by: the local date it is scheduled for."""
    return timezone.localtime(meeting.scheduled_at).date()


def pack_in_force(org: Any, day: dt.date) -> RulePack:
    return PackIndex.load().pack_for(org, day)


def rules_in_force(org: Any, day: dt.date) -> Rules:
    return pack_in_force(org, day).rules


def rules_for_meeting(meeting: Any) -> Rules:
    """The rules of the pack in force for the meeting's organization on the meeting's date."""
    return rules_in_force(meeting.organization, meeting_day(meeting))
