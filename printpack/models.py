"""Self check-in at the meeting: the code behind the QR shown in the room, and each member's check-in.

The token is stored as it is, not hashed: the officer must be able to show the
same QR again (a phone screen that locked, a sheet printed before the meeting).
It is worth little on its own: it only opens the check-in page to a logged-in
member of that cell, only around the meeting's time, and the minute-taker
still confirms every check-in before the roll changes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from members.models import Member


class CheckInCode(models.Model):
    """The token of one meeting's check-in QR. Rotating replaces the token; the old QR stops working."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="check_in_code")
    token = models.CharField(max_length=64, unique=True)
    # Bumped on every rotation: a rotate form drawn before another rotation is refused.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)


class CheckInState(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed present")
    REJECTED = "rejected", _("Not confirmed")


class SelfCheckIn(models.Model):
    """A member scanned the meeting's QR and said "I am here"; the minute-taker confirms or rejects it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="self_check_ins")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="self_check_ins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checked_in_at = models.DateTimeField()
    state = models.CharField(max_length=20, choices=CheckInState.choices, default=CheckInState.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting_id", "checked_in_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_self_check_in_per_member")]
