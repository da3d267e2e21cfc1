"""Forms for rule packs: clerks edit structured fields, never the JSON itself.

Each form builds the pack's new data and runs `schema.parse` on it, so the
rules are checked in one place; `parse` says where each mistake is (a path in
the data), and the form puts the message beside the field that holds it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold
from meetings.models import MeetingKind
from orgs.forms import DayField, OrgChoiceField
from rules.bands import format_bands, parse_bands
from rules.models import RulePack
from rules.schema import MANUAL, MEASURES, PackInvalid, Path, Problem, parse

MAX_IMPORT_BYTES = 512 * 1024
KIND_FIELDS = {
    MeetingKind.REGULAR: "min_regular",
    MeetingKind.REGULAR_THEMATIC: "min_regular_thematic",
    MeetingKind.THEMATIC: "min_thematic",
    MeetingKind.EXTRAORDINARY: "min_extraordinary",
    MeetingKind.COMMITTEE: "min_committee",
}
RULE_CHOICES = [("more", gettext_lazy("more than")), ("least", gettext_lazy("at least"))]


def _number(low: int, high: int, **kwargs: Any) -> forms.IntegerField:
    """A whole number typed on a phone; its range is checked by the pack's schema with the other rules."""
    return forms.IntegerField(
        widget=forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"}), **kwargs
    )


def report(form: forms.Form, problems: list[Problem], field_for: Callable[[Path], str | None]) -> None:
    """Put each problem beside its field, or above the form when no field holds it."""
    for problem in problems:
        name = field_for(problem.path)
        if name is not None and name in form.fields:
            form.add_error(name, problem.message)
        else:
            form.add_error(None, problem.text)


