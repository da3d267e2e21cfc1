"""The one place that decides who may see and do what.

Rights follow the organization tree:

- a member sees their own record and their own cell, and takes part in its meetings;
- officers of a cell (secretary, deputy, committee members) manage its members and meetings;
- the follow-up cadre of a cell (an upper committee member) reads it and its meetings;
- the minute-taker of a meeting records it;
- an office grant manages everything under its organization;
- a reader grant reads everything under its organization;
- superusers may do everything.

Views never test roles themselves: they call `has_perm` or an `access_*`
helper, which fetches the object and raises 404/403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.dates import today

# Permissions and what each implies (manage implies view...).
IMPLIES: dict[str, set[str]] = {
    "org.manage": {"org.view", "org.manage_members"},
    "org.manage_members": {"org.view", "org.view_members"},
    "org.view_members": {"org.view"},
    "org.view": set(),
    "member.manage": {"member.view"},
    "member.view": set(),
    "audit.view": set(),
    "meeting.manage": {"meeting.record", "meeting.view"},
    "meeting.record": {"meeting.view"},
    "meeting.respond": {"meeting.view"},
    "meeting.view": set(),
}


def _closure(perm: str) -> set[str]:
    seen = {perm}
    stack = [perm]
    while stack:
        for implied in IMPLIES.get(stack.pop(), set()):
            if implied not in seen:
                seen.add(implied)
                stack.append(implied)
    return seen


@dataclass
class Scope:
    """What one user may reach, computed once per request."""

    is_superuser: bool = False
    manage_paths: list[str] = field(default_factory=list)
    read_paths: list[str] = field(default_factory=list)
    officer_cell_ids: set[int] = field(default_factory=set)
    follow_up_cell_ids: set[int] = field(default_factory=set)
    own_cell_id: int | None = None
    member_id: int | None = None

    @property
    def is_office(self) -> bool:
        return bool(self.manage_paths)

    @property
    def is_reader(self) -> bool:
        return bool(self.read_paths) and not self.manage_paths

    @property
    def is_officer(self) -> bool:
        return bool(self.officer_cell_ids)

    def org_perms(self, org: Any) -> set[str]:
        """All permissions this user holds on `org` (an Organization)."""
        if self.is_superuser:
            return _closure("org.manage") | {"audit.view"}
        perms: set[str] = set()
        path = org.path
        if any(path.startswith(p) for p in self.manage_paths):
            perms |= _closure("org.manage") | {"audit.view"}
        if any(path.startswith(p) for p in self.read_paths):
            perms |= {"org.view", "org.view_members", "audit.view"}
        if org.pk in self.officer_cell_ids:
            perms |= _closure("org.manage_members")
        if org.pk in self.follow_up_cell_ids:
            perms |= {"org.view", "org.view_members"}
        if org.pk == self.own_cell_id:
            perms |= {"org.view"}
        return perms

    def meeting_perms(self, meeting: Any) -> set[str]:
        org_perms = self.org_perms(meeting.organization)
        perms: set[str] = set()
        if "org.manage_members" in org_perms:
            perms |= _closure("meeting.manage")
        if "org.view_members" in org_perms:
            perms.add("meeting.view")
        if meeting.organization_id == self.own_cell_id:
            perms |= _closure("meeting.respond")
        if self.member_id is not None and meeting.minute_taker_id == self.member_id and self.own_cell_id:
            perms |= _closure("meeting.record")
        return perms

    def member_perms(self, member: Any) -> set[str]:
        org = member.organization
        org_perms = self.org_perms(org)
        perms: set[str] = set()
        if "org.manage_members" in org_perms:
            perms |= _closure("member.manage")
        if "org.view_members" in org_perms:
            perms.add("member.view")
        if member.pk == self.member_id:
            perms.add("member.view")
        return perms


def scope_for(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_chibo_scope", None)
    if cached is not None:
        return cached
    from accounts.models import Grant, GrantRole
    from committees.models import OFFICER_ROLES, Position, Role

    scope = Scope(is_superuser=user.is_superuser)
    for role, path in Grant.objects.filter(user=user).values_list("role", "organization__path"):
        if role == GrantRole.OFFICE:
            scope.manage_paths.append(path)
        scope.read_paths.append(path)
    if user.member_id:
        scope.member_id = user.member_id
        member_state = user.member.state if user.member else None
        if member_state == "active":
            scope.own_cell_id = user.member.organization_id
            held = (
                Position.objects.as_of(today())
                .filter(member_id=user.member_id, role__in=(*OFFICER_ROLES, Role.FOLLOW_UP), organization__kind="cell")
                .values_list("organization_id", "role")
            )
            for org_id, role in held:
                (scope.follow_up_cell_ids if role == Role.FOLLOW_UP else scope.officer_cell_ids).add(org_id)
    user._chibo_scope = scope
    return scope


def has_perm(user: Any, perm: str, obj: Any) -> bool:
    """True when `user` holds `perm` on `obj` (an Organization, a Member or a Meeting)."""
    scope = scope_for(user)
    from meetings.models import Meeting
    from members.models import Member
    from orgs.models import Organization

    if isinstance(obj, Meeting):
        return perm in scope.meeting_perms(obj)
    if isinstance(obj, Organization):
        return perm in scope.org_perms(obj)
    if isinstance(obj, Member):
        return perm in scope.member_perms(obj)
    raise TypeError(f"No permission rules for {type(obj).__name__}")


def require(user: Any, perm: str, obj: Any) -> None:
    if not has_perm(user, perm, obj):
        raise PermissionDenied


def account_is_privileged(account: Any) -> bool:
    """An account that carries more than a member's rights: staff, superuser, or any grant.

    Reads `has_grant` when a query annotated it, so lists need no query per row.
    """
    if account.is_staff or account.is_superuser:
        return True
    has_grant = getattr(account, "has_grant", None)
    if has_grant is None:
        has_grant = account.grants.exists()
    return bool(has_grant)


def may_issue_access(user: Any, member: Any, account: Any = None) -> bool:
    """Whether `user` may print an activation code for `member` or reset their access.

    Managing the member is required. A code lets whoever holds it choose the
    account's password, so an account with more than a member's rights (see
    `account_is_privileged`) is left to superusers, who manage it in the admin:
    otherwise a cell secretary could take over the commune office's account.
    """
    if not has_perm(user, "member.manage", member):
        return False
    if account is None or scope_for(user).is_superuser:
        return True
    return not account_is_privileged(account)


def access_org(user: Any, org_id: int, perm: str = "org.view") -> Any:
    from orgs.models import Organization

    try:
        org = Organization.objects.get(pk=org_id)
    except Organization.DoesNotExist:
        raise Http404 from None
    require(user, perm, org)
    return org


def access_member(user: Any, member_id: int, perm: str = "member.view") -> Any:
    from members.models import Member

    try:
        member = Member.objects.select_related("organization").get(pk=member_id)
    except Member.DoesNotExist:
        raise Http404 from None
    require(user, perm, member)
    return member


def orgs_visible(user: Any, perm: str = "org.view") -> Any:
    """A queryset of organizations on which `user` holds `perm`, as one filter."""
    from django.db.models import Q

    from orgs.models import Organization

    scope = scope_for(user)
    if scope.is_superuser:
        return Organization.objects.all()
    q = Q(pk__in=[])
    paths = scope.manage_paths if perm in ("org.manage", "org.manage_members") else scope.read_paths
    for path in paths:
        q |= Q(path__startswith=path)
    if perm in _closure("org.manage_members") and perm != "org.manage":
        q |= Q(pk__in=scope.officer_cell_ids)
    if perm in ("org.view", "org.view_members") and scope.follow_up_cell_ids:
        q |= Q(pk__in=scope.follow_up_cell_ids)
    if perm == "org.view" and scope.own_cell_id:
        q |= Q(pk=scope.own_cell_id)
    return Organization.objects.filter(q)


def members_visible(user: Any, perm: str = "member.view") -> Any:
    """Members on which `user` holds `perm`, as one filter on the queryset."""
    from django.db.models import Q

    from members.models import Member

    scope = scope_for(user)
    if scope.is_superuser:
        return Member.objects.all()
    q = Q(pk__in=[])
    paths = scope.manage_paths if perm == "member.manage" else scope.read_paths
    for path in paths:
        q |= Q(organization__path__startswith=path)
    if scope.officer_cell_ids:
        q |= Q(organization_id__in=scope.officer_cell_ids)
    if perm == "member.view" and scope.follow_up_cell_ids:
        q |= Q(organization_id__in=scope.follow_up_cell_ids)
    if perm == "member.view" and scope.member_id:
        q |= Q(pk=scope.member_id)
    return Member.objects.filter(q)
