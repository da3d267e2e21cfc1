"""Validation of each section of the recording page.

Choices (members, guests, agenda items) come from lists the view has already
read for the page, so a form adds no query of its own.
"""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, AttendanceStatus, SpeechKind, VoteKind, VoteMethod
from members.models import Member

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def moment_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=DateTimeInput(), input_formats=DATETIME_FORMATS)


class SectionForm(forms.Form):
    """Ids start with the section's name, so that sections on one page never share an id."""

    section = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.section:
            kwargs.setdefault("auto_id", f"{self.section}_%s")
        super().__init__(*args, **kwargs)

    def _choice(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])


class VersionedForm(SectionForm):
    """Carries the version of the part that the page was showing."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class StartForm(VersionedForm):
    section = "start"
    chair = forms.TypedChoiceField(label=_("Chair"), coerce=int)
    minute_taker = forms.TypedChoiceField(label=_("Minute-taker"), coerce=int)
    started_at = moment_field(_("Started at"))

    def __init__(self, *args: Any, members: Sequence[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        choices = [("", "—"), *((m.pk, m.full_name) for m in members)]
        self._choice("chair").choices = choices
        self._choice("minute_taker").choices = choices

    def member(self, name: str) -> Member:
        return self.members[self.cleaned_data[name]]


class EndForm(VersionedForm):
    section = "end"

    # Left empty, the end is the moment the minute-taker taps "End" (the page may have been open for hours).
    ended_at = moment_field(_("Ended at"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended_at"].required = False
        self.fields["ended_at"].help_text = _("Leave empty to use the time you tap the button.")


class GuestForm(SectionForm):
    section = "guest"
    token = forms.UUIDField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Guest's name"), max_length=120)
    role = forms.CharField(label=_("Position"), max_length=200, required=False)


MARKS = [
    (AttendanceStatus.PRESENT, _("Present")),
    (AttendanceStatus.ABSENT_EXCUSED, _("Absent with reason")),
    (AttendanceStatus.ABSENT_UNEXCUSED, _("Absent without reason")),
    (AttendanceStatus.EXPECTED, _("Not recorded yet")),
]


class MarkForm(VersionedForm):
    status = forms.ChoiceField(label=_("Attendance"), choices=MARKS)
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)
    reason_accepted = forms.BooleanField(label=_("Reason accepted by the committee"), required=False)


class NotesForm(VersionedForm):
    notes = forms.CharField(label=_("Record"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class SpeechForm(VersionedForm):
    """A member on the roll, or anyone else (a guest) by name."""

    token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    member = forms.TypedChoiceField(label=_("Speaker"), coerce=int, required=False, empty_value=None)
    speaker_name = forms.CharField(
        label=_("or a guest's name"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "guest-names", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SpeechKind.choices, initial=SpeechKind.OPINION)
    gist = forms.CharField(label=_("Gist"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, members: Sequence[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        self._choice("member").choices = [("", "—"), *((m.pk, m.full_name) for m in members)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["speaker_name"] = (data.get("speaker_name") or "").strip()
        if not data.get("member") and not data["speaker_name"]:
            raise forms.ValidationError(_("Choose who spoke: a member, or write a guest's name."))
        return data

    def speaker(self) -> tuple[Member | None, str]:
        pk = self.cleaned_data.get("member")
        if pk:
            return self.members[pk], self.members[pk].full_name
        return None, self.cleaned_data["speaker_name"]


class VoteForm(SectionForm):
    section = "vote"
    token = forms.UUIDField(widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=VoteKind.choices, initial=VoteKind.RESOLUTION)
    method = forms.ChoiceField(label=_("Method"), choices=VoteMethod.choices, initial=VoteMethod.HANDS)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, max_value=10_000)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, max_value=10_000, initial=0)
    abstentions = forms.IntegerField(label=_("Abstain"), min_value=0, max_value=10_000, initial=0)
    agenda_item = forms.TypedChoiceField(label=_("Under agenda item"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, items: Sequence[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {i.pk: i for i in items}
        self._choice("agenda_item").choices = [("", "—"), *((i.pk, f"{i.order}. {i.title}") for i in items)]

    def item(self) -> AgendaItem | None:
        pk = self.cleaned_data.get("agenda_item")
        return self.items[pk] if pk else None
