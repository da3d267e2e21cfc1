"""The demo commune, written through the same action functions the application uses.

Đảng bộ xã Hương Nộn as the seed article describes it (17 cells: 13
residential, 3 school, 1 police; 554 members), its neighbours Hưng Hóa (a
town) and Dân Quyền, their 2020-2025 committees, and the merger of the three
into Đảng bộ xã Tam Nông on 01/07/2025 under Đảng bộ tỉnh Phú Thọ (71 cells,
2,043 members, as at its first congress). People, addresses and numbers are
fictional; see demo/generator.py and demo/people.py for how they are drawn.

Hương Nộn is written entirely through the `do_*` actions (organizations,
members, exemptions, transfers, deaths, terms, positions), as are the merge,
the committees and the accounts, so each gets its audit row exactly as if an
office had typed it in. For speed, the 1,489 members of Hưng Hóa and Dân
Quyền are inserted in bulk by the data-set writer (demo/dataset.py), which
writes the same audit rows; that halves the loading time.
"""

import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from accounts.actions import do_create_user, do_grant
from accounts.activation import do_issue_codes
from accounts.models import GrantRole
from committees.actions import do_assign_position, do_create_term
from committees.models import Position, Role
from demo import accounts, names
from demo.dataset import bulk_create_members
from demo.generator import (
    CellPlan,
    Locality,
    MemberPlan,
    founded_on,
    institutions_for,
    plan_cell_officers,
    plan_cells,
    plan_commune_committee,
    random_day,
)
from demo.history import build_history
from documents.numbering import number_published_guidance
from quality.demo import evaluate_history
from thematic.demo import build_history as build_thematic_year
from demo.people import PeopleFactory
from members.actions import (
    do_add_exemption,
    do_add_temporary_activity,
    do_create_member,
    do_record_death,
    do_transfer_between_cells,
    do_transfer_in,
    do_transfer_out,
    do_update_member,
)
from members.models import Member, MemberState, TransferKind
from orgs.actions import NewTarget, do_create_organization, do_merge_organizations, plan_merge
from orgs.models import CellType, Organization, OrgKind

SEED = 554
PROVINCE_CODE = "PT"
TAM_NONG_CODE = "PT-TN"
HUONG_NON_CODE = "PT-HN"
KHU_6_CODE = "PT-HN-K06"
MERGER_DAY = dt.date(2025, 7, 1)
OLD_TERM = ("2020-2025", dt.date(2020, 7, 22))
NEW_TERM = "2025-2030"
CELL_TERM = "2025-2027"
NEW_COMMITTEE_SIZE = 33
# Members of Chi bộ Khu 6 left with a pending activation code.
PENDING_CODES = 5

Roster = list[tuple[Member, MemberPlan]]


@dataclass(frozen=True)
class CommuneSpec:
    code: str
    name: str
    founded_on: dt.date
    locality: Locality
    cells: list[CellPlan]
    committee_size: int


def _huong_non(rng: random.Random) -> CommuneSpec:
    residential = [43, 39, 37, 31, 46, 54, 35, 29, 42, 38, 33, 40, 35]  # 502 members
    cells = [
        CellPlan(
            code=f"{HUONG_NON_CODE}-K{number:02d}",
            name=f"Chi bộ Khu {number}",
            cell_type=CellType.RESIDENTIAL,
            size=size,
            founded_on=founded_on(rng, CellType.RESIDENTIAL),
            area=f"Khu {number}",
        )
        for number, size in enumerate(residential, start=1)
    ]
    school = [founded_on(rng, CellType.SCHOOL) for _ in range(3)]
    cells += [
        # Eight full members: below the committee threshold, a secretary and a deputy only.
        CellPlan(
            f"{HUONG_NON_CODE}-MN", "Chi bộ Trường Mầm non Hương Nộn", CellType.SCHOOL, 8, school[0], probationary=0
        ),
        CellPlan(f"{HUONG_NON_CODE}-TH", "Chi bộ Trường Tiểu học Hương Nộn", CellType.SCHOOL, 14, school[1]),
        CellPlan(f"{HUONG_NON_CODE}-THCS", "Chi bộ Trường THCS Hương Nộn", CellType.SCHOOL, 19, school[2]),
        CellPlan(f"{HUONG_NON_CODE}-CA", "Chi bộ Công an xã Hương Nộn", CellType.POLICE, 11, dt.date(2019, 3, 1)),
    ]
    locality = Locality("xã Hương Nộn, huyện Tam Nông, tỉnh Phú Thọ", "xã Tam Nông, tỉnh Phú Thọ")
    return CommuneSpec(HUONG_NON_CODE, "Đảng bộ xã Hương Nộn", dt.date(1947, 5, 19), locality, cells, 15)


