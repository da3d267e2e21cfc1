"""Who may open each URL: the table the permission walk test checks.

Every URL name in the project must appear here; a new URL fails the walk
until it is classified. `allowed` lists the test people (see core/testing.py)
who get through; everyone else must be refused (403/404, or the log-in page
for anonymous visitors).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.testing import World

EVERYONE = {"alice", "sam", "sue", "olga", "rita", "oscar"}
PUBLIC = EVERYONE | {"anonymous"}


@dataclass
class Rule:
    allowed: set[str]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    method: str = "get"
    query: str = ""


def _member_of(user_attr: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"member_id": getattr(w, user_attr).member_id}


def _term_of(org: Any) -> int:
    """An open committee term of `org`, created for the walk."""
    import datetime as dt

    from committees.models import CommitteeTerm

    term, _ = CommitteeTerm.objects.get_or_create(organization=org, name="2025-2030", starts_on=dt.date(2025, 8, 1))
    return term.pk


def _import_batch(world: World) -> dict[str, int]:
    """Sam's checked import into cell A1, created for the walk."""
    from member_excel.testing import sample_batch

    return {"batch_id": sample_batch(world).pk}


def _guidance(what: str) -> Callable[[World], dict[str, int]]:
    """Commune A's published guidance, one of its points or one of its conferences, created for the walk."""

    def build(world: World) -> dict[str, int]:
        from guidance.testing import walk_kwargs

        return walk_kwargs(world, what)

    return build


def _held_meeting(world: World) -> Any:
    """A held meeting of cell A1, created for the walk."""
    from records.testing import held_meeting

    return held_meeting(world.cell_a1)


def _records(world: World, what: str) -> Any:
    """Draft or adopted minutes or resolution of a held meeting in cell A1, or alice's task; created for the walk."""
    from records import testing

    meeting = testing.held_meeting(world.cell_a1)
    if what == "minutes":
        return testing.do_draft_minutes(world.sam, meeting)
    if what == "adopted_minutes":
        return testing.adopted_minutes(world.sam, meeting)
    if what == "resolution":
        return testing.resolution_with_tasks(world.sam, meeting, [])
    if what == "adopted_resolution":
        return testing.adopted_resolution(world.sam, meeting, [])
    return testing.alice_task(world)


def _recording(world: World, what: str = "") -> dict[str, int]:
    """Cell A1's meeting with alice as minute-taker (and one of its records), created for the walk."""
    from recording.testing import walk_kwargs

    return walk_kwargs(world, what)


def _prep(builder: str) -> Callable[[World], dict[str, Any]]:
    """A keyword builder from preparation/testing.py, imported when the walk runs."""

    def build(world: World) -> dict[str, Any]:
        from preparation import testing

        return getattr(testing, builder)(world)

    return build


