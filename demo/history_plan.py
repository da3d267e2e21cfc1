"""The plan of the demo's year of meetings, in memory: who was on each roll, what was said, what was decided.

Read from the database once (`read_facts`), then drawn with a seeded random
generator (`plan_history`), so the same database gives the same year on every
run. demo/history.py writes the plans.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from committees.models import OFFICER_ROLES, CommitteeTerm, Position, Role
from demo import history_texts as texts
from meetings.models import AttendanceStatus, MeetingKind, PrepTask, SpeechKind, TaskStatus
from meetings.voting import may_vote
from members.models import Category, Exemption, Member, TemporaryActivity, Transfer
from orgs.models import CellType, Organization, OrgKind

SEED = 1126
FIRST_MONTH = dt.date(2025, 12, 1)
MONTHS = 12
# The day the history describes: tasks due before it are done, dropped or overdue.
AS_OF = dt.date(2026, 11, 30)


def local_time(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass
class Person:
    """A member as the history needs them: when they were in which cell, and as what."""

    pk: int
    name: str
    cell_id: int
    admitted_on: dt.date
    full_on: dt.date | None
    left_on: dt.date | None
    born: dt.date
    # (from, to) periods of exemption and of activity elsewhere; `to` None while open.
    exempt: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    away: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    # A move between cells: (day, cell before).
    moved: tuple[dt.date, int] | None = None

    def cell_on(self, day: dt.date) -> int:
        return self.moved[1] if self.moved and day < self.moved[0] else self.cell_id

    def on_roll(self, day: dt.date) -> bool:
        return self.admitted_on <= day and (self.left_on is None or day < self.left_on)


def _during(periods: list[tuple[dt.date, dt.date | None]], day: dt.date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in periods)


@dataclass
class Facts:
    """What the history is built on, read from the database in a handful of queries."""

    commune: Organization
    cells: list[Organization]
    people: list[Person]
    officers: dict[int, dict[str, list[int]]]  # cell id -> role -> member ids
    follow_up: dict[int, list[int]]  # cell id -> member ids of the follow-up cadres
    terms: dict[int, list[CommitteeTerm]]
    users: dict[int, int]  # member id -> user id


def read_facts(commune: Organization) -> Facts:
    cells = list(Organization.objects.filter(parent=commune, kind=OrgKind.CELL).order_by("code"))
    ids = [c.pk for c in cells]
    exempt: dict[int, list] = defaultdict(list)
    for m, start, end in Exemption.objects.order_by("pk").values_list("member_id", "valid_from", "valid_to"):
        exempt[m].append((start, end))
    away: dict[int, list] = defaultdict(list)
    for m, start, end in TemporaryActivity.objects.order_by("pk").values_list("member_id", "valid_from", "valid_to"):
        away[m].append((start, end))
    moves = {
        m: (on, from_org)
        for m, on, from_org in Transfer.objects.filter(from_org__in=ids, to_org__in=ids).values_list(
            "member_id", "on", "from_org_id"
        )
    }
    rows = (
        Member.objects.filter(organization__in=ids)
        .order_by("organization__code", "full_name", "citizen_id")
        .values_list("pk", "full_name", "organization_id", "admitted_on", "full_member_on", "left_on", "date_of_birth")
    )
    people = [Person(*row, exempt=exempt[row[0]], away=away[row[0]], moved=moves.get(row[0])) for row in rows]
    officers: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    follow_up: dict[int, list[int]] = defaultdict(list)
    positions = Position.objects.filter(organization__in=ids, valid_to__isnull=True).order_by(
        "role", "member__full_name"
    )
    for org_id, member_id, role in positions.values_list("organization_id", "member_id", "role"):
        (follow_up[org_id] if role == Role.FOLLOW_UP else officers[org_id][role]).append(member_id)
    terms: dict[int, list[CommitteeTerm]] = defaultdict(list)
    for term in CommitteeTerm.objects.filter(organization__in=ids).order_by("starts_on"):
        terms[term.organization_id].append(term)
    from accounts.models import User

    users = dict(User.objects.filter(member__isnull=False).values_list("member_id", "pk"))
    return Facts(commune, cells, people, officers, follow_up, terms, users)


@dataclass
class RollLine:
    """One line of a meeting's roll; shaped like Attendance so that meetings.voting can judge it."""

    member_id: int
    category: str
    exempt: bool
    temporarily_away: bool
    status: str
    reason: str = ""
    reason_accepted: bool = False
    suspended: bool = False
    announced: bool = False


