"""Large generated data sets for benchmarks: a province of communes, cells and members, written in bulk.

The people, cells and officers come from demo/generator.py, like the demo's;
only the writing differs. Instead of one action call per record, each commune
is written in one transaction with `bulk_create`, and the audit rows a real
user would see (organization created, member created, exemption and temporary
activity added, term created, position assigned) are bulk-created alongside,
shaped exactly as `audit.log.record` writes them. Memory stays bounded by the
largest commune: nothing is kept once a commune is written.
"""

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from audit.log import entry, record_many, snapshot
from audit.models import AuditEntry
from committees.models import CommitteeTerm, Position, Role
from demo import names
from demo.generator import (
    CellPlan,
    Locality,
    MemberPlan,
    cell_weight,
    founded_on,
    institutions_for,
    plan_cell_officers,
    plan_commune_committee,
    random_day,
    split_total,
)
from demo.people import PeopleFactory
from members.models import Exemption, Member, TemporaryActivity
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind, OrgVersion

CODE_PREFIX = "DS"
BATCH = 1000
CELL_TERM = "2025-2027"
COMMUNE_TERM = "2025-2030"
COMMUNE_TERM_START = dt.date(2025, 7, 1)


class DatasetError(ValueError):
    """The requested numbers cannot make a data set, or one is already there."""


@dataclass
class DatasetStats:
    communes: int
    cells: int
    members: int
    positions: int
    audit_rows: int
    seconds: float


def default_communes(cells: int) -> int:
    """About 70 cells per commune, as in Tam Nông after the 2025 merger."""
    return max(1, round(cells / 70))


def check_numbers(members: int, cells: int, communes: int) -> None:
    """Raise DatasetError("cells" | "members" | "exists") when no data set can be generated."""
    if communes < 1 or cells < communes:
        raise DatasetError("cells")
    if members < 3 * cells:
        raise DatasetError("members")
    # Two data sets in one database would draw the same citizen IDs and card numbers.
    if Organization.objects.filter(Q(code=CODE_PREFIX) | Q(code__startswith=f"{CODE_PREFIX}-")).exists():
        raise DatasetError("exists")


def _audit(action: str, obj: models.Model, org: Organization, after: dict[str, Any], repr_: str = "") -> AuditEntry:
    return entry(None, action, obj, organization=org, after=after, object_repr=repr_)


def _commune_names(rng: random.Random, count: int) -> list[str]:
    """Distinct two-syllable names ("Tân Phú"); past 380 communes a number tells them apart."""
    pairs = [f"{a} {b}" for a in names.COMMUNE_SYLLABLES_1 for b in names.COMMUNE_SYLLABLES_2 if a != b]
    rng.shuffle(pairs)
    out = []
    for n in range(count):
        round_ = n // len(pairs)
        out.append(pairs[n % len(pairs)] + (f" {round_ + 1}" if round_ else ""))
    return out


