"""Input for committee terms and positions. The DOMAIN.md §3 rules themselves live in committees.actions."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import OFFICER_ROLES, CommitteeTerm, Position, Role
from core.dates import today, vn_short_date
from members.models import Category, Member, MemberState
from orgs.forms import DayField
from orgs.models import Organization
from orgs.queries import vietnamese_name_key
from orgs.structure import KINDS_WITH_STANDING_COMMITTEE


class TermForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Term"), max_length=40, help_text=gettext_lazy("For example 2025-2030."))
    starts_on = DayField(label=gettext_lazy("Starts on"))
    ends_on = DayField(
        label=gettext_lazy("Ends on"),
        required=False,
        help_text=gettext_lazy("Leave empty while the term is running; close it when the next congress elects."),
    )

    def __init__(self, org: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if CommitteeTerm.objects.filter(organization=self.org, name__iexact=name).exists():
            raise ValidationError(
                _("%(org)s already has a term named %(name)s.") % {"org": self.org.name, "name": name}
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("A term must end after it starts."))
        return data


class CloseTermForm(forms.Form):
    on = DayField(label=gettext_lazy("Last day of the term"), initial=today)

    def __init__(self, term: CommitteeTerm, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.term = term

    def clean_on(self) -> dt.date:
        day = self.cleaned_data["on"]
        if day < self.term.starts_on:
            raise ValidationError(
                _("The term started on %(date)s; it cannot end before.") % {"date": vn_short_date(self.term.starts_on)}
            )
        return day


def roles_for(org: Organization) -> list[tuple[str, Any]]:
    roles: list[str] = [Role.SECRETARY, Role.DEPUTY]
    if org.kind in KINDS_WITH_STANDING_COMMITTEE:
        roles.append(Role.STANDING)
    roles.append(Role.COMMITTEE)
    if org.parent_id:
        roles.append(Role.FOLLOW_UP)
    return [(role, Role(role).label) for role in roles]


class PositionForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Position"))
    member = forms.TypedChoiceField(label=gettext_lazy("Member"), coerce=int)
    valid_from = DayField(label=gettext_lazy("From"), initial=today)
    term = forms.ModelChoiceField(
        label=gettext_lazy("Term"),
        queryset=CommitteeTerm.objects.none(),
        required=False,
        empty_label=gettext_lazy("(no term)"),
    )

    def __init__(self, org: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org
        self.fields["role"].choices = roles_for(org)  # type: ignore[attr-defined]
        own = Member.objects.filter(
            organization__path__startswith=org.path, state=MemberState.ACTIVE, category=Category.FULL
        ).only("full_name")
        choices: list[Any] = [("", "—"), (_("Full members of this organization"), self._options(own))]
        if org.parent_id:
            upper = Member.objects.filter(
                pk__in=Position.objects.as_of(today())
                .filter(organization_id=org.parent_id, role__in=OFFICER_ROLES)
                .values("member_id")
            )
            choices.append(
                (_("Members of the upper committee (for the follow-up cadre)"), self._options(upper.only("full_name")))
            )
        self.fields["member"].choices = choices  # type: ignore[attr-defined]
        terms = CommitteeTerm.objects.filter(organization=org).order_by("-starts_on")
        self.fields["term"].queryset = terms  # type: ignore[attr-defined]
        current = next((t for t in terms if t.covers(today())), None)
        if current is not None:
            self.fields["term"].initial = current.pk

    @staticmethod
    def _options(members: Any) -> list[tuple[int, str]]:
        return [(m.pk, m.full_name) for m in sorted(members, key=lambda m: vietnamese_name_key(m.full_name))]

    def clean_member(self) -> Member:
        try:
            return Member.objects.select_related("organization").get(pk=self.cleaned_data["member"])
        except Member.DoesNotExist:
            raise ValidationError(_("Choose a member from the list.")) from None


class EndPositionForm(forms.Form):
    on = DayField(label=gettext_lazy("Last day in the position"), initial=today)

    def __init__(self, position: Position, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.position = position

    def clean_on(self) -> dt.date:
        day = self.cleaned_data["on"]
        if day < self.position.valid_from:
            raise ValidationError(
                _("The position started on %(date)s; it cannot end before.")
                % {"date": vn_short_date(self.position.valid_from)}
            )
        return day
