"""Every write of the thematic app: each function is atomic and audited.

`plans`: the cell's yearly plan and the link between a planned topic and its
meeting; `reports`: the thematic report from draft to final.
"""

from thematic.actions.plans import (
    PlanLocked,
    TopicRow,
    do_approve_plan,
    do_create_plan,
    do_release_topic,
    do_reopen_plan,
    do_save_plan,
    do_take_up_topic,
    plan_warnings,
)
from thematic.actions.reports import (
    ReportLocked,
    do_comment,
    do_finalize_report,
    do_mark_discussed,
    do_mark_report_read,
    do_save_report,
    do_share_report,
    do_start_report,
    expected_author,
)

__all__ = [
    "PlanLocked",
    "ReportLocked",
    "TopicRow",
    "do_approve_plan",
    "do_comment",
    "do_create_plan",
    "do_finalize_report",
    "do_mark_discussed",
    "do_mark_report_read",
    "do_release_topic",
    "do_reopen_plan",
    "do_save_plan",
    "do_save_report",
    "do_share_report",
    "do_start_report",
    "do_take_up_topic",
    "expected_author",
    "plan_warnings",
]
