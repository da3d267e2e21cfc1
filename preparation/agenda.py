"""Agenda templates and where the pre-filled items go on a meeting's agenda.

The national default is the 16-step program of DOMAIN.md §4 (Tuy Lộc, 2022).
It is created lazily, the first time a template is needed, so that a fresh or
flushed database still has it; a commune (office) or a cell (officers) copies
it into a template of its own and edits that, and the nearest one applies.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from guidance.models import ItemKind
from meetings.models import AgendaItem, AgendaTemplate, AgendaTemplateStep, Part, StepKind
from orgs.models import Organization

DEFAULT_STEPS = [
    (Part.OPENING, StepKind.OPENING, _("Reason for the meeting and introduction of guests")),
    (Part.OPENING, StepKind.MINUTE_TAKER, _("Appoint the minute-taker")),
    (Part.OPENING, StepKind.ROLL_CALL, _("Report the attendance")),
    (Part.OPENING, StepKind.AGENDA, _("Approve the agenda")),
    (Part.PROCEEDINGS, StepKind.MONTHLY_REPORT, _("Report on the month's work and next month's direction")),
    (Part.PROCEEDINGS, StepKind.UPPER_DOCUMENTS, _("Pass on upper-level documents")),
    (Part.PROCEEDINGS, StepKind.GUIDANCE, _("The commune committee's monthly guidance")),
    (Part.PROCEEDINGS, StepKind.GUEST_SPEECH, _("The guests speak")),
    (Part.PROCEEDINGS, StepKind.OPINIONS, _("Members give their opinions")),
    (Part.PROCEEDINGS, StepKind.DISCUSSION, _("Discussion of the key questions")),
    (Part.CLOSING, StepKind.SUMMARY, _("Summary and assignment of tasks")),
    (Part.CLOSING, StepKind.VOTE, _("Vote on the resolution")),
    (Part.CLOSING, StepKind.ADMISSION, _("Admission of new members")),
    (Part.CLOSING, StepKind.SCORE, _("Score the meeting")),
    (Part.CLOSING, StepKind.MINUTES, _("Read and approve the minutes")),
    (Part.CLOSING, StepKind.CLOSE, _("Close the meeting")),
]

# Where pre-filled items go: the first of these steps found on the agenda.
TASK_ANCHORS = (StepKind.TASK_REVIEW, StepKind.MONTHLY_REPORT)
OPINION_ANCHORS = (StepKind.OPINIONS, StepKind.DISCUSSION)
THEMATIC_ANCHORS = (StepKind.THEMATIC, StepKind.DISCUSSION)
GUIDANCE_ANCHORS: dict[str, tuple[str, ...]] = {
    ItemKind.KEY_TASK: (StepKind.GUIDANCE,),
    ItemKind.DOCUMENT: (StepKind.UPPER_DOCUMENTS, StepKind.GUIDANCE),
    ItemKind.CURRENT_AFFAIRS: (StepKind.CURRENT_AFFAIRS, StepKind.GUIDANCE),
}


@dataclass
class EffectiveTemplate:
    template: AgendaTemplate
    steps: list[AgendaTemplateStep]
    # The organization the template belongs to; None for the national default.
    owner: Organization | None


def national_template() -> AgendaTemplate:
    """The national default template, created with the 16 steps the first time it is asked for."""
    template = AgendaTemplate.objects.filter(organization__isnull=True).order_by("pk").first()
    if template is not None:
        return template
    with translation.override(settings.LANGUAGE_CODE):
        template = AgendaTemplate.objects.create(organization=None, name=str(_("16-step program (national default)")))
        AgendaTemplateStep.objects.bulk_create(
            AgendaTemplateStep(template=template, order=i, part=part, kind=kind, title=str(title))
            for i, (part, kind, title) in enumerate(DEFAULT_STEPS, start=1)
        )
    return template


def effective_template(org: Organization) -> EffectiveTemplate:
    """The template of `org` itself or of its nearest ancestor, else the national default."""
    ids = [*org.ancestor_ids(), org.pk]
    own = list(AgendaTemplate.objects.filter(organization_id__in=ids).select_related("organization"))
    if own:
        template = max(own, key=lambda t: len(t.organization.path) if t.organization else 0)
        owner = template.organization
    else:
        template = national_template()
        owner = None
    return EffectiveTemplate(template, list(template.steps.order_by("order", "pk")), owner)


def _is_prefilled(item: AgendaItem) -> bool:
    return bool(item.task_id or item.opinion_id or item.guidance_item_id)


def insertion_index(items: Sequence[AgendaItem], anchors: Sequence[str], child_kind: str) -> int:
    """Where a pre-filled item goes: after the first anchor step found and the items already under it.

    Without any anchor on the agenda it goes at the end of the proceedings.
    """
    for anchor in anchors:
        for i, item in enumerate(items):
            if item.kind == anchor and not _is_prefilled(item):
                j = i + 1
                while j < len(items) and items[j].kind == child_kind and _is_prefilled(items[j]):
                    j += 1
                return j
    for i, item in enumerate(items):
        if item.part == Part.CLOSING:
            return i
    return len(items)


def part_of(items: Sequence[AgendaItem], index: int) -> str:
    """The part an item inserted at `index` belongs to: that of the item before it."""
    if index > 0:
        return items[index - 1].part
    return items[0].part if items else Part.PROCEEDINGS
