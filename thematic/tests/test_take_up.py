"""Planning a thematic meeting offers the plan's topics and links the one chosen to the meeting."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.dates import today
from core.testing import World
from meetings.models import Meeting, MeetingKind, MeetingStatus
from members.tests.helpers import client_for
from thematic.actions import do_take_up_topic
from thematic.compliance import quarter_bounds, quarter_of
from thematic.models import PlannedTopic
from thematic.testing import plan_for, thematic_meeting

pytestmark = pytest.mark.django_db


def _day() -> dt.date:
    """Ten days ahead, as the preparation tests plan their meetings."""
    return today() + dt.timedelta(days=10)


def _topic(world: World) -> PlannedTopic:
    day = _day()
    plan = plan_for(world, year=day.year)
    return plan.topics.get(quarter=quarter_of(day))


def _data(planned: PlannedTopic | None, **overrides: str) -> dict[str, str]:
    day = _day()
    data = {
        "kind": MeetingKind.REGULAR_THEMATIC,
        "month": day.strftime("%Y-%m"),
        "day": day.isoformat(),
        "time": "19:30",
        "place": "Nhà văn hóa khu 1",
        "topic": "",
        "title": "",
        "planned_topic": str(planned.pk) if planned else "",
    }
    data.update(overrides)
    return data


def _create(world: World, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return client_for(world.sam).post(reverse("preparation:create", args=[world.cell_a1.pk]), data)


def test_it_offers_the_plans_topics_and_fills_the_form_from_one(world: World) -> None:
    topic = _topic(world)
    url = reverse("preparation:create", args=[world.cell_a1.pk])
    form = client_for(world.sam).get(url).context["form"]
    offered = list(form.fields["planned_topic"].queryset)
    assert topic in offered and len(offered) == 4
    form = client_for(world.sam).get(url + f"?planned={topic.pk}").context["form"]
    assert form.initial["planned_topic"] == topic.pk and form.initial["topic"] == topic.topic
    assert form.initial["kind"] == MeetingKind.REGULAR_THEMATIC
    # Without a plan the form is as it always was.
    other = client_for(world.sue).get(reverse("preparation:create", args=[world.cell_a2.pk])).context["form"]
    assert "planned_topic" not in other.fields


def test_it_links_the_chosen_topic_to_the_new_meeting(world: World) -> None:
    topic = _topic(world)
    response = _create(world, _data(topic))
    assert response.status_code == 302
    meeting = Meeting.objects.get(organization=world.cell_a1)
    topic.refresh_from_db()
    assert topic.meeting == meeting and meeting.topic == topic.topic  # the empty topic came from the plan
    assert AuditEntry.objects.filter(action="thematic.topic_link", object_id=str(topic.pk)).count() == 1
    # Taken up: no longer offered for another meeting, still offered when editing this one.
    new_form = client_for(world.sam).get(reverse("preparation:create", args=[world.cell_a1.pk])).context["form"]
    assert topic not in new_form.fields["planned_topic"].queryset
    edit_form = client_for(world.sam).get(reverse("preparation:edit", args=[meeting.pk])).context["form"]
    assert edit_form.initial["planned_topic"] == topic.pk


def test_it_plans_nothing_when_the_topic_does_not_fit(world: World) -> None:
    topic = _topic(world)
    other_quarter = (topic.plan.topics.exclude(pk=topic.pk)).first()
    assert other_quarter is not None
    for data in (_data(other_quarter), _data(topic, kind=MeetingKind.REGULAR)):
        response = _create(world, data)
        assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Meeting.objects.filter(organization=world.cell_a1).exists()
    assert not PlannedTopic.objects.filter(meeting__isnull=False).exists()


def test_clearing_the_choice_releases_the_topic(world: World) -> None:
    topic = _topic(world)
    _create(world, _data(topic, topic="Chủ đề riêng"))
    meeting = Meeting.objects.get(organization=world.cell_a1)
    assert meeting.topic == "Chủ đề riêng"
    data = _data(None, topic="Chủ đề riêng", version=str(meeting.version))
    client_for(world.sam).post(reverse("preparation:edit", args=[meeting.pk]), data)
    topic.refresh_from_db()
    assert topic.meeting is None
    assert AuditEntry.objects.filter(action="thematic.topic_unlink").count() == 1


def test_a_cancelled_meetings_topic_is_offered_again(world: World) -> None:
    topic = _topic(world)
    first = thematic_meeting(world.cell_a1, day=_day(), topic=topic.topic)
    do_take_up_topic(world.sam, first, topic)
    second = thematic_meeting(world.cell_a1, day=_day() + dt.timedelta(days=1), topic=topic.topic)
    with pytest.raises(Exception, match="đã|already"):
        do_take_up_topic(world.sam, second, topic)
    first.status = MeetingStatus.CANCELLED
    first.save()
    do_take_up_topic(world.sam, second, topic)
    topic.refresh_from_db()
    assert topic.meeting == second


def test_the_office_links_a_meeting_planned_before_the_plan(world: World) -> None:
    day = today()
    meeting = thematic_meeting(world.cell_a1, day=day, status=MeetingStatus.HELD)
    topic = plan_for(world, year=day.year).topics.get(quarter=quarter_of(day))
    url = reverse("thematic:topic_link", args=[topic.pk])
    for who in (world.alice, world.rita):
        assert client_for(who).post(url, {"meeting": meeting.pk}).status_code == 403
    assert client_for(world.sue).post(url, {"meeting": meeting.pk}).status_code == 403
    form = client_for(world.olga).get(url).context["form"]
    assert list(form.fields["meeting"].queryset) == [meeting]
    client_for(world.olga).post(url, {"meeting": meeting.pk})
    topic.refresh_from_db()
    assert topic.meeting == meeting
    client_for(world.olga).post(url, {"meeting": ""})
    topic.refresh_from_db()
    assert topic.meeting is None


def test_only_meetings_of_the_topics_quarter_are_offered(world: World) -> None:
    day = today()
    topic = plan_for(world, year=day.year).topics.get(quarter=quarter_of(day))
    first, _last = quarter_bounds(day.year, topic.quarter)
    thematic_meeting(world.cell_a1, day=first - dt.timedelta(days=5))
    thematic_meeting(world.cell_a2, day=first + dt.timedelta(days=5))
    form = client_for(world.sam).get(reverse("thematic:topic_link", args=[topic.pk])).context["form"]
    assert not form.fields["meeting"].queryset.exists()
