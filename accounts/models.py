"""Log-in accounts, what they are granted, and one-time activation codes."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Member
from orgs.models import Organization


class User(AbstractUser):
    phone = models.CharField(_("phone"), max_length=15, null=True, blank=True)
    member = models.OneToOneField(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("party member"),
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=Q(phone__isnull=False),
                name="unique_user_phone",
            )
        ]

    @property
    def display_name(self) -> str:
        if self.member_id:
            return self.member.full_name  # type: ignore[union-attr]
        return self.get_full_name() or self.username


class GrantRole(models.TextChoices):
    OFFICE = "office", _("Office (manages everything under the organization)")
    READER = "reader", _("Reader (reads everything under the organization)")


class Grant(models.Model):
    """Rights over a whole subtree, for office staff and upper-level cadres."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(_("role"), max_length=20, choices=GrantRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_grant")]


class ActivationCode(models.Model):
    """A one-time code printed on a slip; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activation_codes")
    code_hash = models.CharField(max_length=128)
    issued_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
