"""manage.py generate_dataset --members N --cells M [--communes K] [--seed S]: a large data set for benchmarks."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from demo.dataset import DatasetError, default_communes, generate_dataset


class Command(BaseCommand):
    help = (
        "Generate a province of fictional communes, cells and members in bulk for benchmarks, "
        "e.g. --members 250000 --cells 10000 (see docs/demo.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, required=True, help="Active members in total.")
        parser.add_argument("--cells", type=int, required=True, help="Party cells in total.")
        parser.add_argument("--communes", type=int, help="Communes (default: one per 70 cells).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")

    def handle(self, *args: Any, members: int, cells: int, communes: int | None, seed: int, **options: Any) -> None:
        communes = communes if communes is not None else default_communes(cells)
        step = max(1, communes // 10)

        def progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                self.stdout.write(_("%(done)d/%(total)d communes written") % {"done": done, "total": total})

        try:
            stats = generate_dataset(members=members, cells=cells, communes=communes, seed=seed, progress=progress)
        except DatasetError as error:
            messages = {
                "cells": _("There must be at least one commune, and at least as many cells as communes."),
                "members": _("Each cell needs at least 3 members: --members must be at least 3 × --cells."),
                "exists": _("This database already holds a generated data set: use a fresh database."),
            }
            raise CommandError(messages[str(error)]) from None
        # Bulk writes send no signals: build the search index once, at the end.
        call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(
            _(
                "Generated %(communes)d communes, %(cells)d cells, %(members)d members, %(positions)d positions "
                "and %(audit)d audit rows in %(seconds).1f s."
            )
            % {
                "communes": stats.communes,
                "cells": stats.cells,
                "members": stats.members,
                "positions": stats.positions,
                "audit": stats.audit_rows,
                "seconds": stats.seconds,
            }
        )
