"""Input for the preparation pages. Rules that need the database under a lock live in actions.py."""

import codecs
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, cast

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    MeetingKind,
    OpinionTopic,
    Part,
    PrepTask,
    StepKind,
)
from members.forms import DATE_INPUT_FORMATS, date_field
from members.models import Member

THEMATIC_KINDS = (MeetingKind.THEMATIC, MeetingKind.REGULAR_THEMATIC)
MAX_DOCUMENT_BYTES = getattr(settings, "MEETING_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# What each accepted kind of file starts with; a text file must be UTF-8 without NUL bytes.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
SIGNATURES: dict[str, bytes | None] = {
    ".pdf": b"%PDF-",
    ".doc": OLE,
    ".xls": OLE,
    ".ppt": OLE,
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".pptx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".txt": None,
}


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    month = forms.DateField(
        label=_("Month"),
        widget=MonthInput(),
        input_formats=["%Y-%m", "%m/%Y", *DATE_INPUT_FORMATS],
        help_text=_("The month this meeting belongs to."),
    )
    day = date_field(_("Date"))
    time = forms.TimeField(label=_("Time"), widget=TimeInput(), input_formats=["%H:%M", "%H:%M:%S", "%Hh%M"])
    place = forms.CharField(label=_("Place"), max_length=255)
    topic = forms.CharField(
        label=_("Thematic topic"),
        max_length=255,
        required=False,
        help_text=_("Required for a thematic meeting."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Left empty, a title is made from the kind and the month."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_month(self) -> dt.date:
        return self.cleaned_data["month"].replace(day=1)

    def clean_place(self) -> str:
        place = self.cleaned_data["place"].strip()
        if not place:
            raise forms.ValidationError(_("Say where the meeting is held."))
        return place

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind, topic = data.get("kind"), (data.get("topic") or "").strip()
        planned = data.get("planned_topic")  # offered by thematic.planning when the cell has a thematic plan
        if planned is not None and not topic:
            topic = planned.topic
        data["topic"] = topic
        if kind in THEMATIC_KINDS and not topic:
            self.add_error("topic", _("A thematic meeting needs its topic."))
        if kind not in THEMATIC_KINDS:
            data["topic"] = topic if kind == MeetingKind.EXTRAORDINARY else ""
        month, day = data.get("month"), data.get("day")
        if month and day and not (month <= day < month + relativedelta(months=2)):
            self.add_error(
                "day",
                _("The date must fall in the meeting's month (%(month)s) or, if it was put off, the month after.")
                % {"month": month.strftime("%m/%Y")},
            )
        return data


class AssignmentForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Who prepares"), queryset=Member.objects.none(), empty_label=_("Choose a member")
    )
    task = forms.ChoiceField(label=_("What"), choices=PrepTask.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    due_on = date_field(_("Due on"), required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["member"]).queryset = members


class PrepMeetingForm(forms.Form):
    held_on = date_field(_("Held on"))
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who took part"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agreed_content = forms.CharField(label=_("Content agreed"), widget=forms.Textarea(attrs={"rows": 5}))
    key_questions = forms.CharField(
        label=_("Key questions to discuss and vote on"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, officers: Any, meeting_day: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["attendees"]).queryset = officers
        self.meeting_day = meeting_day

    def clean_held_on(self) -> dt.date:
        held_on = self.cleaned_data["held_on"]
        if held_on > self.meeting_day:
            raise forms.ValidationError(_("The preparatory meeting is held before the meeting itself."))
        return held_on


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        ext = Path(upload.name).suffix.lower()
        if ext not in SIGNATURES:
            raise forms.ValidationError(
                _("This kind of file is not accepted: send PDF, Word, Excel, PowerPoint, JPEG, PNG or text.")
            )
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_DOCUMENT_BYTES)}
            )
        upload.seek(0)
        head = upload.read(64 * 1024)
        upload.seek(0)
        signature = SIGNATURES[ext]
        if signature is None:
            looks_right = b"\0" not in head and _is_utf8_prefix(head)
        else:
            looks_right = head.startswith(signature)
        if not looks_right:
            raise forms.ValidationError(
                _("The file's content is not what its name says (%(ext)s). Save it again in that format.")
                % {"ext": ext}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("file") and not (data.get("title") or "").strip():
            data["title"] = Path(data["file"].name).stem[:255]
        return data


def _is_utf8_prefix(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def item_fingerprint(item: AgendaItem) -> str:
    """What an agenda item looked like when its form was opened; a changed one refuses a stale save."""
    raw = f"{item.title}\0{item.content}\0{item.presenter_id}\0{item.order}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    content = forms.CharField(label=_("Prepared content"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    presenter = forms.ModelChoiceField(
        label=_("Presented by"), queryset=Member.objects.none(), required=False, empty_label=_("(not set)")
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["presenter"]).queryset = members


class NewAgendaItemForm(forms.Form):
    part = forms.ChoiceField(label=_("Part"), choices=Part.choices, initial=Part.PROCEEDINGS)
    title = forms.CharField(label=_("Title"), max_length=255)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class TemplateStepForm(forms.Form):
    part = forms.ChoiceField(label=_("Part"), choices=Part.choices, initial=Part.PROCEEDINGS)
    kind = forms.ChoiceField(label=_("Kind of step"), choices=StepKind.choices, initial=StepKind.OTHER)
    title = forms.CharField(label=_("Title"), max_length=255)


class NoticeForm(forms.Form):
    message = forms.CharField(
        label=_("Message to members"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("For example: please read the draft resolution before the meeting."),
    )


class OpinionForm(forms.Form):
    topic = forms.ChoiceField(label=_("About"), choices=OpinionTopic.choices, initial=OpinionTopic.DRAFT_RESOLUTION)
    body = forms.CharField(
        label=_("Your opinion or proposal"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": _("Write your opinion first.")},
    )


class AbsenceForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=255, error_messages={"required": _("Give the reason for your absence.")}
    )