def _hung_hoa(rng: random.Random) -> CommuneSpec:
    institutions = institutions_for("Hưng Hóa", "thị trấn") + [
        ("Chi bộ Trường THPT Hưng Hóa", CellType.SCHOOL),
        ("Chi bộ Trạm Y tế thị trấn Hưng Hóa", CellType.OTHER),
        ("Chi bộ Hợp tác xã Dịch vụ nông nghiệp Hưng Hóa", CellType.ENTERPRISE),
        ("Chi bộ Điện lực Tam Nông", CellType.ENTERPRISE),
    ]
    cells = plan_cells(rng, code_prefix="PT-HH", areas=names.HUNG_HOA_AREAS, institutions=institutions, members=820)
    locality = Locality("thị trấn Hưng Hóa, huyện Tam Nông, tỉnh Phú Thọ", "xã Tam Nông, tỉnh Phú Thọ")
    return CommuneSpec("PT-HH", "Đảng bộ thị trấn Hưng Hóa", dt.date(1946, 12, 19), locality, cells, 17)


def _dan_quyen(rng: random.Random) -> CommuneSpec:
    cells = plan_cells(
        rng, code_prefix="PT-DQ", areas=names.DAN_QUYEN_AREAS, institutions=institutions_for("Dân Quyền"), members=665
    )
    # Two full members only: the office home page warns about this cell.
    cells.append(
        CellPlan(
            "PT-DQ-HTX",
            "Chi bộ Hợp tác xã Nông nghiệp Dân Quyền",
            CellType.ENTERPRISE,
            4,
            dt.date(2012, 9, 2),
            probationary=2,
        )
    )
    locality = Locality("xã Dân Quyền, huyện Tam Nông, tỉnh Phú Thọ", "xã Tam Nông, tỉnh Phú Thọ")
    return CommuneSpec("PT-DQ", "Đảng bộ xã Dân Quyền", dt.date(1948, 2, 3), locality, cells, 15)


def commune_specs(rng: random.Random) -> list[CommuneSpec]:
    return [_huong_non(rng), _hung_hoa(rng), _dan_quyen(rng)]


@dataclass
class DemoSummary:
    organizations: int
    cells: int
    members: int
    positions: int


def _create_member(cell: Organization, plan: MemberPlan, transfer_in: tuple[dt.date, str] | None = None) -> Member:
    if transfer_in is None:
        member = do_create_member(None, organization=cell, **plan.fields)
    else:
        on, origin = transfer_in
        member = do_transfer_in(
            None, on=on, origin=origin, note="Chuyển sinh hoạt về nơi cư trú", organization=cell, **plan.fields
        )
    if plan.exemption:
        do_add_exemption(None, member, **plan.exemption)
    if plan.temporary_activity:
        do_add_temporary_activity(None, member, **plan.temporary_activity)
    return member


def _pick(plans: Sequence[MemberPlan], ages: range) -> int:
    """The first full member in the age range with nothing else going on."""
    for index, plan in enumerate(plans):
        if plan.is_full and plan.age() in ages and not (plan.exemption or plan.temporary_activity):
            return index
    raise LookupError("no suitable member")


# Members who arrived from outside the system: cell code -> where they came from.
TRANSFERS_IN = {
    "PT-HN-K02": "Đảng bộ Bộ Chỉ huy Quân sự tỉnh Phú Thọ",
    "PT-HN-K11": "Đảng bộ xã Thanh Thủy, tỉnh Phú Thọ",
}


def _create_cell_members(
    rng: random.Random, people: PeopleFactory, cell: Organization, plan: CellPlan, spec: CommuneSpec
) -> Roster:
    plans = people.cell_members(plan, spec.locality)
    arrival: dict[int, tuple[dt.date, str]] = {}
    if plan.code in TRANSFERS_IN:
        index = _pick(plans, range(30, 56))
        start = max(plans[index].fields["full_member_on"], dt.date(2021, 1, 1))
        arrival[index] = (random_day(rng, start, dt.date(2025, 12, 31)), TRANSFERS_IN[plan.code])
    return [(_create_member(cell, p, arrival.get(i)), p) for i, p in enumerate(plans)]


def _former_member(people: PeopleFactory, cell: Organization, plan: CellPlan, spec: CommuneSpec, ages: range) -> Member:
    """An extra member of `cell` in the age range, who then leaves (not counted among the active)."""
    while True:
        candidate = people.member(plan, spec.locality, probationary=False)
        if candidate.age() in ages and candidate.exemption is None and candidate.temporary_activity is None:
            return _create_member(cell, candidate)


