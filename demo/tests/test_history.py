"""The demo's year of meetings: one per cell and month, consistent rolls, votes, numbers and seals."""

import datetime as dt
from collections import Counter, defaultdict

import pytest

from audit.models import AuditEntry
from demo.commune import TAM_NONG_CODE
from demo.history import history_fingerprint
from demo.history_plan import FIRST_MONTH, MONTHS, plan_history, read_facts
from guidance.models import Guidance
from meetings.models import (
    Attendance,
    AttendanceStatus,
    DocumentCounter,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    RecordStatus,
    Resolution,
    ResolutionTask,
    TaskStatus,
    Vote,
)
from meetings.voting import judge, may_vote
from orgs.models import Organization, OrgKind
from overview.queries import month_grid
from records.sealing import verify_chain

# The digest of the history (see demo.history.history_fingerprint); the same on SQLite and PostgreSQL.
EXPECTED_FINGERPRINT = "ada6e20953c9496042365f7ab3b01a483a6c527c026d66186c218b12882c7658"

pytestmark = pytest.mark.usefixtures("demo")


def _tam_nong() -> Organization:
    return Organization.objects.get(code=TAM_NONG_CODE)


def test_it_holds_one_regular_meeting_per_cell_and_month(db: None) -> None:
    cells = Organization.objects.filter(parent=_tam_nong(), kind=OrgKind.CELL)
    assert cells.count() == 71
    meetings = Meeting.objects.filter(organization__in=cells)
    assert meetings.count() == 71 * MONTHS
    per_slot = Counter(meetings.values_list("organization_id", "month"))
    assert set(per_slot.values()) == {1}
    assert {m for _, m in per_slot} == {dt.date(2025 + (11 + k) // 12, (11 + k) % 12 + 1, 1) for k in range(MONTHS)}
    assert min(m for _, m in per_slot) == FIRST_MONTH
    assert set(meetings.values_list("status", flat=True)) == {MeetingStatus.HELD}
    # Once a quarter a thematic topic: five quarters from December 2025 to November 2026.
    thematic = Counter(meetings.filter(kind=MeetingKind.REGULAR_THEMATIC).values_list("organization_id", flat=True))
    assert len(thematic) == 71 and set(thematic.values()) == {5}
    assert Guidance.objects.filter(organization=_tam_nong(), status="published").count() == MONTHS


def test_it_draws_the_same_year_from_the_same_facts(db: None) -> None:
    facts = read_facts(_tam_nong())
    assert plan_history(facts) == plan_history(facts)
    assert plan_history(facts, seed=1) != plan_history(facts)


def test_it_loads_the_same_history_on_every_run(db: None) -> None:
    assert history_fingerprint() == EXPECTED_FINGERPRINT


def test_it_gives_every_held_meeting_a_recorded_roll(db: None) -> None:
    held = set(Meeting.objects.filter(status=MeetingStatus.HELD).values_list("pk", flat=True))
    with_roll = set(Attendance.objects.values_list("meeting_id", flat=True))
    assert held <= with_roll
    assert not Attendance.objects.filter(status=AttendanceStatus.EXPECTED).exists()
    statuses = Counter(Attendance.objects.values_list("status", flat=True))
    assert statuses[AttendanceStatus.PRESENT] > 0.85 * sum(statuses.values())
    assert 0 < statuses[AttendanceStatus.ABSENT_UNEXCUSED] < statuses[AttendanceStatus.ABSENT_EXCUSED]
    # Elderly exempt members mostly stay home, with the reason accepted.
    exempt = Counter(Attendance.objects.filter(exempt=True).values_list("status", flat=True))
    assert exempt[AttendanceStatus.ABSENT_EXCUSED] > exempt[AttendanceStatus.PRESENT] > 0


def test_it_records_votes_that_agree_with_the_roll(db: None) -> None:
    rolls = defaultdict(list)
    for row in Attendance.objects.all():
        rolls[row.meeting_id].append(row)
    votes = list(Vote.objects.all())
    assert len(votes) == 71 * MONTHS
    for vote in votes:
        roll = rolls[vote.meeting_id]
        assert vote.votes_for + vote.votes_against + vote.abstentions <= sum(1 for a in roll if may_vote(a))
        verdict = judge(roll, vote.votes_for, vote.votes_against, vote.abstentions)
        assert (vote.denominator, vote.passed, vote.explanation) == (
            verdict.denominator,
            verdict.passed,
            verdict.explanation,
        )
    adopted = set(Resolution.objects.filter(status=RecordStatus.ADOPTED).values_list("meeting_id", flat=True))
    assert adopted == {v.meeting_id for v in votes if v.passed}


def test_it_numbers_adopted_records_without_gaps_per_cell_term_and_type(db: None) -> None:
    from documents.models import IssuedNumber
    from thematic.models import ReportStatus, ThematicReport

    numbers = defaultdict(list)
    issued = [
        (Minutes.objects.filter(status=RecordStatus.ADOPTED), "BB"),
        (Resolution.objects.filter(status=RecordStatus.ADOPTED), "NQ"),
        (ThematicReport.objects.filter(status=ReportStatus.FINAL), "BC"),
    ]
    for rows, doc_type in issued:
        for org_id, number, symbol in rows.values_list("meeting__organization_id", "number", "symbol"):
            numbers[(org_id, doc_type)].append(number)
            assert symbol == f"{number:02d}-{doc_type}/CB"
    for org_id, doc_type, number in IssuedNumber.objects.values_list("organization_id", "doc_type", "number"):
        numbers[(org_id, doc_type)].append(number)
    counters = {(c.organization_id, c.doc_type): c for c in DocumentCounter.objects.all()}
    assert set(counters) == set(numbers)
    for key, issued in numbers.items():
        assert sorted(issued) == list(range(1, len(issued) + 1))
        assert counters[key].last_number == len(issued)
        assert counters[key].term is not None
    assert not Minutes.objects.exclude(status=RecordStatus.ADOPTED).exists()


def test_it_seals_and_audits_every_adopted_record(db: None) -> None:
    checked, problems = verify_chain()
    adopted = (
        Minutes.objects.filter(status=RecordStatus.ADOPTED).count()
        + Resolution.objects.filter(status=RecordStatus.ADOPTED).count()
    )
    assert checked == adopted and problems == []
    actions = Counter(AuditEntry.objects.values_list("action", flat=True))
    assert actions["minutes.adopt"] + actions["resolution.adopt"] == adopted


def test_it_follows_up_the_tasks(db: None) -> None:
    per_resolution = Counter(ResolutionTask.objects.values_list("resolution_id", flat=True))
    assert set(per_resolution.values()) <= {2, 3, 4}
    statuses = Counter(ResolutionTask.objects.values_list("status", flat=True))
    assert statuses[TaskStatus.DONE] > sum(statuses.values()) / 2
    overdue = ResolutionTask.objects.filter(
        due_on__lt=dt.date(2026, 11, 30), status__in=(TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
    )
    assert overdue.exists()


def test_it_gives_the_grid_history(db: None) -> None:
    tam_nong = _tam_nong()
    grid = month_grid(
        Organization.objects.all(), tam_nong, dt.date(2026, 6, 1), dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    )
    assert len(grid.rows) == 71
    assert [c.held for c in grid.columns] == [71] * 6
    slots = [slot for row in grid.rows for slot in row.slots]
    assert Counter(s.notice for s in slots)["late"] > 0
    assert Counter(s.preparation for s in slots)["done"] > 0.8 * len(slots)
    assert any(not s.duration_ok for s in slots) and any(s.tasks_overdue for s in slots)
