"""Every write of the preparation: each function is atomic and audited.

Split by concern: `meeting` (the meeting, its assignments, preparatory meeting
and documents), `agenda` (the agenda and the templates it is built from) and
`notice` (the notice and the members' answers to it).
"""

from preparation.actions.agenda import (
    do_add_agenda_item,
    do_add_template_step,
    do_build_agenda,
    do_create_template,
    do_drop_template,
    do_move_agenda_item,
    do_move_template_step,
    do_remove_agenda_item,
    do_remove_template_step,
    do_update_agenda_item,
)
from preparation.actions.meeting import (
    do_add_assignment,
    do_add_document,
    do_cancel_meeting,
    do_create_meeting,
    do_remove_assignment,
    do_remove_document,
    do_save_prep_meeting,
    do_set_assignment_done,
    do_update_meeting,
)
from preparation.actions.notice import (
    do_announce_absence,
    do_mark_notice_read,
    do_send_notice,
    do_send_opinion,
    do_withdraw_absence,
)

__all__ = [
    "do_add_agenda_item",
    "do_add_assignment",
    "do_add_document",
    "do_add_template_step",
    "do_announce_absence",
    "do_build_agenda",
    "do_cancel_meeting",
    "do_create_meeting",
    "do_create_template",
    "do_drop_template",
    "do_mark_notice_read",
    "do_move_agenda_item",
    "do_move_template_step",
    "do_remove_agenda_item",
    "do_remove_assignment",
    "do_remove_document",
    "do_remove_template_step",
    "do_save_prep_meeting",
    "do_send_notice",
    "do_send_opinion",
    "do_set_assignment_done",
    "do_update_agenda_item",
    "do_update_meeting",
    "do_withdraw_absence",
]
