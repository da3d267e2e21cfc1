"""Every write to member records. Each function is atomic and audited.

Membership events (full membership, exemption, temporary activity, transfers,
death, removal) add rows or close periods; none rewrites earlier history.
Events that change the member row itself bump `Member.version`, so that an
edit form opened before them is refused instead of undoing them.
"""

from members.actions.base import DuplicateMember, StaleEdit
from members.actions.periods import (
    do_add_exemption,
    do_add_temporary_activity,
    do_end_exemption,
    do_end_temporary_activity,
)
from members.actions.records import (
    do_create_member,
    do_make_full_member,
    do_record_death,
    do_remove_member,
    do_update_member,
)
from members.actions.transfers import do_transfer_between_cells, do_transfer_in, do_transfer_out

__all__ = [
    "DuplicateMember",
    "StaleEdit",
    "do_add_exemption",
    "do_add_temporary_activity",
    "do_create_member",
    "do_end_exemption",
    "do_end_temporary_activity",
    "do_make_full_member",
    "do_record_death",
    "do_remove_member",
    "do_transfer_between_cells",
    "do_transfer_in",
    "do_transfer_out",
    "do_update_member",
]