def _cell_layout(rng: random.Random, count: int, place: str) -> list[tuple[str, str, str]]:
    """(name, cell type, area) for a commune of `count` cells: institutions, then residential areas."""
    institutions = institutions_for(place)[: min(6, count // 4)]
    areas = [f"Khu {n}" for n in range(1, count - len(institutions) + 1)]
    return [(f"Chi bộ {area}", CellType.RESIDENTIAL, area) for area in areas] + [
        (name, cell_type, "") for name, cell_type in institutions
    ]


def bulk_create_members(
    cells: Sequence[Organization], plans: Sequence[Sequence[MemberPlan]]
) -> tuple[list[list[Member]], int]:
    """Insert the members planned for each cell, their exemptions and temporary activities, and
    the audit rows the action functions would have written (`member.create`, `member.exemption.add`,
    `member.temporary_activity.add`). Returns the members, cell by cell in the order planned, and the
    number of audit rows written."""
    rosters = [
        [Member(organization=cell, **p.fields) for p in cell_plans]
        for cell, cell_plans in zip(cells, plans, strict=True)
    ]
    Member.objects.bulk_create([m for roster in rosters for m in roster], batch_size=BATCH)
    audit = [_audit("member.create", m, m.organization, snapshot(m)) for roster in rosters for m in roster]
    exemptions: list[Exemption] = []
    activities: list[TemporaryActivity] = []
    for roster, cell_plans in zip(rosters, plans, strict=True):
        for member, plan in zip(roster, cell_plans, strict=True):
            if plan.exemption:
                exemptions.append(Exemption(member=member, **plan.exemption))
            if plan.temporary_activity:
                activities.append(TemporaryActivity(member=member, **plan.temporary_activity))
    Exemption.objects.bulk_create(exemptions, batch_size=BATCH)
    TemporaryActivity.objects.bulk_create(activities, batch_size=BATCH)
    audit += [
        _audit(
            "member.exemption.add", e.member, e.member.organization, {"exemption": e.pk, **snapshot(e)}, str(e.member)
        )
        for e in exemptions
    ]
    audit += [
        _audit(
            "member.temporary_activity.add",
            a.member,
            a.member.organization,
            {"temporary_activity": a.pk, **snapshot(a)},
            str(a.member),
        )
        for a in activities
    ]
    record_many(audit, batch_size=BATCH)
    return rosters, len(audit)


class _Writer:
    """Writes one commune at a time; counts what it wrote."""

    def __init__(self, rng: random.Random, people: PeopleFactory) -> None:
        self.rng = rng
        self.people = people
        self.cells = self.members = self.positions = self.audit_rows = 0

    def commune(self, province: Organization, number: int, place: str, layout: list[CellPlan]) -> None:
        rng = self.rng
        commune = do_create_organization(
            None,
            kind=OrgKind.COMMUNE,
            code=f"{province.code}-{number:04d}",
            name=f"Đảng bộ xã {place}",
            parent=province,
            founded_on=random_day(rng, dt.date(1945, 9, 2), dt.date(1960, 12, 31)),
        )
        locality = Locality(f"xã {place}, tỉnh Thử Nghiệm", f"xã {place}, tỉnh Thử Nghiệm")
        cells = self._cells(commune, layout)
        plans = [self.people.cell_members(plan, locality) for plan in layout]
        members, audit_rows = bulk_create_members(cells, plans)
        self.members += sum(len(r) for r in members)
        self.audit_rows += audit_rows
        rosters = [list(zip(ms, ps, strict=True)) for ms, ps in zip(members, plans, strict=True)]
        audit = self._officers(commune, cells, rosters)
        self.audit_rows += len(audit)
        record_many(audit, batch_size=BATCH)

    def _cells(self, commune: Organization, layout: list[CellPlan]) -> list[Organization]:
        cells = Organization.objects.bulk_create(
            [
                Organization(
                    kind=OrgKind.CELL,
                    code=plan.code,
                    name=plan.name,
                    official_name=plan.name,
                    parent=commune,
                    cell_type=plan.cell_type,
                    founded_on=plan.founded_on,
                )
                for plan in layout
            ],
            batch_size=BATCH,
        )
        # The path needs the id the insert gave: "/<province>/<commune>/<cell>/", in one UPDATE.
        Organization.objects.filter(parent=commune, path="").update(
            path=Concat(Value(commune.path), Cast("id", CharField()), Value("/"))
        )
        for cell in cells:
            cell.path = f"{commune.path}{cell.pk}/"
        OrgVersion.objects.bulk_create(
            [
                OrgVersion(
                    organization=cell,
                    parent=commune,
                    name=cell.name,
                    official_name=cell.official_name,
                    valid_from=cell.founded_on,
                    reason="founded",
                )
                for cell in cells
            ],
            batch_size=BATCH,
        )
        AuditEntry.objects.bulk_create([_audit("org.create", c, c, snapshot(c)) for c in cells], batch_size=BATCH)
        self.cells += len(cells)
        self.audit_rows += len(cells)
        return cells

    def _officers(
        self, commune: Organization, cells: list[Organization], rosters: list[list[tuple[Member, MemberPlan]]]
    ) -> list[AuditEntry]:
        rng = self.rng
        terms = [
            CommitteeTerm(
                organization=cell,
                name=CELL_TERM,
                starts_on=random_day(rng, dt.date(2025, 3, 1), dt.date(2025, 4, 30)),
            )
            for cell in cells
        ]
        commune_term = CommitteeTerm(organization=commune, name=COMMUNE_TERM, starts_on=COMMUNE_TERM_START)
        CommitteeTerm.objects.bulk_create([*terms, commune_term], batch_size=BATCH)
        positions: list[Position] = []
        for cell, term, roster in zip(cells, terms, rosters, strict=True):
            officers = plan_cell_officers(rng, [plan for _, plan in roster], term.starts_on)
            positions += [
                Position(organization=cell, term=term, member=roster[i][0], role=role, valid_from=term.starts_on)
                for i, role in officers.roles()
            ]
        everyone = [entry for roster in rosters for entry in roster]
        size = min(33, max(9, len(everyone) // 60))
        chosen = plan_commune_committee(rng, [plan for _, plan in everyone], size, COMMUNE_TERM_START)
        positions += [
            Position(
                organization=commune, term=commune_term, member=everyone[i][0], role=role, valid_from=COMMUNE_TERM_START
            )
            for i, role in chosen
        ]
        cadres = [everyone[i][0] for i, role in chosen if role in (Role.STANDING, Role.COMMITTEE)] or [
            everyone[i][0] for i, _ in chosen
        ]
        follow_from = COMMUNE_TERM_START + dt.timedelta(days=14)
        for number, cell in enumerate(cells if cadres else []):
            cadre = cadres[number % len(cadres)]
            if cadre.organization_id == cell.pk and len(cadres) > 1:
                cadre = cadres[(number + 1) % len(cadres)]
            positions.append(Position(organization=cell, member=cadre, role=Role.FOLLOW_UP, valid_from=follow_from))
        Position.objects.bulk_create(positions, batch_size=BATCH)
        self.positions += len(positions)
        return [_audit("term.create", t, t.organization, snapshot(t)) for t in [*terms, commune_term]] + [
            _audit("position.assign", p, p.organization, snapshot(p)) for p in positions
        ]


def generate_dataset(
    *,
    members: int,
    cells: int,
    communes: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> DatasetStats:
    """A province of `communes` communes, `cells` cells and `members` active members, the same for a given seed."""
    check_numbers(members, cells, communes)
    started = time.monotonic()
    rng = random.Random(seed)
    people = PeopleFactory(rng, id_space=1)
    province = do_create_organization(
        None, kind=OrgKind.PROVINCE, code=CODE_PREFIX, name="Đảng bộ tỉnh Thử Nghiệm", founded_on=dt.date(1945, 9, 2)
    )
    cells_per_commune = split_total(rng, cells, [rng.uniform(0.7, 1.3) for _ in range(communes)], 1)
    places = _commune_names(rng, communes)
    layouts = [_cell_layout(rng, count, place) for count, place in zip(cells_per_commune, places, strict=True)]
    sizes = iter(split_total(rng, members, [cell_weight(rng, t) for lay in layouts for _, t, _ in lay], 3))
    writer = _Writer(rng, people)
    for number, (place, layout) in enumerate(zip(places, layouts, strict=True), start=1):
        plans = [
            CellPlan(
                code=f"{CODE_PREFIX}-{number:04d}-{k:03d}",
                name=name,
                cell_type=cell_type,
                size=next(sizes),
                founded_on=founded_on(rng, cell_type),
                area=area,
            )
            for k, (name, cell_type, area) in enumerate(layout, start=1)
        ]
        with transaction.atomic():
            writer.commune(province, number, place, plans)
        if progress:
            progress(number, communes)
    return DatasetStats(
        communes=communes,
        cells=writer.cells,
        members=writer.members,
        positions=writer.positions,
        audit_rows=writer.audit_rows + communes + 1,
        seconds=time.monotonic() - started,
    )
