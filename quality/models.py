"""A meeting's quality evaluation: the sheet as scored, kept as it was when the cell adopted it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from rules.models import RulePack


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class MeetingEvaluation(models.Model):
    """The quality sheet of one meeting, scored.

    While a draft it is recomputed from the records whenever the cell asks and
    whenever it saves its own scores. Adopted together with the minutes, it is
    frozen: the rows (points and reasons), the measured values, the total and
    the level are stored as they were, and the pack version that produced them
    is kept (PROTECT), so neither a later edit of the records nor a new rule
    pack can change a result the cell has adopted.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="evaluation")
    pack = models.ForeignKey(RulePack, on_delete=models.PROTECT, related_name="evaluations")
    sheet_key = models.CharField(max_length=60)
    sheet_title = models.CharField(_("score sheet"), max_length=255)
    # {measure key: value} and {measure key: sentence}, as measured from the records.
    measured = models.JSONField(default=dict)
    details = models.JSONField(default=dict)
    # The cell's own scores: {criterion key: {"points": int, "note": str}}.
    manual = models.JSONField(default=dict)
    # One row per criterion: key, group, title, source, max_points, points, reason, manual, filled, note.
    rows = models.JSONField(default=list)
    # "Not rated Good because …" lines.
    notes = models.JSONField(default=list)
    total = models.PositiveIntegerField(_("points"))
    max_total = models.PositiveIntegerField(_("out of"))
    level_key = models.CharField(max_length=40)
    level_title = models.CharField(_("level"), max_length=100)
    # 0 for the sheet's best level, 1 for the next…
    level_rank = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField()
    # Bumped on every change; a stale form is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("meeting evaluation")
        indexes = [models.Index(fields=["status", "level_rank"])]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.level_title} ({self.total}/{self.max_total})"

    @property
    def is_adopted(self) -> bool:
        return self.status == EvaluationStatus.ADOPTED

    @property
    def unfilled(self) -> list[dict]:
        return [row for row in self.rows if row.get("manual") and not row.get("filled")]
