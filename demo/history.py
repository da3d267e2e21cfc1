"""A year of monthly meetings in every cell of Tam Nông, so the pages have history (issue 3, Quality).

December 2025 to November 2026: the commune's guidance each month, and in each
of the 71 cells one regular meeting a month (regular and thematic together once
a quarter) with its preparation, notice, roll, speeches, vote, minutes and
resolution, numbered per term, and the resolution's tasks followed up.

Everything is planned in memory first (demo/history_plan.py: seeded, so the
same database gives the same year on every run), then written here in bulk,
table by table. The minutes and resolutions are drafted by the records app's own
drafting functions from what was written, then numbered, sealed and audited as
adoption does (records/actions.py), in bulk.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone, translation

from audit.log import entry, record_many, snapshot
from committees.models import OFFICER_ROLES, CommitteeTerm
from demo import history_texts as texts
from demo.history_plan import (
    FIRST_MONTH,
    MONTHS,
    SEED,
    Facts,
    MeetingPlan,
    local_time,
    place_of,
    plan_history,
    read_facts,
)
from guidance.models import Conference, Guidance, GuidanceItem, GuidanceStatus
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    DocumentCounter,
    DocumentType,
    Guest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    NoticeRecipient,
    Opinion,
    Part,
    PrepAssignment,
    PrepMeeting,
    RecordStatus,
    Resolution,
    ResolutionTask,
    Speech,
    SpeechKind,
    StepKind,
    TaskStatus,
    TaskUpdate,
    Vote,
)
from meetings.voting import judge
from orgs.models import Organization
from records.drafting import draft_minutes, draft_resolution, resolution_title
from records.models import GENESIS, Seal
from records.numbering import format_symbol
from records.sealing import chain_hash, sealed_text, sha256

BATCH = 2000


@dataclass
class HistorySummary:
    meetings: int
    attendances: int
    resolutions: int
    tasks: int
    audit_rows: int


def _guidance(facts: Facts) -> dict[dt.date, tuple[Guidance, list[GuidanceItem]]]:
    """One expanded conference and one published guidance per month, written before the month starts."""
    out = {}
    conferences, guidances, items = [], [], []
    for k in range(MONTHS):
        month = FIRST_MONTH + relativedelta(months=k)
        before = month - relativedelta(months=1)
        held = before + dt.timedelta(days=24)
        points = texts.GUIDANCE[(month.month, month.year)]
        conference = Conference(
            organization=facts.commune,
            held_on=held,
            attendees="Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã; bí thư các chi bộ trực thuộc.",
            conclusions=f"Đánh giá kết quả tháng {before:%m/%Y}; thống nhất nhiệm vụ trọng tâm tháng {month:%m/%Y}.",
        )
        guidance = Guidance(
            organization=facts.commune,
            month=month,
            title=f"Định hướng nội dung sinh hoạt chi bộ tháng {month.month}/{month.year}",
            summary="Các chi bộ quán triệt và cụ thể hóa phù hợp với tình hình thực tế của đơn vị.",
            status=GuidanceStatus.PUBLISHED,
            published_at=local_time(held + dt.timedelta(days=1), 9),
        )
        conferences.append(conference)
        guidances.append(guidance)
        points_items = [
            GuidanceItem(guidance=guidance, order=n, kind=kind, title=title, cell_types=types)
            for n, (kind, title, types) in enumerate(points, start=1)
        ]
        items += points_items
        out[month] = (guidance, points_items)
    Conference.objects.bulk_create(conferences)
    for conference, guidance in zip(conferences, guidances, strict=True):
        guidance.conference = conference
    Guidance.objects.bulk_create(guidances)
    for item in items:
        item.guidance_id = item.guidance.pk
    GuidanceItem.objects.bulk_create(items, batch_size=BATCH)
    return out


def _agenda(meeting: Meeting, plan: MeetingPlan, guidance_items: list[GuidanceItem], names: dict[int, str]) -> list:
    """The meeting's agenda, condensed from the 16-step program, with what was recorded under each item."""
    cell_items = [i for i in guidance_items if i.applies_to(plan.cell.cell_type)]
    present = sum(1 for r in plan.roll if r.status == AttendanceStatus.PRESENT)
    excused = sum(1 for r in plan.roll if r.status == AttendanceStatus.ABSENT_EXCUSED)
    tasks = "\n".join(
        f"{n}. {what} ({names.get(member, '') if member else who}; hạn {due:%d/%m/%Y})"
        for n, (what, member, who, due, _s, _d) in enumerate(plan.tasks, start=1)
    )
    steps: list[tuple[str, str, str, str, int | None]] = [
        (Part.OPENING, StepKind.OPENING, "Tuyên bố lý do, giới thiệu đại biểu", "", None),
        (Part.OPENING, StepKind.MINUTE_TAKER, "Cử thư ký ghi biên bản", "", None),
        (
            Part.OPENING,
            StepKind.ROLL_CALL,
            "Báo cáo số lượng đảng viên dự họp",
            f"Tổng số {len(plan.roll)} đảng viên; có mặt {present}; vắng có lý do {excused}; "
            f"vắng không lý do {len(plan.roll) - present - excused}.",
            None,
        ),
        (Part.OPENING, StepKind.AGENDA, "Thông qua chương trình sinh hoạt", "Chi bộ nhất trí 100%.", None),
        (Part.PROCEEDINGS, StepKind.TASK_REVIEW, "Kiểm điểm việc thực hiện nghị quyết tháng trước", "", plan.chair),
        (Part.PROCEEDINGS, StepKind.MONTHLY_REPORT, "Báo cáo kết quả tháng và phương hướng tháng tới", "", plan.chair),
        (Part.PROCEEDINGS, StepKind.GUIDANCE, "Quán triệt định hướng sinh hoạt của Đảng ủy xã", "", plan.chair),
        (Part.PROCEEDINGS, StepKind.CURRENT_AFFAIRS, "Thông tin thời sự trong nước và quốc tế", "", None),
    ]
    if plan.topic:
        steps.append((Part.PROCEEDINGS, StepKind.THEMATIC, f"Chuyên đề: {plan.topic}", "", plan.minute_taker))
    steps += [
        (Part.PROCEEDINGS, StepKind.DISCUSSION, "Đảng viên thảo luận, đóng góp ý kiến", "", None),
        (Part.CLOSING, StepKind.SUMMARY, "Kết luận và phân công nhiệm vụ", f"Nhiệm vụ tháng tới:\n{tasks}", plan.chair),
        (Part.CLOSING, StepKind.VOTE, "Biểu quyết thông qua nghị quyết", "", None),
        (Part.CLOSING, StepKind.MINUTES, "Thông qua biên bản", "", None),
        (Part.CLOSING, StepKind.CLOSE, "Bế mạc", "", None),
    ]
    return [
        AgendaItem(
            meeting=meeting,
            order=n,
            part=part,
            kind=kind,
            title=title,
            content=content if kind == StepKind.SUMMARY else "",
            notes="" if kind == StepKind.SUMMARY else content,
            presenter_id=presenter,
            guidance_item=cell_items[0] if kind == StepKind.GUIDANCE and cell_items else None,
        )
        for n, (part, kind, title, content, presenter) in enumerate(steps, start=1)
    ]