def _life_events(
    rng: random.Random,
    people: PeopleFactory,
    specs: Sequence[CommuneSpec],
    cells: dict[str, Organization],
    roster: dict[str, Roster],
) -> None:
    """Deaths, transfers out and between cells: a few of each, as any commune has."""
    plans = {plan.code: (plan, spec) for spec in specs for plan in spec.cells}
    for code, day in (("PT-HN-K03", dt.date(2025, 11, 8)), ("PT-HN-K09", dt.date(2026, 4, 21)), ("PT-HH-005", None)):
        plan, spec = plans[code]
        gone = _former_member(people, cells[code], plan, spec, range(78, 97))
        day = day or random_day(rng, dt.date(2024, 1, 1), dt.date(2026, 9, 30))
        do_record_death(None, gone, on=day, reason="Tuổi cao, bệnh nặng")
    for code, place in (
        ("PT-HN-K01", "Đảng bộ phường Việt Trì, tỉnh Phú Thọ"),
        ("PT-HN-K10", "Đảng bộ phường Cầu Giấy, thành phố Hà Nội"),
    ):
        plan, spec = plans[code]
        gone = _former_member(people, cells[code], plan, spec, range(26, 46))
        on = random_day(rng, max(gone.full_member_on or gone.admitted_on, dt.date(2024, 6, 1)), dt.date(2026, 9, 30))
        do_transfer_out(None, gone, on=on, destination=place, note="Chuyển nơi công tác")
    # One member moved house from Khu 12 to Khu 4 and moved cell with it.
    entries = roster["PT-HN-K12"]
    member, mover = entries.pop(_pick([p for _, p in entries], range(30, 61)))
    on = random_day(rng, max(mover.fields["full_member_on"], dt.date(2023, 1, 1)), dt.date(2026, 6, 30))
    do_transfer_between_cells(
        None, member, to_org=cells["PT-HN-K04"], kind=TransferKind.OFFICIAL, on=on, note="Chuyển nơi cư trú"
    )
    mover.fields["residence"] = mover.fields["residence"].replace("Khu 12", "Khu 4")
    member = do_update_member(None, member, residence=mover.fields["residence"])
    roster["PT-HN-K04"].append((member, mover))


