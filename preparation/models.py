"""What the preparation keeps beyond the lead's meeting models: each round of the notice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting


class NoticeRound(models.Model):
    """One sending of a meeting's notice, with what it said and how early it went out.

    The first round is the notice itself; a later round re-sends it after a
    change of time, place or documents and keeps what changed, so members are
    told exactly that and the lead time of every sending can be checked.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notice_rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scheduled_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=255)
    message = models.TextField(_("message to members"), blank=True)
    document_ids = models.JSONField(default=list, blank=True)
    # {"scheduled_at": [old, new], "place": [old, new], "documents_added": [titles], "documents_removed": [titles]}
    changes = models.JSONField(default=dict, blank=True)
    lead_days = models.IntegerField(_("days before the meeting"))
    required_lead_days = models.PositiveSmallIntegerField(_("required days before the meeting"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["meeting_id", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_notice_round_per_number")]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.number}"

    @property
    def on_time(self) -> bool:
        return self.lead_days >= self.required_lead_days
