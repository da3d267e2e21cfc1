"""The Party organization tree, with its history.

`Organization` holds the *current* placement (parent, name, materialized
path) so that "everything under X" is one indexed prefix filter. Every change
of name or parent closes one `OrgVersion` and opens the next, so the tree can
be read as of any date.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PROVINCE = "province", _("Provincial Party committee")
    COMMUNE = "commune", _("Commune Party committee")
    SUBCOMMITTEE = "subcommittee", _("Party sub-committee")
    CELL = "cell", _("Party cell")


class CellType(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential area")
    SCHOOL = "school", _("School")
    POLICE = "police", _("Police")
    MILITARY = "military", _("Military")
    ENTERPRISE = "enterprise", _("Enterprise")
    AGENCY = "agency", _("Agency")
    OTHER = "other", _("Other")


class Organization(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    cell_type = models.CharField(_("cell type"), max_length=20, choices=CellType.choices, blank=True)
    code = models.CharField(_("short code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    # "/1/7/42/": ids from the root down, this organization included.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    founded_on = models.DateField(_("founded on"), default=dt.date(1930, 2, 3))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_cell(self) -> bool:
        return self.kind == OrgKind.CELL

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def subtree(self) -> "models.QuerySet[Organization]":
        return Organization.objects.filter(path__startswith=self.path)


class OrgVersionQuerySet(models.QuerySet["OrgVersion"]):
    def as_of(self, day: dt.date) -> "OrgVersionQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class OrgVersion(models.Model):
    """One period of an organization's name and place in the tree."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="versions")
    parent = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=200)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Exclusive end; empty while current.")
    reason = models.CharField(max_length=200, blank=True)

    objects = OrgVersionQuerySet.as_manager()

    class Meta:
        ordering = ["organization_id", "valid_from"]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(valid_to__isnull=True),
                name="one_open_version_per_org",
            )
        ]
