"""Background work: reading the text of attached files into the index.

An upload stores its document at once with an empty text (its title is
found straight away); the worker (`manage.py db_worker`) then reads the PDF
or Word file and fills the text in. Nothing is read when searching.
"""

import logging
from typing import Any

from django.db.models import Model
from django.tasks import task

from guidance.models import GuidanceItem
from meetings.models import MeetingDocument, TaskUpdate
from search.extract import extract_text
from search.models import SearchDocument, Source
from search.sources import clean_text

logger = logging.getLogger(__name__)

# Source → (model, how to reach its file, the text stored before the file's).
FILE_SOURCES: dict[str, tuple[type[Model], str, str]] = {
    Source.GUIDANCE_FILE: (GuidanceItem, "file", ""),
    Source.MEETING_DOCUMENT: (MeetingDocument, "file", ""),
    Source.TASK_EVIDENCE: (TaskUpdate, "file", "note"),
}


def store_file_text(source: str, object_id: int) -> bool:
    """Read the file behind a document and store its text; False when there was nothing to do."""
    model, file_attr, lead_attr = FILE_SOURCES[source]
    obj: Any = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        return False
    stored = getattr(obj, file_attr)
    if not stored:
        return False
    try:
        with stored.open("rb") as handle:
            text = extract_text(stored.name, handle)
    except OSError:
        logger.warning("The file of %s %s is missing", source, object_id)
        return False
    lead = getattr(obj, lead_attr) if lead_attr else ""
    body = clean_text("\n".join(part for part in (lead, text) if part))
    # A file replaced meanwhile has its own task: only the text of the file still attached is kept.
    return bool(
        SearchDocument.objects.filter(source=source, object_id=object_id, source_version=stored.name).update(body=body)
    )


@task()
def extract_file_text(source: str, object_id: int) -> None:
    store_file_text(source, object_id)
