"""What the recording page keeps besides the meeting's own records: versions and submission tokens.

Each part of the record that can be saved on its own (the start, the end, one
agenda item's notes, one speech, one member's attendance) has its own version
counter here, so the minute-taker typing notes never blocks an officer
marking attendance, while two people saving the same part are told.
"""

from django.conf import settings
from django.db import models

from meetings.models import Guest, Meeting, Speech, Vote


class EditVersion(models.Model):
    """How many times one part of a meeting's record was saved, and by whom last.

    `part` names the part: "start", "end", "notes:<agenda item id>",
    "speech:<speech id>", "attendance:<attendance id>". `editor` identifies the
    page (one per page load) that saved last: a retry from that same page is
    not someone else's change.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=40)
    version = models.PositiveIntegerField(default=0)
    editor = models.CharField(max_length=40, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "part"], name="one_version_per_record_part")]


class Submission(models.Model):
    """The token a page gives each new entry before sending it; a retried POST finds the entry already made."""

    token = models.UUIDField(unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    speech = models.OneToOneField(Speech, null=True, on_delete=models.CASCADE, related_name="submission")
    guest = models.OneToOneField(Guest, null=True, on_delete=models.CASCADE, related_name="submission")
    vote = models.OneToOneField(Vote, null=True, on_delete=models.CASCADE, related_name="submission")
    created_at = models.DateTimeField(auto_now_add=True)