def _elect_cell_committee(rng: random.Random, cell: Organization, entries: Roster) -> None:
    starts = random_day(rng, dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    term = do_create_term(None, cell, name=CELL_TERM, starts_on=starts, ends_on=None)
    officers = plan_cell_officers(rng, [plan for _, plan in entries], starts)
    for index, role in officers.roles():
        do_assign_position(None, organization=cell, member=entries[index][0], role=role, valid_from=starts, term=term)


def _commune_committee(
    rng: random.Random,
    commune: Organization,
    cells: Sequence[Organization],
    entries: Roster,
    *,
    term_name: str,
    starts: dt.date,
    size: int,
) -> None:
    """A commune committee term, its members, and a follow-up cadre for each of `cells`."""
    term = do_create_term(None, commune, name=term_name, starts_on=starts, ends_on=None)
    chosen = plan_commune_committee(rng, [plan for _, plan in entries], size, starts)
    for i, role in chosen:
        do_assign_position(None, organization=commune, member=entries[i][0], role=role, valid_from=starts, term=term)
    cadres = [entries[i][0] for i, role in chosen if role in (Role.STANDING, Role.COMMITTEE)]
    for number, cell in enumerate(cells):
        cadre = cadres[number % len(cadres)]
        if cadre.organization_id == cell.pk:  # nobody follows their own cell
            cadre = cadres[(number + 1) % len(cadres)]
        do_assign_position(
            None, organization=cell, member=cadre, role=Role.FOLLOW_UP, valid_from=starts + dt.timedelta(days=14)
        )


def _accounts(province: Organization, tam_nong: Organization, khu6: Organization, entries: Roster) -> None:
    password = accounts.DEMO_PASSWORD
    do_create_user(None, username=accounts.ADMIN, password=password, is_superuser=True, is_staff=True)
    office = do_create_user(
        None, username=accounts.OFFICE, password=password, first_name="Văn phòng Đảng ủy", last_name="xã Tam Nông"
    )
    do_grant(None, office, tam_nong, GrantRole.OFFICE)
    reader = do_create_user(
        None, username=accounts.READER, password=password, first_name="Ban Tổ chức", last_name="Tỉnh ủy Phú Thọ"
    )
    do_grant(None, reader, province, GrantRole.READER)
    secretary = Position.objects.get(organization=khu6, role=Role.SECRETARY, valid_to__isnull=True).member
    do_create_user(None, username=accounts.SECRETARY, password=password, phone=secretary.phone, member=secretary)
    officers = set(Position.objects.values_list("member_id", flat=True))
    plain = [
        member
        for member, plan in entries
        if member.pk not in officers and plan.is_full and member.phone and not plan.exemption and plan.age() < 65
    ]
    do_create_user(None, username=accounts.MEMBER, password=password, phone=plain[0].phone, member=plain[0])
    do_issue_codes(None, plain[1 : 1 + PENDING_CODES])


@transaction.atomic
def build_demo() -> DemoSummary:
    """Write the whole demo into an empty database, the same on every run."""
    rng = random.Random(SEED)
    people = PeopleFactory(rng)
    # Re-established on 01/01/1997 when Vĩnh Phú split into Phú Thọ and Vĩnh Phúc.
    province = do_create_organization(
        None, kind=OrgKind.PROVINCE, code=PROVINCE_CODE, name="Đảng bộ tỉnh Phú Thọ", founded_on=dt.date(1997, 1, 1)
    )
    specs = commune_specs(rng)
    communes: dict[str, Organization] = {}
    cells: dict[str, Organization] = {}
    roster: dict[str, Roster] = {}
    for spec in specs:
        communes[spec.code] = do_create_organization(
            None, kind=OrgKind.COMMUNE, code=spec.code, name=spec.name, parent=province, founded_on=spec.founded_on
        )
        for plan in spec.cells:
            cells[plan.code] = do_create_organization(
                None,
                kind=OrgKind.CELL,
                code=plan.code,
                name=plan.name,
                parent=communes[spec.code],
                cell_type=plan.cell_type,
                founded_on=plan.founded_on,
            )
        spec_cells = [cells[plan.code] for plan in spec.cells]
        if spec.code == HUONG_NON_CODE:
            for cell, plan in zip(spec_cells, spec.cells, strict=True):
                roster[plan.code] = _create_cell_members(rng, people, cell, plan, spec)
        else:
            plans = [people.cell_members(plan, spec.locality) for plan in spec.cells]
            members, _ = bulk_create_members(spec_cells, plans)
            for plan, cell_members, cell_plans in zip(spec.cells, members, plans, strict=True):
                roster[plan.code] = list(zip(cell_members, cell_plans, strict=True))
    _life_events(rng, people, specs, cells, roster)
    for code, cell in cells.items():
        _elect_cell_committee(rng, cell, roster[code])

    # The 2020-2025 committees; the merger ends their positions and terms on 30/06/2025.
    for spec in specs:
        _commune_committee(
            rng,
            communes[spec.code],
            [cells[plan.code] for plan in spec.cells],
            [entry for plan in spec.cells for entry in roster[plan.code]],
            term_name=OLD_TERM[0],
            starts=OLD_TERM[1],
            size=spec.committee_size,
        )
    new_target = NewTarget(kind=OrgKind.COMMUNE, code=TAM_NONG_CODE, name="Đảng bộ xã Tam Nông", parent=province)
    merge = plan_merge(list(communes.values()), None, MERGER_DAY, new_target=new_target)
    tam_nong = do_merge_organizations(None, merge)

    # The merge rewrote every path below the old communes: read members and cells afresh.
    fresh = Member.objects.select_related("organization__parent").in_bulk([m.pk for e in roster.values() for m, _ in e])
    fresh_cells = Organization.objects.select_related("parent").in_bulk(list(cells), field_name="code")
    _commune_committee(
        rng,
        tam_nong,
        [fresh_cells[code] for code in cells],
        [(fresh[m.pk], plan) for code in cells for m, plan in roster[code]],
        term_name=NEW_TERM,
        starts=MERGER_DAY,
        size=NEW_COMMITTEE_SIZE,
    )
    khu6 = fresh_cells[KHU_6_CODE]
    _accounts(province, tam_nong, khu6, [(fresh[m.pk], plan) for m, plan in roster[KHU_6_CODE]])
    build_history(tam_nong)
    # The year's thematic plans and reports, then the quality of every held meeting (which reads the reports).
    build_thematic_year(tam_nong)
    number_published_guidance(tam_nong)
    evaluate_history(tam_nong)
    return DemoSummary(
        organizations=Organization.objects.count(),
        cells=Organization.objects.filter(kind=OrgKind.CELL).count(),
        members=Member.objects.filter(state=MemberState.ACTIVE).count(),
        positions=Position.objects.count(),
    )


def fingerprint() -> str:
    """A digest of the demo's key facts (organizations, members, positions) that leaves database ids out,
    so that two loads into any two databases can be compared."""
    digest = hashlib.sha256()
    queries = [
        Organization.objects.order_by("code").values_list("code", "kind", "cell_type", "name", "dissolved_on"),
        Member.objects.order_by("citizen_id").values_list(
            "organization__code", "full_name", "party_card_number", "citizen_id", "date_of_birth", "category", "state"
        ),
        Position.objects.order_by("organization__code", "role", "member__citizen_id", "valid_from").values_list(
            "organization__code", "role", "member__citizen_id", "valid_from", "valid_to"
        ),
    ]
    for query in queries:
        for row in query:
            digest.update(repr(row).encode())
    return digest.hexdigest()