def _term_on(terms: list[CommitteeTerm], day: dt.date) -> CommitteeTerm | None:
    running = [t for t in terms if t.starts_on <= day and (t.ends_on is None or day <= t.ends_on)]
    return running[-1] if running else None


def _write_meetings(facts: Facts, plans: list[MeetingPlan]) -> list[Meeting]:
    guidance = _guidance(facts)
    meetings = []
    for plan in plans:
        combined = plan.kind == MeetingKind.REGULAR_THEMATIC
        what = "thường kỳ kết hợp chuyên đề" if combined else "thường kỳ"
        meetings.append(
            Meeting(
                organization=plan.cell,
                kind=plan.kind,
                month=plan.month,
                title=f"Sinh hoạt chi bộ {what} tháng {plan.month.month}/{plan.month.year}",
                topic=plan.topic,
                scheduled_at=plan.scheduled_at,
                place=place_of(plan.cell),
                status=MeetingStatus.HELD,
                guidance=guidance[plan.month][0],
                chair_id=plan.chair,
                minute_taker_id=plan.minute_taker,
                started_at=plan.started_at,
                ended_at=plan.ended_at,
                notice_sent_at=plan.notice_sent_at,
                notice_sent_by_id=facts.users.get(plan.chair),
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    names = {p.pk: p.name for p in facts.people}
    rows: dict[str, list] = defaultdict(list)
    items_of = []
    for meeting, plan in zip(meetings, plans, strict=True):
        day = timezone.localtime(plan.scheduled_at).date()
        for task, member, done in plan.prepared:
            done_at = local_time(day - dt.timedelta(days=3), 20) if done else None
            rows["prep"].append(
                PrepAssignment(
                    meeting=meeting, member_id=member, task=task, due_on=day - dt.timedelta(days=3), done_at=done_at
                )
            )  # noqa: E501
        if plan.prep_meeting:
            rows["prep_meeting"].append(
                PrepMeeting(
                    meeting=meeting,
                    held_on=day - dt.timedelta(days=4),
                    agreed_content="Thống nhất báo cáo kết quả tháng, dự thảo nghị quyết và phân công chuẩn bị.",
                    key_questions="Những việc còn chậm trong tháng, nguyên nhân và giải pháp khắc phục.",
                )
            )
        items = _agenda(meeting, plan, guidance[plan.month][1], names)
        items_of.append(items)
        rows["agenda"] += items
        for line in plan.roll:
            present = line.status == AttendanceStatus.PRESENT
            rows["attendance"].append(
                Attendance(
                    meeting=meeting,
                    member_id=line.member_id,
                    category=line.category,
                    exempt=line.exempt,
                    temporarily_away=line.temporarily_away,
                    status=line.status,
                    reason=line.reason,
                    announced_at=plan.notice_sent_at + dt.timedelta(hours=5) if line.announced else None,
                    reason_accepted=line.reason_accepted,
                    checked_in_at=plan.started_at - dt.timedelta(minutes=5) if present else None,
                )
            )
            read = plan.notice_sent_at + dt.timedelta(hours=3) if present or line.announced else None
            rows["notice"].append(
                NoticeRecipient(meeting=meeting, member_id=line.member_id, sent_at=plan.notice_sent_at, read_at=read)
            )  # noqa: E501
        for cadre in facts.follow_up[plan.cell.pk]:
            rows["notice"].append(
                NoticeRecipient(
                    meeting=meeting,
                    member_id=cadre,
                    is_follow_up_cadre=True,
                    sent_at=plan.notice_sent_at,
                    read_at=plan.notice_sent_at + dt.timedelta(hours=1),
                )
            )  # noqa: E501
            if plan.guest:
                role = "Đảng ủy viên, cấp ủy viên phụ trách chi bộ"
                rows["guest"].append(Guest(meeting=meeting, name=names.get(cadre, ""), role=role))
        if plan.opinion:
            member, body = plan.opinion
            rows["opinion"].append(Opinion(meeting=meeting, member_id=member, topic="draft_resolution", body=body))
    PrepAssignment.objects.bulk_create(rows["prep"], batch_size=BATCH)
    PrepMeeting.objects.bulk_create(rows["prep_meeting"], batch_size=BATCH)
    through = PrepMeeting.attendees.through
    officers = {
        p.cell.pk: [m for role in OFFICER_ROLES for m in facts.officers[p.cell.pk].get(role, [])] for p in plans
    }
    PrepMeeting.attendees.through.objects.bulk_create(
        [
            through(prepmeeting_id=pm.pk, member_id=member)
            for pm in rows["prep_meeting"]
            for member in officers[pm.meeting.organization_id]
        ],
        batch_size=BATCH,
    )
    AgendaItem.objects.bulk_create(rows["agenda"], batch_size=BATCH)
    for model, key in ((Attendance, "attendance"), (NoticeRecipient, "notice"), (Guest, "guest"), (Opinion, "opinion")):
        model.objects.bulk_create(rows[key], batch_size=BATCH)
    speeches, votes = [], []
    for meeting, plan, items in zip(meetings, plans, items_of, strict=True):
        by_kind = {item.kind: item for item in items}
        for kind, member, gist in plan.speeches:
            item = by_kind[
                StepKind.DISCUSSION if kind in (SpeechKind.OPINION, SpeechKind.SELF_CRITICISM) else StepKind.SUMMARY
            ]  # noqa: E501
            speeches.append(
                Speech(
                    meeting=meeting,
                    agenda_item=item,
                    member_id=member,
                    speaker_name=names.get(member, ""),
                    kind=kind,
                    gist=gist,
                )
            )  # noqa: E501
        verdict = judge(plan.roll, *plan.vote)
        votes.append(
            Vote(
                meeting=meeting,
                agenda_item=by_kind[StepKind.VOTE],
                subject=f"Thông qua nghị quyết tháng {plan.month.month}/{plan.month.year}",
                votes_for=plan.vote[0],
                votes_against=plan.vote[1],
                abstentions=plan.vote[2],
                denominator=verdict.denominator,
                passed=verdict.passed,
                explanation=verdict.explanation,
            )
        )
    Speech.objects.bulk_create(speeches, batch_size=BATCH)
    Vote.objects.bulk_create(votes, batch_size=BATCH)
    # Timestamps the models fill in on insert: set them to when things happened.
    ids = [m.pk for m in meetings]
    of_meeting = Meeting.objects.filter(pk=OuterRef("meeting_id"))
    Speech.objects.filter(meeting_id__in=ids).update(created_at=Subquery(of_meeting.values("started_at")))
    Vote.objects.filter(meeting_id__in=ids).update(recorded_at=Subquery(of_meeting.values("ended_at")))
    Opinion.objects.filter(meeting_id__in=ids).update(created_at=Subquery(of_meeting.values("notice_sent_at")))
    Meeting.objects.filter(pk__in=ids).update(created_at=F("notice_sent_at") - dt.timedelta(days=7))
    return meetings


def _write_records(facts: Facts, plans: list[MeetingPlan], meetings: list[Meeting]) -> tuple[int, int, int]:
    """Minutes and resolutions drafted by the records app, adopted with numbers, tasks, seals and audit rows."""
    fresh = Meeting.objects.select_related("organization", "chair", "minute_taker").in_bulk([m.pk for m in meetings])
    counters: dict[tuple[int, int | None, str], int] = defaultdict(int)
    terms: dict[tuple[int, int | None, str], CommitteeTerm | None] = {}
    minutes_rows, resolutions = [], []
    for meeting, plan in zip(meetings, plans, strict=True):
        full = fresh[meeting.pk]
        day = timezone.localtime(plan.scheduled_at).date()
        term = _term_on(facts.terms[plan.cell.pk], day)
        documents = [(DocumentType.MINUTES, True)]
        passed = judge(plan.roll, *plan.vote).passed
        documents.append((DocumentType.RESOLUTION, passed))
        numbers = {}
        for doc_type, adopt in documents:
            if adopt:
                key = (plan.cell.pk, term.pk if term else None, doc_type)
                counters[key] += 1
                terms[key] = term
                numbers[doc_type] = counters[key]
        adopted = {"status": RecordStatus.ADOPTED, "adopted_by_id": facts.users.get(plan.chair), "version": 2}
        number = numbers[DocumentType.MINUTES]
        minutes_rows.append(
            Minutes(
                meeting=meeting,
                body=draft_minutes(full),
                number=number,
                symbol=format_symbol(number, DocumentType.MINUTES, plan.cell),
                adopted_at=plan.ended_at,
                **adopted,
            )
        )
        resolution = Resolution(meeting=meeting, title=resolution_title(full), body=draft_resolution(full))
        if passed:
            number = numbers[DocumentType.RESOLUTION]
            resolution.number, resolution.symbol = number, format_symbol(number, DocumentType.RESOLUTION, plan.cell)
            resolution.adopted_at = plan.ended_at + dt.timedelta(minutes=1)
            for name, value in adopted.items():
                setattr(resolution, name, value)
        resolutions.append(resolution)
    Minutes.objects.bulk_create(minutes_rows, batch_size=BATCH)
    Resolution.objects.bulk_create(resolutions, batch_size=BATCH)
    tasks, updates = [], []
    for resolution, plan in zip(resolutions, plans, strict=True):
        for order, (what, member, who, due, status, done) in enumerate(plan.tasks, start=1):
            task = ResolutionTask(
                resolution=resolution, order=order, what=what, assignee_id=member, assignee_text=who, due_on=due
            )
            task.status, task.done_on = status, done
            if status == TaskStatus.DONE:
                task.evidence = "Đã hoàn thành, báo cáo tại buổi sinh hoạt chi bộ tháng sau."
            tasks.append(task)
    ResolutionTask.objects.bulk_create(tasks, batch_size=BATCH)
    for task in tasks:
        if task.status != TaskStatus.OPEN:
            updates.append(TaskUpdate(task=task, status=task.status, note=task.evidence))
    TaskUpdate.objects.bulk_create(updates, batch_size=BATCH)
    DocumentCounter.objects.bulk_create(
        [
            DocumentCounter(organization_id=cell_id, term=terms[key], doc_type=doc_type, last_number=last)
            for key, last in counters.items()
            for cell_id, _t, doc_type in [key]
        ]
    )
    # Seal the adopted records in each cell's chain, in the order they were adopted, as adoption does.
    seals, audit = [], []
    previous: dict[int, str] = {}
    for minutes, resolution, plan in zip(minutes_rows, resolutions, plans, strict=True):
        for obj in (minutes, resolution):
            if obj.status != RecordStatus.ADOPTED:
                continue
            obj.content_hash = sha256(sealed_text(obj))
            object_type, object_id = obj._meta.label_lower, str(obj.pk)
            before = previous.get(plan.cell.pk, GENESIS)
            seal_hash = chain_hash(before, object_type, object_id, obj.content_hash, obj.adopted_at)
            seals.append(
                Seal(
                    organization=plan.cell,
                    object_type=object_type,
                    object_id=object_id,
                    content_hash=obj.content_hash,
                    previous_hash=before,
                    seal_hash=seal_hash,
                    sealed_at=obj.adopted_at,
                )
            )
            previous[plan.cell.pk] = seal_hash
            action = "minutes.adopt" if isinstance(obj, Minutes) else "resolution.adopt"
            audit.append(entry(None, action, obj, organization=plan.cell, after=snapshot(obj)))
    Minutes.objects.bulk_update(minutes_rows, ["content_hash"], batch_size=BATCH)
    Resolution.objects.bulk_update([r for r in resolutions if r.content_hash], ["content_hash"], batch_size=BATCH)
    Seal.objects.bulk_create(seals, batch_size=BATCH)
    record_many(audit, batch_size=BATCH)
    return sum(1 for r in resolutions if r.status == RecordStatus.ADOPTED), len(tasks), len(audit)


@transaction.atomic
def build_history(commune: Organization, seed: int = SEED) -> HistorySummary:
    """Write the year of meetings of every cell of `commune` (the demo's Tam Nông)."""
    facts = read_facts(commune)
    # The verdicts and drafts are stored text: write them in the language of the application.
    with translation.override(settings.LANGUAGE_CODE):
        plans = plan_history(facts, seed)
        meetings = _write_meetings(facts, plans)
        resolutions, tasks, audit_rows = _write_records(facts, plans, meetings)
    return HistorySummary(
        meetings=len(meetings),
        attendances=sum(len(p.roll) for p in plans),
        resolutions=resolutions,
        tasks=tasks,
        audit_rows=audit_rows,
    )


def history_fingerprint() -> str:
    """A digest of the history's key facts that leaves database ids out, to compare two loads."""
    digest = hashlib.sha256()
    queries: list[Any] = [
        Meeting.objects.order_by("organization__code", "month", "kind").values_list(
            "organization__code", "month", "kind", "scheduled_at", "notice_sent_at", "started_at", "ended_at", "status"
        ),
        Attendance.objects.order_by("meeting__organization__code", "meeting__month", "member__citizen_id").values_list(
            "meeting__organization__code", "meeting__month", "member__citizen_id", "category", "exempt", "status"
        ),
        Vote.objects.order_by("meeting__organization__code", "meeting__month").values_list(
            "meeting__organization__code", "meeting__month", "votes_for", "denominator", "passed", "explanation"
        ),
        Resolution.objects.order_by("meeting__organization__code", "meeting__month").values_list(
            "meeting__organization__code", "meeting__month", "symbol", "status", "body"
        ),
        ResolutionTask.objects.order_by(
            "resolution__meeting__organization__code", "resolution__meeting__month", "order"
        ).values_list("resolution__meeting__organization__code", "what", "due_on", "status"),
    ]
    for query in queries:
        for row in query:
            digest.update(repr(row).encode())
    return digest.hexdigest()
