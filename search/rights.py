"""Who may find which document, as one SQL condition on the documents table.

The same rules as accounts.permissions, read from the user's `Scope`:

- an office or reader grant finds everything under its organization (path
  prefix), and the guidance published above it;
- a cell's officers and follow-up cadres find everything of that cell,
  drafts and member records included;
- a member finds what their cell adopted or sent with a notice (audience
  "members"), and their own member record;
- every cell finds the guidance published above it for its kind of cell.

The condition goes into the search query itself, so counts and pages only
ever see what the user may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.permissions import scope_for
from orgs.models import Organization
from search.models import Audience, Source

Fragment = tuple[str, list[Any]]
PrefixSql = Callable[[str, str], Fragment]


@dataclass(frozen=True)
class Cell:
    id: int
    path: str
    cell_type: str


@dataclass
class Reach:
    everything: bool = False
    paths: list[str] = field(default_factory=list)
    # Cells read in full (officer or follow-up cadre).
    cells: list[Cell] = field(default_factory=list)
    own_cell: Cell | None = None
    member_id: int | None = None

    @property
    def is_empty(self) -> bool:
        """Reads nothing at all (an account with no member record and no grant)."""
        return not (self.everything or self.paths or self.cells or self.own_cell or self.member_id)

    @property
    def all_cells(self) -> list[Cell]:
        return [*self.cells, *([self.own_cell] if self.own_cell else [])]

    def reads_subtree_of(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.paths)


def reach_for(user: Any) -> Reach:
    """The user's reach; one query for their cells besides what `scope_for` reads."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Reach(everything=True)
    reach = Reach(paths=sorted(set(scope.read_paths)), member_id=scope.member_id)
    full_ids = scope.officer_cell_ids | scope.follow_up_cell_ids
    ids = full_ids | ({scope.own_cell_id} if scope.own_cell_id else set())
    if ids:
        cells = {
            pk: Cell(pk, path, cell_type)
            for pk, path, cell_type in Organization.objects.filter(pk__in=ids).values_list("id", "path", "cell_type")
        }
        reach.cells = [cells[pk] for pk in sorted(full_ids) if pk in cells]
        if scope.own_cell_id and scope.own_cell_id not in full_ids:
            reach.own_cell = cells.get(scope.own_cell_id)
    return reach


def ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part][:-1]


def _in(column: str, values: list[Any]) -> Fragment:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _published_above(org_ids: set[int], type_pattern: str | None) -> Fragment:
    sql, params = _in("d.organization_id", sorted(org_ids))
    condition = f"d.audience = %s AND {sql}"
    params = [Audience.PUBLISHED, *params]
    if type_pattern is not None:
        condition += " AND (d.cell_types = '' OR d.cell_types LIKE %s)"
        params.append(type_pattern)
    return f"({condition})", params


def condition(reach: Reach, prefix_sql: PrefixSql) -> Fragment:
    """SQL (on the documents table aliased `d`) true for the documents `reach` may find."""
    if reach.everything:
        return "1 = 1", []
    parts: list[Fragment] = []
    above_paths: set[int] = set()
    for path in reach.paths:
        parts.append(prefix_sql("d.org_path", path))
        above_paths.update(ancestor_ids(path))
    if above_paths:
        parts.append(_published_above(above_paths, None))
    if reach.cells:
        parts.append(_in("d.organization_id", [cell.id for cell in reach.cells]))
    if reach.own_cell:
        parts.append(("(d.organization_id = %s AND d.audience = %s)", [reach.own_cell.id, Audience.MEMBERS]))
    if reach.member_id:
        parts.append(("(d.source = %s AND d.object_id = %s)", [Source.MEMBER, reach.member_id]))
    # Guidance published above each cell, for that cell's kind (cells of one kind share a condition).
    above_by_type: dict[str, set[int]] = {}
    for cell in reach.all_cells:
        above_by_type.setdefault(cell.cell_type, set()).update(ancestor_ids(cell.path))
    for cell_type, ids in sorted(above_by_type.items()):
        if ids:
            parts.append(_published_above(ids, f"%,{cell_type},%"))
    if not parts:
        return "1 = 0", []
    return "(" + " OR ".join(f"({sql})" for sql, _ in parts) + ")", [p for _, params in parts for p in params]
