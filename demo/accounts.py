"""The demo accounts: one password for all, one account per kind of user."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Printed by `manage.py demo_accounts`; only for the demo database.
DEMO_PASSWORD = "chibo-demo-2026"

OFFICE = "vanphong"
SECRETARY = "bithukhu6"
MEMBER = "dangvienkhu6"
READER = "tinhuy"
ADMIN = "admin"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Promise
    can: Promise


DEMO_ACCOUNTS = [
    DemoAccount(
        OFFICE,
        _("Commune office of Tam Nông"),
        _("Manages every cell, member and committee of Đảng bộ xã Tam Nông; reads the audit log."),
    ),
    DemoAccount(
        SECRETARY,
        _("Secretary of Chi bộ Khu 6"),
        _("Manages the members of Chi bộ Khu 6 and issues their activation codes."),
    ),
    DemoAccount(
        MEMBER,
        _("Ordinary member of Chi bộ Khu 6"),
        _("Sees their own record and their cell."),
    ),
    DemoAccount(
        READER,
        _("Province reader (Phú Thọ)"),
        _("Reads everything in the province, changes nothing."),
    ),
    DemoAccount(
        ADMIN,
        _("Administrator"),
        _("Everything, including the Django admin."),
    ),
]