@dataclass
class MeetingPlan:
    cell: Organization
    month: dt.date
    kind: str
    topic: str
    scheduled_at: dt.datetime
    notice_sent_at: dt.datetime
    started_at: dt.datetime
    ended_at: dt.datetime
    chair: int
    minute_taker: int
    prepared: list[tuple[str, int, bool]]  # (task, member, done)
    prep_meeting: bool
    roll: list[RollLine]
    guest: bool
    speeches: list[tuple[str, int, str]]  # (kind, member, gist)
    opinion: tuple[int, str] | None
    vote: tuple[int, int, int]
    tasks: list[tuple[str, int | None, str, dt.date, str, dt.date | None]]  # what, member, text, due, status, done


def place_of(cell: Organization) -> str:
    if cell.cell_type == CellType.RESIDENTIAL:
        return f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}"
    return f"Phòng họp {cell.name.removeprefix('Chi bộ ')}"


def _roll(rng: random.Random, cell: Organization, people: list[Person], day: dt.date) -> list[RollLine]:
    lines = []
    for p in people:
        category = Category.FULL if p.full_on and p.full_on <= day else Category.PROBATIONARY
        exempt, away = _during(p.exempt, day), _during(p.away, day)
        line = RollLine(p.pk, category, exempt, away, AttendanceStatus.PRESENT)
        old = (day - p.born).days >= 75 * 365
        if away:
            line.status, line.reason, line.reason_accepted = AttendanceStatus.ABSENT_EXCUSED, texts.AWAY_REASON, True
        elif exempt:
            if rng.random() > 0.15:
                line.status, line.reason, line.reason_accepted = (
                    AttendanceStatus.ABSENT_EXCUSED,
                    texts.EXEMPT_REASON,
                    True,
                )
        elif rng.random() > (0.8 if old else 0.93):
            if rng.random() < 0.08:
                line.status = AttendanceStatus.ABSENT_UNEXCUSED
            else:
                on_duty = cell.cell_type in (CellType.POLICE, CellType.MILITARY)
                line.status = AttendanceStatus.ABSENT_EXCUSED
                line.reason = texts.ON_DUTY if on_duty else rng.choice(texts.ABSENCE_REASONS)
                line.reason_accepted = rng.random() < 0.9
                line.announced = rng.random() < 0.7
        lines.append(line)
    return lines


def _tasks(rng: random.Random, cell: Organization, month: dt.date, members: list[int]) -> list[tuple]:
    pool = texts.TASKS.get(cell.cell_type, []) + texts.TASKS[""]
    out = []
    for what in rng.sample(pool, rng.randint(2, 4)):
        member = rng.choice(members) if rng.random() < 0.6 else None
        who = "" if member else rng.choice(["Chi ủy", "Bí thư chi bộ", "Toàn thể đảng viên"])
        due = month + relativedelta(months=1) + dt.timedelta(days=rng.randint(5, 27))
        roll = rng.random()
        done: dt.date | None = None
        if due < AS_OF:
            status = TaskStatus.DONE if roll < 0.86 else TaskStatus.DROPPED if roll < 0.89 else TaskStatus.IN_PROGRESS
            if status == TaskStatus.DONE:
                done = due - dt.timedelta(days=rng.randint(-4, 12))
        else:
            status = TaskStatus.DONE if roll < 0.2 else TaskStatus.IN_PROGRESS if roll < 0.7 else TaskStatus.OPEN
            if status == TaskStatus.DONE:
                done = AS_OF - dt.timedelta(days=rng.randint(1, 10))
        out.append((what, member, who, due, status, done))
    return out


