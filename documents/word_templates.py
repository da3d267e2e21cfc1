"""Which Word template a document is rendered with: the nearest organization's own, or the built-in one."""

from dataclasses import dataclass, field

from documents.docx_default import default_template
from documents.models import DocumentKind, TemplateVersion
from orgs.models import Organization


@dataclass
class Current:
    """The template in use for one kind of document at one organization, and where it comes from."""

    kind: str
    version: TemplateVersion | None = None  # None: the built-in template
    own: bool = False  # the organization's own upload, not one inherited from above
    history: list[TemplateVersion] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(DocumentKind(self.kind).label)


def _latest_by_org(org: Organization, kinds: list[str]) -> dict[tuple[int, str], TemplateVersion]:
    """The latest version of each kind at `org` and above it, without the files. One query."""
    ids = [*org.ancestor_ids(), org.pk]
    latest: dict[tuple[int, str], TemplateVersion] = {}
    rows = (
        TemplateVersion.objects.filter(organization_id__in=ids, kind__in=kinds)
        .defer("content")
        .select_related("organization", "created_by")
        .order_by("organization_id", "kind", "-number")
    )
    for row in rows:
        latest.setdefault((row.organization_id, row.kind), row)
    return latest


def _in_force(org: Organization, kind: str, latest: dict[tuple[int, str], TemplateVersion]) -> TemplateVersion | None:
    """The nearest organization whose latest change is an upload; a return to the default passes the turn up."""
    for org_id in [org.pk, *reversed(org.ancestor_ids())]:
        row = latest.get((org_id, kind))
        if row is not None and row.is_upload:
            return row
    return None


def template_bytes(org: Organization, kind: str) -> tuple[bytes, TemplateVersion | None]:
    """The template to render a document of `org` with. Two queries when an upload applies, one otherwise."""
    version = _in_force(org, kind, _latest_by_org(org, [kind]))
    if version is None:
        return default_template(kind), None
    content = TemplateVersion.objects.values_list("content", flat=True).get(pk=version.pk)
    return bytes(content or b""), version


def overview(org: Organization) -> list[Current]:
    """For the templates page: per kind, the template in use and the organization's own history. Two queries."""
    kinds = list(DocumentKind.values)
    latest = _latest_by_org(org, kinds)
    history: dict[str, list[TemplateVersion]] = {kind: [] for kind in kinds}
    own_rows = (
        TemplateVersion.objects.filter(organization=org)
        .defer("content")
        .select_related("created_by", "restored_from")
        .order_by("kind", "-number")
    )
    for row in own_rows:
        history[row.kind].append(row)
    out = []
    for kind in kinds:
        version = _in_force(org, kind, latest)
        out.append(
            Current(
                kind=kind,
                version=version,
                own=version is not None and version.organization_id == org.pk,
                history=history[kind],
            )
        )
    return out


def latest_number(org: Organization, kind: str) -> int:
    """The number of the organization's latest change to `kind`, 0 when it never changed it (for stale forms)."""
    row = (
        TemplateVersion.objects.filter(organization=org, kind=kind).order_by("-number").values_list("number", flat=True)
    )
    return row.first() or 0
