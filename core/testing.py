"""A small, named test world built through the same actions the app uses.

The people, and what each may do:

- alice: an ordinary member of cell A1 (sees her own record and her cell)
- sam: secretary of cell A1 (manages A1's members)
- sue: secretary of cell A2, same commune (no rights over A1)
- olga: commune office of commune A (manages everything in commune A)
- rita: province reader (reads everything in the province)
- oscar: office of commune B (no rights in commune A)
- anonymous: nobody logged in
"""

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from accounts.actions import do_create_user, do_grant
from accounts.models import GrantRole, User
from committees.actions import do_assign_position
from committees.models import Role
from members.actions import do_create_member
from members.models import Category, Member
from orgs.actions import do_create_organization
from orgs.models import CellType, Organization, OrgKind

PASSWORD = "Mat-khau-thu-2026"
_card_numbers = itertools.count(93000001)


@dataclass
class World:
    province: Organization
    commune_a: Organization
    cell_a1: Organization
    cell_a2: Organization
    commune_b: Organization
    cell_b1: Organization
    alice: User
    sam: User
    sue: User
    olga: User
    rita: User
    oscar: User

    def users(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "alice": self.alice,
            "sam": self.sam,
            "sue": self.sue,
            "olga": self.olga,
            "rita": self.rita,
            "oscar": self.oscar,
        }


def make_member(cell: Organization, full_name: str, *, category: str = Category.FULL, **extra: Any) -> Member:
    number = next(_card_numbers)
    gender = extra.pop("gender", "female" if " Thị " in f" {full_name} " else "male")
    born = extra.pop("date_of_birth", dt.date(1970, 5, 17))
    # CCCD: province 025 (Phú Thọ), century and gender digit, year of birth, serial.
    century_gender = 2 * (born.year // 100 - 19) + (gender == "female")
    fields: dict[str, Any] = {
        "organization": cell,
        "full_name": full_name,
        "gender": gender,
        "date_of_birth": born,
        "admitted_on": dt.date(2000, 1, 9) if category == Category.FULL else dt.date(2026, 3, 2),
        "full_member_on": dt.date(2001, 1, 9) if category == Category.FULL else None,
        "category": category,
        "party_card_number": str(number),
        "citizen_id": f"025{century_gender}{born.year % 100:02d}{number % 10**6:06d}",
    }
    fields.update(extra)
    return do_create_member(None, **fields)


def build_world() -> World:
    province = do_create_organization(None, kind=OrgKind.PROVINCE, code="T-PT", name="Đảng bộ tỉnh Phú Thọ")
    commune_a = do_create_organization(
        None,
        kind=OrgKind.COMMUNE,
        code="X-HN",
        name="Đảng bộ xã Hương Nộn",
        parent=province,
    )
    cell_a1 = do_create_organization(
        None,
        kind=OrgKind.CELL,
        code="X-HN-K1",
        name="Chi bộ Khu 1",
        parent=commune_a,
        cell_type=CellType.RESIDENTIAL,
    )
    cell_a2 = do_create_organization(
        None,
        kind=OrgKind.CELL,
        code="X-HN-K2",
        name="Chi bộ Khu 2",
        parent=commune_a,
        cell_type=CellType.RESIDENTIAL,
    )
    commune_b = do_create_organization(
        None,
        kind=OrgKind.COMMUNE,
        code="X-DQ",
        name="Đảng bộ xã Dân Quyền",
        parent=province,
    )
    cell_b1 = do_create_organization(
        None,
        kind=OrgKind.CELL,
        code="X-DQ-K1",
        name="Chi bộ Khu Đồng",
        parent=commune_b,
        cell_type=CellType.RESIDENTIAL,
    )
    alice_m = make_member(cell_a1, "Nguyễn Thị Lan", phone="0912000001")
    sam_m = make_member(cell_a1, "Trần Văn Sâm", phone="0912000002")
    make_member(cell_a1, "Đỗ Đức Hùng")
    make_member(cell_a1, "Phạm Văn Dự", category=Category.PROBATIONARY)
    sue_m = make_member(cell_a2, "Lê Thị Hoa")
    make_member(cell_a2, "Hoàng Văn Nam")
    make_member(cell_a2, "Vũ Thị Mai")
    make_member(cell_b1, "Bùi Văn Bình")
    since = dt.date(2025, 8, 1)
    do_assign_position(None, organization=cell_a1, member=sam_m, role=Role.SECRETARY, valid_from=since)
    do_assign_position(None, organization=cell_a2, member=sue_m, role=Role.SECRETARY, valid_from=since)

    alice = do_create_user(None, username="alice", password=PASSWORD, phone="0912000001", member=alice_m)
    sam = do_create_user(None, username="sam", password=PASSWORD, member=sam_m)
    sue = do_create_user(None, username="sue", password=PASSWORD, member=sue_m)
    olga = do_create_user(None, username="olga", password=PASSWORD)
    do_grant(None, olga, commune_a, GrantRole.OFFICE)
    rita = do_create_user(None, username="rita", password=PASSWORD)
    do_grant(None, rita, province, GrantRole.READER)
    oscar = do_create_user(None, username="oscar", password=PASSWORD)
    do_grant(None, oscar, commune_b, GrantRole.OFFICE)
    return World(
        province,
        commune_a,
        cell_a1,
        cell_a2,
        commune_b,
        cell_b1,
        alice,
        sam,
        sue,
        olga,
        rita,
        oscar,
    )
