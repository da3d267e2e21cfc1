"""Input for the thematic pages. The rules that need the database under a lock live in the actions."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import Meeting
from members.models import Member
from thematic.actions import TopicRow
from thematic.compliance import QUARTERS, quarter_of
from thematic.models import PlannedTopic


def month_choices() -> list[tuple[str, str]]:
    """Called when a form is built, so that the labels follow the language of the request."""
    return [("", _("(not decided)"))] + [(str(m), _("Month %(month)s") % {"month": m}) for m in range(1, 13)]


def quarter_choices() -> list[tuple[int, str]]:
    return [(q, _("Quarter %(quarter)s") % {"quarter": q}) for q in QUARTERS]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    copy = forms.BooleanField(required=False, widget=forms.HiddenInput)


class TopicForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        choices=quarter_choices,
        coerce=int,
    )
    month = forms.TypedChoiceField(
        label=gettext_lazy("Planned month"), choices=month_choices, coerce=int, required=False, empty_value=None
    )
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=255, required=False)
    drafter = forms.ModelChoiceField(
        label=gettext_lazy("Drafts the report"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=gettext_lazy("(not assigned yet)"),
    )
    notes = forms.CharField(label=gettext_lazy("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    remove = forms.BooleanField(label=gettext_lazy("Remove this topic"), required=False)

    def __init__(self, *args: Any, members: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["drafter"]).queryset = members
        self.year = year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["topic"] = (data.get("topic") or "").strip()
        if data.get("remove") or self.is_blank:
            return data
        if not data["topic"]:
            self.add_error("topic", _("Write the topic, or tick “Remove this topic”."))
        month, quarter = data.get("month"), data.get("quarter")
        if month and quarter and quarter_of(dt.date(self.year, month, 1)) != quarter:
            self.add_error(
                "month", _("Month %(month)s is not in quarter %(quarter)s.") % {"month": month, "quarter": quarter}
            )
        return data

    @property
    def is_blank(self) -> bool:
        """An empty extra row: no topic and not an existing one."""
        data = getattr(self, "cleaned_data", {})
        return not data.get("id") and not (data.get("topic") or "").strip()

    def row(self) -> TopicRow:
        data = self.cleaned_data
        month = data.get("month")
        return TopicRow(
            id=data.get("id"),
            quarter=data["quarter"],
            month=dt.date(self.year, month, 1) if month else None,
            topic=data["topic"],
            drafter=data.get("drafter"),
            notes=data.get("notes") or "",
            remove=bool(data.get("remove")),
        )


class BaseTopicFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, members: Any, year: int, **kwargs: Any) -> None:
        self.members, self.year = members, year
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"members": self.members, "year": self.year}

    def rows(self) -> list[TopicRow]:
        return [form.row() for form in self.forms if form.cleaned_data and not form.is_blank]


TopicFormSet = cast(
    type[BaseTopicFormSet],
    forms.formset_factory(TopicForm, formset=BaseTopicFormSet, extra=2, max_num=40, validate_max=True),
)


def topic_initial(topics: list[PlannedTopic]) -> list[dict[str, Any]]:
    return [
        {
            "id": t.pk,
            "quarter": t.quarter,
            "month": t.month.month if t.month else None,
            "topic": t.topic,
            "drafter": t.drafter_id,
            "notes": t.notes,
        }
        for t in topics
    ]


class MeetingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.title} · {obj.get_status_display()}"


class LinkForm(forms.Form):
    meeting = MeetingChoiceField(
        label=gettext_lazy("Meeting that takes up this topic"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=gettext_lazy("(none)"),
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = meetings


class ReportForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    body = forms.CharField(
        label=gettext_lazy("Text of the report"),
        widget=forms.Textarea(attrs={"rows": 22}),
        required=False,
        help_text=gettext_lazy("Paragraphs separated by a blank line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment on the draft"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": gettext_lazy("Write your comment first.")},
    )


class DiscussedForm(forms.Form):
    revision_notes = forms.CharField(
        label=gettext_lazy("What the cell asked to revise"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy("Leave empty if the cell approved the report as it was."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class FinalizeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("The text includes the revisions the cell asked for. Send it to every member of the cell."),
        error_messages={"required": gettext_lazy("Confirm that the text is revised before making it final.")},
    )
