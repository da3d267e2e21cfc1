"""Minutes, resolutions, their numbers, amendments, and the resolution's tasks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from committees.models import CommitteeTerm
from meetings.models.meeting import Meeting
from members.models import Member
from orgs.models import Organization


class DocumentType(models.TextChoices):
    MINUTES = "BB", _("Minutes")
    RESOLUTION = "NQ", _("Resolution")
    NOTICE = "TB", _("Notice")
    REPORT = "BC", _("Report")
    GUIDANCE = "HD", _("Guidance")


class DocumentCounter(models.Model):
    """The last number issued per organization, committee term and document type.

    Locked with SELECT … FOR UPDATE in the transaction that issues a number, so
    numbers have no gaps and no duplicates.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey(CommitteeTerm, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField(max_length=4, choices=DocumentType.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "term", "doc_type"], name="one_counter_per_type_and_term"),
            models.UniqueConstraint(
                fields=["organization", "doc_type"],
                condition=models.Q(term__isnull=True),
                name="one_counter_per_type_without_term",
            ),
        ]


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class AdoptableRecord(models.Model):
    """Shared by minutes and resolutions: drafted, read back, adopted, then locked."""

    number = models.PositiveIntegerField(null=True, blank=True)
    symbol = models.CharField(max_length=40, blank=True, help_text="e.g. 05-NQ/CB")
    body = models.TextField(_("text"))
    status = models.CharField(max_length=20, choices=RecordStatus.choices, default=RecordStatus.DRAFT)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # SHA-256 of the adopted text, chained to the previous seal (see records.Seal).
    content_hash = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    @property
    def is_adopted(self) -> bool:
        return self.status == RecordStatus.ADOPTED


class Minutes(AdoptableRecord):
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")


class Resolution(AdoptableRecord):
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="resolution")
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        verbose_name = _("resolution")


class Amendment(models.Model):
    """A correction to adopted minutes or an adopted resolution; the original text stays."""

    minutes = models.ForeignKey(Minutes, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    reason = models.CharField(_("reason"), max_length=255)
    text = models.TextField(_("correction"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__isnull=False, resolution__isnull=True)
                | models.Q(minutes__isnull=True, resolution__isnull=False),
                name="amendment_targets_one_record",
            )
        ]


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("task", "In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ResolutionTask(models.Model):
    """One task of a resolution: what, who, by when; followed until done."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    what = models.TextField(_("task"))
    assignee = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    assignee_text = models.CharField(_("who"), max_length=200, blank=True, help_text=_("e.g. the cell committee"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    evidence = models.TextField(_("evidence"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["resolution_id", "order", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]


class TaskUpdate(models.Model):
    """The history of a task: each status change with its note and evidence."""

    task = models.ForeignKey(ResolutionTask, on_delete=models.CASCADE, related_name="updates")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=TaskStatus.choices)
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("evidence file"), upload_to="tasks/%Y/%m/", blank=True)

    class Meta:
        ordering = ["task_id", "at"]
