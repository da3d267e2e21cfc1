"""The rules a row must follow, and how it compares with the member it matches.

Each rule attaches a message code to one field of a `Draft`; errors block the
import, warnings do not. Cross-field rules run on the record as it would be
after the import: for an update, the member's current values overlaid with
the row's non-empty cells.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from core.text import fold
from member_excel import parsing
from member_excel.bulk import chunked
from member_excel.columns import COLUMNS, choice_labels, squash, vocabulary
from member_excel.messages import ERROR_CODES
from member_excel.models import RowKind
from members.models import Category, Member, MemberState
from orgs.models import Organization, OrgKind

FIELDS = [c.field for c in COLUMNS]


@dataclass(slots=True)
class Draft:
    """One data row on its way to becoming a StoredRow."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    messages: list[list[Any]] = field(default_factory=list)
    bad: set[str] = field(default_factory=set)
    member: Member | None = None
    kind: str = RowKind.NEW

    def error(self, field: str, code: str, params: dict[str, Any] | None = None) -> None:
        self.messages.append([field, code, params or {}])
        self.bad.add(field)

    def warn(self, field: str, code: str, params: dict[str, Any] | None = None) -> None:
        self.messages.append([field, code, params or {}])


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


class RowChecker:
    """Everything needed to check rows for one target organization, loaded once."""

    def __init__(self, target: Organization, day: dt.date) -> None:
        self.target = target
        self.today = day
        cells = Organization.objects.filter(
            path__startswith=target.path, kind=OrgKind.CELL, dissolved_on__isnull=True
        ).only("pk", "code", "path", "name")
        self.cells = {self.code_key(c.code): c for c in cells}
        self.default_cell = target if target.kind == OrgKind.CELL else None
        self.parsers = self._parsers()

    @staticmethod
    def code_key(raw: Any) -> str:
        return "".join(parsing.as_text(raw).split()).upper()

    def _parsers(self) -> dict[str, Callable[[Any], parsing.Parsed]]:
        vocab = vocabulary()
        parsers: dict[str, Callable[[Any], parsing.Parsed]] = {}
        for column in COLUMNS:
            name = column.field
            if column.kind == "cell":
                parsers[name] = self._cell
            elif column.kind == "date":
                parsers[name] = _date_parser(self.today, name in ("admitted_on", "full_member_on"))
            elif column.kind == "choice":
                parsers[name] = _choice_parser(vocab.choices[name], choice_labels(column))
            elif column.kind == "citizen_id":
                parsers[name] = parsing.citizen_id
            elif column.kind == "phone":
                parsers[name] = parsing.phone
            elif column.kind == "card":
                parsers[name] = _length_parser(parsing.card, _max_length(name))
            else:
                parsers[name] = _length_parser(parsing.text, _max_length(name))
        return parsers

    def _cell(self, raw: Any) -> parsing.Parsed:
        cell = self.cells.get(self.code_key(raw))
        if cell is None:
            return None, ("unknown_cell", {"value": parsing.shown(raw), "org": self.target.name})
        return cell.code, None

    def parse(self, line: int, fields: list[str], cells: list[Any]) -> Draft:
        draft = Draft(line)
        for name, raw in zip(fields, cells, strict=True):
            if parsing.is_blank(raw):
                continue
            value, problem = self.parsers[name](raw)
            if problem is not None:
                draft.error(name, *problem)
                draft.shown[name] = parsing.shown(raw)
            else:
                draft.values[name] = value
        return draft


def _max_length(name: str) -> int:
    return Member._meta.get_field(name).max_length or 255  # type: ignore[union-attr]


def _date_parser(day: dt.date, party_date: bool) -> Callable[[Any], parsing.Parsed]:
    return lambda raw: parsing.date(raw, day, party_date=party_date)


def _choice_parser(table: dict[str, str], allowed: list[str]) -> Callable[[Any], parsing.Parsed]:
    return lambda raw: parsing.choice(raw, table, allowed, squash)


def _length_parser(func: Callable[[Any, int], parsing.Parsed], limit: int) -> Callable[[Any], parsing.Parsed]:
    return lambda raw: func(raw, limit)


