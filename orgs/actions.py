"""Every write to the organization tree. Each function is atomic and audited."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from orgs.models import Organization, OrgKind, OrgVersion


def _path_for(org: Organization, parent: Organization | None) -> str:
    return f"{parent.path if parent else '/'}{org.pk}/"


@transaction.atomic
def do_create_organization(
    actor: Any,
    *,
    kind: str,
    code: str,
    name: str,
    official_name: str = "",
    parent: Organization | None = None,
    cell_type: str = "",
    founded_on: dt.date = dt.date(1930, 2, 3),
) -> Organization:
    org = Organization.objects.create(
        kind=kind,
        code=code,
        name=name,
        official_name=official_name or name,
        parent=parent,
        cell_type=cell_type if kind == OrgKind.CELL else "",
        founded_on=founded_on,
    )
    org.path = _path_for(org, parent)
    org.save(update_fields=["path"])
    OrgVersion.objects.create(
        organization=org,
        parent=parent,
        name=org.name,
        official_name=org.official_name,
        valid_from=founded_on,
        reason="founded",
    )
    record(actor, "org.create", org, organization=org, after=snapshot(org))
    return org


def _open_new_version(org: Organization, day: dt.date, reason: str) -> None:
    """Close the current version on `day` and open one from the org's current fields."""
    current = OrgVersion.objects.select_for_update().filter(organization=org, valid_to__isnull=True).first()
    if current is not None:
        if current.valid_from >= day:
            # A correction on the version's own first day replaces it instead of leaving an empty period.
            current.delete()
        else:
            current.valid_to = day
            current.save(update_fields=["valid_to"])
    OrgVersion.objects.create(
        organization=org,
        parent=org.parent,
        name=org.name,
        official_name=org.official_name,
        valid_from=day,
        reason=reason,
    )


@transaction.atomic
def do_rename_organization(actor: Any, org: Organization, *, name: str, official_name: str, on: dt.date) -> None:
    before = snapshot(org, ["name", "official_name"])
    org.name = name
    org.official_name = official_name or name
    org.save(update_fields=["name", "official_name"])
    _open_new_version(org, on, "renamed")
    record(
        actor,
        "org.rename",
        org,
        organization=org,
        before=before,
        after=snapshot(org, ["name", "official_name"]),
    )


def _reparent(org: Organization, new_parent: Organization) -> None:
    """Point `org` at `new_parent` and rewrite the paths of its whole subtree in one UPDATE."""
    old_path = org.path
    new_path = _path_for(org, new_parent)
    Organization.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
    )
    org.parent = new_parent
    org.path = new_path
    org.save(update_fields=["parent"])


@transaction.atomic
def do_move_organization(actor: Any, org: Organization, *, new_parent: Organization, on: dt.date) -> None:
    if new_parent.path.startswith(org.path):
        raise ValueError("An organization cannot be moved under itself.")
    before = {"parent": org.parent_id, "path": org.path}
    _reparent(org, new_parent)
    _open_new_version(org, on, "moved")
    record(
        actor,
        "org.move",
        org,
        organization=org,
        before=before,
        after={"parent": new_parent.pk, "path": org.path},
    )


@dataclass
class MergePlan:
    """What a merge will do, shown to the user before they confirm it."""

    sources: list[Organization]
    target: Organization
    on: dt.date
    moving_children: list[Organization]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def plan_merge(sources: list[Organization], target: Organization, on: dt.date) -> MergePlan:
    """Work out a merge of `sources` into `target` on date `on`, without writing anything."""
    problems = []
    if not sources:
        problems.append(_("Choose at least one organization to merge."))
    for source in sources:
        if source.pk == target.pk:
            problems.append(_("An organization cannot be merged into itself."))
        elif target.path.startswith(source.path):
            problems.append(_("%(name)s contains the target organization.") % {"name": source.name})
        if source.dissolved_on is not None:
            problems.append(_("%(name)s no longer exists.") % {"name": source.name})
        if source.kind != target.kind:
            problems.append(_("%(name)s is not of the same kind as the target.") % {"name": source.name})
    if target.dissolved_on is not None:
        problems.append(_("The target organization no longer exists."))
    children = list(
        Organization.objects.filter(parent__in=[s.pk for s in sources], dissolved_on__isnull=True).order_by("path")
    )
    return MergePlan(sources=sources, target=target, on=on, moving_children=children, problems=problems)


@transaction.atomic
def do_merge_organizations(actor: Any, plan: MergePlan) -> None:
    """Move every child of the sources under the target and close the sources.

    Records stay attached to the organization they were made in: cells keep
    their identity and history, and the closed sources keep theirs.
    """
    if not plan.ok:
        raise ValueError("; ".join(plan.problems))
    for child in plan.moving_children:
        child.refresh_from_db()
        _reparent(child, plan.target)
        _open_new_version(child, plan.on, "merged")
    for source in plan.sources:
        current = OrgVersion.objects.filter(organization=source, valid_to__isnull=True).first()
        if current is not None:
            current.valid_to = plan.on
            current.save(update_fields=["valid_to"])
        source.dissolved_on = plan.on
        source.merged_into = plan.target
        source.save(update_fields=["dissolved_on", "merged_into"])
    record(
        actor,
        "org.merge",
        plan.target,
        organization=plan.target,
        after={
            "sources": [s.pk for s in plan.sources],
            "on": plan.on.isoformat(),
            "moved": [c.pk for c in plan.moving_children],
        },
        object_repr=_("%(sources)s merged into %(target)s")
        % {"sources": ", ".join(s.name for s in plan.sources), "target": plan.target.name},
    )
