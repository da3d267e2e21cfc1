"""Fictional Party members drawn one by one from a seeded random generator.

Names, age, work, dates and identifiers follow the type of cell: many
elderly farmers and retired cadres in residential cells, younger teachers
(mostly women) in schools, young men in the police. Used by the demo and the
data-set generator alike, through `PeopleFactory.cell_members`.
"""

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Sequence
from typing import Any

from dateutil.relativedelta import relativedelta

from demo import names
from demo.generator import DEMO_DAY, PROBATIONARY_SHARE, CellPlan, Locality, MemberPlan, random_day
from members.models import Category, DuesCategory, Gender, TheoryLevel
from orgs.models import CellType


class Weighted:
    """A weighted choice with the cumulative weights computed once."""

    def __init__(self, pairs: Sequence[tuple[str, int]]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


FAMILY = Weighted(names.FAMILY_NAMES)
MIDDLE: dict[tuple[str, bool], Weighted] = {
    (Gender.MALE, True): Weighted(names.MALE_MIDDLE_OLDER),
    (Gender.MALE, False): Weighted(names.MALE_MIDDLE_YOUNGER),
    (Gender.FEMALE, True): Weighted(names.FEMALE_MIDDLE_OLDER),
    (Gender.FEMALE, False): Weighted(names.FEMALE_MIDDLE_YOUNGER),
}
GIVEN: dict[tuple[str, bool], list[str]] = {
    (Gender.MALE, True): names.MALE_GIVEN_OLDER,
    (Gender.MALE, False): names.MALE_GIVEN_YOUNGER,
    (Gender.FEMALE, True): names.FEMALE_GIVEN_OLDER,
    (Gender.FEMALE, False): names.FEMALE_GIVEN_YOUNGER,
}
ETHNICITY = Weighted(names.ETHNICITIES)
RELIGION = Weighted(names.RELIGIONS)


class PeopleFactory:
    """Draws members one by one. Citizen IDs, card numbers and phones never repeat within a factory.

    `id_space` keeps factories apart when they share a database: the demo
    uses space 0 and generated data sets space 1 (other card-number length,
    other half of the citizen-ID serials).
    """

    def __init__(self, rng: random.Random, *, id_space: int = 0, local_code: str = "025") -> None:
        self.rng = rng
        self.id_space = id_space
        self.local_code = local_code
        self._serials: dict[tuple[str, int, int], int] = {}
        self._cards = itertools.count()
        self._phones = itertools.count()
        self._decisions = itertools.count(1)

    # Identifiers ---------------------------------------------------------

    def citizen_id(self, gender: str, born: dt.date, province_code: str) -> str:
        """12 digits: province, century and gender, year of birth, then a serial unique in that bucket."""
        century_gender = (0 if born.year < 2000 else 2) + (1 if gender == Gender.FEMALE else 0)
        year = born.year % 100
        key = (province_code, century_gender, year)
        n = self._serials.get(key, 0)
        self._serials[key] = n + 1
        # An invertible scramble of the counter, so serials look random but never collide.
        offset = (year * 7919 + century_gender * 104_729 + int(province_code) * 31) % 500_000
        serial = (n * 386_723 + offset) % 500_000 + 500_000 * self.id_space
        return f"{province_code}{century_gender}{year:02d}{serial:06d}"

    def card_number(self) -> str:
        n = next(self._cards)
        if self.id_space == 0:
            return f"25{(n * 386_723 + 40_127) % 1_000_000:06d}"
        return f"8{(n * 38_672_303 + 4_012_711) % 100_000_000:08d}"

    def phone(self) -> str:
        n = next(self._phones)
        digits = (n * 6_972_593 + 3_810_447 + 5_000_000 * self.id_space) % 10_000_000
        return f"{self.rng.choice(names.MOBILE_PREFIXES)}{digits:07d}"

    # People --------------------------------------------------------------

    def _gender(self, cell: CellPlan) -> str:
        female_share = {
            CellType.RESIDENTIAL: 0.35,
            CellType.SCHOOL: 0.97 if "Mầm non" in cell.name else 0.75,
            CellType.POLICE: 0.12,
            CellType.MILITARY: 0.05,
        }.get(cell.cell_type, 0.45)  # type: ignore[call-overload]
        return Gender.FEMALE if self.rng.random() < female_share else Gender.MALE

    def _age(self, cell_type: str, probationary: bool) -> int:
        rng = self.rng
        if probationary:
            return rng.randint(22, 40)
        if cell_type == CellType.RESIDENTIAL:
            band = rng.random()
            if band < 0.15:
                return rng.randint(25, 39)
            if band < 0.35:
                return rng.randint(40, 54)
            if band < 0.65:
                return rng.randint(55, 69)
            if band < 0.93:
                return rng.randint(70, 84)
            return rng.randint(85, 96)
        if cell_type in (CellType.POLICE, CellType.MILITARY):
            return round(rng.triangular(23, 52, 32))
        return round(rng.triangular(24, 59, 40))

    def _name(self, gender: str, born: dt.date) -> str:
        older = born.year < 1970
        given = GIVEN[(gender, older)]
        return f"{FAMILY.pick(self.rng)} {MIDDLE[(gender, older)].pick(self.rng)} {self.rng.choice(given)}"

    def _work(self, cell: CellPlan, age: int) -> tuple[str, str, str]:
        """(occupation, dues category, professional level) fitting the cell and the age."""
        rng = self.rng
        kind = cell.cell_type
        if kind == CellType.SCHOOL:
            level = "Mầm non" if "Mầm non" in cell.name else "Tiểu học" if "Tiểu học" in cell.name else "THCS"
            degree = rng.choice(["Đại học sư phạm", "Đại học sư phạm", "Cao đẳng sư phạm"])
            return f"Giáo viên {level.lower() if level != 'THCS' else level}", DuesCategory.INSURED, degree
        if kind == CellType.POLICE:
            return "Công an xã", DuesCategory.INSURED, rng.choice(["Trung cấp Công an", "Đại học Cảnh sát nhân dân"])
        if kind == CellType.MILITARY:
            return "Quân nhân", DuesCategory.INSURED, rng.choice(["Trung cấp Quân sự", "Cao đẳng Quân sự"])
        if kind == CellType.AGENCY:
            return "Cán bộ, công chức", DuesCategory.INSURED, rng.choice(["Đại học Luật", "Đại học Kinh tế", "Đại học"])
        if kind in (CellType.ENTERPRISE, CellType.OTHER):
            occupation = rng.choice(["Nhân viên", "Công nhân", "Kế toán"])
            return occupation, DuesCategory.INSURED, rng.choice(["", "Trung cấp"])
        if age >= 60:
            roll = rng.random()
            if roll < 0.35:
                return "Cán bộ hưu trí", DuesCategory.PENSIONER, rng.choice(["Trung cấp", "Đại học", ""])
            if roll < 0.5:
                return "Quân nhân nghỉ hưu", DuesCategory.PENSIONER, ""
            if roll < 0.58:
                return "Giáo viên nghỉ hưu", DuesCategory.PENSIONER, "Cao đẳng sư phạm"
            return "Nông dân", DuesCategory.OTHER, ""
        if age < 25 and rng.random() < 0.4:
            return "Sinh viên", DuesCategory.STUDENT, ""
        roll = rng.random()
        if roll < 0.1:
            return "Cán bộ, công chức xã", DuesCategory.INSURED, rng.choice(["Đại học Luật", "Đại học Nông nghiệp"])
        if roll < 0.16:
            return "Giáo viên", DuesCategory.INSURED, "Đại học sư phạm"
        if roll < 0.2:
            return "Nhân viên y tế", DuesCategory.INSURED, "Cao đẳng Y tế"
        if roll < 0.32:
            return "Công nhân", DuesCategory.INSURED, ""
        if roll < 0.48:
            return "Kinh doanh", DuesCategory.OTHER, ""
        if roll < 0.58:
            return "Lao động tự do", DuesCategory.OTHER, ""
        return "Nông dân", DuesCategory.OTHER, ""

    def _theory(self, occupation: str, probationary: bool) -> str:
        if probationary:
            return TheoryLevel.NONE
        roll = self.rng.random()
        if occupation.startswith(("Cán bộ, công chức", "Cán bộ hưu trí")):
            return (
                TheoryLevel.ELEMENTARY
                if roll < 0.15
                else TheoryLevel.INTERMEDIATE
                if roll < 0.75
                else TheoryLevel.ADVANCED
                if roll < 0.95
                else TheoryLevel.BACHELOR
            )
        if occupation in ("Công an xã", "Quân nhân", "Quân nhân nghỉ hưu"):
            return TheoryLevel.INTERMEDIATE if roll < 0.5 else TheoryLevel.ELEMENTARY
        return TheoryLevel.ELEMENTARY if roll < 0.75 else TheoryLevel.NONE

    def member(self, cell: CellPlan, locality: Locality, *, probationary: bool, day: dt.date = DEMO_DAY) -> MemberPlan:
        rng = self.rng
        gender = self._gender(cell)
        age = self._age(cell.cell_type, probationary)
        born = day - relativedelta(years=age) - dt.timedelta(days=rng.randint(1, 364))
        occupation, dues, professional = self._work(cell, age)
        local = cell.cell_type == CellType.RESIDENTIAL or rng.random() < 0.6
        province_code = self.local_code if local or rng.random() < 0.5 else rng.choice(list(names.OTHER_PROVINCES))
        if local:
            hometown = locality.hometown
        elif province_code == self.local_code:
            hometown = rng.choice(names.NEARBY_COMMUNES)
        else:
            hometown = names.OTHER_PROVINCES[province_code]
        if probationary:
            admitted = day - dt.timedelta(days=rng.randint(20, 355))
            full_on = None
        else:
            # Admitted at 19-38 (the elderly often while in the army), at least 14 months ago,
            # so that the 12 months of probation and the confirmation are over.
            latest = day - relativedelta(months=14)
            join_age = rng.randint(19, 30) if age >= 65 else rng.randint(20, 38)
            admitted = born + relativedelta(years=join_age) + dt.timedelta(days=rng.randint(0, 364))
            if admitted > latest:
                admitted = random_day(rng, max(born + relativedelta(years=19), latest - relativedelta(years=5)), latest)
            full_on = admitted + relativedelta(months=12) + dt.timedelta(days=rng.randint(0, 30))
        if born.year < 1960:
            education = rng.choice(["7/10", "10/10", "10/10"])
        elif cell.cell_type == CellType.RESIDENTIAL and occupation in ("Nông dân", "Lao động tự do"):
            education = rng.choice(["9/12", "12/12"])
        else:
            education = "12/12"
        has_phone = rng.random() < (0.95 if age < 60 else 0.7 if age < 75 else 0.35)
        area = cell.area or ""
        residence = (
            f"{area}, {locality.residence}" if area else rng.choice([*names.NEARBY_COMMUNES, locality.residence])
        )
        fields: dict[str, Any] = {
            "full_name": self._name(gender, born),
            "gender": gender,
            "date_of_birth": born,
            "ethnicity": ETHNICITY.pick(rng),
            "religion": RELIGION.pick(rng),
            "hometown": hometown,
            "residence": residence,
            "phone": self.phone() if has_phone else "",
            "citizen_id": self.citizen_id(gender, born, province_code),
            "party_card_number": None if probationary else self.card_number(),
            "admitted_on": admitted,
            "full_member_on": full_on,
            "category": Category.PROBATIONARY if probationary else Category.FULL,
            "occupation": occupation,
            "education": education,
            "theory_level": self._theory(occupation, probationary),
            "professional_level": professional,
            "dues_category": dues,
        }
        plan = MemberPlan(fields)
        if cell.cell_type == CellType.RESIDENTIAL and age >= 80 and rng.random() < 0.45:
            first = max(born + relativedelta(years=80), dt.date(2016, 1, 1))
            since = random_day(rng, first, day - relativedelta(months=2))
            plan.exemption = {
                "valid_from": since,
                "valid_to": None,
                "reason": rng.choice(["Tuổi cao, sức yếu", "Tuổi cao, sức yếu", "Sức khỏe yếu, bệnh kéo dài"]),
                "decision": f"Nghị quyết số {next(self._decisions) % 40 + 1:02d}-NQ/CB ngày {since:%d/%m/%Y}",
            }
        elif cell.cell_type == CellType.RESIDENTIAL and 25 <= age <= 45 and not probationary and rng.random() < 0.02:
            since = random_day(rng, max(full_on or day, day - relativedelta(years=2)), day - relativedelta(months=1))
            plan.temporary_activity = {
                "place": rng.choice(names.WORKPLACES_AWAY),
                "valid_from": since,
                "valid_to": since + relativedelta(years=2),
                "note": "Đi làm ăn xa, giới thiệu sinh hoạt tạm thời",
            }
        return plan

    def cell_members(self, cell: CellPlan, locality: Locality, day: dt.date = DEMO_DAY) -> list[MemberPlan]:
        """The members of one cell; the first three are always full members."""
        out = []
        for slot in range(cell.size):
            if cell.probationary is not None:
                probationary = slot < cell.probationary
            else:
                probationary = slot >= 3 and self.rng.random() < PROBATIONARY_SHARE
            out.append(self.member(cell, locality, probationary=probationary, day=day))
        return out
