"""A meeting, its preparation and its agenda."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.models import Guidance, GuidanceItem
from members.models import Member
from orgs.models import Organization


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    THEMATIC = "thematic", _("Thematic meeting")
    REGULAR_THEMATIC = "regular_thematic", _("Regular and thematic meeting")
    EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")
    COMMITTEE = "committee", _("Cell committee meeting")


# Kinds that count as the cell's monthly regular meeting.
MONTHLY_KINDS = (MeetingKind.REGULAR, MeetingKind.REGULAR_THEMATIC)


class MeetingStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    NOTIFIED = "notified", _("Notice sent")
    IN_PROGRESS = "in_progress", _("In progress")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    month = models.DateField(_("month"), help_text=_("The first day of the month the meeting belongs to."))
    title = models.CharField(_("title"), max_length=255)
    topic = models.CharField(_("thematic topic"), max_length=255, blank=True)
    scheduled_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=255)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PREPARING)
    guidance = models.ForeignKey(Guidance, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    chair = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    minute_taker = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    notice_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped on every save of the meeting or its records; a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_at"]
        indexes = [models.Index(fields=["organization", "month"]), models.Index(fields=["month", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def duration_minutes(self) -> int | None:
        if self.started_at and self.ended_at:
            return int((self.ended_at - self.started_at).total_seconds() // 60)
        return None


class PrepTask(models.TextChoices):
    CONTENT = "content", _("Meeting content")
    DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
    THEMATIC_REPORT = "thematic_report", _("Thematic report")
    CURRENT_AFFAIRS = "current_affairs", _("Current affairs")
    OTHER = "other", _("Other")


class PrepAssignment(models.Model):
    """Who prepares what for a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="prep_assignments")
    task = models.CharField(_("task"), max_length=20, choices=PrepTask.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "task", "id"]


class PrepMeeting(models.Model):
    """The committee's (or secretary and deputy's) preparatory meeting."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="prep_meeting")
    held_on = models.DateField(_("held on"))
    attendees = models.ManyToManyField(Member, related_name="+", verbose_name=_("attendees"))
    agreed_content = models.TextField(_("content agreed"), blank=True)
    key_questions = models.TextField(_("key questions to discuss"), blank=True)


class Part(models.TextChoices):
    OPENING = "opening", _("Opening")
    PROCEEDINGS = "proceedings", _("Proceedings")
    CLOSING = "closing", _("Closing")


class StepKind(models.TextChoices):
    OPENING = "opening", _("Reason and guests")
    MINUTE_TAKER = "minute_taker", _("Minute-taker")
    ROLL_CALL = "roll_call", _("Roll call")
    AGENDA = "agenda", _("Approve the agenda")
    MONTHLY_REPORT = "monthly_report", _("Monthly report and next month's direction")
    TASK_REVIEW = "task_review", _("Review of last month's tasks")
    UPPER_DOCUMENTS = "upper_documents", _("Upper-level documents")
    GUIDANCE = "guidance", _("The commune's monthly guidance")
    CURRENT_AFFAIRS = "current_affairs", _("Current affairs")
    THEMATIC = "thematic", _("Thematic topic")
    GUEST_SPEECH = "guest_speech", _("Guest speaks")
    OPINIONS = "opinions", _("Members' opinions")
    DISCUSSION = "discussion", _("Discussion")
    SUMMARY = "summary", _("Summary and task assignment")
    VOTE = "vote", _("Vote")
    ADMISSION = "admission", _("Admission matters")
    SCORE = "score", _("Score the meeting")
    MINUTES = "minutes", _("Approve the minutes")
    CLOSE = "close", _("Close")
    OTHER = "other", _("Other")


class AgendaTemplate(models.Model):
    """An ordered list of steps; an organization's own template overrides the one above it."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="agenda_templates"
    )
    name = models.CharField(_("name"), max_length=120)

    def __str__(self) -> str:
        return self.name


class AgendaTemplateStep(models.Model):
    template = models.ForeignKey(AgendaTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField()
    part = models.CharField(max_length=20, choices=Part.choices)
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        ordering = ["template_id", "order"]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField()
    part = models.CharField(max_length=20, choices=Part.choices)
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("prepared content"), blank=True)
    # What happened under this item, as the minute-taker records it.
    notes = models.TextField(_("record"), blank=True)
    presenter = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    guidance_item = models.ForeignKey(
        GuidanceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    task = models.ForeignKey(
        "meetings.ResolutionTask", null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    opinion = models.ForeignKey("meetings.Opinion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting_id", "order", "id"]


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="meetings/%Y/%m/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "uploaded_at"]
