"""Who may read and change which rule pack, and the list of packs a user sees.

Published and withdrawn packs are regulations: anyone logged in may read them.
A draft is seen only by the office of its organization (`org.manage` on its
scope, so the offices above too); the national drafts shipped as starting
points are seen by every office, which may copy them. Drafts are changed,
published and withdrawn by the office that manages their scope; national packs
by superusers only. An office copies any pack it may read into a draft for an
organization it manages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from accounts.permissions import has_perm, orgs_visible, scope_for
from orgs.models import Organization
from rules.models import PackStatus, RulePack


def may_read(user: Any, pack: RulePack) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not pack.is_draft:
        return True
    scope = scope_for(user)
    if pack.is_national:
        return scope.is_superuser or scope.is_office
    return has_perm(user, "org.manage", pack.scope)


def may_manage(user: Any, pack: RulePack) -> bool:
    """Edit, publish, withdraw or discard: the office over the pack's scope; superusers for national packs."""
    if pack.is_national:
        return scope_for(user).is_superuser
    return has_perm(user, "org.manage", pack.scope)


def copy_targets(user: Any) -> QuerySet[Organization]:
    """Active organizations the user's office manages, where a copied draft may apply."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return orgs_visible(user, "org.manage").filter(dissolved_on__isnull=True).order_by("path")


def may_copy(user: Any) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or scope.is_office


def access_pack(user: Any, pack_id: int, need: str = "read") -> RulePack:
    """The pack, if `user` may read it (404 otherwise) and, for `need="manage"`, change it (403 otherwise)."""
    pack = RulePack.objects.select_related("scope", "based_on", "created_by").filter(pk=pack_id).first()
    if pack is None or not may_read(user, pack):
        raise Http404
    if need == "manage" and not may_manage(user, pack):
        raise PermissionDenied
    if need == "copy" and not may_copy(user):
        raise PermissionDenied
    return pack


def _anchor_ids(user: Any) -> tuple[set[int], list[str]]:
    """The organizations the user belongs to or works for (ids with their ancestors), and their grant paths."""
    scope = scope_for(user)
    cells = (scope.own_cell_id, *scope.officer_cell_ids, *scope.follow_up_cell_ids)
    cell_ids = {pk for pk in cells if pk is not None}
    paths = list(scope.read_paths)
    if cell_ids:
        paths += list(Organization.objects.filter(pk__in=cell_ids).values_list("path", flat=True))
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    return ids, list(scope.read_paths)


def packs_for(user: Any) -> QuerySet[RulePack]:
    """The packs on the user's list, in use first, nearest scope last; a fixed number of queries.

    Published and withdrawn packs: national ones, those of the user's
    organizations and the levels above them, and, for offices and readers,
    those below their grant. Drafts: those of organizations the user's office
    manages, and the national ones for any office.
    """
    scope = scope_for(user)
    packs = RulePack.objects.select_related("scope")
    if not scope.is_superuser:
        ids, grant_paths = _anchor_ids(user)
        regulations = Q(scope__isnull=True) | Q(scope_id__in=ids)
        for path in grant_paths:
            regulations |= Q(scope__path__startswith=path)
        drafts = Q(pk__in=[])
        for path in scope.manage_paths:
            drafts |= Q(scope__path__startswith=path)
        if scope.is_office:
            drafts |= Q(scope__isnull=True)
        packs = packs.filter((~Q(status=PackStatus.DRAFT) & regulations) | (Q(status=PackStatus.DRAFT) & drafts))
    order = Case(
        When(status=PackStatus.PUBLISHED, then=Value(0)),
        When(status=PackStatus.DRAFT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return packs.annotate(status_order=order).order_by(
        "status_order", F("scope__path").asc(nulls_first=True), "-effective_from", "code", "-version"
    )
