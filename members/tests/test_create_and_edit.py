"""Creating a record and correcting it: rights both ways, validation, stale edits, double submits."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World, make_member
from members.actions import StaleEdit, do_update_member
from members.models import Member
from members.tests.helpers import cccd_for, client_for, form_data, new_member_data

pytestmark = pytest.mark.django_db


def _alice(world: World) -> Member:
    return Member.objects.get(pk=world.alice.member_id)


def test_it_lets_a_secretary_add_a_member_to_their_cell(world: World) -> None:
    response = client_for(world.sam).post(reverse("members:create"), new_member_data(world.cell_a1.pk))
    member = Member.objects.get(full_name="Ngô Thị Hạnh")
    assert response.status_code == 302 and response["Location"] == reverse("members:detail", args=[member.pk])
    assert member.organization == world.cell_a1
    assert member.phone == "0987654321"  # spaces dropped
    assert member.search_key.startswith("ngo thi hanh")
    entry = AuditEntry.objects.get(action="member.create", object_id=str(member.pk))
    assert entry.actor == world.sam and entry.after["full_name"] == "Ngô Thị Hạnh"


def test_it_offers_only_the_cells_the_user_manages(world: World) -> None:
    html = client_for(world.sam).get(reverse("members:create")).content.decode()
    assert "Chi bộ Khu 1" in html and "Chi bộ Khu 2" not in html
    html = client_for(world.olga).get(reverse("members:create")).content.decode()
    assert "Chi bộ Khu 1" in html and "Chi bộ Khu 2" in html and "Chi bộ Khu Đồng" not in html


def test_it_refuses_a_member_in_a_cell_the_user_does_not_manage(world: World) -> None:
    response = client_for(world.sue).post(reverse("members:create"), new_member_data(world.cell_a1.pk))
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Ngô Thị Hạnh").exists()


@pytest.mark.parametrize("who", ["alice", "rita"])
def test_it_refuses_the_new_member_page_to_those_who_manage_no_cell(world: World, who: str) -> None:
    client = client_for(getattr(world, who))
    assert client.get(reverse("members:create")).status_code == 403
    assert client.post(reverse("members:create"), new_member_data(world.cell_a1.pk)).status_code == 403
    assert not Member.objects.filter(full_name="Ngô Thị Hạnh").exists()


def test_it_does_not_create_two_members_when_the_form_is_sent_twice(world: World) -> None:
    client = client_for(world.sam)
    data = new_member_data(world.cell_a1.pk)
    first = client.post(reverse("members:create"), data)
    second = client.post(reverse("members:create"), data)
    member = Member.objects.get(full_name="Ngô Thị Hạnh")
    assert first["Location"] == second["Location"] == reverse("members:detail", args=[member.pk])
    assert AuditEntry.objects.filter(action="member.create", object_id=str(member.pk)).count() == 1


def test_it_names_the_existing_record_when_someone_else_enters_the_same_person(world: World) -> None:
    data = new_member_data(world.cell_a1.pk)
    client_for(world.sam).post(reverse("members:create"), data)
    data["citizen_id"] = ""  # so that only the name and date of birth match
    response = client_for(world.olga).post(reverse("members:create"), data)
    assert response.status_code == 200
    assert "Ngô Thị Hạnh" in str(response.context["form"].non_field_errors())
    assert Member.objects.filter(full_name="Ngô Thị Hạnh").count() == 1


def test_it_explains_what_is_wrong_with_each_field(world: World) -> None:
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    data = new_member_data(
        world.cell_a1.pk,
        citizen_id="12345",
        phone="12345",
        date_of_birth="2010-01-01",
        admitted_on=future,
        full_member_on="",
        category="full",
    )
    response = client_for(world.sam).post(reverse("members:create"), data)
    errors = response.context["form"].errors
    assert set(errors) >= {"citizen_id", "phone", "admitted_on"}
    assert "12" in errors["citizen_id"][0]
    assert not Member.objects.filter(full_name="Ngô Thị Hạnh").exists()


def test_it_checks_the_citizen_id_against_gender_and_date_of_birth(world: World) -> None:
    data = new_member_data(world.cell_a1.pk, citizen_id=cccd_for("male", dt.date(1985, 4, 12)))
    response = client_for(world.sam).post(reverse("members:create"), data)
    assert "citizen_id" in response.context["form"].errors
    data = new_member_data(world.cell_a1.pk, citizen_id=cccd_for("female", dt.date(1986, 4, 12)))
    response = client_for(world.sam).post(reverse("members:create"), data)
    assert "citizen_id" in response.context["form"].errors


def test_it_refuses_someone_under_18_at_admission(world: World) -> None:
    born = dt.date(2000, 6, 15)
    data = new_member_data(
        world.cell_a1.pk,
        date_of_birth=born.isoformat(),
        citizen_id=cccd_for("female", born),
        admitted_on="2018-06-01",
        category="probationary",
        full_member_on="",
    )
    response = client_for(world.sam).post(reverse("members:create"), data)
    assert "admitted_on" in response.context["form"].errors


def test_it_saves_an_unusual_probation_with_a_warning(world: World) -> None:
    data = new_member_data(world.cell_a1.pk, admitted_on="2015-05-19", full_member_on="2015-11-19")
    response = client_for(world.sam).post(reverse("members:create"), data, follow=True)
    assert Member.objects.filter(full_name="Ngô Thị Hạnh").exists()
    levels = [m.level_tag for m in response.context["messages"]]
    assert "warning" in levels


def test_it_names_who_already_has_a_number_when_the_user_may_see_them(world: World) -> None:
    alice = _alice(world)
    data = new_member_data(world.cell_a1.pk, party_card_number=alice.party_card_number)
    errors = client_for(world.sam).post(reverse("members:create"), data).context["form"].errors
    assert "Nguyễn Thị Lan" in errors["party_card_number"][0]
    # Sue may not see alice: she learns the number is taken, not by whom.
    data = new_member_data(world.cell_a2.pk, party_card_number=alice.party_card_number)
    errors = client_for(world.sue).post(reverse("members:create"), data).context["form"].errors
    assert "party_card_number" in errors and "Nguyễn Thị Lan" not in errors["party_card_number"][0]


def test_it_refuses_a_citizen_id_already_recorded(world: World) -> None:
    born = dt.date(1985, 4, 12)
    cccd = cccd_for("female", born)
    make_member(world.cell_a2, "Lê Thị Hồng", gender="female", date_of_birth=born, citizen_id=cccd)
    errors = client_for(world.olga).post(reverse("members:create"), new_member_data(world.cell_a1.pk, citizen_id=cccd))
    assert "Lê Thị Hồng" in errors.context["form"].errors["citizen_id"][0]


@pytest.mark.parametrize("who", ["sam", "olga"])
def test_it_lets_those_who_manage_alice_correct_her_record(world: World, who: str) -> None:
    alice = _alice(world)
    data = form_data(alice, residence="Khu 1, Hương Nộn", phone="0912 000 009")
    response = client_for(getattr(world, who)).post(reverse("members:edit", args=[alice.pk]), data)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.residence == "Khu 1, Hương Nộn" and alice.phone == "0912000009" and alice.version == 2
    entry = AuditEntry.objects.get(action="member.update", object_id=str(alice.pk))
    assert set(entry.after) == {"residence", "phone"}


@pytest.mark.parametrize("who", ["alice", "sue", "rita", "oscar"])
def test_it_refuses_corrections_from_anyone_else(world: World, who: str) -> None:
    alice = _alice(world)
    client = client_for(getattr(world, who))
    assert client.get(reverse("members:edit", args=[alice.pk])).status_code == 403
    response = client.post(reverse("members:edit", args=[alice.pk]), form_data(alice, residence="Hà Nội"))
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.residence == "" and alice.version == 1


def test_it_refuses_a_stale_edit_and_changes_nothing(world: World) -> None:
    alice = _alice(world)
    opened = form_data(alice, residence="Khu 3")
    do_update_member(world.olga, alice, expected_version=1, occupation="Nông dân")
    response = client_for(world.sam).post(reverse("members:edit", args=[alice.pk]), opened)
    assert response.status_code == 409
    assert response.context["stale"]
    alice.refresh_from_db()
    assert alice.residence == "" and alice.occupation == "Nông dân" and alice.version == 2


def test_it_raises_stale_edit_in_the_action(world: World) -> None:
    alice = _alice(world)
    do_update_member(world.sam, alice, expected_version=1, occupation="Nông dân")
    with pytest.raises(StaleEdit):
        do_update_member(world.olga, alice, expected_version=1, occupation="Giáo viên")


def test_it_lets_an_old_inconsistent_citizen_id_through_with_a_warning(world: World) -> None:
    """A record imported long ago whose citizen ID does not match the person: a phone correction must still save."""
    Member.objects.filter(pk=world.alice.member_id).update(citizen_id="025093000001")  # a man born in 1993
    alice = _alice(world)
    response = client_for(world.sam).post(
        reverse("members:edit", args=[alice.pk]), form_data(alice, phone="0912000010"), follow=True
    )
    alice.refresh_from_db()
    assert alice.phone == "0912000010"
    assert "warning" in [m.level_tag for m in response.context["messages"]]
    # Changing the date of birth has to agree with the citizen ID, though.
    response = client_for(world.sam).post(
        reverse("members:edit", args=[alice.pk]), form_data(alice, date_of_birth="1971-05-17")
    )
    assert "citizen_id" in response.context["form"].errors


def test_it_keeps_a_members_own_record_readable_but_not_editable(world: World) -> None:
    client = client_for(world.alice)
    alice = _alice(world)
    html = client.get(reverse("members:detail", args=[alice.pk])).content.decode()
    assert "Nguyễn Thị Lan" in html
    assert reverse("members:edit", args=[alice.pk]) not in html
    sam_record = world.sam.member_id
    assert client.get(reverse("members:detail", args=[sam_record])).status_code == 403


def test_it_shows_the_reader_the_record_without_buttons(world: World) -> None:
    alice = _alice(world)
    html = client_for(world.rita).get(reverse("members:detail", args=[alice.pk])).content.decode()
    assert "Nguyễn Thị Lan" in html and reverse("members:edit", args=[alice.pk]) not in html
    html = client_for(world.sam).get(reverse("members:detail", args=[alice.pk])).content.decode()
    assert reverse("members:edit", args=[alice.pk]) in html


def test_it_takes_a_correction_sent_twice_as_saved_once(world: World) -> None:
    alice = _alice(world)
    client = client_for(world.sam)
    data = form_data(alice, residence="Khu 5")
    assert client.post(reverse("members:edit", args=[alice.pk]), data).status_code == 302
    second = client.post(reverse("members:edit", args=[alice.pk]), data)
    assert second.status_code == 302
    alice.refresh_from_db()
    assert alice.residence == "Khu 5" and alice.version == 2
    assert AuditEntry.objects.filter(action="member.update", object_id=str(alice.pk)).count() == 1
