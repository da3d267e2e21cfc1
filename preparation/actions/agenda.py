"""The agenda of a meeting, and the templates agendas are built from."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.dates import vn_short_date
from guidance.models import GuidanceItem
from guidance.queries import guidance_for_cell
from meetings.models import (
    AgendaItem,
    AgendaTemplate,
    AgendaTemplateStep,
    Meeting,
    Opinion,
    Part,
    ResolutionTask,
    StepKind,
)
from meetings.models.meeting import MONTHLY_KINDS
from members.models import Member
from orgs.models import Organization
from preparation.actions.base import bump_version, lock_meeting, refuse_if_closed, renumber
from preparation.agenda import (
    GUIDANCE_ANCHORS,
    OPINION_ANCHORS,
    TASK_ANCHORS,
    THEMATIC_ANCHORS,
    effective_template,
    insertion_index,
    part_of,
)
from preparation.forms import item_fingerprint
from preparation.queries import tasks_to_review

ITEM_FIELDS = ["order", "part", "kind", "title", "content", "presenter", "guidance_item", "task", "opinion"]


def _task_item(task: ResolutionTask) -> AgendaItem:
    who = task.assignee.full_name if task.assignee else task.assignee_text
    lines = [task.what]
    if who:
        lines.append(_("Assigned to: %(who)s") % {"who": who})
    if task.due_on:
        lines.append(_("Due on: %(day)s") % {"day": vn_short_date(task.due_on)})
    lines.append(_("Status: %(status)s") % {"status": task.get_status_display()})
    return AgendaItem(
        kind=StepKind.TASK_REVIEW,
        title=(_("Review: %(task)s") % {"task": task.what.splitlines()[0]})[:255],
        content="\n".join(lines),
        presenter=task.assignee,
        task=task,
    )


def _opinion_item(opinion: Opinion) -> AgendaItem:
    return AgendaItem(
        kind=StepKind.OPINIONS,
        title=(
            _("Opinion of comrade %(name)s: %(topic)s")
            % {"name": opinion.member.full_name, "topic": opinion.get_topic_display()}
        )[:255],
        content=opinion.body,
        presenter=opinion.member,
        opinion=opinion,
    )


def _guidance_item(item: GuidanceItem) -> AgendaItem:
    return AgendaItem(kind=StepKind.GUIDANCE, title=item.title[:255], content=item.body, guidance_item=item)


def _place(items: list[AgendaItem], new: AgendaItem, anchors: Any) -> None:
    index = insertion_index(items, anchors, new.kind)
    new.part = part_of(items, index)
    items.insert(index, new)


@transaction.atomic
def do_build_agenda(actor: Any, meeting: Meeting) -> int:
    """Build the agenda from the template that applies, or bring in what is new since it was built.

    Pre-filled items: the commune's published guidance for this cell, last
    month's open resolution tasks to review (regular meetings), a thematic
    meeting's topic, and the members' opinions received. Each is brought in
    once, so pressing the button again only adds what is new. Returns how many
    items were added.
    """
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    items = list(meeting.agenda_items.order_by("order", "pk"))
    fresh = not items
    if fresh:
        template = effective_template(meeting.organization)
        items = [
            AgendaItem(meeting=meeting, order=step.order, part=step.part, kind=step.kind, title=step.title)
            for step in template.steps
        ]
    new: list[AgendaItem] = [item for item in items if item.pk is None]
    guidance = meeting.guidance
    if meeting.kind in MONTHLY_KINDS:
        guidance, guidance_items = guidance_for_cell(meeting.organization, meeting.month)
        linked = {i.guidance_item_id for i in items}
        for g in guidance_items:
            if g.pk not in linked:
                new.append(item := _guidance_item(g))
                _place(items, item, GUIDANCE_ANCHORS.get(g.kind, (StepKind.GUIDANCE,)))
        linked = {i.task_id for i in items}
        for task in tasks_to_review(meeting):
            if task.pk not in linked:
                new.append(item := _task_item(task))
                _place(items, item, TASK_ANCHORS)
    if meeting.topic and not any(i.kind == StepKind.THEMATIC for i in items):
        new.append(item := AgendaItem(kind=StepKind.THEMATIC, title=meeting.topic[:255]))
        _place(items, item, THEMATIC_ANCHORS)
    linked = {i.opinion_id for i in items}
    for opinion in meeting.opinions.select_related("member").order_by("created_at", "pk"):
        if opinion.pk not in linked:
            new.append(item := _opinion_item(opinion))
            _place(items, item, OPINION_ANCHORS)
    moved = [i for i in renumber(items) if i.pk is not None]
    AgendaItem.objects.bulk_update(moved, ["order"])
    for item in new:
        item.meeting = meeting
    AgendaItem.objects.bulk_create(new)
    if guidance is not None and meeting.guidance_id != guidance.pk:
        meeting.guidance = guidance
        bump_version(meeting, "guidance")
    added = len(new)
    if added or fresh:
        record(
            actor,
            "meeting.agenda_build" if fresh else "meeting.agenda_refresh",
            meeting,
            organization=meeting.organization,
            after={"added": [i.title for i in new], "guidance": guidance.pk if guidance else None},
        )
    return added


def _lock_item(item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    meeting = lock_meeting(item.meeting)
    refuse_if_closed(meeting)
    try:
        return meeting, AgendaItem.objects.get(pk=item.pk)
    except AgendaItem.DoesNotExist:
        raise ValidationError(_("This agenda item was removed in the meantime.")) from None


@transaction.atomic
def do_update_agenda_item(
    actor: Any,
    item: AgendaItem,
    *,
    fingerprint: str,
    title: str,
    content: str,
    presenter: Member | None,
) -> AgendaItem:
    meeting, item = _lock_item(item)
    if fingerprint and fingerprint != item_fingerprint(item):
        raise ValidationError(
            _("Someone else changed this agenda item after you opened it. Reload it and make your change again.")
        )
    before = snapshot(item, ITEM_FIELDS)
    item.title, item.content, item.presenter = title.strip(), content, presenter
    item.save(update_fields=["title", "content", "presenter"])
    record(
        actor,
        "meeting.agenda_item_update",
        item,
        organization=meeting.organization,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
        object_repr=f"{meeting.title}: {item.title}",
    )
    return item


@transaction.atomic
def do_add_agenda_item(actor: Any, meeting: Meeting, *, part: str, title: str) -> AgendaItem:
    """Add a free item at the end of its part."""
    meeting = lock_meeting(meeting)
    refuse_if_closed(meeting)
    items = list(meeting.agenda_items.order_by("order", "pk"))
    title = title.strip()
    last = items[-1] if items else None
    if last is not None and last.title == title and last.kind == StepKind.OTHER:
        return last  # a second click
    parts = list(Part.values)
    index = max((i + 1 for i, it in enumerate(items) if parts.index(it.part) <= parts.index(part)), default=0)
    item = AgendaItem(meeting=meeting, part=part, kind=StepKind.OTHER, title=title, order=0)
    items.insert(index, item)
    changed = renumber(items)
    AgendaItem.objects.bulk_update([i for i in changed if i.pk is not None], ["order"])
    item.save()
    record(
        actor,
        "meeting.agenda_item_add",
        item,
        organization=meeting.organization,
        after=snapshot(item, ITEM_FIELDS),
        object_repr=f"{meeting.title}: {item.title}",
    )
    return item


def _swap(rows: list[Any], row: Any, direction: str) -> list[Any]:
    """Move `row` one place up or down within `rows`, keeping it inside its part."""
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows) or rows[other].part != rows[index].part:
        raise ValidationError(_("It cannot move further that way: it is already at the edge of its part."))
    rows[index], rows[other] = rows[other], rows[index]
    return renumber(rows)


@transaction.atomic
def do_move_agenda_item(actor: Any, item: AgendaItem, *, direction: str) -> None:
    meeting, item = _lock_item(item)
    items = list(meeting.agenda_items.order_by("order", "pk"))
    changed = _swap(items, item, direction)
    AgendaItem.objects.bulk_update(changed, ["order"])
    record(
        actor,
        "meeting.agenda_item_move",
        item,
        organization=meeting.organization,
        after={"order": [i.pk for i in items]},
        object_repr=f"{meeting.title}: {item.title}",
    )


@transaction.atomic
def do_remove_agenda_item(actor: Any, item: AgendaItem) -> None:
    meeting, item = _lock_item(item)
    before = snapshot(item, ITEM_FIELDS)
    record(
        actor,
        "meeting.agenda_item_remove",
        item,
        organization=meeting.organization,
        before=before,
        object_repr=f"{meeting.title}: {item.title}",
    )
    item.delete()
    remaining = list(meeting.agenda_items.order_by("order", "pk"))
    AgendaItem.objects.bulk_update(renumber(remaining), ["order"])


# --- templates ----------------------------------------------------------------------------------


def _lock_org(org: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=org.pk)


@transaction.atomic
def do_create_template(actor: Any, org: Organization) -> AgendaTemplate:
    """Give `org` a template of its own, a copy of the one that applied to it until now."""
    org = _lock_org(org)
    existing = AgendaTemplate.objects.filter(organization=org).first()
    if existing is not None:
        return existing
    inherited = effective_template(org)
    template = AgendaTemplate.objects.create(organization=org, name=_("Agenda template of %(org)s") % {"org": org.name})
    AgendaTemplateStep.objects.bulk_create(
        AgendaTemplateStep(template=template, order=i, part=s.part, kind=s.kind, title=s.title)
        for i, s in enumerate(inherited.steps, start=1)
    )
    record(
        actor,
        "agenda_template.create",
        template,
        organization=org,
        after={"copied_from": inherited.template.pk, "steps": [s.title for s in inherited.steps]},
    )
    return template


@transaction.atomic
def do_drop_template(actor: Any, org: Organization) -> None:
    """Remove `org`'s own template: the one above applies again. Agendas already built keep their items."""
    org = _lock_org(org)
    template = AgendaTemplate.objects.filter(organization=org).first()
    if template is None:
        return
    record(
        actor,
        "agenda_template.remove",
        template,
        organization=org,
        before={"steps": list(template.steps.order_by("order").values_list("title", flat=True))},
    )
    template.delete()


