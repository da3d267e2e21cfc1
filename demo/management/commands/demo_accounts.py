"""manage.py demo_accounts: what a newcomer needs to log in to the demo."""

from typing import Any
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.activation import do_issue_codes
from accounts.models import ActivationCode, User
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.commune import KHU_6_CODE

BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Print the demo's address and accounts; issue a fresh activation code for one demo member."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-code",
            action="store_true",
            help="Do not issue an activation code (prints without writing anything).",
        )

    def handle(self, *args: Any, no_code: bool = False, **options: Any) -> None:
        usernames = [a.username for a in DEMO_ACCOUNTS]
        existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
        if not existing:
            self.stdout.write(_("There are no demo accounts in this database: run `manage.py load_demo` first."))
            return
        self.stdout.write(_("chibo is at %(url)s") % {"url": f"{BASE_URL}/"})
        self.stdout.write(_("Demo accounts (the same password for all: %(password)s)") % {"password": DEMO_PASSWORD})
        self.stdout.write("")
        rows = [(_("Role"), _("Username"), _("Password"), _("What they can do"))]
        rows += [(str(a.role), a.username, DEMO_PASSWORD, str(a.can)) for a in DEMO_ACCOUNTS if a.username in existing]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for number, row in enumerate(rows):
            cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
            self.stdout.write("  ".join(cells).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * w for w in [*widths, len(row[3])]))
        if not no_code:
            self._activation_example()

    def _activation_example(self) -> None:
        """A member of Chi bộ Khu 6 who has not set a password yet, with a code that works now."""
        pending = (
            User.objects.filter(
                member__organization__code=KHU_6_CODE,
                password__startswith="!",
                activation_codes__in=ActivationCode.objects.filter(used_at__isnull=True),
            )
            .select_related("member__organization")
            .order_by("username")
            .first()
        )
        if pending is None or pending.member is None:
            return
        slip = do_issue_codes(None, [pending.member])[0]
        link = f"{BASE_URL}{reverse('accounts:activate')}?{urlencode({'u': slip.username, 'c': slip.display_code})}"
        self.stdout.write("")
        self.stdout.write(
            _(
                "To try account activation: %(name)s (username %(username)s) has not set a password yet. "
                "Activation code: %(code)s, open %(link)s"
            )
            % {"name": slip.member.full_name, "username": slip.username, "code": slip.display_code, "link": link}
        )
        self.stdout.write(_("A new code is issued each time this command runs; the previous one stops working."))
