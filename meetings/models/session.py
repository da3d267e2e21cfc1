"""What the minute-taker records during the meeting."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import AgendaItem, Meeting
from members.models import Category, Member


class AttendanceStatus(models.TextChoices):
    EXPECTED = "expected", _("Not recorded yet")
    PRESENT = "present", _("Present")
    ABSENT_EXCUSED = "absent_excused", _("Absent with reason")
    ABSENT_UNEXCUSED = "absent_unexcused", _("Absent without reason")


class Attendance(models.Model):
    """One member's attendance, with the facts that decide whether they count in a vote.

    The category and the exemption, transfer and suspension flags are copied
    when the roll is drawn up, so the record keeps what was true that day.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    category = models.CharField(max_length=20, choices=Category.choices)
    exempt = models.BooleanField(_("exempt from activity"), default=False)
    temporarily_away = models.BooleanField(_("temporarily active elsewhere"), default=False)
    suspended = models.BooleanField(_("suspended, prosecuted or detained"), default=False)
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.EXPECTED)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    # The member said in advance that they would be absent.
    announced_at = models.DateTimeField(null=True, blank=True)
    # The committee accepted the reason for a whole-meeting absence (vote denominator rule).
    reason_accepted = models.BooleanField(_("reason accepted"), default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "member__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]


class Guest(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("position"), max_length=200, blank=True)


class SpeechKind(models.TextChoices):
    OPINION = "opinion", _("Opinion")
    SELF_CRITICISM = "self_criticism", _("Self-criticism")
    CRITICISM = "criticism", _("Criticism")
    PRAISE = "praise", _("Praise")
    REMINDER = "reminder", _("Reminder")
    CONCLUSION = "conclusion", _("Chair's conclusion")


class Speech(models.Model):
    """Someone spoke: who, under which item, and the gist."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="speeches"
    )
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="speeches")
    speaker_name = models.CharField(_("speaker"), max_length=120, help_text=_("For guests who are not members."))
    kind = models.CharField(_("kind"), max_length=20, choices=SpeechKind.choices, default=SpeechKind.OPINION)
    gist = models.TextField(_("gist"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "created_at", "id"]


class VoteKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    ADMISSION = "admission", _("Admission of a member")
    CONFIRMATION = "confirmation", _("Confirmation as full member")
    OTHER = "other", _("Other matter")


class VoteMethod(models.TextChoices):
    HANDS = "hands", _("Show of hands")
    BALLOT = "ballot", _("Secret ballot")


class Vote(models.Model):
    """A vote and its outcome under the rule in force (see meetings/voting.py)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes")
    subject = models.CharField(_("subject"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=VoteKind.choices, default=VoteKind.RESOLUTION)
    method = models.CharField(_("method"), max_length=20, choices=VoteMethod.choices, default=VoteMethod.HANDS)
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstain"), default=0)
    # Computed when recorded, and kept: the denominator and the verdict in words.
    denominator = models.PositiveIntegerField()
    passed = models.BooleanField()
    explanation = models.CharField(max_length=255)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "recorded_at"]
