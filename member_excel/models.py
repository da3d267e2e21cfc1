"""An uploaded member file and the checked rows of its preview.

The preview must survive a reload and a worker restart, so each batch keeps
its file, its status and progress, and its checked rows in `ImportChunk`s:
for each row the parsed values (a list in the order of
`ImportBatch.columns`), the member it updates and that member's version,
and the messages as codes with parameters, rendered in the reader's
language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Organization


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting to be checked")
    VALIDATING = "validating", _("Checking")
    READY = "ready", _("Checked")
    COMMITTING = "committing", _("Writing")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Failed")


# States in which a worker is busy with the batch and the page polls.
BUSY_STATES = (BatchStatus.UPLOADED, BatchStatus.VALIDATING, BatchStatus.COMMITTING)


class RowKind(models.TextChoices):
    NEW = "new", _("New")
    UPDATE = "update", _("Update")
    UNCHANGED = "unchanged", _("Unchanged")
    WARNING = "warning", _("Warning")
    ERROR = "error", _("Error")


def _upload_to(batch: "ImportBatch", filename: str) -> str:
    # The original name is kept in a field; the stored name reveals nothing.
    return f"member_imports/{batch.uploaded_at:%Y/%m}/{batch.token}.xlsx"


class ImportBatch(models.Model):
    token = models.CharField(max_length=32, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("import into"),
    )
    file = models.FileField(upload_to=_upload_to, blank=True)
    original_name = models.CharField(_("file"), max_length=255)
    file_size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    status = models.CharField(_("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.UPLOADED)
    # Why the batch failed: a message code from member_excel.messages and its parameters.
    failure = models.JSONField(null=True, blank=True)
    # The model fields, in the order of each stored row's values.
    columns = models.JSONField(default=list)
    header_row = models.PositiveIntegerField(default=1)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    total_rows = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    update_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    validated_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_busy(self) -> bool:
        return self.status in BUSY_STATES

    @property
    def can_commit(self) -> bool:
        return self.status == BatchStatus.READY and self.error_count == 0 and self.to_write > 0

    @property
    def to_write(self) -> int:
        """Rows the commit will write (new, updated, or importable with a warning)."""
        return self.new_count + self.update_count + self.warning_count

    @property
    def progress_percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))


class ImportChunk(models.Model):
    """Up to CHUNK_ROWS checked rows of a batch, in file order.

    Rows are stored a few hundred to a record rather than one record each:
    writing and reading 50,000 small records costs more than the checks
    themselves. `counts` lets the preview find page N of one kind of row
    by reading this small index and then one or two chunks.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    # {"new": 480, "error": 20}: rows of this chunk by kind.
    counts = models.JSONField(default=dict)
    # Each row: [line, kind, member id or None, member version or None, values, messages, name shown].
    # `values` follows ImportBatch.columns; `messages` is [[field, code, params], ...].
    rows = models.JSONField(default=list)

    class Meta:
        ordering = ["batch", "number"]
        constraints = [models.UniqueConstraint(fields=["batch", "number"], name="unique_import_chunk")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.number}"
