"""Every write to the organization tree. Each function is atomic and audited.

Split by concern: `tree` (create, rename, move, dissolve) and `merge` (the
merge plan and its application); both are importable from here.
"""

from orgs.actions.merge import MergePlan, NewTarget, StalePlan, do_merge_organizations, plan_merge
from orgs.actions.tree import (
    do_create_organization,
    do_dissolve_organization,
    do_move_organization,
    do_rename_organization,
)

__all__ = [
    "MergePlan",
    "NewTarget",
    "StalePlan",
    "do_create_organization",
    "do_dissolve_organization",
    "do_merge_organizations",
    "do_move_organization",
    "do_rename_organization",
    "plan_merge",
]
