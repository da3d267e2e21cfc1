"""Documents and the templates page read a fixed number of rows whatever the size of what they show."""

import datetime as dt

from django.urls import reverse

from core.testing import World
from documents.testing import adopted_records, upload_template
from documents.tests.test_templates import edited
from guidance.actions import do_add_item
from guidance.models import ItemKind
from guidance.testing import make_guidance
from meetings.models import AgendaItem, StepKind
from preparation.testing import notified_meeting


def count(client, url: str, django_assert_num_queries, expected: int | None = None) -> int:  # type: ignore[no-untyped-def]
    client.get(url)  # warm the session and the scope
    with django_assert_num_queries(expected) if expected is not None else _counting() as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries) if expected is None else expected


def _counting():  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    return CaptureQueriesContext(connection)


def test_a_resolution_takes_the_same_queries_with_2_or_20_tasks(
    world: World, client_for, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("alice")
    _m, small = adopted_records(world, day=dt.date(2026, 9, 10), tasks=2)
    _m, large = adopted_records(world, day=dt.date(2026, 10, 10), tasks=20)
    for fmt in ("docx", "pdf"):
        first = count(client, reverse("documents:resolution", args=[small.meeting_id, fmt]), django_assert_num_queries)
        count(client, reverse("documents:resolution", args=[large.meeting_id, fmt]), django_assert_num_queries, first)


def test_the_agenda_and_notice_take_the_same_queries_whatever_the_number_of_items(
    world: World, client_for, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("sam")
    small = notified_meeting(world)
    large = notified_meeting(world, days_ahead=40)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=large, order=100 + n, part="proceedings", kind=StepKind.OTHER, title=f"Việc {n}")
        for n in range(20)
    )
    for name in ("agenda", "notice"):
        first = count(client, reverse(f"documents:{name}", args=[small.pk, "docx"]), django_assert_num_queries)
        count(client, reverse(f"documents:{name}", args=[large.pk, "docx"]), django_assert_num_queries, first)


def test_the_guidance_takes_the_same_queries_with_3_or_18_points(
    world: World, client_for, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("olga")
    small = make_guidance(world.commune_a, actor=world.olga)
    large = make_guidance(world.commune_a, actor=world.olga, month=dt.date(2027, 1, 1), publish=False)
    for n in range(15):
        large.refresh_from_db()
        do_add_item(
            world.olga, large, version=large.version, kind=ItemKind.KEY_TASK, title=f"Việc {n}", body="Nội dung"
        )
    for name, args in (("guidance", []), ("guidance_cell", [world.cell_a1.pk])):
        if name == "guidance_cell":
            from guidance.actions import do_publish_guidance

            large.refresh_from_db()
            do_publish_guidance(world.olga, large, version=large.version)
        first = count(client, reverse(f"documents:{name}", args=[small.pk, *args, "docx"]), django_assert_num_queries)
        count(client, reverse(f"documents:{name}", args=[large.pk, *args, "docx"]), django_assert_num_queries, first)


def test_the_templates_page_takes_the_same_queries_with_1_or_6_versions(
    world: World, client_for, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("olga")
    url = reverse("documents:templates", args=[world.commune_a.pk])
    upload_template(world, "minutes", edited())
    first = count(client, url, django_assert_num_queries)
    for n in range(5):
        upload_template(
            world, "resolution" if n % 2 else "notice", edited("resolution" if n % 2 else "notice", add=f"Bản {n}")
        )
    count(client, url, django_assert_num_queries, first)