RULES: dict[str, Rule] = {
    "home:home": Rule(EVERYONE),
    "accounts:login": Rule(PUBLIC),
    "accounts:logout": Rule(PUBLIC, method="post"),
    "accounts:activate": Rule(PUBLIC),
    "orgs:tree": Rule(EVERYONE),
    # Cell A1: its members, its secretary, the commune office, the province reader.
    "orgs:detail": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    "members:list": Rule({"sam", "sue", "olga", "rita", "oscar"}),
    # Alice's record: herself, her secretary, her commune office, the province reader.
    "members:detail": Rule({"alice", "sam", "olga", "rita"}, _member_of("alice")),
    # New records: whoever manages at least one cell.
    "members:create": Rule({"sam", "sue", "olga", "oscar"}),
    "members:transfer_in": Rule({"sam", "sue", "olga", "oscar"}),
    # Changes to alice's record: those who manage her (her secretary, her commune office).
    "members:edit": Rule({"sam", "olga"}, _member_of("alice")),
    "members:make_full": Rule({"sam", "olga"}, _member_of("alice")),
    "members:add_exemption": Rule({"sam", "olga"}, _member_of("alice")),
    "members:end_exemption": Rule({"sam", "olga"}, _member_of("alice")),
    "members:add_temporary_activity": Rule({"sam", "olga"}, _member_of("alice")),
    "members:end_temporary_activity": Rule({"sam", "olga"}, _member_of("alice")),
    "members:transfer": Rule({"sam", "olga"}, _member_of("alice")),
    "members:transfer_out": Rule({"sam", "olga"}, _member_of("alice")),
    "members:record_death": Rule({"sam", "olga"}, _member_of("alice")),
    "members:remove": Rule({"sam", "olga"}, _member_of("alice")),
    # Office actions on commune A and cell A1: only olga, commune A's office.
    "orgs:create_child": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}),
    "orgs:rename": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "orgs:move": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "orgs:dissolve": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "orgs:merge": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}),
    "orgs:merge_confirm": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}, method="post"),
    # Cell A1's committee: read by whoever sees the cell, edited by the commune office only.
    "committees:org": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    "committees:term_create": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "committees:term_close": Rule({"olga"}, lambda w: {"term_id": _term_of(w.cell_a1)}),
    "committees:position_assign": Rule({"olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "committees:position_end": Rule({"olga"}, lambda w: {"position_id": w.sam.member.positions.get().pk}),
    # Activation slips for cell A1: its officers and the commune office; readers never issue.
    "accounts:issue": Rule({"sam", "olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    # Resetting alice's access (the confirmation step): her secretary and her commune office.
    "accounts:reset": Rule({"sam", "olga"}, _member_of("alice"), method="post"),
    # Member import: whoever manages members somewhere; a batch only for those who manage its target (cell A1).
    "member_excel:template": Rule({"sam", "sue", "olga", "oscar"}),
    "member_excel:upload": Rule({"sam", "sue", "olga", "oscar"}),
    "member_excel:batch": Rule({"sam", "olga"}, _import_batch),
    "member_excel:progress": Rule({"sam", "olga"}, _import_batch),
    "member_excel:commit": Rule({"sam", "olga"}, _import_batch, method="post"),
    "member_excel:recheck": Rule({"sam", "olga"}, _import_batch, method="post"),
    # The export follows the member list.
    "member_excel:export": Rule({"sam", "sue", "olga", "rita", "oscar"}),
    # The month × cell grid of commune A: its office and the province reader, not cell members.
    "overview:grid": Rule({"olga", "rita"}, lambda w: {"org_id": w.commune_a.pk}),
    # Commune A's monthly guidance: read by its office and the province reader, written by its office only.
    "guidance:list": Rule({"olga", "rita"}, lambda w: {"org_id": w.commune_a.pk}),
    "guidance:create": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}),
    "guidance:conference_create": Rule({"olga"}, lambda w: {"org_id": w.commune_a.pk}),
    "guidance:conference_edit": Rule({"olga"}, _guidance("conference")),
    "guidance:detail": Rule({"olga", "rita"}, _guidance("guidance")),
    "guidance:uptake": Rule({"olga", "rita"}, _guidance("guidance")),
    "guidance:edit": Rule({"olga"}, _guidance("guidance")),
    "guidance:publish": Rule({"olga"}, _guidance("guidance"), method="post"),
    "guidance:item_add": Rule({"olga"}, _guidance("guidance")),
    "guidance:item_edit": Rule({"olga"}, _guidance("item")),
    "guidance:item_delete": Rule({"olga"}, _guidance("guidance+item"), method="post"),
    # A published document for every cell: also the members and officers of commune A's cells.
    "guidance:item_file": Rule({"alice", "sam", "sue", "olga", "rita"}, _guidance("item")),
    # The guidance as cell A1 sees it: whoever sees the cell.
    "guidance:for_cell": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    # Records of a held meeting in cell A1: read by whoever sees the meeting; minutes written by those who
    # record it; the resolution, adoption and amendments by its officers and the commune office.
    "records:meeting": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"meeting_id": _held_meeting(w).pk}),
    "records:minutes_draft": Rule({"sam", "olga"}, lambda w: {"meeting_id": _held_meeting(w).pk}, method="post"),
    "records:minutes_edit": Rule({"sam", "olga"}, lambda w: {"minutes_id": _records(w, "minutes").pk}),
    "records:minutes_adopt": Rule({"sam", "olga"}, lambda w: {"minutes_id": _records(w, "minutes").pk}, method="post"),
    "records:minutes_amend": Rule({"sam", "olga"}, lambda w: {"minutes_id": _records(w, "adopted_minutes").pk}),
    "records:resolution_draft": Rule({"sam", "olga"}, lambda w: {"meeting_id": _held_meeting(w).pk}, method="post"),
    "records:resolution_edit": Rule({"sam", "olga"}, lambda w: {"resolution_id": _records(w, "resolution").pk}),
    "records:resolution_adopt": Rule(
        {"sam", "olga"}, lambda w: {"resolution_id": _records(w, "resolution").pk}, method="post"
    ),
    "records:resolution_amend": Rule(
        {"sam", "olga"}, lambda w: {"resolution_id": _records(w, "adopted_resolution").pk}
    ),
    # Tasks: everyone has a (possibly empty) list of their own; alice's task is seen by whoever sees its meeting.
    "records:my_tasks": Rule(EVERYONE),
    "records:task": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"task_id": _records(w, "task").pk}),
    "records:cell_tasks": Rule({"sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    "records:overdue": Rule({"olga", "rita"}, lambda w: {"org_id": w.commune_a.pk}),
    # Recording cell A1's meeting: its officers, the commune office and alice, its minute-taker; readers never.
    "recording:meeting": Rule({"alice", "sam", "olga"}, lambda w: _recording(w)),
    "recording:start": Rule({"alice", "sam", "olga"}, lambda w: _recording(w), method="post"),
    "recording:end": Rule({"alice", "sam", "olga"}, lambda w: _recording(w), method="post"),
    "recording:add_guest": Rule({"alice", "sam", "olga"}, lambda w: _recording(w), method="post"),
    "recording:remove_guest": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "guest"), method="post"),
    "recording:mark": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "attendance"), method="post"),
    "recording:notes": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "item"), method="post"),
    "recording:add_speech": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "item"), method="post"),
    "recording:edit_speech": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "speech"), method="post"),
    "recording:remove_speech": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "speech"), method="post"),
    "recording:add_vote": Rule({"alice", "sam", "olga"}, lambda w: _recording(w), method="post"),
    "recording:remove_vote": Rule({"alice", "sam", "olga"}, lambda w: _recording(w, "vote"), method="post"),
    # Meeting preparation in cell A1: the cell (members read notices), its secretary and the commune office
    # manage, the province reader reads; builders in preparation/testing.py.
    "preparation:cell_meetings": Rule({"alice", "sam", "olga", "rita"}, lambda w: {"org_id": w.cell_a1.pk}),
    "preparation:create": Rule({"sam", "olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "preparation:prepare": Rule({"sam", "olga", "rita"}, _prep("walk_meeting")),
    "preparation:edit": Rule({"sam", "olga"}, _prep("walk_meeting")),
    "preparation:cancel": Rule({"sam", "olga"}, _prep("walk_meeting")),
    "preparation:assignment_add": Rule({"sam", "olga"}, _prep("walk_meeting")),
    "preparation:assignment_done": Rule({"sam", "olga"}, _prep("walk_assignment"), method="post"),
    "preparation:assignment_remove": Rule({"sam", "olga"}, _prep("walk_assignment")),
    "preparation:prep_meeting": Rule({"sam", "olga"}, _prep("walk_meeting")),
    "preparation:document_add": Rule({"sam", "olga"}, _prep("walk_meeting")),
    "preparation:document": Rule({"alice", "sam", "olga", "rita"}, _prep("walk_document")),
    "preparation:document_remove": Rule({"sam", "olga"}, _prep("walk_document")),
    "preparation:agenda_build": Rule({"sam", "olga"}, _prep("walk_meeting"), method="post"),
    "preparation:agenda_item_add": Rule({"sam", "olga"}, _prep("walk_meeting")),
    "preparation:agenda_item": Rule({"sam", "olga"}, _prep("walk_item")),
    "preparation:agenda_item_move": Rule({"sam", "olga"}, _prep("walk_item"), method="post"),
    "preparation:agenda_item_remove": Rule({"sam", "olga"}, _prep("walk_item")),
    "preparation:template": Rule({"sam", "olga"}, lambda w: {"org_id": w.cell_a1.pk}),
    "preparation:template_create": Rule({"sam", "olga"}, lambda w: {"org_id": w.cell_a1.pk}, method="post"),
    "preparation:template_drop": Rule({"sam", "olga"}, _prep("walk_own_template")),
    "preparation:template_step_add": Rule({"sam", "olga"}, _prep("walk_own_template"), method="post"),
    "preparation:template_step_move": Rule({"sam", "olga"}, _prep("walk_step"), method="post"),
    "preparation:template_step_remove": Rule({"sam", "olga"}, _prep("walk_step")),
    "preparation:notice_send": Rule({"sam", "olga"}, _prep("walk_meeting"), method="post"),
    "preparation:notice": Rule({"alice", "sam", "olga", "rita"}, _prep("walk_notified")),
    "preparation:opinion": Rule({"alice", "sam"}, _prep("walk_notified"), method="post"),
    "preparation:absence": Rule({"alice", "sam"}, _prep("walk_notified"), method="post"),
    "preparation:absence_withdraw": Rule({"alice", "sam"}, _prep("walk_notified"), method="post"),
    "audit:list": Rule({"olga", "rita", "oscar"}),
}

# Newer apps keep their rules beside their code, in <app>/walk.py.
WALK_APPS = ["rules", "quality", "thematic", "documents", "printpack", "feeds", "search"]


def _merge_app_rules() -> None:
    from importlib import import_module

    for app in WALK_APPS:
        for name, rule in import_module(f"{app}.walk").RULES.items():
            assert name not in RULES, f"{name} is classified twice"
            RULES[name] = rule


_merge_app_rules()

# URL name prefixes that the walk does not visit, with the reason.
SKIPPED_PREFIXES = {
    "admin:": "Django admin: superusers only, guarded by Django itself (tested in test_admin_is_superuser_only)",
}
