"""The demo's thematic year: a 2026 plan for every cell of the demo commune, and its thematic reports.

Runs after the year of meetings (demo/history.py), which holds one regular
and thematic meeting per cell and quarter. Each cell's plan, approved in
December 2025, has four topics, one a quarter: the topic of that quarter's
thematic meeting, linked to it, drafted by the member the preparation gave
the thematic report to (the secretary otherwise). Every held meeting's
report is final: shared for comments before the meeting, discussed, revised,
numbered "NN-BC/CB" in the cell's committee term, and sent to the members on
the meeting's roll. Seeded, so the same database gives the same year.

Written in bulk, table by table, with the audit rows the actions would have
written (plan approved, report final).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.log import entry, record_many, snapshot
from committees.models import OFFICER_ROLES, CommitteeTerm, Position, Role
from meetings.models import (
    Attendance,
    AttendanceStatus,
    DocumentCounter,
    DocumentType,
    Meeting,
    MeetingStatus,
    PrepAssignment,
    PrepTask,
)
from orgs.models import Organization, OrgKind
from records.numbering import format_symbol
from thematic.compliance import QUARTERS, THEMATIC_KINDS, quarter_bounds, quarter_of
from thematic.models import (
    PlannedTopic,
    PlanStatus,
    ReportComment,
    ReportRecipient,
    ReportStatus,
    ThematicPlan,
    ThematicReport,
)

SEED = 2026
YEAR = 2026
APPROVED_ON = dt.date(2025, 12, 20)
BATCH = 2000

# A quarter without a thematic meeting still gets a topic in the plan.
SPARE_TOPICS = [
    "Nghiên cứu, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
    "Vai trò tiên phong của đảng viên trong xây dựng nông thôn mới nâng cao",
    "Chuyển đổi số và sử dụng Sổ tay đảng viên điện tử trong sinh hoạt chi bộ",
]
CONTENT = [
    "Báo cáo trình bày những nội dung cơ bản của chuyên đề, các quan điểm chỉ đạo của Trung ương và của Tỉnh ủy, "
    "hướng dẫn của Đảng ủy xã về việc triển khai thực hiện ở cơ sở.",
    "Báo cáo tóm tắt các văn bản của cấp trên liên quan đến chuyên đề, nêu những yêu cầu cụ thể đối với chi bộ và "
    "đối với từng đảng viên.",
    "Báo cáo nêu ý nghĩa của chuyên đề, những kết quả nổi bật của Đảng bộ xã trong thời gian qua và những việc "
    "chi bộ cần tập trung thực hiện.",
]
PRACTICE = [
    "Đa số đảng viên gương mẫu, tích cực tham gia các phong trào; một số đồng chí cao tuổi, sức khỏe hạn chế nên "
    "việc tham gia còn ít. Việc nắm tình hình tư tưởng nhân dân có lúc chưa kịp thời.",
    "Chi bộ đã cụ thể hóa nội dung vào nghị quyết hằng tháng, phân công đảng viên phụ trách từng việc; một số "
    "nhiệm vụ còn chậm so với kế hoạch do nguồn lực hạn chế.",
    "Đảng viên thực hiện tốt việc nêu gương ở nơi cư trú; công tác tuyên truyền, vận động còn chưa đa dạng, "
    "chưa phát huy hết vai trò của các đoàn thể.",
]
SOLUTIONS = [
    "1. Mỗi đảng viên xây dựng kế hoạch rèn luyện gắn với chuyên đề.\n"
    "2. Chi ủy đưa nội dung chuyên đề vào đánh giá đảng viên cuối năm.\n"
    "3. Phối hợp với các đoàn thể tuyên truyền đến từng hộ gia đình.",
    "1. Tiếp tục quán triệt chuyên đề trong các buổi sinh hoạt thường kỳ.\n"
    "2. Phân công đảng viên phụ trách từng nhóm hộ, nắm tình hình và báo cáo chi ủy.\n"
    "3. Định kỳ sơ kết, biểu dương đảng viên tiêu biểu.",
]
REVISIONS = [
    "",
    "Bổ sung số liệu cụ thể của chi bộ trong quý.",
    "Làm rõ trách nhiệm nêu gương của đảng viên giữ chức vụ.",
    "Bổ sung giải pháp vận động nhân dân cùng tham gia.",
]
COMMENTS = [
    "Đề nghị bổ sung ví dụ cụ thể ở địa bàn chi bộ.",
    "Nhất trí với dự thảo; đề nghị nêu rõ thời hạn thực hiện từng giải pháp.",
    "Đề nghị phân công cụ thể đảng viên phụ trách từng nội dung.",
    "Phần liên hệ thực tiễn nên nêu thêm những việc còn hạn chế.",
]


@dataclass
class ThematicSummary:
    plans: int
    topics: int
    linked: int
    reports: int


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def report_body(rng: random.Random, cell: Organization, topic: str, revision: str) -> str:
    paragraphs = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        f"Giúp đảng viên {cell.name} nắm vững nội dung chuyên đề “{topic}”, liên hệ với nhiệm vụ chính trị của chi bộ "
        "và trách nhiệm của từng đảng viên.",
        "II. NỘI DUNG CHUYÊN ĐỀ",
        rng.choice(CONTENT),
        "III. LIÊN HỆ THỰC TIỄN TẠI CHI BỘ",
        rng.choice(PRACTICE),
        "IV. GIẢI PHÁP VÀ NHIỆM VỤ THỜI GIAN TỚI",
        rng.choice(SOLUTIONS),
    ]
    if revision:
        paragraphs.append(f"(Tiếp thu ý kiến thảo luận của chi bộ: {revision[0].lower()}{revision[1:]})")
    return "\n\n".join(paragraphs)


def _term_on(terms: list[CommitteeTerm], day: dt.date) -> CommitteeTerm | None:
    running = [t for t in terms if t.starts_on <= day and (t.ends_on is None or day <= t.ends_on)]
    return running[-1] if running else None


@dataclass
class _Facts:
    cells: list[Organization]
    meetings: dict[tuple[int, int], Meeting]  # (cell id, quarter) → the quarter's thematic meeting
    drafters: dict[int, int]  # meeting id → member given the thematic report to prepare
    secretaries: dict[int, int]  # cell id → member id
    users: dict[int, int]  # member id → user id
    rolls: dict[int, list[tuple[int, bool]]]  # meeting id → (member id, present)
    terms: dict[int, list[CommitteeTerm]]


def _read(commune: Organization) -> _Facts:
    cells = list(
        Organization.objects.filter(path__startswith=commune.path, kind=OrgKind.CELL, dissolved_on__isnull=True)
        .exclude(pk=commune.pk)
        .order_by("code")
    )
    ids = [c.pk for c in cells]
    meetings: dict[tuple[int, int], Meeting] = {}
    found = (
        Meeting.objects.filter(
            organization_id__in=ids,
            kind__in=THEMATIC_KINDS,
            month__gte=dt.date(YEAR, 1, 1),
            month__lte=dt.date(YEAR, 12, 1),
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("month", "scheduled_at", "pk")
    )
    for meeting in found:
        meetings.setdefault((meeting.organization_id, quarter_of(meeting.month)), meeting)
    meeting_ids = [m.pk for m in meetings.values()]
    drafters: dict[int, int] = {}
    for meeting_id, member_id in (
        PrepAssignment.objects.filter(meeting_id__in=meeting_ids, task=PrepTask.THEMATIC_REPORT)
        .order_by("pk")
        .values_list("meeting_id", "member_id")
    ):
        drafters.setdefault(meeting_id, member_id)
    secretaries: dict[int, int] = {}
    officers = Position.objects.filter(organization_id__in=ids, role__in=OFFICER_ROLES, valid_to__isnull=True)
    for org_id, member_id, role in officers.order_by("pk").values_list("organization_id", "member_id", "role"):
        if role == Role.SECRETARY:
            secretaries.setdefault(org_id, member_id)
    from accounts.models import User

    users = dict(User.objects.filter(member__organization_id__in=ids).values_list("member_id", "pk"))
    rolls: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for meeting_id, member_id, status in (
        Attendance.objects.filter(meeting_id__in=meeting_ids)
        .order_by("member_id")
        .values_list("meeting_id", "member_id", "status")
    ):
        rolls[meeting_id].append((member_id, status == AttendanceStatus.PRESENT))
    terms: dict[int, list[CommitteeTerm]] = defaultdict(list)
    for term in CommitteeTerm.objects.filter(organization_id__in=ids).order_by("starts_on", "pk"):
        terms[term.organization_id].append(term)
    return _Facts(cells, meetings, drafters, secretaries, users, rolls, terms)


def _plans(facts: _Facts) -> tuple[list[ThematicPlan], list[PlannedTopic]]:
    plans, topics = [], []
    for cell in facts.cells:
        secretary = facts.secretaries.get(cell.pk)
        plan = ThematicPlan(
            organization=cell,
            year=YEAR,
            status=PlanStatus.APPROVED,
            approved_at=local(APPROVED_ON, 9),
            approved_by_id=facts.users.get(secretary) if secretary else None,
            version=3,
        )
        plans.append(plan)
        for quarter in QUARTERS:
            meeting = facts.meetings.get((cell.pk, quarter))
            if meeting is not None:
                topic = PlannedTopic(
                    plan=plan,
                    quarter=quarter,
                    month=meeting.month,
                    topic=meeting.topic or SPARE_TOPICS[quarter - 1],
                    drafter_id=facts.drafters.get(meeting.pk, secretary),
                    meeting=meeting,
                )
            else:
                first, _last = quarter_bounds(YEAR, quarter)
                topic = PlannedTopic(
                    plan=plan,
                    quarter=quarter,
                    month=first.replace(month=first.month + 1),
                    topic=SPARE_TOPICS[quarter - 1],
                    drafter_id=secretary,
                )
            topics.append(topic)
    return plans, topics


def _reports(rng: random.Random, facts: _Facts, topics: list[PlannedTopic]) -> list[ThematicReport]:
    reports = []
    cells = {c.pk: c for c in facts.cells}
    for topic in topics:
        meeting = topic.meeting
        if meeting is None or meeting.status != MeetingStatus.HELD or meeting.ended_at is None:
            continue
        revision = rng.choice(REVISIONS)
        shared = meeting.notice_sent_at or meeting.scheduled_at - dt.timedelta(days=3)
        finalized = local(timezone.localtime(meeting.ended_at).date() + dt.timedelta(days=rng.randint(2, 6)), 9)
        reports.append(
            ThematicReport(
                meeting=meeting,
                title=topic.topic,
                author_id=topic.drafter_id,
                body=report_body(rng, cells[meeting.organization_id], topic.topic, revision),
                status=ReportStatus.FINAL,
                shared_at=shared,
                discussed_at=meeting.ended_at,
                revision_notes=revision,
                finalized_at=finalized,
                finalized_by_id=facts.users.get(facts.secretaries.get(meeting.organization_id, 0)),
                version=5,
            )
        )
    return reports


def _number(facts: _Facts, reports: list[ThematicReport]) -> None:
    """Number the reports per cell and committee term in the order they became final, as finalizing does."""
    existing = {
        (c.organization_id, c.term_id): c
        for c in DocumentCounter.objects.filter(
            organization__in=facts.cells, doc_type=DocumentType.REPORT
        ).select_for_update()
    }
    last: dict[tuple[int, int | None], int] = {k: c.last_number for k, c in existing.items()}
    cells = {c.pk: c for c in facts.cells}
    for report in sorted(reports, key=lambda r: (r.meeting.organization_id, r.finalized_at, r.meeting_id)):
        cell_id = report.meeting.organization_id
        term = _term_on(facts.terms[cell_id], timezone.localtime(report.finalized_at).date())  # type: ignore[arg-type]
        key = (cell_id, term.pk if term else None)
        last[key] = last.get(key, 0) + 1
        report.number = last[key]
        report.symbol = format_symbol(last[key], DocumentType.REPORT, cells[cell_id])
    for key, number in last.items():
        if key in existing:
            existing[key].last_number = number
    DocumentCounter.objects.bulk_update(list(existing.values()), ["last_number"])
    DocumentCounter.objects.bulk_create(
        DocumentCounter(organization_id=cell_id, term_id=term_id, doc_type=DocumentType.REPORT, last_number=number)
        for (cell_id, term_id), number in last.items()
        if (cell_id, term_id) not in existing
    )


def _audience(
    rng: random.Random, facts: _Facts, reports: list[ThematicReport]
) -> tuple[list[ReportRecipient], list[ReportComment]]:
    """The members each report went to (those on the meeting's roll), who read it, and the comments on the draft."""
    recipients: list[ReportRecipient] = []
    comments: list[ReportComment] = []
    for report in reports:
        roll = facts.rolls[report.meeting_id]
        sent, shared = report.finalized_at, report.shared_at
        assert sent is not None and shared is not None
        for member_id, here in roll:
            read = sent + dt.timedelta(hours=rng.randint(1, 72)) if here and rng.random() < 0.85 else None
            recipients.append(ReportRecipient(report=report, member_id=member_id, sent_at=sent, read_at=read))
        present = [m for m, here in roll if here and m != report.author_id]
        for member_id in rng.sample(present, min(len(present), rng.randint(0, 2))):
            comment = ReportComment(report=report, member_id=member_id, body=rng.choice(COMMENTS))
            comment.created_at = shared + dt.timedelta(hours=rng.randint(2, 40))
            comments.append(comment)
    return recipients, comments


@transaction.atomic
def build_history(commune: Organization, seed: int = SEED) -> ThematicSummary:
    """Write the 2026 thematic plans and reports of every cell of `commune` (the demo's Tam Nông)."""
    rng = random.Random(seed)
    facts = _read(commune)
    plans, topics = _plans(facts)
    ThematicPlan.objects.bulk_create(plans, batch_size=BATCH)
    for topic in topics:
        topic.plan_id = topic.plan.pk
    PlannedTopic.objects.bulk_create(topics, batch_size=BATCH)
    reports = _reports(rng, facts, topics)
    _number(facts, reports)
    ThematicReport.objects.bulk_create(reports, batch_size=BATCH)
    recipients, comments = _audience(rng, facts, reports)
    ReportRecipient.objects.bulk_create(recipients, batch_size=BATCH)
    times = [c.created_at for c in comments]
    ReportComment.objects.bulk_create(comments, batch_size=BATCH)
    # created_at is filled in on insert: set it to when the comment was sent.
    for comment, at in zip(comments, times, strict=True):
        comment.created_at = at
    ReportComment.objects.bulk_update(comments, ["created_at"], batch_size=BATCH)
    # The drafting began about a week before the draft went to the members.
    ThematicReport.objects.filter(pk__in=[r.pk for r in reports]).update(
        created_at=F("shared_at") - dt.timedelta(days=7)
    )
    cells = {c.pk: c for c in facts.cells}
    audit = [
        entry(None, "thematic.plan_approve", plan, organization=plan.organization, after=snapshot(plan))
        for plan in plans
    ]
    audit += [
        entry(
            None,
            "thematic.report_finalize",
            report,
            organization=cells[report.meeting.organization_id],
            object_repr=report.title,
            after=snapshot(report, ["status", "number", "symbol", "finalized_at", "finalized_by", "version"]),
        )
        for report in reports
    ]
    record_many(audit, batch_size=BATCH)
    return ThematicSummary(
        plans=len(plans), topics=len(topics), linked=sum(1 for t in topics if t.meeting_id), reports=len(reports)
    )
