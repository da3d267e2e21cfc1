"""What the demo and the data sets are made of: cells, their sizes, officers and committees.

Shared by `load_demo` (which writes through the action functions) and
`generate_dataset` (which writes in bulk): both ask this module and
demo/people.py (the members themselves) *what* to create, so the two never
drift apart. Nothing here touches the database.

Every date is computed from `DEMO_DAY`, never from the clock, so the same
seed gives the same data on every run and every database.
"""

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from committees.models import Role
from members.models import Category
from orgs.models import CellType

# The day the demo data describes: probationary members were admitted in the
# twelve months before it, positions started before it.
DEMO_DAY = dt.date(2026, 11, 1)

# Committees only in cells with at least this many full members (DOMAIN.md §3).
MIN_FULL_FOR_COMMITTEE = 9
MIN_FULL_FOR_DEPUTY = 5
PROBATIONARY_SHARE = 0.03

# Relative size of a cell of each type, for spreading members over cells.
SIZE_WEIGHTS: dict[str, float] = {
    CellType.RESIDENTIAL: 1.0,
    CellType.SCHOOL: 0.4,
    CellType.POLICE: 0.35,
    CellType.MILITARY: 0.25,
    CellType.AGENCY: 0.45,
    CellType.ENTERPRISE: 0.25,
    CellType.OTHER: 0.3,
}
# Years in which cells of each type were founded.
FOUNDED_YEARS: dict[str, tuple[int, int]] = {
    CellType.RESIDENTIAL: (1948, 1990),
    CellType.SCHOOL: (1975, 2000),
    CellType.POLICE: (2000, 2012),
    CellType.MILITARY: (1990, 2005),
    CellType.AGENCY: (1960, 1990),
    CellType.ENTERPRISE: (1995, 2015),
    CellType.OTHER: (1985, 2010),
}


@dataclass(frozen=True)
class CellPlan:
    code: str
    name: str
    cell_type: str
    size: int
    founded_on: dt.date
    # Where its members live, e.g. "Khu 6" (empty for schools, police…).
    area: str = ""
    # A fixed number of probationary members, or None to draw them.
    probationary: int | None = None


@dataclass(frozen=True)
class Locality:
    """How addresses are written for the members of one commune."""

    hometown: str  # "xã Hương Nộn, huyện Tam Nông, tỉnh Phú Thọ"
    residence: str  # "xã Tam Nông, tỉnh Phú Thọ"