def mark_duplicates(drafts: list[Draft]) -> None:
    """A card number or CCCD written on two rows is an error on both."""
    for name in ("party_card_number", "citizen_id"):
        first_seen: dict[str, Draft] = {}
        for draft in drafts:
            value = draft.values.get(name)
            if value is None:
                continue
            first = first_seen.setdefault(value, draft)
            if first is draft:
                continue
            draft.error(name, "duplicate_in_file", {"value": value, "line": first.line})
            if name not in first.bad:
                first.error(name, "duplicate_in_file", {"value": value, "line": draft.line})


def mark_same_member(drafts: list[Draft]) -> None:
    """Two rows may not update the same member (say, one by card number, one by CCCD)."""
    first_seen: dict[int, Draft] = {}
    for draft in drafts:
        if draft.member is None:
            continue
        first = first_seen.setdefault(draft.member.pk, draft)
        if first is not draft:
            draft.error("full_name", "same_member", {"line": first.line})
            if "full_name" not in first.bad:
                first.error("full_name", "same_member", {"line": draft.line})


PersonKey = tuple[str, str, dt.date]


def person_key(values: dict[str, Any]) -> PersonKey | None:
    """(cell code, folded name, date of birth): how the member form recognises the same person."""
    code, name, born = values.get("organization"), values.get("full_name"), values.get("date_of_birth")
    if code is None or name is None or born is None:
        return None
    return code, fold(name), born


def recorded_people(target: Organization, keys: Iterable[PersonKey]) -> dict[PersonKey, str]:
    """Active members under `target` who match any key: key -> their name."""
    keys = set(keys)
    found: dict[PersonKey, str] = {}
    for chunk in chunked(sorted({k[2] for k in keys})):
        rows = Member.objects.filter(
            organization__path__startswith=target.path,
            date_of_birth__in=chunk,
            state=MemberState.ACTIVE,
        ).values_list("organization__code", "full_name", "date_of_birth")
        for code, name, born in rows:
            key = (code, fold(name), born)
            if key in keys:
                found[key] = name
    return found


def mark_same_person(drafts: list[Draft], checker: RowChecker) -> None:
    """A new member with the name and date of birth of someone already in the cell (or in the file) is an error."""
    keyed: list[tuple[Draft, PersonKey]] = []
    for draft in drafts:
        key = person_key(draft.values) if draft.member is None else None
        if key is not None and not draft.bad & {"organization", "full_name", "date_of_birth"}:
            keyed.append((draft, key))
    first_seen: dict[PersonKey, Draft] = {}
    for draft, key in keyed:
        first = first_seen.setdefault(key, draft)
        if first is not draft:
            draft.error("full_name", "same_person_in_file", {"line": first.line})
            if "full_name" not in first.bad:
                first.error("full_name", "same_person_in_file", {"line": draft.line})
    found = recorded_people(checker.target, (key for _d, key in keyed))
    for draft, key in keyed:
        if key in found:
            cell = checker.cells[checker.code_key(key[0])]
            draft.error(
                "full_name",
                "already_recorded",
                {"name": found[key], "born": key[2].strftime("%d/%m/%Y"), "cell": cell.name},
            )


def _current(member: Member, name: str) -> Any:
    return member.organization.code if name == "organization" else getattr(member, name)


