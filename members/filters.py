"""The member list's filter form, shared by the page and the Excel export.

Usage: `form = MemberFilterForm(request.GET)`, then
`form.filter(members_visible(user), orgs_visible(user, "org.view_members"))`.
Invalid input never widens the list: a bad value shows active members only.
"""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from core.dates import today
from members.models import Category, Exemption, Member, MemberState, TheoryLevel
from orgs.models import Organization

ALL_STATES = "all"
NO_THEORY = "none"

# Age bands as Party statistics count them: (lowest age, highest age or None).
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "18-30": (18, 30),
    "31-40": (31, 40),
    "41-50": (41, 50),
    "51-60": (51, 60),
    "61-70": (61, 70),
    "71+": (71, None),
}


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


class MemberFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, card number or phone")}),
    )
    org = forms.IntegerField(label=_("Organization"), required=False, min_value=1)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[(MemberState.ACTIVE, MemberState.ACTIVE.label), (ALL_STATES, _("All states"))]
        + [c for c in MemberState.choices if c[0] != MemberState.ACTIVE],
    )
    exempt = forms.ChoiceField(
        label=_("Exemption"),
        required=False,
        choices=[
            ("", _("Exempt or not")),
            ("yes", _("Exempt from activity")),
            ("no", _("Not exempt")),
        ],
    )
    age = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[
            ("", _("All ages")),
            ("18-30", _("18 to 30")),
            ("31-40", _("31 to 40")),
            ("41-50", _("41 to 50")),
            ("51-60", _("51 to 60")),
            ("61-70", _("61 to 70")),
            ("71+", _("Over 70")),
        ],
    )
    theory = forms.ChoiceField(
        label=_("Political theory"),
        required=False,
        choices=[("", _("All levels")), (NO_THEORY, _("No training"))] + [c for c in TheoryLevel.choices if c[0]],
    )

    def selected_org(self, orgs: "QuerySet[Organization]") -> Organization | None:
        """The chosen organization if `orgs` (those the user may see members of) holds it."""
        if not hasattr(self, "_selected_org"):
            org_id = self.cleaned_data.get("org") if self.is_valid() else None
            self._selected_org = orgs.filter(pk=org_id).first() if org_id else None
        return self._selected_org

    def filter(self, qs: "QuerySet[Member]", orgs: "QuerySet[Organization]") -> "QuerySet[Member]":
        """Narrow `qs`; `orgs` is the queryset of organizations the user may see members of."""
        if not self.is_valid():
            return qs.filter(state=MemberState.ACTIVE)
        data: dict[str, Any] = self.cleaned_data
        if data.get("org"):
            org = self.selected_org(orgs)
            qs = qs.filter(organization__path__startswith=org.path) if org else qs.none()
        if data.get("q"):
            qs = qs.search(data["q"])  # type: ignore[attr-defined]
        if data.get("category"):
            qs = qs.filter(category=data["category"])
        state = data.get("state") or MemberState.ACTIVE
        if state != ALL_STATES:
            qs = qs.filter(state=state)
        if data.get("exempt"):
            current = Exemption.objects.as_of(today()).filter(member=OuterRef("pk"))
            qs = qs.filter(Exists(current)) if data["exempt"] == "yes" else qs.exclude(Exists(current))
        if data.get("age"):
            qs = qs.filter(**self._born_between(*AGE_BANDS[data["age"]]))
        if data.get("theory"):
            qs = qs.filter(theory_level="" if data["theory"] == NO_THEORY else data["theory"])
        return qs

    @staticmethod
    def _born_between(youngest: int, oldest: int | None) -> dict[str, dt.date]:
        """Aged `youngest` to `oldest` today means born in (today - oldest - 1 years, today - youngest years]."""
        day = today()
        lookup = {"date_of_birth__lte": years_before(day, youngest)}
        if oldest is not None:
            lookup["date_of_birth__gt"] = years_before(day, oldest + 1)
        return lookup
