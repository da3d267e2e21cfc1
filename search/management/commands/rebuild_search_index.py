"""manage.py rebuild_search_index: recompute the search index from the records."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from search import index


class Command(BaseCommand):
    help = (
        "Recompute every search document from its record (minutes, resolutions, guidance, attached files, "
        "members), remove those whose record is gone, and read the files' text where it is missing. "
        "Run it after loading data in bulk."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--full-text",
            action="store_true",
            help="Also rebuild SQLite's full-text index from the documents table (after a crash or a restore).",
        )

    def handle(self, *args: Any, full_text: bool, verbosity: int = 1, **options: Any) -> None:
        started = time.monotonic()

        def progress(model: str, written: int) -> None:
            if verbosity:
                self.stdout.write(
                    _("%(model)s: %(written)d documents written or removed") % {"model": model, "written": written}
                )

        counts = index.rebuild(progress)
        if full_text:
            index.reindex_full_text()
        if verbosity:
            self.stdout.write(
                _("Search index rebuilt: %(written)d documents written or removed in %(seconds).1f s.")
                % {"written": sum(counts.values()), "seconds": time.monotonic() - started}
            )
