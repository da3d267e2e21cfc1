"""Seals: the append-only chain of hashes over adopted minutes, resolutions and their amendments.

Each seal stores the SHA-256 of the sealed text and the hash of the previous
seal of the same organization, so that changing any sealed text, or any seal,
underneath the application breaks the chain. `manage.py verify_seals` walks it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Organization

# The "previous hash" of an organization's first seal.
GENESIS = "0" * 64


class SealIsPermanent(Exception):
    """A seal is written once and never changed or deleted by the application."""


class Seal(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64)
    seal_hash = models.CharField(max_length=64, unique=True)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["organization_id", "id"]
        verbose_name = _("seal")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id} {self.seal_hash[:12]}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise SealIsPermanent
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise SealIsPermanent
