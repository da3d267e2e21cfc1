"""The cell's thematic plan, offered where a meeting is planned (the preparation's meeting form).

`offer_planned_topics` adds a "planned_topic" choice to the form when the
cell has topics not yet taken up; `take_up_planned_topic` records the choice
once the meeting is saved, in the same transaction as the meeting.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import today
from meetings.models import Meeting, MeetingKind, MeetingStatus
from orgs.models import Organization
from thematic.actions import do_take_up_topic
from thematic.compliance import quarter_bounds
from thematic.models import PlannedTopic

FIELD = "planned_topic"


class PlannedTopicField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: PlannedTopic) -> str:
        when = (
            obj.month.strftime("%m/%Y")
            if obj.month
            else _("quarter %(quarter)s/%(year)s")
            % {
                "quarter": obj.quarter,
                "year": obj.plan.year,
            }
        )
        return f"{when} · {obj.topic}"


def open_topics(cell: Organization, meeting: Meeting | None = None) -> QuerySet[PlannedTopic]:
    """Planned topics of the cell for this year and the next (and the meeting's year) not yet taken up."""
    years = {today().year, today().year + 1}
    if meeting is not None:
        years.add(meeting.month.year)
    free = Q(meeting__isnull=True) | Q(meeting__status=MeetingStatus.CANCELLED)
    if meeting is not None:
        free |= Q(meeting=meeting)
    return (
        PlannedTopic.objects.filter(free, plan__organization=cell, plan__year__in=years)
        .select_related("plan")
        .order_by("plan__year", "quarter", "month", "pk")
    )


def offer_planned_topics(
    form: forms.Form, cell: Organization, *, meeting: Meeting | None = None, chosen: Any = None
) -> None:
    """Add the choice of a planned topic to the meeting form, just before the topic field.

    `chosen` (a topic id from the plan page's "plan this meeting" link) fills
    in an empty form: kind, month and topic from the plan.
    """
    topics = list(open_topics(cell, meeting))
    if not topics:
        return
    field = PlannedTopicField(
        queryset=open_topics(cell, meeting),
        required=False,
        label=gettext_lazy("Topic from the cell's thematic plan"),
        empty_label=gettext_lazy("(none)"),
        help_text=gettext_lazy("The meeting takes up this planned topic. Left empty, the topic below is used."),
    )
    current = next((t for t in topics if meeting is not None and t.meeting_id == meeting.pk), None)
    picked = next((t for t in topics if str(t.pk) == str(chosen)), None) if chosen else None
    if current is not None:
        form.initial[FIELD] = current.pk
    elif picked is not None and not form.is_bound:
        form.initial.update(
            {
                FIELD: picked.pk,
                "kind": MeetingKind.REGULAR_THEMATIC,
                "month": picked.month or quarter_bounds(picked.plan.year, picked.quarter)[0],
                "topic": picked.topic,
            }
        )
    fields = list(form.fields.items())
    at = next((i for i, (name, _f) in enumerate(fields) if name == "topic"), len(fields))
    fields.insert(at, (FIELD, field))
    form.fields = dict(fields)


def take_up_planned_topic(actor: Any, form: forms.Form, meeting: Meeting) -> None:
    """Link the planned topic chosen on the form to the saved meeting (or release it when the choice was cleared)."""
    if FIELD not in form.fields:
        return
    do_take_up_topic(actor, meeting, form.cleaned_data.get(FIELD))
