"""load_demo: Hương Nộn as the article describes it, the 2025 merger, and the same data on every run."""

import datetime as dt
import io
import random
from collections import Counter

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from committees.models import Position, Role
from core.dates import today
from demo.commune import HUONG_NON_CODE, MERGER_DAY, SEED, TAM_NONG_CODE, commune_specs, fingerprint
from demo.generator import DEMO_DAY, MIN_FULL_FOR_COMMITTEE
from demo.people import PeopleFactory
from members.models import Category, Exemption, Member, MemberState, TemporaryActivity, Transfer
from members.queries import member_counts
from members.validation import citizen_id_format_problems, citizen_id_person_problems
from orgs.models import Organization, OrgKind
from orgs.queries import tree_as_of

# The digest of the demo's organizations, members and positions (see demo.commune.fingerprint).
# The same on SQLite and PostgreSQL; it changes only when the generator is changed on purpose.
EXPECTED_FINGERPRINT = "eb60073b5344d2ae5c30746903d92c478b6a3a07189bdf192f9d23a8624232cc"

pytestmark = pytest.mark.usefixtures("demo")


def _huong_non_cells() -> "list[Organization]":
    return list(Organization.objects.filter(kind=OrgKind.CELL, code__startswith=f"{HUONG_NON_CODE}-"))


def test_it_builds_huong_non_with_17_cells_and_554_members(db: None) -> None:
    cells = _huong_non_cells()
    assert len(cells) == 17
    assert Counter(c.cell_type for c in cells) == {"residential": 13, "school": 3, "police": 1}
    assert Member.objects.filter(organization__in=cells, state=MemberState.ACTIVE).count() == 554
    assert {"Chi bộ Khu 6", "Chi bộ Trường THCS Hương Nộn", "Chi bộ Công an xã Hương Nộn"} <= {c.name for c in cells}


def test_it_builds_tam_nong_near_the_congress_figures(db: None) -> None:
    tam_nong = Organization.objects.get(code=TAM_NONG_CODE)
    assert tam_nong.parent.name == "Đảng bộ tỉnh Phú Thọ"
    assert Organization.objects.filter(parent=tam_nong, kind=OrgKind.CELL).count() == 71
    assert Member.objects.under(tam_nong).filter(state=MemberState.ACTIVE).count() == 2043


def test_it_loads_the_same_data_on_every_run(db: None) -> None:
    assert fingerprint() == EXPECTED_FINGERPRINT


def test_it_draws_the_same_people_from_the_same_seed() -> None:
    def draw() -> list[dict]:
        rng = random.Random(SEED)
        spec = commune_specs(rng)[0]
        people = PeopleFactory(rng)
        return [p.fields for cell in spec.cells[:3] for p in people.cell_members(cell, spec.locality)]

    assert draw() == draw()


def test_it_gives_every_member_a_valid_unique_citizen_id(db: None) -> None:
    rows = list(Member.objects.values_list("citizen_id", "date_of_birth", "gender"))
    ids = [cid for cid, _, _ in rows]
    assert all(cid and len(cid) == 12 and cid.isdigit() for cid in ids)
    assert len(set(ids)) == len(ids)
    problems = [
        (cid, citizen_id_format_problems(cid) + citizen_id_person_problems(cid, born, gender))
        for cid, born, gender in rows
    ]
    assert [p for p in problems if p[1]] == []
    assert Counter(cid[:3] for cid in ids).most_common(1)[0][0] == "025"


def test_it_gives_full_members_unique_card_numbers_and_probationary_ones_none(db: None) -> None:
    cards = list(Member.objects.filter(category=Category.FULL).values_list("party_card_number", flat=True))
    assert None not in cards and len(set(cards)) == len(cards)
    assert not Member.objects.filter(category=Category.PROBATIONARY, party_card_number__isnull=False).exists()


def test_it_admits_probationary_members_within_the_last_year(db: None) -> None:
    probationary = Member.objects.filter(category=Category.PROBATIONARY, state=MemberState.ACTIVE)
    assert probationary.count() >= 10
    assert not probationary.filter(admitted_on__lte=DEMO_DAY - relativedelta(months=12)).exists()


def test_it_keeps_committees_out_of_cells_under_9_full_members(db: None) -> None:
    day = today()
    full = {
        org_id: counts[1] for org_id, counts in member_counts(Organization.objects.filter(kind=OrgKind.CELL)).items()
    }
    committee_cells = set(
        Position.objects.as_of(day)
        .filter(organization__kind=OrgKind.CELL, role=Role.COMMITTEE)
        .values_list("organization_id", flat=True)
    )
    assert committee_cells, "the demo should have cells with a committee"
    assert all(full[cell_id] >= MIN_FULL_FOR_COMMITTEE for cell_id in committee_cells)
    small = [cell_id for cell_id, n in full.items() if n < MIN_FULL_FOR_COMMITTEE]
    assert small, "the demo should show a cell too small for a committee"
    assert not committee_cells & set(small)
    mam_non = Organization.objects.get(code=f"{HUONG_NON_CODE}-MN")
    roles = Counter(Position.objects.as_of(day).filter(organization=mam_non).values_list("role", flat=True))
    assert roles == {Role.SECRETARY: 1, Role.DEPUTY: 1, Role.FOLLOW_UP: 1}