def _lock_template(template: AgendaTemplate) -> list[AgendaTemplateStep]:
    AgendaTemplate.objects.select_for_update().get(pk=template.pk)
    return list(template.steps.order_by("order", "pk"))


@transaction.atomic
def do_add_template_step(actor: Any, template: AgendaTemplate, *, part: str, kind: str, title: str) -> None:
    steps = _lock_template(template)
    title = title.strip()
    if any(s.title == title and s.part == part for s in steps):
        raise ValidationError(_("This step is already in the template."))
    parts = list(Part.values)
    index = max((i + 1 for i, s in enumerate(steps) if parts.index(s.part) <= parts.index(part)), default=0)
    step = AgendaTemplateStep(template=template, part=part, kind=kind, title=title, order=0)
    steps.insert(index, step)
    changed = renumber(steps)
    AgendaTemplateStep.objects.bulk_update([s for s in changed if s.pk is not None], ["order"])
    step.save()
    record(actor, "agenda_template.step_add", template, organization=template.organization, after=snapshot(step))


@transaction.atomic
def do_move_template_step(actor: Any, step: AgendaTemplateStep, *, direction: str) -> None:
    steps = _lock_template(step.template)
    changed = _swap(steps, step, direction)
    AgendaTemplateStep.objects.bulk_update(changed, ["order"])
    record(
        actor,
        "agenda_template.step_move",
        step.template,
        organization=step.template.organization,
        after={"order": [s.title for s in steps]},
    )


@transaction.atomic
def do_remove_template_step(actor: Any, step: AgendaTemplateStep) -> None:
    template = step.template
    steps = [s for s in _lock_template(template) if s.pk != step.pk]
    if not steps:
        raise ValidationError(_("A template needs at least one step."))
    record(actor, "agenda_template.step_remove", template, organization=template.organization, before=snapshot(step))
    step.delete()
    AgendaTemplateStep.objects.bulk_update(renumber(steps), ["order"])
