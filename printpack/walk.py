"""Who may open each URL of this app, merged into tests/url_access.py RULES."""

from collections.abc import Callable
from typing import Any

from tests.url_access import Rule

# The invitations of cell A1's meeting: its officers and the commune office (meeting.manage).
MANAGERS = {"sam", "olga"}
# The check-in QR and the confirmations: also alice, the meeting's minute-taker (meeting.record); readers never.
RECORDERS = {"alice", "sam", "olga"}
# Checking in: members of cell A1 only (meeting.respond).
CELL_MEMBERS = {"alice", "sam"}


def _pack_meeting(world: Any) -> dict[str, int]:
    from preparation.testing import notified_meeting

    return {"meeting_id": notified_meeting(world).pk}


def _checkin(what: str = "") -> Callable[[Any], dict[str, Any]]:
    def build(world: Any) -> dict[str, Any]:
        from printpack.testing import walk_kwargs

        return walk_kwargs(world, what)

    return build


RULES: dict = {
    "printpack:pack": Rule(MANAGERS, _pack_meeting),
    "printpack:pack_pdf": Rule(MANAGERS, _pack_meeting),
    "printpack:checkin_qr": Rule(RECORDERS, _checkin()),
    "printpack:checkin_open": Rule(RECORDERS, _checkin(), method="post"),
    "printpack:checkin_rotate": Rule(RECORDERS, _checkin(), method="post"),
    "printpack:checkin_list": Rule(RECORDERS, _checkin()),
    "printpack:checkin_confirm": Rule(RECORDERS, _checkin("check_in"), method="post"),
    "printpack:checkin_reject": Rule(RECORDERS, _checkin("check_in"), method="post"),
    "printpack:checkin_confirm_all": Rule(RECORDERS, _checkin(), method="post"),
    "printpack:checkin": Rule(CELL_MEMBERS, _checkin("token")),
}
