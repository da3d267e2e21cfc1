"""The demo's thematic year: every cell's 2026 plan, linked to the history's thematic meetings, and final reports."""

import hashlib
import io
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction

from audit.models import AuditEntry
from demo.commune import TAM_NONG_CODE
from meetings.models import Attendance, DocumentCounter, MeetingStatus
from orgs.models import Organization, OrgKind
from thematic import demo
from thematic.compliance import THEMATIC_KINDS, compliance_for, quarter_of
from thematic.models import PlannedTopic, PlanStatus, ReportStatus, ThematicPlan, ThematicReport

pytestmark = pytest.mark.slow

# The digest of the thematic year (see the last test); the same on SQLite and PostgreSQL.
EXPECTED_FINGERPRINT = "dfe0b4a8d4b76b4351faaf7431ebed648d812acc9599687d4216d08dbec1b1ff"


@pytest.fixture(scope="module")
def tam_nong(django_db_setup: None, django_db_blocker) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """The demo with its thematic year, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            commune = Organization.objects.get(code=TAM_NONG_CODE)
            if not ThematicPlan.objects.exists():  # unless load_demo already wrote it
                demo.build_history(commune)
            yield commune.pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _cells(commune_id: int) -> list[Organization]:
    commune = Organization.objects.get(pk=commune_id)
    cells = Organization.objects.filter(path__startswith=commune.path, kind=OrgKind.CELL, dissolved_on__isnull=True)
    return list(cells)


def test_every_cell_has_an_approved_plan_of_four_topics(db: None, tam_nong: int) -> None:
    cells = _cells(tam_nong)
    assert len(cells) == 71
    plans = ThematicPlan.objects.filter(organization__in=cells, year=demo.YEAR)
    assert plans.count() == 71 and set(plans.values_list("status", flat=True)) == {PlanStatus.APPROVED}
    per_quarter = Counter(PlannedTopic.objects.filter(plan__in=plans).values_list("plan_id", "quarter"))
    assert len(per_quarter) == 71 * 4 and set(per_quarter.values()) == {1}
    assert not PlannedTopic.objects.filter(plan__in=plans, drafter__isnull=True).exists()
    assert AuditEntry.objects.filter(action="thematic.plan_approve").count() == 71


def test_topics_are_linked_to_the_quarters_thematic_meetings(db: None, tam_nong: int) -> None:
    topics = list(PlannedTopic.objects.filter(plan__year=demo.YEAR).select_related("meeting", "plan", "drafter"))
    linked = [t for t in topics if t.meeting is not None]
    # The history holds a thematic meeting in every cell and quarter of 2026 (October-November for the last).
    assert len(linked) == 71 * 4
    for topic in linked:
        meeting = topic.meeting
        assert meeting.organization_id == topic.plan.organization_id and meeting.kind in THEMATIC_KINDS
        assert quarter_of(meeting.month) == topic.quarter and meeting.month.year == demo.YEAR
        assert topic.topic == meeting.topic and topic.month == meeting.month
        assert topic.drafter.organization_id == topic.plan.organization_id


def test_held_meetings_have_numbered_final_reports_sent_to_the_roll(db: None, tam_nong: int) -> None:
    reports = list(ThematicReport.objects.select_related("meeting"))
    held = PlannedTopic.objects.filter(plan__year=demo.YEAR, meeting__status=MeetingStatus.HELD).count()
    assert len(reports) == held > 0
    assert {r.status for r in reports} == {ReportStatus.FINAL}
    by_cell: dict[int, list[int]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: (r.finalized_at, r.pk)):
        assert report.discussed_at == report.meeting.ended_at < report.finalized_at
        assert report.shared_at < report.meeting.scheduled_at
        assert report.symbol == f"{report.number:02d}-BC/CB"
        by_cell[report.meeting.organization_id].append(report.number)
    # The demo's cell terms (2025-2027) cover the whole year: one run of numbers per cell, without gaps.
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in by_cell.values())
    counters = dict(DocumentCounter.objects.filter(doc_type="BC").values_list("organization_id", "last_number"))
    assert counters == {cell: len(numbers) for cell, numbers in by_cell.items()}
    sample = reports[0]
    roll = set(Attendance.objects.filter(meeting=sample.meeting).values_list("member_id", flat=True))
    assert set(sample.recipients.values_list("member_id", flat=True)) == roll


def test_the_commune_meets_the_rule_every_quarter_so_far(db: None, tam_nong: int) -> None:
    import datetime as dt

    cells = _cells(tam_nong)
    result = compliance_for(cells, demo.YEAR, today=dt.date(2026, 11, 30))
    assert all(q.ok and q.held == 1 and q.planned == 1 for quarters in result.values() for q in quarters)


def test_it_writes_the_same_year_every_time(db: None, tam_nong: int) -> None:
    """A digest of what was written, without database ids: loads on SQLite and PostgreSQL compare equal."""
    digest = hashlib.sha256()
    for row in PlannedTopic.objects.order_by("plan__organization__code", "quarter").values_list(
        "plan__organization__code", "quarter", "month", "topic", "drafter__citizen_id", "meeting__month"
    ):
        digest.update(repr(row).encode())
    for row in ThematicReport.objects.order_by("meeting__organization__code", "meeting__month").values_list(
        "meeting__organization__code", "symbol", "body", "revision_notes", "finalized_at"
    ):
        digest.update(repr(row).encode())
    assert digest.hexdigest() == EXPECTED_FINGERPRINT
    # Planning again from the same database and seed draws the same plans and texts.
    facts = demo._read(Organization.objects.get(pk=tam_nong))
    again = [(t.quarter, t.topic, t.drafter_id) for t in demo._plans(facts)[1]]
    assert again == [
        (t.quarter, t.topic, t.drafter_id)
        for t in PlannedTopic.objects.filter(plan__year=demo.YEAR).order_by("plan__organization__code", "quarter")
    ]