def classify(draft: Draft, checker: RowChecker, by_card: dict[str, Member], by_cid: dict[str, Member]) -> None:
    target = checker.target
    card = draft.values.get("party_card_number")
    cid = draft.values.get("citizen_id")
    by_card_member = by_card.get(card) if card else None
    by_cid_member = by_cid.get(cid) if cid else None
    outside = False
    for name, found, value in (
        ("party_card_number", by_card_member, card),
        ("citizen_id", by_cid_member, cid),
    ):
        if found is not None and not found.organization.path.startswith(target.path):
            # Say nothing about a member the user may not see.
            draft.error(name, "used_elsewhere", {"value": value, "org": target.name})
            outside = True
    if outside:
        return
    if by_card_member and by_cid_member and by_card_member.pk != by_cid_member.pk:
        draft.error(
            "citizen_id",
            "identity_conflict",
            {"other": by_cid_member.full_name, "member": by_card_member.full_name},
        )
        return
    member = by_card_member or by_cid_member
    if member is not None:
        if by_card_member is None and card and member.party_card_number and member.party_card_number != card:
            # Card numbers are issued once; a CCCD may be renewed, so only the card must agree.
            draft.error(
                "party_card_number",
                "card_mismatch",
                {"member": member.full_name, "card": member.party_card_number},
            )
            return
        code = draft.values.get("organization")
        if code is not None and code != member.organization.code:
            draft.error(
                "organization",
                "moves_cell",
                {"member": member.full_name, "current": member.organization.code},
            )
            return
        draft.member = member
        _check_update(draft, checker, member)
    else:
        _check_new(draft, checker)


def _check_new(draft: Draft, checker: RowChecker) -> None:
    values = draft.values
    if "organization" not in values and "organization" not in draft.bad:
        if checker.default_cell is not None:
            values["organization"] = checker.default_cell.code
        else:
            draft.error("organization", "cell_required")
    for column in COLUMNS:
        if column.field in values or column.field in draft.bad:
            continue
        if column.required and column.field != "organization":
            draft.error(column.field, "required")
        elif column.default is not None:
            values[column.field] = column.default
    _check_consistency(draft, checker, values)


def _check_update(draft: Draft, checker: RowChecker, member: Member) -> None:
    # An empty cell keeps what is stored: the final record is the member overlaid with the row.
    final = {name: _current(member, name) for name in FIELDS}
    changed = []
    for name, value in draft.values.items():
        if final[name] != value:
            changed.append(name)
            final[name] = value
    if not changed and not draft.bad:
        draft.kind = RowKind.UNCHANGED
        return
    if changed:
        draft.messages.append(["", "changes", {"fields": changed}])
    _check_consistency(draft, checker, final)
    if member.state != MemberState.ACTIVE:
        draft.warn("full_name", "not_active", {"member": member.full_name, "state": member.get_state_display()})


def _check_consistency(draft: Draft, checker: RowChecker, final: dict[str, Any]) -> None:
    def good(name: str) -> Any:
        return None if name in draft.bad else final.get(name)

    category, born = good("category"), good("date_of_birth")
    admitted, full = good("admitted_on"), good("full_member_on")
    if category == Category.FULL and full is None and "full_member_on" not in draft.bad:
        draft.error("full_member_on", "full_without_date")
    if category == Category.PROBATIONARY and full is not None:
        draft.error("full_member_on", "probationary_with_date")
    if born and admitted:
        if admitted <= born:
            draft.error("admitted_on", "admitted_before_birth")
        elif months_between(born, admitted) < 18 * 12:
            draft.warn("admitted_on", "under_18", {"age": months_between(born, admitted) // 12})
    if admitted and full:
        if full < admitted:
            draft.error("full_member_on", "full_before_admitted")
        elif category == Category.FULL and months_between(admitted, full) < 12:
            draft.warn("full_member_on", "short_probation", {"months": months_between(admitted, full)})
    if category == Category.PROBATIONARY and admitted and months_between(admitted, checker.today) > 12:
        draft.warn("category", "long_probation", {"months": months_between(admitted, checker.today)})
    if not final.get("phone") and "phone" not in draft.bad:
        draft.warn("phone", "no_phone")
    identity_ok = not draft.bad & {"party_card_number", "citizen_id"}
    if identity_ok and not final.get("party_card_number") and not final.get("citizen_id"):
        draft.warn("party_card_number", "no_identity")


def finish(draft: Draft) -> None:
    if any(code in ERROR_CODES for _f, code, _p in draft.messages):
        draft.kind = RowKind.ERROR
    elif draft.kind == RowKind.UNCHANGED:
        return
    elif any(code != "changes" for _f, code, _p in draft.messages):
        draft.kind = RowKind.WARNING
    else:
        draft.kind = RowKind.UPDATE if draft.member is not None else RowKind.NEW
