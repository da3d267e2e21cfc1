"""Party members and the history of their membership."""

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import fold
from orgs.models import Organization

citizen_id_validator = RegexValidator(r"^\d{12}$", _("A citizen ID (CCCD) has exactly 12 digits."))
phone_validator = RegexValidator(r"^0\d{9,10}$", _("A phone number has 10 or 11 digits and starts with 0."))


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Category(models.TextChoices):
    PROBATIONARY = "probationary", _("Probationary member")
    FULL = "full", _("Full member")


class MemberState(models.TextChoices):
    ACTIVE = "active", _("Active")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    DECEASED = "deceased", _("Deceased")
    REMOVED = "removed", _("Removed from the Party")


class TheoryLevel(models.TextChoices):
    NONE = "", _("None")
    ELEMENTARY = "elementary", _("Elementary")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    BACHELOR = "bachelor", _("Bachelor")


class DuesCategory(models.TextChoices):
    INSURED = "insured", _("On compulsory social insurance")
    PENSIONER = "pensioner", _("Pensioner")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other (farmer, self-employed…)")


class MemberQuerySet(models.QuerySet["Member"]):
    def active(self) -> "MemberQuerySet":
        return self.filter(state=MemberState.ACTIVE)

    def under(self, org: Organization) -> "MemberQuerySet":
        return self.filter(organization__path__startswith=org.path)

    def search(self, query: str) -> "MemberQuerySet":
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_key__contains=word)
        return qs

    # Bulk writes skip Member.save(), which builds the search key: these three
    # paths rebuild it themselves so that imports and mass updates stay searchable.

    def bulk_create(self, objs, *args, **kwargs):  # type: ignore[no-untyped-def]
        objs = list(objs)
        for member in objs:
            member.search_key = build_search_key(member.full_name, member.party_card_number, member.phone)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):  # type: ignore[no-untyped-def]
        objs = list(objs)
        fields = list(fields)
        if SEARCH_KEY_SOURCES & set(fields):
            for member in objs:
                member.search_key = build_search_key(member.full_name, member.party_card_number, member.phone)
            if "search_key" not in fields:
                fields.append("search_key")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        # bulk_update() ends here too, with the keys it has just built.
        if not SEARCH_KEY_SOURCES & set(kwargs) or "search_key" in kwargs:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            ids = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = list(Member.objects.filter(pk__in=chunk).only("full_name", "party_card_number", "phone"))
                for member in rows:
                    member.search_key = build_search_key(member.full_name, member.party_card_number, member.phone)
                Member.objects.bulk_update(rows, ["search_key"])
        return count


class Member(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("cell"),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=50, default="Kinh")
    religion = models.CharField(_("religion"), max_length=50, default="Không")
    hometown = models.CharField(_("hometown"), max_length=200, blank=True)
    residence = models.CharField(_("residence"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True, validators=[phone_validator])
    citizen_id = models.CharField(
        _("citizen ID (CCCD)"),
        max_length=12,
        null=True,
        blank=True,
        validators=[citizen_id_validator],
    )
    party_card_number = models.CharField(_("party card number"), max_length=20, null=True, blank=True)
    admitted_on = models.DateField(_("date admitted"))
    full_member_on = models.DateField(_("date made full member"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    education = models.CharField(_("general education"), max_length=20, blank=True)
    theory_level = models.CharField(
        _("political theory level"),
        max_length=20,
        choices=TheoryLevel.choices,
        blank=True,
        default="",
    )
    professional_level = models.CharField(_("professional level"), max_length=120, blank=True)
    dues_category = models.CharField(
        _("dues category"),
        max_length=20,
        choices=DuesCategory.choices,
        default=DuesCategory.OTHER,
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=MemberState.choices,
        default=MemberState.ACTIVE,
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("reason"), max_length=255, blank=True)
    # Accent-free lower-case name, card number and phone for searching.
    search_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Bumped on every save; forms carry it so a stale edit is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["organization__path", "full_name", "id"]
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=Q(citizen_id__isnull=False),
                name="unique_member_citizen_id",
            ),
            models.UniqueConstraint(
                fields=["party_card_number"],
                condition=Q(party_card_number__isnull=False),
                name="unique_member_card_number",
            ),
        ]
        indexes = [models.Index(fields=["organization", "state"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.search_key = build_search_key(self.full_name, self.party_card_number, self.phone)
        super().save(*args, **kwargs)

    @property
    def is_full(self) -> bool:
        return self.category == Category.FULL

    @property
    def is_active(self) -> bool:
        return self.state == MemberState.ACTIVE

    def age_on(self, day: dt.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# The fields the search key is built from.
SEARCH_KEY_SOURCES = {"full_name", "party_card_number", "phone"}


def build_search_key(full_name: str, card: str | None, phone: str | None) -> str:
    return " ".join(part for part in (fold(full_name), card or "", phone or "") if part)[:255]


class PeriodQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def as_of(self, day: dt.date):  # type: ignore[no-untyped-def]
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Exemption(models.Model):
    """Exemption from Party work and activity, decided by the cell."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="exemptions")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    decision = models.CharField(
        _("cell decision"),
        max_length=255,
        help_text=_("e.g. resolution number and date"),
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]


class TemporaryActivity(models.Model):
    """A member working away who takes part temporarily in another organization."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="temporary_activities")
    place = models.CharField(_("where"), max_length=255)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]


class TransferKind(models.TextChoices):
    OFFICIAL = "official", _("Official")
    TEMPORARY = "temporary", _("Temporary")


class Transfer(models.Model):
    """A move in, out, or between cells. Either end may be outside the system."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=TransferKind.choices,
        default=TransferKind.OFFICIAL,
    )
    on = models.DateField(_("date"))
    from_org = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    outside_place = models.CharField(_("outside organization"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
