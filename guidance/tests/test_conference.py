"""The commune office records its monthly expanded conference."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import World
from guidance.actions import do_record_conference
from guidance.models import Conference
from guidance.tests.conftest import client_for

pytestmark = pytest.mark.django_db

FORM = {
    "held_on": "2026-11-25",
    "attendees": "Ban Chấp hành Đảng bộ xã\nBí thư các chi bộ",
    "conclusions": "Tập trung thu hoạch vụ đông.",
}


def test_it_records_a_conference_and_audits_it(world: World) -> None:
    response = client_for(world, "olga").post(reverse("guidance:conference_create", args=[world.commune_a.pk]), FORM)
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert conference.organization == world.commune_a and conference.held_on == dt.date(2026, 11, 25)
    assert conference.created_by == world.olga
    entry = AuditEntry.objects.get(action="guidance.conference_record")
    assert entry.after["conclusions"] == "Tập trung thu hoạch vụ đông." and entry.org_path == world.commune_a.path
    page = client_for(world, "rita").get(reverse("guidance:list", args=[world.commune_a.pk])).content.decode()
    assert "Tập trung thu hoạch vụ đông." in page


def test_it_refuses_the_same_day_twice_so_a_double_submit_adds_nothing(world: World) -> None:
    client = client_for(world, "olga")
    url = reverse("guidance:conference_create", args=[world.commune_a.pk])
    client.post(url, FORM)
    response = client.post(url, FORM)
    assert response.status_code == 200
    assert "đã được ghi nhận" in response.content.decode()
    assert Conference.objects.count() == 1


def test_it_refuses_a_future_date_and_an_impossible_date(world: World) -> None:
    client = client_for(world, "olga")
    url = reverse("guidance:conference_create", args=[world.commune_a.pk])
    for held_on in ("2999-01-01", "31/02/2026"):
        response = client.post(url, FORM | {"held_on": held_on})
        assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not Conference.objects.exists()


def test_it_edits_a_conference_with_before_and_after(world: World) -> None:
    conference = do_record_conference(
        world.olga, world.commune_a, held_on=dt.date(2026, 11, 25), attendees="A", conclusions="B"
    )
    url = reverse("guidance:conference_edit", args=[conference.pk])
    client_for(world, "olga").post(url, FORM | {"conclusions": "Kết luận mới"})
    conference.refresh_from_db()
    assert conference.conclusions == "Kết luận mới"
    entry = AuditEntry.objects.get(action="guidance.conference_update")
    assert entry.before["conclusions"] == "B" and entry.after["conclusions"] == "Kết luận mới"


def test_it_lets_only_the_commune_office_write(world: World) -> None:
    url = reverse("guidance:conference_create", args=[world.commune_a.pk])
    for who in ("rita", "oscar", "sam", "alice"):
        assert client_for(world, who).post(url, FORM).status_code in (403, 404)
    assert not Conference.objects.exists()
    with pytest.raises(ValidationError):
        do_record_conference(world.olga, world.commune_a, held_on=dt.date(2026, 11, 25), attendees="A", conclusions="B")
        do_record_conference(world.olga, world.commune_a, held_on=dt.date(2026, 11, 25), attendees="A", conclusions="B")
