"""What the import tells the user, by code.

Rows and batches store a code and its parameters, not a sentence, so the
preview is written in the reader's language and stays small. Each message is
a full sentence with named placeholders: never concatenated.
"""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from member_excel.columns import BY_FIELD

TEXTS: dict[str, Promise] = {
    # File-level problems, found before any row is read.
    "too_big": _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files."),
    "empty_file": _("The file is empty."),
    "old_xls": _(
        "This is an old Excel file (.xls). Open it in Excel and save it as “Excel Workbook (.xlsx)”, "
        "then upload it again."
    ),
    "not_xlsx": _(
        "This is not an Excel file (.xlsx). Download the template from this page, fill it in and upload it unchanged."
    ),
    "unreadable": _("The Excel file is damaged and cannot be read. Open it in Excel, save it again and retry."),
    "wrong_sheet": _("The file has no sheet named “%(expected)s” (its sheets: %(found)s). Use the template's sheet."),
    "no_header": _(
        "The sheet “%(sheet)s” has no header row with the column titles of the template in its first %(rows)s rows."
    ),
    "missing_columns": _("These required columns are missing: %(columns)s. Copy their titles from the template."),
    "duplicate_column": _("The column “%(column)s” appears twice (columns %(first)s and %(second)s)."),
    "no_rows": _("The sheet has column titles but no member rows."),
    "too_many_rows": _("The file has more than %(limit)s member rows. Split it into smaller files."),
    "crashed": _("The check stopped on an unexpected error. Nothing was written. Please try again or tell the office."),
    "stale": _(
        "Nothing was written: %(count)s member records changed since the preview (first at line %(line)s). "
        "Check the file again to see the current differences."
    ),
    "conflict": _(
        "Nothing was written: meanwhile another change used a card number or CCCD of this file. Check the file again."
    ),
    "rights_changed": _("Nothing was written: you no longer manage %(org)s."),
    "cells_moved": _("Nothing was written: cell %(cell)s is no longer under %(org)s. Check the file again."),
    # Row-level errors, each attached to one field.
    "required": _("Required for a new member."),
    "bad_date": _("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 17/05/1970."),
    "impossible_date": _("%(value)s does not exist in the calendar."),
    "year_only": _("“%(value)s” is only a year: write the full date as dd/mm/yyyy."),
    "future_date": _("%(value)s is in the future."),
    "too_old": _("%(value)s is before 1900: check the year."),
    "before_party": _("%(value)s is before the Party was founded (03/02/1930)."),
    "bad_choice": _("“%(value)s” is not an allowed value. Write one of: %(allowed)s."),
    "bad_citizen_id": _("“%(value)s” is not a citizen ID: a CCCD has exactly 12 digits."),
    "citizen_id_lost_zero": _(
        "“%(value)s” has 11 digits: Excel probably dropped the leading 0. Format the column as Text and type it again."
    ),
    "bad_phone": _("“%(value)s” is not a phone number: 10 or 11 digits starting with 0."),
    "bad_card": _("“%(value)s” is not a party card number: letters, digits, dots and dashes only."),
    "too_long": _("Too long: at most %(limit)s characters."),
    "unknown_cell": _("There is no cell with code “%(value)s” under %(org)s."),
    "cell_required": _("Write the code of the member's cell."),
    "duplicate_in_file": _("“%(value)s” is also on line %(line)s of this file."),
    "used_elsewhere": _("“%(value)s” already belongs to a member outside %(org)s."),
    "identity_conflict": _("This CCCD belongs to %(other)s, but the party card number belongs to %(member)s."),
    "card_mismatch": _("The member with this CCCD, %(member)s, has party card number %(card)s."),
    "same_member": _("This is the same member as on line %(line)s."),
    "same_person_in_file": _("The same name and date of birth are on line %(line)s: is it the same person?"),
    "already_recorded": _(
        "%(name)s, born %(born)s, is already recorded in %(cell)s. "
        "Write their party card number or CCCD to update that record."
    ),
    "moves_cell": _(
        "%(member)s belongs to cell %(current)s. Moving a member to another cell is a transfer, not an import."
    ),
    "full_without_date": _("A full member needs the date they were made a full member."),
    "probationary_with_date": _("A probationary member has no full-member date: remove it or write “full member”."),
    "admitted_before_birth": _("The member was admitted before they were born."),
    "full_before_admitted": _("The full-member date is before the date of admission."),
    # Row-level warnings: importable, but worth a second look.
    "under_18": _("Admitted at %(age)s, under 18."),
    "short_probation": _("Made a full member %(months)s months after admission, before the 12 months of probation."),
    "long_probation": _("Still probationary %(months)s months after admission: has the cell confirmed them?"),
    "no_phone": _("No phone number: the member cannot log in with a phone or be reached by text message."),
    "no_identity": _("No party card number nor CCCD: a later import cannot recognise this member."),
    "not_active": _("%(member)s is no longer active (%(state)s)."),
    # Information on an update row.
    "changes": _("Will change: %(fields)s."),
}

WARNING_CODES = {"under_18", "short_probation", "long_probation", "no_phone", "no_identity", "not_active"}
INFO_CODES = {"changes"}
ERROR_CODES = {
    "required",
    "bad_date",
    "impossible_date",
    "year_only",
    "future_date",
    "too_old",
    "before_party",
    "bad_choice",
    "bad_citizen_id",
    "citizen_id_lost_zero",
    "bad_phone",
    "bad_card",
    "too_long",
    "unknown_cell",
    "cell_required",
    "duplicate_in_file",
    "used_elsewhere",
    "identity_conflict",
    "card_mismatch",
    "moves_cell",
    "same_member",
    "same_person_in_file",
    "already_recorded",
    "full_without_date",
    "probationary_with_date",
    "admitted_before_birth",
    "full_before_admitted",
}


def render(code: str, params: dict[str, Any] | None = None) -> str:
    text = str(TEXTS[code])
    if code == "changes" and params:
        params = {"fields": ", ".join(str(BY_FIELD[f].title) for f in params["fields"] if f in BY_FIELD)}
    return text % params if params else text


def severity(code: str) -> str:
    if code in INFO_CODES:
        return "info"
    return "warning" if code in WARNING_CODES else "error"
