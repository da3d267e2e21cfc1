"""Numbers issued to documents that have no number field of their own, and each office's Word templates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guidance.models import Guidance
from meetings.models import DocumentType
from orgs.models import Organization
from preparation.models import NoticeRound


class DocumentKind(models.TextChoices):
    """The official documents this app lays out, each with its own Word template."""

    NOTICE = "notice", _("Meeting notice")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    RESOLUTION = "resolution", _("Resolution")
    REPORT = "report", _("Thematic report")
    GUIDANCE = "guidance", _("Monthly guidance")


class IssuedNumber(models.Model):
    """The number of a sent notice (TB) or a published guidance (HD).

    Minutes, resolutions and thematic reports carry their number themselves;
    a notice round and a guidance do not, so the number issued when they
    became official is kept here, one row per document.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField(max_length=4, choices=DocumentType.choices)
    number = models.PositiveIntegerField()
    symbol = models.CharField(max_length=40)
    issued_at = models.DateTimeField()
    notice_round = models.OneToOneField(
        NoticeRound, null=True, blank=True, on_delete=models.PROTECT, related_name="issued_number"
    )
    guidance = models.OneToOneField(
        Guidance, null=True, blank=True, on_delete=models.PROTECT, related_name="issued_number"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(notice_round__isnull=False, guidance__isnull=True)
                | Q(notice_round__isnull=True, guidance__isnull=False),
                name="issued_number_targets_one_document",
            )
        ]

    def __str__(self) -> str:
        return self.symbol


class TemplateVersion(models.Model):
    """One change of an organization's Word template for one kind of document.

    An upload stores the file; a row without content means "back to the
    default" (the organization stops using its own template and the nearest
    organization above it, or the built-in template, applies again). Rows are
    never changed or deleted, so the history stays complete. The file is kept
    in the database: it is small, and a refused or rolled-back upload then
    leaves nothing behind.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField()
    content = models.BinaryField(null=True, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    restored_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "number"], name="one_template_version_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number}"

    @property
    def is_upload(self) -> bool:
        return self.size > 0
