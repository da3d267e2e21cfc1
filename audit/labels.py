"""Readable names for audit actions; an unknown action shows its code."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "org.create": _("Organization created"),
    "org.rename": _("Organization renamed"),
    "org.move": _("Organization moved"),
    "org.dissolve": _("Organization dissolved"),
    "org.merge": _("Organizations merged"),
    "term.create": _("Committee term created"),
    "term.close": _("Committee term closed"),
    "position.assign": _("Position assigned"),
    "position.end": _("Position ended"),
    "member.create": _("Member added"),
    "member.update": _("Member record corrected"),
    "member.import": _("Members imported from Excel"),
    "member.make_full": _("Made full member"),
    "member.exemption.add": _("Exemption from activity"),
    "member.exemption.end": _("Exemption ended"),
    "member.temporary_activity.add": _("Temporary activity elsewhere"),
    "member.temporary_activity.end": _("Temporary activity ended"),
    "member.transfer": _("Transfer between cells"),
    "member.transfer_in": _("Transferred in"),
    "member.transfer_out": _("Transferred out"),
    "member.death": _("Death recorded"),
    "member.remove": _("Removal from the Party"),
    "user.create": _("Account created"),
    "user.grant": _("Rights granted"),
    "account.issue_code": _("Activation code issued"),
    "account.activate": _("Account activated"),
    "account.reset": _("Access reset"),
    "admin.add": _("Added in the administration"),
    "admin.change": _("Changed in the administration"),
    "admin.delete": _("Deleted in the administration"),
    "admin.set_password": _("Password set in the administration"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))
