"""manage.py load_demo [--if-empty]: the demo commune, the same on every run."""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from demo.commune import build_demo
from orgs.models import Organization


class Command(BaseCommand):
    help = "Load the demo: Đảng bộ xã Hương Nộn and its 2025 merger into Đảng bộ xã Tam Nông (see docs/demo.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when organizations already exist (used by `make run`).",
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write(_("Organizations already exist: the demo was not loaded again."))
                return
            raise CommandError(
                _("The database already holds organizations. Load the demo into an empty database, or pass --if-empty.")
            )
        started = time.monotonic()
        summary = build_demo()
        # The history is written in bulk, which sends no signals: index it for search in one pass.
        call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(
            _(
                "Demo loaded in %(seconds).1f s: %(organizations)d organizations, %(cells)d cells, "
                "%(members)d active members, %(positions)d positions."
            )
            % {
                "seconds": time.monotonic() - started,
                "organizations": summary.organizations,
                "cells": summary.cells,
                "members": summary.members,
                "positions": summary.positions,
            }
        )
