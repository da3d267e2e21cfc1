"""Who issues a document: the header bodies, the place name and the signer, as they were on the document's date.

Names come from the organization's history (`OrgVersion`), so a document of
2025 carries the names of 2025 even after the communes merged.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from committees.models import Position, Role
from orgs.models import Organization, OrgKind, OrgVersion
from records.numbering import ISSUER_CODES

# "Đảng bộ xã Tam Nông" → "Tam Nông": the place name is the commune's name without its kind.
_PLACE_PREFIX = re.compile(
    r"^(đảng bộ|đảng ủy|đảng uỷ|chi bộ)\s+(xã|phường|thị trấn|đặc khu|tỉnh|thành phố|huyện|quận|thị xã)\s+",
    re.IGNORECASE,
)
# The committee of a Party organization signs its documents: "Đảng bộ xã X" issues as "Đảng ủy xã X".
_COMMITTEE_OF = re.compile(r"^đảng bộ\s+", re.IGNORECASE)
_PROVINCE = re.compile(r"^đảng bộ\s+(tỉnh|thành phố)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Issuer:
    organization: Organization
    superior_body: str
    issuing_body: str
    place: str
    code: str  # "CB" in "05-NQ/CB"
    on_behalf: str  # "T/M CHI BỘ"
    upper_committee: str  # "Đảng ủy xã Tam Nông", to whom the cell reports
    signer_role: str  # "BÍ THƯ"
    signer_name: str


@dataclass(frozen=True)
class _Named:
    org_id: int
    kind: str
    name: str
    official_name: str
    parent_id: int | None


def _chain(org: Organization, day: dt.date) -> list[_Named]:
    """The organization and those above it as they were named and placed on `day`; one query per level."""
    chain: list[_Named] = []
    current: int | None = org.pk
    while current is not None and len(chain) < 6:
        version = (
            OrgVersion.objects.as_of(day)
            .filter(organization_id=current)
            .select_related("organization")
            .only("organization__kind", "name", "official_name", "parent_id")
            .first()
        )
        if version is None:
            # Before the organization's first recorded period: take it as it is now.
            now = Organization.objects.only("kind", "name", "official_name", "parent_id").get(pk=current)
            named = _Named(now.pk, now.kind, now.name, now.official_name, now.parent_id)
        else:
            named = _Named(current, version.organization.kind, version.name, version.official_name, version.parent_id)
        chain.append(named)
        current = named.parent_id
    return chain


def place_of(name: str) -> str:
    return _PLACE_PREFIX.sub("", name).strip() or name


def _committee_name(named: _Named) -> str:
    """The name of the body that signs for an organization above a cell: "Đảng ủy xã Tam Nông", "Tỉnh ủy Phú Thọ"."""
    name = named.official_name or named.name
    if _PROVINCE.match(name):
        return _("Provincial Party Committee of %(place)s") % {"place": place_of(name)}
    return _COMMITTEE_OF.sub(_("Party Committee") + " ", name)


def _upper(text: str) -> str:
    return text.upper()


def _signer(org: Organization, day: dt.date) -> tuple[str, str]:
    """The secretary on `day`, or the deputy acting for them; the role line and the name."""
    held = (
        Position.objects.as_of(day)
        .filter(organization=org, role__in=(Role.SECRETARY, Role.DEPUTY))
        .select_related("member")
        .order_by("role", "-valid_from")
    )
    by_role: dict[str, str] = {}
    for position in held:
        by_role.setdefault(position.role, position.member.full_name)
    if Role.SECRETARY in by_role:
        return _("SECRETARY"), by_role[Role.SECRETARY]
    if Role.DEPUTY in by_role:
        return _("DEPUTY SECRETARY"), by_role[Role.DEPUTY]
    return _("SECRETARY"), ""


def issuer_of(org: Organization, day: dt.date) -> Issuer:
    chain = _chain(org, day)
    this = chain[0]
    above = chain[1] if len(chain) > 1 else None
    commune = next((n for n in chain if n.kind in (OrgKind.COMMUNE, OrgKind.PROVINCE)), this)
    if org.kind == OrgKind.CELL:
        issuing = this.official_name or this.name
        superior = (above.official_name or above.name) if above else ""
        on_behalf = _("ON BEHALF OF THE CELL")
    else:
        # A Party committee's document: "ĐẢNG BỘ TỈNH PHÚ THỌ" over "ĐẢNG ỦY XÃ TAM NÔNG",
        # or for the province itself "ĐẢNG BỘ TỈNH PHÚ THỌ" over "TỈNH ỦY".
        if above is None:
            superior, issuing = this.official_name or this.name, _("Provincial Party Committee")
        else:
            superior, issuing = above.official_name or above.name, _committee_name(this)
        on_behalf = _("ON BEHALF OF THE PARTY COMMITTEE")
    upper = _committee_name(above) if above is not None else ""
    role, name = _signer(org, day)
    return Issuer(
        organization=org,
        superior_body=_upper(superior),
        issuing_body=_upper(issuing),
        place=place_of(commune.name),
        code=ISSUER_CODES.get(OrgKind(org.kind), "CB"),
        on_behalf=on_behalf,
        upper_committee=upper,
        signer_role=role,
        signer_name=name,
    )