@dataclass
class MemberPlan:
    """The fields of one Member, plus the records that hang off it."""

    fields: dict[str, Any]
    exemption: dict[str, Any] | None = None
    temporary_activity: dict[str, Any] | None = None

    @property
    def is_full(self) -> bool:
        return self.fields["category"] == Category.FULL

    def age(self, day: dt.date = DEMO_DAY) -> int:
        born = self.fields["date_of_birth"]
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def split_total(rng: random.Random, total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Spread `total` over len(weights) parts in proportion to the weights, each at least `minimum`.

    Largest-remainder rounding, so the parts always add up to `total` exactly.
    """
    count = len(weights)
    if total < minimum * count:
        raise ValueError(f"{total} cannot be split into {count} parts of at least {minimum}.")
    rest = total - minimum * count
    scale = sum(weights)
    raw = [rest * w / scale for w in weights]
    parts = [math.floor(r) for r in raw]
    leftover = rest - sum(parts)
    by_remainder = sorted(range(count), key=lambda i: (parts[i] - raw[i], i))
    for i in by_remainder[:leftover]:
        parts[i] += 1
    return [minimum + p for p in parts]


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end]."""
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def founded_on(rng: random.Random, cell_type: str) -> dt.date:
    first, last = FOUNDED_YEARS[cell_type]
    return random_day(rng, dt.date(first, 1, 1), dt.date(last, 12, 31))


def cell_weight(rng: random.Random, cell_type: str) -> float:
    return SIZE_WEIGHTS[cell_type] * rng.uniform(0.7, 1.3)


def institutions_for(place: str, unit: str = "xã") -> list[tuple[str, str]]:
    """The usual non-residential cells of a commune named `place` ("Dân Quyền")."""
    return [
        (f"Chi bộ Cơ quan {unit} {place}", CellType.AGENCY),
        (f"Chi bộ Công an {unit} {place}", CellType.POLICE),
        (f"Chi bộ Quân sự {unit} {place}", CellType.MILITARY),
        (f"Chi bộ Trường Mầm non {place}", CellType.SCHOOL),
        (f"Chi bộ Trường Tiểu học {place}", CellType.SCHOOL),
        (f"Chi bộ Trường THCS {place}", CellType.SCHOOL),
    ]


def plan_cells(
    rng: random.Random,
    *,
    code_prefix: str,
    areas: Sequence[str],
    institutions: Sequence[tuple[str, str]],
    members: int,
) -> list[CellPlan]:
    """One residential cell per area ("Chi bộ Khu Tân Hưng") plus the institutions' cells,
    with `members` spread over them by type (schools and police are smaller)."""
    specs: list[tuple[str, str, str]] = [(f"Chi bộ {area}", CellType.RESIDENTIAL, area) for area in areas]
    specs += [(name, cell_type, "") for name, cell_type in institutions]
    sizes = split_total(rng, members, [cell_weight(rng, cell_type) for _, cell_type, _ in specs], 3)
    return [
        CellPlan(
            code=f"{code_prefix}-{number:03d}",
            name=name,
            cell_type=cell_type,
            size=size,
            founded_on=founded_on(rng, cell_type),
            area=area,
        )
        for number, ((name, cell_type, area), size) in enumerate(zip(specs, sizes, strict=True), start=1)
    ]


@dataclass
class OfficerPlan:
    secretary: int
    deputy: int | None = None
    committee: list[int] = field(default_factory=list)

    def roles(self) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = [(self.secretary, Role.SECRETARY)]
        if self.deputy is not None:
            out.append((self.deputy, Role.DEPUTY))
        out.extend((i, Role.COMMITTEE) for i in self.committee)
        return out


def _can_lead(plan: MemberPlan, since: dt.date, low: int = 28, high: int = 72) -> bool:
    """A full member since `since`, not exempt nor away, of working age, reachable by phone."""
    return (
        plan.is_full
        and bool(plan.fields["phone"])
        and plan.fields["full_member_on"] <= since
        and plan.exemption is None
        and plan.temporary_activity is None
        and low <= plan.age() <= high
    )


def plan_cell_officers(rng: random.Random, members: Sequence[MemberPlan], since: dt.date) -> OfficerPlan:
    """Secretary, deputy and committee of a cell (indexes into `members`), for a term starting `since`.

    Below 9 full members a cell has no committee, only a secretary and (from
    5 full members) a deputy; 9-29 full members elect 3, from 30 on 5.
    """
    full = [i for i, m in enumerate(members) if m.is_full]
    # Failing that, any full member since the term began; failing that (a tiny, young cell), any full member.
    leaders = (
        [i for i in full if _can_lead(members[i], since)]
        or [i for i in full if members[i].fields["full_member_on"] <= since]
        or full
    )
    chosen = rng.sample(leaders, min(len(leaders), 5))
    officers = OfficerPlan(secretary=chosen[0])
    if len(full) >= MIN_FULL_FOR_DEPUTY and len(chosen) > 1:
        officers.deputy = chosen[1]
    if len(full) >= MIN_FULL_FOR_COMMITTEE:
        extra = 3 if len(full) >= 30 else 1
        officers.committee = chosen[2 : 2 + extra]
    return officers


def plan_commune_committee(
    rng: random.Random, members: Sequence[MemberPlan], size: int, since: dt.date
) -> list[tuple[int, str]]:
    """A commune committee for a term starting `since`: secretary, two deputies, standing members, then the rest.

    Prefers commune officials; about a third sit on the standing committee.
    """
    pool = [i for i, m in enumerate(members) if _can_lead(m, since, 30, 60)]
    officials = [i for i in pool if members[i].fields["occupation"].startswith("Cán bộ, công chức")]
    official_set = set(officials)
    others = [i for i in pool if i not in official_set]
    rng.shuffle(officials)
    rng.shuffle(others)
    chosen = (officials + others)[:size]
    standing = max(1, size // 3 - 3)
    roles = [Role.SECRETARY, Role.DEPUTY, Role.DEPUTY] + [Role.STANDING] * standing
    roles += [Role.COMMITTEE] * (len(chosen) - len(roles))
    return list(zip(chosen, roles, strict=False))
