"""Background work: checking and committing large member files.

Small files are handled inside the request, so a secretary with twenty rows
sees the preview at once even when no worker is running; larger ones go to
the task queue (`manage.py db_worker`) and the page polls their progress.
"""

from django.conf import settings
from django.tasks import task

from member_excel.actions import run_commit
from member_excel.models import ImportBatch
from member_excel.validation import run_validation


@task()
def validate_batch(batch_id: int) -> None:
    run_validation(batch_id)


@task()
def commit_batch(batch_id: int) -> None:
    run_commit(batch_id)


def _inline_bytes() -> int:
    return settings.MEMBER_IMPORT_INLINE_BYTES


def _inline_rows() -> int:
    return settings.MEMBER_IMPORT_INLINE_ROWS


def start_validation(batch: ImportBatch) -> None:
    if batch.file_size <= _inline_bytes():
        run_validation(batch.pk)
    else:
        validate_batch.enqueue(batch.pk)


def start_commit(batch: ImportBatch) -> None:
    """Run a claimed commit (see actions.do_claim_commit)."""
    if batch.to_write <= _inline_rows():
        run_commit(batch.pk)
    else:
        commit_batch.enqueue(batch.pk)
