"""The notice (TB) is numbered when sent and the guidance (HD) when published: never as drafts, no gaps, no twins."""

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from audit.models import AuditEntry
from core.testing import World, build_world
from documents.models import IssuedNumber
from guidance.actions import do_publish_guidance
from guidance.testing import make_guidance
from meetings.models import DocumentCounter, DocumentType
from preparation.actions import do_build_agenda, do_send_notice, do_update_meeting
from preparation.testing import notified_meeting, planned_meeting


def test_it_numbers_a_notice_when_it_is_sent_not_before(world: World) -> None:
    meeting = planned_meeting(world)
    do_build_agenda(world.sam, meeting)
    assert not IssuedNumber.objects.exists()
    notice = do_send_notice(world.sam, meeting)
    issued = IssuedNumber.objects.get()
    assert (issued.notice_round, issued.doc_type, issued.number, issued.symbol) == (notice, "TB", 1, "01-TB/CB")
    assert issued.issued_at == notice.sent_at
    row = AuditEntry.objects.get(action="document.number")
    assert row.actor == world.sam and row.after["symbol"] == "01-TB/CB" and row.organization == world.cell_a1


def test_it_gives_a_resent_notice_the_next_number_and_each_cell_its_own(world: World) -> None:
    meeting = notified_meeting(world)
    later = meeting.scheduled_at + dt.timedelta(hours=1)
    do_update_meeting(
        world.sam,
        meeting,
        version=meeting.version,
        kind=meeting.kind,
        month=meeting.month,
        scheduled_at=later,
        place=meeting.place,
    )
    do_send_notice(world.sam, meeting)
    assert list(IssuedNumber.objects.order_by("number").values_list("symbol", flat=True)) == ["01-TB/CB", "02-TB/CB"]
    other = planned_meeting(world, days_ahead=12, organization=world.cell_a2)
    do_build_agenda(world.sue, other)
    do_send_notice(world.sue, other)
    assert IssuedNumber.objects.get(organization=world.cell_a2).symbol == "01-TB/CB"


def test_a_refused_sending_takes_no_number(world: World) -> None:
    meeting = planned_meeting(world)  # no agenda yet: the notice is refused
    with pytest.raises(Exception, match="agenda|chương trình"):
        do_send_notice(world.sam, meeting)
    assert not IssuedNumber.objects.exists() and not DocumentCounter.objects.exists()


def test_it_gives_back_the_number_of_a_rolled_back_sending(world: World) -> None:
    meeting = planned_meeting(world)
    do_build_agenda(world.sam, meeting)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        do_send_notice(world.sam, meeting)
        raise Boom
    assert not IssuedNumber.objects.exists()
    do_send_notice(world.sam, meeting)
    assert IssuedNumber.objects.get().number == 1


def test_it_numbers_a_guidance_when_published_and_only_once(world: World) -> None:
    draft = make_guidance(world.commune_a, actor=world.olga, publish=False)
    assert not IssuedNumber.objects.exists()
    published = do_publish_guidance(world.olga, draft, version=draft.version)
    do_publish_guidance(world.olga, published, version=draft.version)  # a double submit
    issued = IssuedNumber.objects.get()
    assert (issued.guidance, issued.symbol) == (published, "01-HD/ĐU")
    assert issued.issued_at == published.published_at
    second = make_guidance(world.commune_a, actor=world.olga, month=dt.date(2027, 1, 1))
    assert IssuedNumber.objects.get(guidance=second).symbol == "02-HD/ĐU"
    # A later edit of the published guidance does not number it again.
    from guidance.actions import do_update_guidance

    second.refresh_from_db()
    do_update_guidance(world.olga, second, title="Sửa tiêu đề", summary="", conference=None, version=second.version)
    assert IssuedNumber.objects.count() == 2


# Concurrency: numbers are taken under a row lock, so this needs PostgreSQL.


def _at_once(jobs: list[Callable[[], Any]]) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as error:  # noqa: BLE001 (reported by the caller)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_it_never_gives_two_notices_sent_at_once_the_same_number() -> None:
    world = build_world()
    meetings = [planned_meeting(world, days_ahead=5 + 31 * k) for k in range(6)]
    for meeting in meetings:
        do_build_agenda(world.sam, meeting)
    errors = _at_once([lambda m=m: do_send_notice(world.sam, m) for m in meetings])
    assert not errors
    numbers = sorted(IssuedNumber.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert DocumentCounter.objects.get(doc_type=DocumentType.NOTICE).last_number == 6


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_it_never_gives_two_guidances_published_at_once_the_same_number() -> None:
    world = build_world()
    drafts = [
        make_guidance(world.commune_a, actor=world.olga, month=dt.date(2027, m, 1), publish=False) for m in range(1, 6)
    ]
    errors = _at_once([lambda g=g: do_publish_guidance(world.olga, g, version=g.version) for g in drafts])
    assert not errors
    assert sorted(IssuedNumber.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert DocumentCounter.objects.get(doc_type=DocumentType.GUIDANCE).last_number == 5


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_it_never_gives_two_reports_finalized_at_once_the_same_number() -> None:
    """The thematic report (BC) is numbered by the thematic app through the same counter; checked here too."""
    from meetings.models import MeetingStatus
    from thematic.actions import do_finalize_report
    from thematic.models import ThematicReport
    from thematic.testing import thematic_meeting

    world = build_world()
    today = timezone.localdate()
    reports = []
    for k in range(5):
        meeting = thematic_meeting(world.cell_a1, day=today - dt.timedelta(days=1 + 31 * k), status=MeetingStatus.HELD)
        reports.append(
            ThematicReport.objects.create(
                meeting=meeting, title=f"Chuyên đề {k}", body="Nội dung chuyên đề.", status="discussed"
            )
        )
    errors = _at_once([lambda r=r: do_finalize_report(world.sam, r, version=r.version) for r in reports])
    assert not errors
    assert sorted(ThematicReport.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert DocumentCounter.objects.get(doc_type=DocumentType.REPORT).last_number == 5


def test_it_numbers_guidance_written_in_bulk_in_the_order_it_was_published(world: World) -> None:
    from guidance.models import Guidance, GuidanceStatus

    rows = [
        Guidance(
            organization=world.commune_a,
            month=dt.date(2026, m, 1),
            title=f"Định hướng tháng {m}",
            status=GuidanceStatus.PUBLISHED,
            published_at=timezone.make_aware(dt.datetime(2026, m - 1, 25, 9)),
        )
        for m in (4, 2, 3)
    ]
    Guidance.objects.bulk_create(rows)  # no post_save, as in the demo's history
    draft = make_guidance(world.commune_a, actor=world.olga, publish=False)
    from documents.numbering import number_published_guidance

    assert number_published_guidance(world.commune_a) == 3
    numbered = IssuedNumber.objects.order_by("number").values_list("guidance__month__month", "symbol")
    assert list(numbered) == [(2, "01-HD/ĐU"), (3, "02-HD/ĐU"), (4, "03-HD/ĐU")]
    assert number_published_guidance(world.commune_a) == 0 and not IssuedNumber.objects.filter(guidance=draft).exists()
