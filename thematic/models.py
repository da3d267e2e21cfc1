"""Thematic meetings (sinh hoạt chuyên đề): each cell's yearly plan of topics, and the thematic report.

DOMAIN.md §4: at least once a quarter (the number comes from the rule pack),
never replacing the monthly meeting. A member is assigned to draft the
report; the cell discusses it; the revised report is sent to all members.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from members.models import Member
from orgs.models import Organization


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class ThematicPlan(models.Model):
    """A cell's plan of thematic topics for one calendar year."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="thematic_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped on every change of the plan or its topics; a stale form is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organization_id", "year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_thematic_plan_per_year")]
        verbose_name = _("thematic plan")

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


class PlannedTopic(models.Model):
    """One topic of the plan: when, what, who drafts the report, and the meeting that took it up."""

    plan = models.ForeignKey(ThematicPlan, on_delete=models.CASCADE, related_name="topics")
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    # First day of the planned month; empty while only the quarter is decided.
    month = models.DateField(_("planned month"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=255)
    drafter = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafts the report")
    )
    notes = models.TextField(_("notes"), blank=True)
    meeting = models.OneToOneField(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned_topic"
    )

    class Meta:
        ordering = ["plan_id", "quarter", "month", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="planned_topic_quarter")
        ]
        verbose_name = _("planned topic")

    def __str__(self) -> str:
        return self.topic


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DISCUSSED = "discussed", _("Discussed by the cell")
    FINAL = "final", _("Final")


class ThematicReport(models.Model):
    """The report presented at a thematic meeting: drafted, discussed, revised, then final and sent to members.

    A final report has a number ("03-BC/CB") and never changes.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="thematic_report")
    title = models.CharField(_("title"), max_length=255)
    author = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="thematic_reports")
    # Paragraphs separated by blank lines.
    body = models.TextField(_("text of the report"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # When the draft went to the cell's members for comments.
    shared_at = models.DateTimeField(null=True, blank=True)
    discussed_at = models.DateTimeField(null=True, blank=True)
    revision_notes = models.TextField(_("what the cell asked to revise"), blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveIntegerField(null=True, blank=True)
    symbol = models.CharField(max_length=40, blank=True, help_text="e.g. 03-BC/CB")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("thematic report")

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == ReportStatus.FINAL

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT


class ReportComment(models.Model):
    """A member's comment on the shared draft, before the cell discusses it."""

    report = models.ForeignKey(ThematicReport, on_delete=models.CASCADE, related_name="comments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report_id", "created_at", "id"]


class ReportRecipient(models.Model):
    """A member the final report was sent to, and when they opened it."""

    report = models.ForeignKey(ThematicReport, on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="thematic_reports_received")
    sent_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "member"], name="one_report_copy_per_member")]
        indexes = [models.Index(fields=["member", "read_at"])]
