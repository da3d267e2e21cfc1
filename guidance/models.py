"""The commune's monthly guidance to its cells (định hướng nội dung sinh hoạt).

Every month the commune committee holds an expanded conference and publishes
the month's guidance: key tasks, documents to pass on, current-affairs topics,
some of them only for certain kinds of cells.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Organization


class Conference(models.Model):
    """The commune committee's monthly expanded conference (hội nghị Đảng bộ mở rộng)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="conferences")
    held_on = models.DateField(_("held on"))
    attendees = models.TextField(_("attendees"), help_text=_("Who took part, one per line or as a summary."))
    conclusions = models.TextField(_("conclusions"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]


class GuidanceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Guidance(models.Model):
    """One month's guidance from a commune (or any upper organization) to the cells under it."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="guidances")
    month = models.DateField(_("month"), help_text=_("The first day of the month the guidance is for."))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.SET_NULL, related_name="guidances"
    )
    status = models.CharField(max_length=20, choices=GuidanceStatus.choices, default=GuidanceStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["organization", "month"], name="one_guidance_per_month")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == GuidanceStatus.PUBLISHED


class ItemKind(models.TextChoices):
    KEY_TASK = "key_task", _("Key task")
    DOCUMENT = "document", _("Document to pass on")
    CURRENT_AFFAIRS = "current_affairs", _("Current-affairs topic")


class GuidanceItem(models.Model):
    """One point of the guidance. `cell_types` empty means every cell."""

    guidance = models.ForeignKey(Guidance, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("content"), blank=True)
    cell_types = models.JSONField(_("for cell types"), default=list, blank=True)
    file = models.FileField(_("file"), upload_to="guidance/%Y/%m/", blank=True)

    class Meta:
        ordering = ["guidance_id", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def applies_to(self, cell_type: str) -> bool:
        return not self.cell_types or cell_type in self.cell_types


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)
