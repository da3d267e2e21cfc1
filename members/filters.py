"""The member list's filter form, shared by the page and the Excel export."""

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from core.dates import today
from members.models import Category, Exemption, Member, MemberState


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *MemberState.choices],
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

    def filter(self, qs: QuerySet[Member], orgs: Any) -> QuerySet[Member]:
        """Narrow `qs`; `orgs` is the queryset of organizations the user may see members of."""
        if not self.is_valid():
            return qs.filter(state=MemberState.ACTIVE)
        data = self.cleaned_data
        if data.get("org"):
            org = orgs.filter(pk=data["org"]).first()
            qs = qs.filter(organization__path__startswith=org.path) if org else qs.none()
        if data.get("q"):
            qs = qs.search(data["q"])  # type: ignore[attr-defined]
        if data.get("category"):
            qs = qs.filter(category=data["category"])
        # Active members unless the user asked otherwise; "" (chosen explicitly) means every state.
        if "state" not in self.data:
            qs = qs.filter(state=MemberState.ACTIVE)
        elif data.get("state"):
            qs = qs.filter(state=data["state"])
        if data.get("exempt"):
            current = Exemption.objects.as_of(today()).filter(member=OuterRef("pk"))
            qs = qs.filter(Exists(current)) if data["exempt"] == "yes" else qs.exclude(Exists(current))
        return qs
