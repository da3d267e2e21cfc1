"""Rule packs: versioned rules with a scope and an effective period."""

import datetime as dt
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import today
from orgs.models import Organization
from rules.schema import Rules, parse


class PackStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("In use")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RulePack(models.Model):
    """One version of a set of rules.

    A draft can be edited; a published pack cannot (copy it to change it), so a
    result that names a pack version can always be explained by that version.
    `scope` empty means the national default; otherwise the pack applies to the
    organization and everything under it, the nearest scope winning.
    """

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scope = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_packs",
        verbose_name=_("scope"),
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PackStatus.choices, default=PackStatus.DRAFT)
    data = models.JSONField(_("rules"))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every edit; a stale form is refused.
    edit_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="rule_pack_code_version")]
        verbose_name = _("rule pack")
        verbose_name_plural = _("rule packs")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.name} (v{self.version})"

    @cached_property
    def rules(self) -> Rules:
        return parse(self.data)

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self.__dict__.pop("rules", None)  # parsed from the data read before

    @property
    def is_draft(self) -> bool:
        return self.status == PackStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == PackStatus.PUBLISHED

    @property
    def is_national(self) -> bool:
        return self.scope_id is None

    @property
    def phase(self) -> str:
        """For a published pack: "current", "future" or "ended" as of today."""
        day = today()
        if day < self.effective_from:
            return "future"
        return "ended" if self.effective_to is not None and self.effective_to < day else "current"

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether this pack's period shares a day with `start`..`end` (None: no end)."""
        return (end is None or self.effective_from <= end) and (self.effective_to is None or start <= self.effective_to)