def _meeting(
    rng: random.Random, facts: Facts, cell: Organization, month: dt.date, kind: str, topic: str, people: list[Person]
) -> MeetingPlan:  # noqa: E501
    day = month.replace(day=min(28, rng.choice((5, 6, 8, 10, 12, 15)) + rng.randint(0, 2)))
    hour, minute = (19, 30) if cell.cell_type == CellType.RESIDENTIAL else rng.choice([(14, 0), (16, 30)])
    scheduled = local_time(day, hour, minute)
    late = rng.random() < 0.07
    notice = (
        local_time(day, 7, 30) if late else local_time(day - dt.timedelta(days=rng.randint(2, 5)), rng.randint(8, 20))
    )
    started = scheduled + dt.timedelta(minutes=rng.randint(0, 10))
    floor = 120 if kind == MeetingKind.REGULAR_THEMATIC else 90
    minutes = rng.randint(floor - 25, floor - 5) if rng.random() < 0.08 else rng.randint(floor, floor + 35)
    roster = [p for p in people if p.on_roll(day) and p.cell_on(day) == cell.pk]
    roll = _roll(rng, cell, roster, day)
    officers = facts.officers[cell.pk]
    secretary = (officers.get(Role.SECRETARY) or [roster[0].pk])[0]
    helpers = [m for role in OFFICER_ROLES if role != Role.SECRETARY for m in officers.get(role, [])]
    present = [r.member_id for r in roll if r.status == AttendanceStatus.PRESENT]
    others = [m for m in present if m != secretary]
    taker = next((m for m in helpers if m in present), others[0] if others else secretary)
    preparer = helpers[0] if helpers else secretary
    prepared = [(PrepTask.CONTENT, preparer, True), (PrepTask.DRAFT_RESOLUTION, secretary, True)]
    if kind == MeetingKind.REGULAR_THEMATIC:
        prepared.append((PrepTask.THEMATIC_REPORT, rng.choice(helpers or [secretary]), True))
    if rng.random() < 0.06:
        task, member, _ = prepared[0]
        prepared[0] = (task, member, False)
    speakers = rng.sample(others, min(len(others), rng.randint(2, 5)))
    speeches = [(SpeechKind.OPINION, m, rng.choice(texts.OPINIONS)) for m in speakers]
    names = {p.pk: p.name for p in roster}
    if speakers and rng.random() < 0.3:
        speeches.append((SpeechKind.SELF_CRITICISM, speakers[0], rng.choice(texts.SELF_CRITICISM)))
    if others and rng.random() < 0.4:
        praised = rng.choice(others)
        speeches.append((SpeechKind.PRAISE, secretary, texts.PRAISE % names.get(praised, "")))
    if others and rng.random() < 0.1:
        speeches.append((SpeechKind.REMINDER, secretary, texts.REMINDER % names[rng.choice(others)]))
    speeches.append((SpeechKind.CONCLUSION, secretary, texts.CONCLUSION))
    voters = sum(1 for r in roll if may_vote(r))
    against = 1 if voters > 8 and rng.random() < 0.1 else 0
    abstain = 1 if voters > 5 and rng.random() < 0.15 else 0
    return MeetingPlan(
        cell=cell,
        month=month,
        kind=kind,
        topic=topic,
        scheduled_at=scheduled,
        notice_sent_at=notice,
        started_at=started,
        ended_at=started + dt.timedelta(minutes=minutes),
        chair=secretary,
        minute_taker=taker,
        prepared=prepared,
        prep_meeting=rng.random() < 0.94,
        roll=roll,
        guest=rng.random() < 0.35 and bool(facts.follow_up[cell.pk]),
        speeches=speeches,
        opinion=(rng.choice(present), rng.choice(texts.OPINIONS)) if present and rng.random() < 0.3 else None,
        vote=(max(0, voters - against - abstain), against, abstain),
        tasks=_tasks(rng, cell, month, present or [secretary]),
    )


def plan_history(facts: Facts, seed: int = SEED) -> list[MeetingPlan]:
    """The year's meetings, cell by cell and month by month; the same facts and seed give the same plans."""
    rng = random.Random(seed)
    by_cell: dict[int, list[Person]] = defaultdict(list)
    for p in facts.people:
        by_cell[p.cell_id].append(p)
        if p.moved:
            by_cell[p.moved[1]].append(p)
    months = [FIRST_MONTH + relativedelta(months=k) for k in range(MONTHS)]
    plans = []
    for cell in facts.cells:
        # Once a quarter the regular meeting takes a thematic topic too (Dec 2025 is a quarter of its own).
        quarters: dict[int, list[dt.date]] = defaultdict(list)
        for month in months:
            quarters[(month.year - FIRST_MONTH.year) * 4 + (month.month - 1) // 3].append(month)
        thematic = {rng.choice(ms): n for n, ms in enumerate(quarters[q] for q in sorted(quarters))}
        for month in months:
            kind = MeetingKind.REGULAR_THEMATIC if month in thematic else MeetingKind.REGULAR
            topic = texts.THEMATIC_TOPICS[thematic[month] % len(texts.THEMATIC_TOPICS)] if month in thematic else ""
            plans.append(_meeting(rng, facts, cell, month, kind, topic, by_cell[cell.pk]))
    return plans