def test_it_gives_every_cell_a_secretary_and_a_follow_up_cadre(db: None) -> None:
    day = today()
    cells = Organization.objects.filter(kind=OrgKind.CELL, dissolved_on__isnull=True)
    current = Position.objects.as_of(day).filter(organization__in=cells)
    secretaries = Counter(current.filter(role=Role.SECRETARY).values_list("organization_id", flat=True))
    follow_ups = Counter(current.filter(role=Role.FOLLOW_UP).values_list("organization_id", flat=True))
    assert set(secretaries.values()) == {1} and len(secretaries) == cells.count()
    assert set(follow_ups.values()) == {1} and len(follow_ups) == cells.count()
    tam_nong = Organization.objects.get(code=TAM_NONG_CODE)
    committee = set(
        Position.objects.as_of(day)
        .filter(organization=tam_nong, role__in=[Role.STANDING, Role.COMMITTEE])
        .values_list("member_id", flat=True)
    )
    assert set(current.filter(role=Role.FOLLOW_UP).values_list("member_id", flat=True)) <= committee
    roles = Counter(Position.objects.as_of(day).filter(organization=tam_nong).values_list("role", flat=True))
    assert roles[Role.SECRETARY] == 1 and roles[Role.DEPUTY] == 2 and roles[Role.STANDING] and roles[Role.COMMITTEE]


def test_it_shows_three_communes_before_the_merger_and_tam_nong_after(db: None) -> None:
    everything = Organization.objects.all()
    counts = member_counts(everything)
    before = tree_as_of(everything, MERGER_DAY - dt.timedelta(days=1), counts)
    assert [root.name for root in before] == ["Đảng bộ tỉnh Phú Thọ"]
    communes = {node.name: node for node in before[0].children}
    assert set(communes) == {"Đảng bộ xã Hương Nộn", "Đảng bộ thị trấn Hưng Hóa", "Đảng bộ xã Dân Quyền"}
    assert len(communes["Đảng bộ xã Hương Nộn"].children) == 17
    assert communes["Đảng bộ xã Hương Nộn"].members == 554

    now = tree_as_of(everything, None, counts)
    assert [node.name for node in now[0].children] == ["Đảng bộ xã Tam Nông"]
    assert len(now[0].children[0].children) == 71
    assert now[0].children[0].members == 2043

    huong_non = Organization.objects.get(code=HUONG_NON_CODE)
    assert huong_non.dissolved_on == MERGER_DAY and huong_non.merged_into.code == TAM_NONG_CODE
    old_committee = Position.objects.filter(organization=huong_non)
    assert old_committee.as_of(MERGER_DAY - dt.timedelta(days=1)).filter(role=Role.SECRETARY).count() == 1
    assert not old_committee.as_of(MERGER_DAY).exists()


def test_it_records_exemptions_transfers_and_deaths(db: None) -> None:
    exempt = Exemption.objects.select_related("member")
    assert exempt.count() >= 10
    assert all(e.decision.startswith("Nghị quyết số") and e.member.age_on(e.valid_from) >= 80 for e in exempt)
    assert TemporaryActivity.objects.exists()
    states = Counter(Member.objects.values_list("state", flat=True))
    assert states[MemberState.DECEASED] in (1, 2, 3) and states[MemberState.TRANSFERRED_OUT] == 2
    transfers = Transfer.objects.all()
    assert transfers.filter(from_org__isnull=True).count() == 2  # arrived from outside
    assert transfers.filter(from_org__isnull=False, to_org__isnull=False, note="Chuyển nơi cư trú").count() == 1


def test_it_writes_an_audit_row_for_what_a_user_would_see(db: None) -> None:
    actions = Counter(AuditEntry.objects.values_list("action", flat=True))
    created = Member.objects.count()
    assert actions["member.create"] + actions["member.transfer_in"] == created
    assert actions["org.create"] == Organization.objects.count()
    assert actions["org.merge"] == 1
    assert actions["position.assign"] == Position.objects.count()


def test_it_does_nothing_with_if_empty_when_organizations_exist(db: None) -> None:
    before = Member.objects.count()
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert Member.objects.count() == before
    assert "không" in out.getvalue().lower() or "not" in out.getvalue()


def test_it_refuses_to_load_into_a_database_that_has_organizations(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())
