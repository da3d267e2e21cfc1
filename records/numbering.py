"""Document numbers: per organization, document type and committee term, without gaps or duplicates.

"Số 05-NQ/CB": the number restarts at 01 for each type in each committee
term (DOMAIN.md §8). The counter row is locked with SELECT … FOR UPDATE in the
transaction that adopts the document, so a rolled-back adoption gives its
number back and two adoptions at once get consecutive numbers.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from committees.models import CommitteeTerm
from meetings.models import DocumentCounter
from orgs.models import Organization, OrgKind

# The issuing body in a symbol: CB for a cell (chi bộ), ĐU for a Party committee (đảng ủy).
ISSUER_CODES = {
    OrgKind.CELL: "CB",
    OrgKind.SUBCOMMITTEE: "ĐU",
    OrgKind.COMMUNE: "ĐU",
    OrgKind.PROVINCE: "TU",
}


def term_on(org: Organization, day: dt.date) -> CommitteeTerm | None:
    """The committee term of `org` running on `day`, if one is recorded."""
    return (
        CommitteeTerm.objects.filter(organization=org, starts_on__lte=day)
        .exclude(ends_on__lt=day)
        .order_by("-starts_on")
        .first()
    )


def format_symbol(number: int, doc_type: str, org: Organization) -> str:
    return f"{number:02d}-{doc_type}/{ISSUER_CODES.get(org.kind, 'CB')}"


def issue_number(org: Organization, doc_type: str, day: dt.date) -> tuple[int, str]:
    """Take the next number for `doc_type` in the term covering `day`. Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_number must run inside the transaction that issues the document")
    term = term_on(org, day)
    counters = DocumentCounter.objects.filter(organization=org, term=term, doc_type=doc_type)
    if not counters.exists():
        try:
            with transaction.atomic():
                DocumentCounter.objects.create(organization=org, term=term, doc_type=doc_type)
        except IntegrityError:
            pass  # another transaction created it first; the lock below waits for it
    counter = counters.select_for_update().get()
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, format_symbol(counter.last_number, doc_type, org)
