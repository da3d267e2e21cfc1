"""The notice to members and the follow-up cadre, and members' opinions before the meeting."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting
from members.models import Member


class NoticeRecipient(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notices")
    is_follow_up_cadre = models.BooleanField(default=False)
    sent_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_notice_per_member")]
        indexes = [models.Index(fields=["member", "read_at"])]


class OpinionTopic(models.TextChoices):
    DRAFT_RESOLUTION = "draft_resolution", _("On the draft resolution")
    CONTENT = "content", _("On the meeting content")
    PROPOSAL = "proposal", _("Proposal")


class Opinion(models.Model):
    """A member's opinion or proposal sent before the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="opinions")
    topic = models.CharField(_("about"), max_length=20, choices=OpinionTopic.choices)
    body = models.TextField(_("opinion"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "created_at"]
