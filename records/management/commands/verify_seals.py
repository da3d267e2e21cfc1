"""Recompute the chain of seals over adopted records and report any tampering."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from records.sealing import verify_chain


class Command(BaseCommand):
    help = "Check that no adopted minutes, resolution, amendment or seal was changed underneath the application."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problems = verify_chain()
        for p in problems:
            self.stderr.write(f"seal {p.seal_id} (organization {p.organization_id}): {p.description}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s) found in {checked} seal(s).")
        self.stdout.write(self.style.SUCCESS(f"{checked} seal(s) checked: the chain is intact."))
