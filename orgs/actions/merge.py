"""Merging organizations: a plan shown as a preview, then one atomic, audited operation.

Merging sources into a target on day D:

- every active child of a source moves under the target, keeping its own
  identity, history and records (its path and a new version from D);
- a source's own active members (cells merging into a cell) move to the
  target with a transfer record;
- the sources' positions and open committee terms end on D - 1, and so do
  the follow-up cadres of the moving children (the upper committee they sat
  on is gone);
- each source is dissolved on D and points at the target; its records stay
  with it;
- optionally, the office and reader grants on the sources are given on the
  target too.

The preview carries a fingerprint of everything it showed; confirming with a
fingerprint that no longer matches is refused so that the user looks again.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils.translation import gettext as _

from accounts.models import Grant
from audit.log import record
from committees.models import CommitteeTerm, Position, Role
from core.dates import vn_short_date
from members.models import Category, Member, MemberState, Transfer, TransferKind
from orgs.actions._periods import (
    effective_date_problem,
    end_positions,
    end_terms,
    open_version,
    positions_ending,
    positions_starting_after,
    reparent,
    terms_ending,
)
from orgs.actions.tree import code_problem, do_create_organization, placement_problem
from orgs.models import Organization, OrgVersion


@dataclass(frozen=True)
class NewTarget:
    """A target organization that the merge itself creates."""

    kind: str
    code: str
    name: str
    parent: Organization
    official_name: str = ""
    cell_type: str = ""


@dataclass
class MergePlan:
    """What a merge will do, shown to the user before they confirm it."""

    sources: list[Organization]
    target: Organization | None
    on: dt.date
    moving_children: list[Organization]
    problems: list[str]
    new_target: NewTarget | None = None
    carry_grants: bool = False
    moving_members: list[Member] = field(default_factory=list)
    ending_positions: list[Position] = field(default_factory=list)
    ending_terms: list[CommitteeTerm] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    # Organization id -> (active members, active full members) in its whole subtree.
    counts: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def target_name(self) -> str:
        if self.target is not None:
            return self.target.name
        return self.new_target.name if self.new_target else ""

    def count(self, org: Organization) -> tuple[int, int]:
        return self.counts.get(org.pk, (0, 0))

    @property
    def fingerprint(self) -> str:
        """A digest of the tree as this plan saw it: it changes when anything the preview showed changes."""
        state = {
            "on": self.on.isoformat(),
            "sources": sorted((s.pk, s.path, str(s.dissolved_on), s.name) for s in self.sources),
            "target": (self.target.pk, self.target.path, str(self.target.dissolved_on)) if self.target else None,
            "new": [
                self.new_target.code,
                self.new_target.name,
                self.new_target.official_name,
                self.new_target.parent.pk,
                self.new_target.parent.path,
            ]
            if self.new_target
            else None,
            "children": sorted((c.pk, c.path) for c in self.moving_children),
            "members": sorted(m.pk for m in self.moving_members),
            "positions": sorted((p.pk, str(p.valid_to)) for p in self.ending_positions),
            "terms": sorted((t.pk, str(t.ends_on)) for t in self.ending_terms),
            "grants": sorted(g.pk for g in self.grants),
            "carry_grants": self.carry_grants,
            "problems": self.problems,
        }
        return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:32]


class StalePlan(Exception):
    """The tree changed between the preview and the confirmation."""

    def __init__(self, fresh: MergePlan) -> None:
        super().__init__("stale merge preview")
        self.fresh = fresh


def plan_merge(
    sources: list[Organization],
    target: Organization | None,
    on: dt.date,
    *,
    new_target: NewTarget | None = None,
    carry_grants: bool = False,
) -> MergePlan:
    """Work out a merge of `sources` into `target` (or into `new_target`) on `on`, without writing anything."""
    problems = _source_problems(sources, target, on, new_target)
    source_ids = [s.pk for s in sources]
    children = list(
        Organization.objects.filter(parent__in=source_ids, dissolved_on__isnull=True)
        .exclude(pk__in=source_ids)
        .order_by("path")
    )
    versions = {v.organization_id: v for v in OrgVersion.objects.filter(organization__in=children, valid_to=None)}
    for child in children:
        problem = effective_date_problem(child, on, versions.get(child.pk))
        if problem:
            problems.append(problem)
    for position in positions_starting_after(source_ids, on):
        problems.append(
            _("%(member)s's position in %(org)s starts on %(date)s, on or after the merge: end or correct it first.")
            % {
                "member": position.member.full_name,
                "org": position.organization.name,
                "date": vn_short_date(position.valid_from),
            }
        )
    if CommitteeTerm.objects.filter(organization__in=source_ids, starts_on__gte=on).exists():
        problems.append(_("A committee term of an organization being merged starts on or after the merge date."))
    child_ids = [c.pk for c in children]
    return MergePlan(
        sources=sources,
        target=target,
        on=on,
        moving_children=children,
        problems=problems,
        new_target=new_target,
        carry_grants=carry_grants,
        moving_members=list(
            Member.objects.filter(organization__in=source_ids, state=MemberState.ACTIVE)
            .annotate(last_transfer_on=Max("transfers__on"))
            .order_by("full_name", "pk")
        ),
        ending_positions=positions_ending(source_ids, on) + positions_ending(child_ids, on, roles=(Role.FOLLOW_UP,)),
        ending_terms=terms_ending(source_ids, on),
        grants=list(
            Grant.objects.filter(organization__in=source_ids)
            .select_related("user", "organization")
            .order_by("organization__path", "user__username")
        ),
        counts=_subtree_counts([*sources, *children]),
    )


def _source_problems(
    sources: list[Organization], target: Organization | None, on: dt.date, new_target: NewTarget | None
) -> list[str]:
    problems = []
    if not sources:
        problems.append(_("Choose at least one organization to merge."))
    if target is None and new_target is None:
        problems.append(_("Choose the organization to merge into, or describe a new one."))
    kinds = {s.kind for s in sources}
    if len(kinds) > 1:
        problems.append(_("Only organizations of the same kind can be merged."))
    versions = {v.organization_id: v for v in OrgVersion.objects.filter(organization__in=sources, valid_to=None)}
    for source in sources:
        if target is not None and source.pk == target.pk:
            problems.append(_("An organization cannot be merged into itself."))
        elif target is not None and target.path.startswith(source.path):
            problems.append(_("%(name)s contains the target organization.") % {"name": source.name})
        if target is not None and source.kind != target.kind:
            problems.append(_("%(name)s is not of the same kind as the target.") % {"name": source.name})
        problem = effective_date_problem(source, on, versions.get(source.pk))
        if problem:
            problems.append(problem)
    if target is not None:
        if not target.is_active:
            problems.append(_("The target organization no longer exists."))
        elif target.founded_on > on:
            problems.append(
                _("%(name)s was only founded on %(date)s.")
                % {"name": target.name, "date": vn_short_date(target.founded_on)}
            )
    if new_target is not None:
        problems.extend(_new_target_problems(new_target, sources, on))
    return problems


def _new_target_problems(new: NewTarget, sources: list[Organization], on: dt.date) -> list[str]:
    problems = []
    if not new.name.strip():
        problems.append(_("The new organization needs a name."))
    if not new.code.strip():
        problems.append(_("The new organization needs a short code."))
    else:
        problem = code_problem(new.code.strip())
        if problem:
            problems.append(problem)
    problem = placement_problem(new.kind, new.parent)
    if problem:
        problems.append(problem)
    if any(new.parent.path.startswith(s.path) for s in sources):
        problems.append(_("The new organization cannot be placed under an organization that is being merged."))
    if new.parent.founded_on > on:
        problems.append(
            _("%(name)s was only founded on %(date)s.")
            % {"name": new.parent.name, "date": vn_short_date(new.parent.founded_on)}
        )
    return problems


def _subtree_counts(orgs: list[Organization]) -> dict[int, tuple[int, int]]:
    """(active members, active full members) under each of `orgs`, in one query."""
    if not orgs:
        return {}
    under = Q()
    for org in orgs:
        under |= Q(organization__path__startswith=org.path)
    rows = (
        Member.objects.filter(under, state=MemberState.ACTIVE)
        .values("organization__path")
        .annotate(total=Count("id"), full=Count("id", filter=Q(category=Category.FULL)))
    )
    out: dict[int, tuple[int, int]] = {}
    for org in orgs:
        total = full = 0
        for row in rows:
            if row["organization__path"].startswith(org.path):
                total += row["total"]
                full += row["full"]
        out[org.pk] = (total, full)
    return out


def _relock(plan: MergePlan) -> MergePlan:
    """Lock every organization the merge touches and plan again from what the database holds now."""
    ids = {s.pk for s in plan.sources}
    if plan.target is not None:
        ids.add(plan.target.pk)
    if plan.new_target is not None:
        ids.add(plan.new_target.parent.pk)
    locked = {o.pk: o for o in Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    new_target = plan.new_target
    if new_target is not None:
        new_target = NewTarget(
            kind=new_target.kind,
            code=new_target.code,
            name=new_target.name,
            parent=locked[new_target.parent.pk],
            official_name=new_target.official_name,
            cell_type=new_target.cell_type,
        )
    return plan_merge(
        [locked[s.pk] for s in plan.sources],
        locked[plan.target.pk] if plan.target is not None else None,
        plan.on,
        new_target=new_target,
        carry_grants=plan.carry_grants,
    )


@transaction.atomic
def do_merge_organizations(actor: Any, plan: MergePlan, *, expected_fingerprint: str | None = None) -> Organization:
    """Apply `plan` in one transaction and return the target.

    The plan is worked out again under row locks; with `expected_fingerprint`
    (the one the preview showed) a plan that changed meanwhile raises
    `StalePlan` carrying the fresh plan, and nothing is written.
    """
    fresh = _relock(plan)
    if expected_fingerprint is not None and fresh.fingerprint != expected_fingerprint:
        raise StalePlan(fresh)
    if not fresh.ok:
        raise ValidationError(fresh.problems)
    on = fresh.on
    target = fresh.target
    if target is None:
        assert fresh.new_target is not None
        new = fresh.new_target
        target = do_create_organization(
            actor,
            kind=new.kind,
            code=new.code,
            name=new.name,
            official_name=new.official_name,
            parent=new.parent,
            cell_type=new.cell_type,
            founded_on=on,
        )
    for child in fresh.moving_children:
        child.refresh_from_db()
        reparent(child, target)
        open_version(child, on, "merged")
    _move_members(fresh, target)
    end_positions(fresh.ending_positions, on)
    end_terms(fresh.ending_terms, on)
    for source in fresh.sources:
        OrgVersion.objects.filter(organization=source, valid_to__isnull=True).update(valid_to=on)
        source.dissolved_on = on
        source.merged_into = target
        source.save(update_fields=["dissolved_on", "merged_into"])
    added = _carry_grants(fresh, target) if fresh.carry_grants else []
    record(
        actor,
        "org.merge",
        target,
        organization=target,
        before={"sources": [{"id": s.pk, "name": s.name, "path": s.path} for s in fresh.sources]},
        after={
            "sources": [s.pk for s in fresh.sources],
            "target": target.pk,
            "on": on.isoformat(),
            "moved": [c.pk for c in fresh.moving_children],
            "members_moved": [m.pk for m in fresh.moving_members],
            "positions_ended": [p.pk for p in fresh.ending_positions],
            "terms_closed": [t.pk for t in fresh.ending_terms],
            "grants_added": added,
        },
        object_repr=_("%(sources)s merged into %(target)s")
        % {"sources": ", ".join(s.name for s in fresh.sources), "target": target.name},
    )
    return target


def _move_members(plan: MergePlan, target: Organization) -> None:
    if not plan.moving_members:
        return
    sources = {s.pk: s for s in plan.sources}
    note = _("Merged into %(target)s") % {"target": target.name}
    Transfer.objects.bulk_create(
        Transfer(
            member=m,
            kind=TransferKind.OFFICIAL,
            # A member admitted or transferred in after the merge date (recorded late) moves on that later day,
            # so that their transfer history stays in order.
            on=max(plan.on, m.admitted_on, getattr(m, "last_transfer_on", None) or plan.on),
            from_org=sources[m.organization_id],
            to_org=target,
            note=note,
        )
        for m in plan.moving_members
    )
    # Bumping the version refuses any edit form opened before the move.
    Member.objects.filter(pk__in=[m.pk for m in plan.moving_members]).update(
        organization=target, version=F("version") + 1
    )


def _carry_grants(plan: MergePlan, target: Organization) -> list[int]:
    added = []
    for grant in plan.grants:
        new, created = Grant.objects.get_or_create(user=grant.user, organization=target, role=grant.role)
        if created:
            added.append(new.pk)
    return added
