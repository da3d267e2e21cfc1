"""Writes to the organization tree: create, rename, move, dissolve. Each is atomic and audited."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from committees.models import Role
from core.dates import today, vn_short_date
from members.models import Member, MemberState
from orgs.actions._periods import (
    check_effective_date,
    close_version,
    end_positions,
    end_terms,
    open_version,
    path_for,
    positions_ending,
    positions_starting_after,
    reparent,
    terms_ending,
)
from orgs.models import Organization, OrgKind, OrgVersion
from orgs.structure import may_hold


def _locked(org: Organization) -> Organization:
    """Re-read `org` under a row lock, so two offices changing it at once take turns."""
    return Organization.objects.select_for_update().get(pk=org.pk)


def code_problem(code: str, *, exclude: Organization | None = None) -> str | None:
    qs = Organization.objects.filter(code__iexact=code)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    other = qs.first()
    if other is not None:
        return _("The code %(code)s is already used by %(name)s.") % {"code": code, "name": other.name}
    return None


def placement_problem(kind: str, parent: Organization | None) -> str | None:
    """Why an organization of `kind` cannot sit under `parent`, or None."""
    if parent is None:
        return None
    if not parent.is_active:
        return _("%(name)s no longer exists.") % {"name": parent.name}
    if not may_hold(parent.kind, kind):
        return _("A %(kind)s cannot be placed under a %(parent_kind)s.") % {
            "kind": OrgKind(kind).label,
            "parent_kind": OrgKind(parent.kind).label,
        }
    return None


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
    code, name = code.strip(), name.strip()
    if parent is not None:
        parent = _locked(parent)
    problem = code_problem(code) or placement_problem(kind, parent)
    if problem:
        raise ValidationError(problem)
    if not name:
        raise ValidationError(_("An organization needs a name."))
    if founded_on > today():
        raise ValidationError(_("The founding date cannot be in the future."))
    org = Organization.objects.create(
        kind=kind,
        code=code,
        name=name,
        official_name=official_name.strip() or name,
        parent=parent,
        cell_type=cell_type if kind == OrgKind.CELL else "",
        founded_on=founded_on,
    )
    org.path = path_for(org, parent)
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


@transaction.atomic
def do_rename_organization(actor: Any, org: Organization, *, name: str, official_name: str, on: dt.date) -> None:
    """Give `org` a new name from `on`; earlier documents keep the name in force on their date."""
    locked = _locked(org)
    name = name.strip()
    official_name = official_name.strip() or name
    if not name:
        raise ValidationError(_("An organization needs a name."))
    check_effective_date(locked, on)
    if (locked.name, locked.official_name) == (name, official_name):
        raise ValidationError(_("The new name is the same as the current one."))
    before = snapshot(locked, ["name", "official_name"])
    locked.name = name
    locked.official_name = official_name
    locked.save(update_fields=["name", "official_name"])
    open_version(locked, on, "renamed")
    after = snapshot(locked, ["name", "official_name"]) | {"on": on.isoformat()}
    record(actor, "org.rename", locked, organization=locked, before=before, after=after)
    org.name, org.official_name = locked.name, locked.official_name


def move_problems(org: Organization, new_parent: Organization, on: dt.date) -> list[str]:
    problems = []
    if new_parent.path.startswith(org.path):
        problems.append(_("An organization cannot be moved under itself or one of its own subordinates."))
    elif new_parent.pk == org.parent_id:
        problems.append(_("%(name)s is already under %(parent)s.") % {"name": org.name, "parent": new_parent.name})
    problem = placement_problem(org.kind, new_parent)
    if problem:
        problems.append(problem)
    if new_parent.founded_on > on:
        problems.append(
            _("%(name)s was only founded on %(date)s.")
            % {"name": new_parent.name, "date": vn_short_date(new_parent.founded_on)}
        )
    return problems


def follow_ups_ending(org: Organization, on: dt.date) -> list[Any]:
    """Follow-up cadres of `org` that a move on `on` ends: they sat on the old upper committee."""
    return positions_ending([org.pk], on, roles=(Role.FOLLOW_UP,))


@transaction.atomic
def do_move_organization(actor: Any, org: Organization, *, new_parent: Organization, on: dt.date) -> None:
    """Place `org` (with everything under it) under `new_parent` from `on`."""
    locked = _locked(org)
    new_parent = _locked(new_parent)
    problems = move_problems(locked, new_parent, on)
    if problems:
        raise ValidationError(problems)
    check_effective_date(locked, on)
    ended = follow_ups_ending(locked, on)
    before = {"parent": locked.parent_id, "path": locked.path}
    end_positions(ended, on)
    reparent(locked, new_parent)
    open_version(locked, on, "moved")
    record(
        actor,
        "org.move",
        locked,
        organization=locked,
        before=before,
        after={
            "parent": new_parent.pk,
            "path": locked.path,
            "on": on.isoformat(),
            "positions_ended": [p.pk for p in ended],
        },
    )
    org.parent, org.path = locked.parent, locked.path


def dissolve_problems(org: Organization, on: dt.date) -> list[str]:
    """What stops `org` from being dissolved on `on`."""
    problems = []
    children = org.children.filter(dissolved_on__isnull=True).count()
    if children:
        problems.append(
            _("%(name)s still has %(n)s subordinate organizations: move, merge or dissolve them first.")
            % {"name": org.name, "n": children}
        )
    members = Member.objects.filter(organization=org, state=MemberState.ACTIVE).count()
    if members:
        problems.append(
            _("%(name)s still has %(n)s members: transfer them or merge the cell into another first.")
            % {"name": org.name, "n": members}
        )
    for position in positions_starting_after([org.pk], on):
        problems.append(
            _("%(member)s's position starts on %(date)s, after the dissolution: end or correct it first.")
            % {"member": position.member.full_name, "date": vn_short_date(position.valid_from)}
        )
    return problems


@transaction.atomic
def do_dissolve_organization(actor: Any, org: Organization, *, on: dt.date, reason: str = "") -> None:
    """Dissolve an empty organization from `on`: its positions and terms end the day before."""
    locked = _locked(org)
    check_effective_date(locked, on)
    problems = dissolve_problems(locked, on)
    if problems:
        raise ValidationError(problems)
    positions = positions_ending([locked.pk], on)
    terms = terms_ending([locked.pk], on)
    end_positions(positions, on)
    end_terms(terms, on)
    close_version(locked, on)
    locked.dissolved_on = on
    locked.save(update_fields=["dissolved_on"])
    record(
        actor,
        "org.dissolve",
        locked,
        organization=locked,
        before={"dissolved_on": None},
        after={
            "dissolved_on": on.isoformat(),
            "reason": reason,
            "positions_ended": [p.pk for p in positions],
            "terms_closed": [t.pk for t in terms],
        },
    )
    org.dissolved_on = on
