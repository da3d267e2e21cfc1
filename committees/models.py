"""Committee terms and the positions members hold in them."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Member
from orgs.models import Organization


class CommitteeTerm(models.Model):
    """A term (nhiệm kỳ) of an organization's elected committee, e.g. 2025-2030."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("term"), max_length=40)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_term_name")]

    def __str__(self) -> str:
        return f"{self.organization.name} — {self.name}"

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Role(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")
    DEPUTY = "deputy", _("Deputy secretary")
    STANDING = "standing", _("Standing committee member")
    COMMITTEE = "committee", _("Committee member")
    FOLLOW_UP = "follow_up", _("Follow-up cadre")


# Roles that make their holder an officer of the organization (they run it).
OFFICER_ROLES = (Role.SECRETARY, Role.DEPUTY, Role.STANDING, Role.COMMITTEE)


class PositionQuerySet(models.QuerySet["Position"]):
    def as_of(self, day: dt.date) -> "PositionQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Position(models.Model):
    """A member holding a role in an organization for a period.

    For a follow-up cadre the organization is the cell being followed and the
    member sits on the upper committee.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="positions")
    term = models.ForeignKey(
        CommitteeTerm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="positions")
    role = models.CharField(_("position"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["organization_id", "role", "valid_from"]
        indexes = [models.Index(fields=["member", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.organization.name}: {self.member.full_name}"
