"""generate_dataset: the requested numbers, correct paths and history, the same data for the same seed."""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from audit.models import AuditEntry
from committees.models import Position, Role
from core.dates import today
from demo.dataset import check_numbers, generate_dataset
from demo.generator import MIN_FULL_FOR_COMMITTEE
from members.models import Category, Member, MemberState
from members.validation import citizen_id_person_problems
from orgs.models import Organization, OrgKind, OrgVersion
from orgs.queries import tree_as_of


def _generate(**numbers: int) -> str:
    out = io.StringIO()
    args = [f"--{name}={value}" for name, value in numbers.items()]
    call_command("generate_dataset", *args, stdout=out)
    return out.getvalue()


def test_it_makes_the_requested_numbers(db: None) -> None:
    text = _generate(members=600, cells=40, communes=3, seed=7)
    assert Organization.objects.filter(kind=OrgKind.PROVINCE).count() == 1
    assert Organization.objects.filter(kind=OrgKind.COMMUNE).count() == 3
    assert Organization.objects.filter(kind=OrgKind.CELL).count() == 40
    assert Member.objects.filter(state=MemberState.ACTIVE).count() == 600
    lines = text.strip().splitlines()
    assert lines[0].startswith(("Đã ghi 1/3", "1/3"))
    assert "40" in lines[-1] and "600" in lines[-1] and ("giây" in lines[-1] or " s." in lines[-1])


def test_it_computes_every_path_from_the_parents(db: None) -> None:
    _generate(members=300, cells=20, communes=2)
    orgs = {o.pk: o for o in Organization.objects.all()}
    for org in orgs.values():
        expected = f"{orgs[org.parent_id].path if org.parent_id else '/'}{org.pk}/"
        assert org.path == expected, org.code
    province = Organization.objects.get(kind=OrgKind.PROVINCE)
    assert Member.objects.under(province).count() == 300
    assert OrgVersion.objects.filter(valid_to__isnull=True).count() == len(orgs)
    roots = tree_as_of(Organization.objects.all(), today())
    assert len(roots) == 1 and sum(len(c.children) for c in roots[0].children) == 20


def test_it_follows_the_committee_rules(db: None) -> None:
    _generate(members=900, cells=40, communes=2, seed=3)
    day = today()
    full = Counter(
        Member.objects.filter(category=Category.FULL, state=MemberState.ACTIVE).values_list(
            "organization_id", flat=True
        )
    )
    cells = list(Organization.objects.filter(kind=OrgKind.CELL).values_list("pk", flat=True))
    current = Position.objects.as_of(day).filter(organization__in=cells)
    secretaries = Counter(current.filter(role=Role.SECRETARY).values_list("organization_id", flat=True))
    assert set(secretaries) == set(cells) and set(secretaries.values()) == {1}
    for cell_id in current.filter(role=Role.COMMITTEE).values_list("organization_id", flat=True):
        assert full[cell_id] >= MIN_FULL_FOR_COMMITTEE
    assert current.filter(role=Role.FOLLOW_UP).count() == len(cells)
    assert min(full[c] for c in cells) >= 3


def test_it_writes_valid_unique_identifiers(db: None) -> None:
    _generate(members=1200, cells=30, communes=1, seed=11)
    rows = list(Member.objects.values_list("citizen_id", "party_card_number", "date_of_birth", "gender"))
    ids = [r[0] for r in rows]
    cards = [r[1] for r in rows if r[1]]
    assert len(set(ids)) == len(ids) and len(set(cards)) == len(cards)
    assert all(not citizen_id_person_problems(cid, born, gender) for cid, _, born, gender in rows)
    assert all(m.search_key for m in Member.objects.all()[:50])


def test_it_writes_an_audit_row_per_member_and_organization(db: None) -> None:
    _generate(members=200, cells=10, communes=1)
    actions = Counter(AuditEntry.objects.values_list("action", flat=True))
    assert actions["member.create"] == 200
    assert actions["org.create"] == 12
    assert actions["position.assign"] == Position.objects.count()


class _Undo(Exception):
    pass


def _facts_for(seed: int) -> list[tuple]:
    """Generate a small data set, read its key facts, and roll it back."""
    facts: list[tuple] = []
    with pytest.raises(_Undo), transaction.atomic():
        generate_dataset(members=150, cells=10, communes=1, seed=seed)
        facts = list(
            Member.objects.order_by("citizen_id").values_list(
                "organization__code", "full_name", "citizen_id", "party_card_number", "date_of_birth"
            )
        )
        raise _Undo
    return facts


def test_it_gives_the_same_people_for_the_same_seed(db: None) -> None:
    first = _facts_for(5)
    assert len(first) == 150
    assert _facts_for(5) == first
    assert _facts_for(6) != first


def test_it_refuses_impossible_numbers_and_a_second_data_set(db: None) -> None:
    with pytest.raises(CommandError):
        _generate(members=20, cells=10)
    with pytest.raises(CommandError):
        _generate(members=100, cells=2, communes=3)
    _generate(members=30, cells=3, communes=1)
    with pytest.raises(CommandError):
        _generate(members=30, cells=3, communes=1)
    with pytest.raises(ValueError):
        check_numbers(30, 3, 1)
