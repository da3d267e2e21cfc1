"""Pieces every builder uses: the document's frame from its issuer, dates and times, file names."""

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import vn_long_date
from documents.issuer import Issuer, issuer_of
from documents.official import OfficialDocument, Signature
from orgs.models import Organization

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def local_day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def clock_and_date(value: dt.datetime) -> str:
    """ "19 giờ 30, ngày 10 tháng 12 năm 2026"."""
    local = timezone.localtime(value)
    return _("%(hour)d:%(minute)02d, %(date)s") % {
        "hour": local.hour,
        "minute": local.minute,
        "date": vn_long_date(local),
    }


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def frame(
    kind: str,
    org: Organization,
    *,
    day: dt.date,
    issued_on: dt.date | None,
    title: str,
    summary: str,
    doc_type: str = "",
    symbol: str = "",
) -> tuple[OfficialDocument, Issuer]:
    """A document of `org` with its header as on `day`; `issued_on` None makes it a draft."""
    issuer = issuer_of(org, day)
    doc = OfficialDocument(
        kind=kind,
        superior_body=issuer.superior_body,
        issuing_body=issuer.issuing_body,
        place=issuer.place,
        title=title,
        summary=summary,
        doc_type=doc_type,
        issuer_code=issuer.code,
        symbol=symbol if issued_on is not None else "",
        date=issued_on,
        draft=issued_on is None,
    )
    return doc, issuer


def sign_for(issuer: Issuer) -> Signature:
    return Signature(role=issuer.signer_role, name=issuer.signer_name, on_behalf=issuer.on_behalf)


def cell_recipients(issuer: Issuer, *, report_up: bool = True) -> list[str]:
    lines = []
    if report_up and issuer.upper_committee:
        lines.append(_("- %(body)s (to report);") % {"body": issuer.upper_committee})
    lines += [_("- Party members of the cell;"), _("- Cell archive.")]
    return lines


_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n\t]+')


def filename(*parts: Any) -> str:
    """A file name from the document's title, number and organization, without characters files may not hold."""
    text = " ".join(str(p) for p in parts if p)
    return _UNSAFE.sub("-", text).strip(" .-")[:150] or "van-ban"