class VersionForm(forms.Form):
    """The pack's edit version when the page was opened; a stale one is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CopyForm(forms.Form):
    scope = OrgChoiceField(
        label=gettext_lazy("Applies to"),
        queryset=None,
        help_text=gettext_lazy("The organization whose meetings, and those of every organization under it, follow it."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    effective_from = DayField(label=gettext_lazy("In force from"))

    def __init__(self, targets: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = targets  # type: ignore[attr-defined]
        self.fields["scope"].empty_label = None  # type: ignore[attr-defined]


# --- name, period and thresholds -----------------------------------------------------------------


def _fraction_text(raw: dict[str, Any]) -> str:
    return str(raw.get("fraction", ""))


class PackForm(VersionForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    effective_from = DayField(label=gettext_lazy("In force from"))
    effective_to = DayField(
        label=gettext_lazy("In force until"),
        required=False,
        help_text=gettext_lazy("The last day. Leave empty while no end is decided."),
    )
    notice_lead_days = _number(
        0,
        30,
        label=gettext_lazy("Notice lead time (days)"),
        help_text=gettext_lazy("How many days before the meeting the notice and documents must go out."),
    )
    min_regular = _number(0, 600, label=MeetingKind.REGULAR.label)
    min_regular_thematic = _number(0, 600, label=MeetingKind.REGULAR_THEMATIC.label, required=False)
    min_thematic = _number(0, 600, label=MeetingKind.THEMATIC.label, required=False)
    min_extraordinary = _number(0, 600, label=MeetingKind.EXTRAORDINARY.label, required=False)
    min_committee = _number(0, 600, label=MeetingKind.COMMITTEE.label, required=False)
    majority_rule = forms.ChoiceField(label=gettext_lazy("Ordinary decisions pass with"), choices=RULE_CHOICES)
    majority_fraction = forms.CharField(
        label=gettext_lazy("of the convened full members"),
        max_length=12,
        help_text=gettext_lazy("A fraction such as 1/2 or 2/3."),
    )
    qualified_rule = forms.ChoiceField(label=gettext_lazy("Admission and confirmation pass with"), choices=RULE_CHOICES)
    qualified_fraction = forms.CharField(label=gettext_lazy("of the convened full members"), max_length=12)
    thematic_per_quarter = _number(0, 3, label=gettext_lazy("Thematic meetings per quarter (at least)"))

    def __init__(self, pack: RulePack, data: Any = None) -> None:
        rules_data = pack.data
        meeting, votes = rules_data.get("meeting", {}), rules_data.get("votes", {})
        initial = {
            "version": pack.edit_version,
            "name": pack.name,
            "description": pack.description,
            "effective_from": pack.effective_from,
            "effective_to": pack.effective_to,
            "notice_lead_days": meeting.get("notice_lead_days"),
            "majority_rule": "more" if votes.get("majority", {}).get("strict", True) else "least",
            "majority_fraction": _fraction_text(votes.get("majority", {})),
            "qualified_rule": "more" if votes.get("qualified", {}).get("strict", True) else "least",
            "qualified_fraction": _fraction_text(votes.get("qualified", {})),
            "thematic_per_quarter": rules_data.get("thematic", {}).get("min_per_quarter"),
        }
        for kind, name in KIND_FIELDS.items():
            initial[name] = meeting.get("min_minutes", {}).get(kind)
        super().__init__(data, initial=initial)
        self.pack = pack
        self.pack_data: dict[str, Any] = {}
        for kind, name in KIND_FIELDS.items():
            if kind != MeetingKind.REGULAR:
                self.fields[name].help_text = _("Leave empty: as a regular meeting.")

    def duration_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in KIND_FIELDS.values()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.errors:
            return cleaned
        start, end = cleaned["effective_from"], cleaned.get("effective_to")
        if end is not None and end < start:
            self.add_error("effective_to", _("The last day in force cannot be before the first."))
        data = copy.deepcopy(self.pack.data)
        meeting = data.setdefault("meeting", {})
        meeting["notice_lead_days"] = cleaned["notice_lead_days"]
        meeting["min_minutes"] = {
            kind.value: cleaned[name] for kind, name in KIND_FIELDS.items() if cleaned.get(name) is not None
        }
        data["votes"] = {
            "majority": self._threshold(cleaned["majority_fraction"], cleaned["majority_rule"]),
            "qualified": self._threshold(cleaned["qualified_fraction"], cleaned["qualified_rule"]),
        }
        data.setdefault("thematic", {})["min_per_quarter"] = cleaned["thematic_per_quarter"]
        try:
            parse(data)
        except PackInvalid as invalid:
            report(self, invalid.problems, self._field_for)
        self.pack_data = data
        return cleaned

    @staticmethod
    def _threshold(fraction: str, rule: str) -> dict[str, Any]:
        text = fraction.strip()
        try:
            value = Fraction(text.replace(" ", ""))
            text = f"{value.numerator}/{value.denominator}"
        except (ValueError, ZeroDivisionError):
            pass  # the schema explains what a fraction looks like
        return {"fraction": text, "strict": rule == "more"}

    @staticmethod
    def _field_for(path: Path) -> str | None:
        where = "/".join(str(step) for step in path)
        if where.startswith("meeting/min_minutes/"):
            return {kind.value: name for kind, name in KIND_FIELDS.items()}.get(where.rsplit("/", 1)[1])
        return {
            "meeting/notice_lead_days": "notice_lead_days",
            "votes/majority": "majority_fraction",
            "votes/qualified": "qualified_fraction",
            "thematic/min_per_quarter": "thematic_per_quarter",
        }.get(where)


# --- one score sheet: its criteria and levels ----------------------------------------------------


def source_choices() -> list[tuple[str, Any]]:
    return [
        (MANUAL, _("The cell scores it at the meeting")),
        *((key, label) for key, (label, _kind) in MEASURES.items()),
    ]


class SheetForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the sheet"), max_length=200)
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Scores these meetings"),
        choices=MeetingKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CriterionForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    group = forms.CharField(label=gettext_lazy("Group"), required=False, max_length=200)
    title = forms.CharField(label=gettext_lazy("Criterion"), max_length=300)
    max_points = _number(1, 100, label=gettext_lazy("Max. points"))
    # The select shows its first choice: the same initial value keeps an untouched new row empty.
    source = forms.ChoiceField(label=gettext_lazy("Scored by"), choices=source_choices, initial=MANUAL)
    bands = forms.CharField(
        label=gettext_lazy("Points by result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=gettext_lazy(
            'One line each, best first: "> 85 → 15", ">= 3 → 6", "= có → 5". Empty when the cell scores it.'
        ),
    )

    def clean_bands(self) -> list[dict[str, Any]]:
        return parse_bands(self.cleaned_data.get("bands", ""))


class LevelForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    title = forms.CharField(label=gettext_lazy("Level"), max_length=100)
    min_points = _number(0, 1000, label=gettext_lazy("From (points)"))
    requires_full = forms.MultipleChoiceField(
        label=gettext_lazy("Only with full marks on"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, criteria: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["requires_full"].choices = criteria  # type: ignore[attr-defined]


CriterionFormSet = forms.formset_factory(CriterionForm, extra=1, can_delete=True, max_num=60, absolute_max=80)
LevelFormSet = forms.formset_factory(LevelForm, extra=1, can_delete=True, max_num=10, absolute_max=20)


def _unique_key(title: str, taken: set[str], fallback: str) -> str:
    base = slugify(fold(title)).replace("-", "_")[:40] or fallback
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def criterion_row(raw: dict[str, Any]) -> dict[str, Any]:
    source = raw.get("source", MANUAL)
    return {
        "key": raw.get("key", ""),
        "group": raw.get("group", ""),
        "title": raw.get("title", ""),
        "max_points": raw.get("max_points"),
        "source": source,
        "bands": format_bands(raw.get("bands") or [], source),
    }


class SheetEditor:
    """The sheet form with its criteria and levels, read and checked together.

    `number` is the sheet's place in the pack (1-based), None for a new sheet
    started from `start` (a copy of another sheet). The criteria move up and
    down with the "move" button ("up-3": the criterion in row 3 goes up).
    """

    def __init__(
        self, pack: RulePack, number: int | None, data: Any = None, start: dict[str, Any] | None = None
    ) -> None:
        sheets = pack.data.get("quality", {}).get("sheets", [])
        sheet = sheets[number - 1] if number is not None else (start or {})
        self.pack, self.number = pack, number
        self.sheet_key = sheet.get("key", "") if number is not None else ""
        self.version = VersionForm(data, initial={"version": pack.edit_version})
        self.form = SheetForm(
            data, prefix="sheet", initial={"title": sheet.get("title", ""), "kinds": sheet.get("kinds", [])}
        )
        criteria = sheet.get("criteria", [])
        self.criteria = CriterionFormSet(data, prefix="c", initial=[criterion_row(c) for c in criteria])
        choices = [(c.get("key", ""), c.get("title", "")) for c in criteria]
        self.levels = LevelFormSet(
            data,
            prefix="l",
            initial=[
                {k: lv.get(k) for k in ("key", "title", "min_points")} | {"requires_full": lv.get("requires_full", [])}
                for lv in sheet.get("levels", [])
            ],
            form_kwargs={"criteria": choices},
        )
        self.move = (data or {}).get("move", "")
        self.moved_to: int | None = None  # the moved criterion's new row, to open it on the page
        self.sheet: dict[str, Any] = {}

    def is_valid(self) -> bool:
        parts: list[Any] = [self.version, self.form, self.criteria, self.levels]
        if not all([part.is_valid() for part in parts]):  # every part checked, so every error is shown
            return False
        criteria = self._kept(self.criteria)
        self._apply_move(criteria)
        levels = sorted(self._kept(self.levels), key=lambda row: -row[1]["min_points"])
        taken: set[str] = {row[1]["key"] for row in criteria if row[1]["key"]}
        kept_keys = set()
        for _form, row in criteria:
            row["key"] = row["key"] or _unique_key(row["title"], taken, "criterion")
            kept_keys.add(row["key"])
        level_keys: set[str] = {row[1]["key"] for row in levels if row[1]["key"]}
        for form, row in levels:
            row["key"] = row["key"] or _unique_key(row["title"], level_keys, "level")
            if set(row["requires_full"]) - kept_keys:
                form.add_error(
                    "requires_full",
                    _("Full marks are required on a criterion you are removing: untick it, or keep the criterion."),
                )
                return False
        self.sheet = {
            "key": self.sheet_key or _unique_key(self.form.cleaned_data["title"], self._other_sheet_keys(), "sheet"),
            "title": self.form.cleaned_data["title"],
            "kinds": self.form.cleaned_data["kinds"],
            "criteria": [self._criterion(row) for _form, row in criteria],
            "levels": [
                {"key": row["key"], "title": row["title"], "min_points": row["min_points"]}
                | ({"requires_full": list(row["requires_full"])} if row["requires_full"] else {})
                for _form, row in levels
            ],
        }
        return self._check(criteria, levels)

    @staticmethod
    def _kept(formset: Any) -> list[tuple[forms.Form, dict[str, Any]]]:
        """(form, data) for the rows that are filled in and not marked for removal, in page order."""
        return [
            (form, dict(form.cleaned_data))
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def _apply_move(self, rows: list[tuple[forms.Form, dict[str, Any]]]) -> None:
        direction, _sep, index = self.move.partition("-")
        if direction not in ("up", "down") or not index.isdigit():
            return
        forms_in_order = [form for form, _row in rows]
        target = self.criteria.forms[int(index)] if int(index) < len(self.criteria.forms) else None
        if target not in forms_in_order:
            return
        at = forms_in_order.index(target)
        other = at - 1 if direction == "up" else at + 1
        if 0 <= other < len(rows):
            rows[at], rows[other] = rows[other], rows[at]
            self.moved_to = other

    def _other_sheet_keys(self) -> set[str]:
        sheets = self.pack.data.get("quality", {}).get("sheets", [])
        return {s.get("key", "") for n, s in enumerate(sheets, 1) if n != self.number}

    @staticmethod
    def _criterion(row: dict[str, Any]) -> dict[str, Any]:
        out = {
            "key": row["key"],
            "title": row["title"],
            "group": row["group"],
            "max_points": row["max_points"],
            "source": row["source"],
        }
        if row["bands"] or row["source"] != MANUAL:
            out["bands"] = row["bands"]
        return out

    def _check(self, criteria: list[Any], levels: list[Any]) -> bool:
        data = copy.deepcopy(self.pack.data)
        sheets = data.setdefault("quality", {}).setdefault("sheets", [])
        index = self.number - 1 if self.number is not None else len(sheets)
        sheets[index : index + 1] = [self.sheet]
        try:
            parse(data)
        except PackInvalid as invalid:
            for problem in invalid.problems:
                self._report(problem, index, criteria, levels)
            return False
        return True

    def _report(self, problem: Problem, index: int, criteria: list[Any], levels: list[Any]) -> None:
        path = problem.path
        if path[:3] != ("quality", "sheets", index) or len(path) < 4:
            self.form.add_error(None, problem.text)
            return
        part = path[3]
        rows = {"criteria": criteria, "levels": levels}.get(str(part))
        if rows is not None and len(path) >= 6 and isinstance(path[4], int) and path[4] < len(rows):
            form = rows[path[4]][0]
            name = {"key": "title"}.get(str(path[5]), str(path[5]))
            form.add_error(name if name in form.fields else None, problem.message)
        elif part in ("title", "key", "kinds"):
            self.form.add_error("kinds" if part == "kinds" else "title", problem.message)
        else:
            self.form.add_error(None, problem.text)

    def has_errors(self) -> bool:
        return bool(self.form.errors or self.criteria.total_error_count() or self.levels.total_error_count())


# --- raw JSON ------------------------------------------------------------------------------------


class ImportForm(VersionForm):
    file = forms.FileField(
        label=gettext_lazy("JSON file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".json,application/json"}),
    )
    text = forms.CharField(
        label=gettext_lazy("Or paste the JSON"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        max_length=MAX_IMPORT_BYTES,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        upload, text = cleaned.get("file"), cleaned.get("text", "")
        if upload is not None:
            if upload.size > MAX_IMPORT_BYTES:
                raise ValidationError(_("The file is too large for a rule pack."))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(_("The file is not a text file in UTF-8.")) from None
        if not (text or "").strip():
            raise ValidationError(_("Choose a JSON file or paste its content."))
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        try:
            parse(data)
        except PackInvalid as invalid:
            raise ValidationError(invalid.errors) from None
        cleaned["data"] = data
        return cleaned
