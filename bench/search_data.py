"""A year of adopted minutes and resolutions for every cell of a generated data set, written in bulk.

Used by bench/search.py after `generate_dataset` (demo/dataset.py) has built
the communes, cells and members. One transaction per commune, 1,000 rows to
an INSERT, nothing kept between communes: memory stays flat whatever the
number of cells. The texts are put together from the demo's words
(demo/history_texts.py) and the cell's own members, so that names, topics and
document codes are found where a real province would have them.
"""

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from demo.history_texts import CONCLUSION, GUIDANCE, OPINIONS, PRAISE, REMINDER, SELF_CRITICISM, TASKS
from meetings.models import Meeting, MeetingKind, MeetingStatus, Minutes, RecordStatus, Resolution
from members.models import Member
from orgs.models import Organization, OrgKind

BATCH = 1000
FIRST_MONTH = dt.date(2025, 12, 1)


def months(count: int) -> list[dt.date]:
    out, day = [], FIRST_MONTH
    for _ in range(count):
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def _points(month: dt.date) -> list[str]:
    return [title for _kind, title, _types in GUIDANCE.get((month.month, month.year), [])]


def minutes_text(rng: random.Random, cell: Organization, month: dt.date, day: dt.date, names: list[str]) -> str:
    chair, taker = names[0], names[1 % len(names)]
    total = len(names)
    absent = rng.randint(0, min(3, total - 1))
    speakers = rng.sample(names, min(len(names), rng.randint(3, 5)))
    lines = [
        f"BIÊN BẢN SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG {month.month}/{month.year}",
        f"Thời gian: 19 giờ 30 phút, ngày {day.day:02d} tháng {month.month:02d} năm {month.year}.",
        f"Địa điểm: Nhà văn hóa, {cell.name}.",
        f"Chủ trì: đồng chí {chair}, Bí thư chi bộ. Thư ký: đồng chí {taker}.",
        f"Tổng số đảng viên: {total}; có mặt {total - absent}; vắng {absent} (có lý do).",
        "I. PHẦN MỞ ĐẦU",
        "Đồng chí chủ trì nêu lý do, giới thiệu thư ký, báo cáo số lượng đảng viên dự họp.",
        "Chi bộ thông qua chương trình sinh hoạt.",
        "II. NỘI DUNG",
        f"1. Đồng chí {chair} thông qua báo cáo kết quả thực hiện nghị quyết tháng trước và phương hướng tháng tới.",
    ]
    for point in _points(month):
        lines.append(f"- Triển khai định hướng của Đảng ủy: {point}.")
    lines.append("2. Ý kiến thảo luận:")
    for name in speakers:
        lines.append(f"- Đồng chí {name}: {rng.choice(OPINIONS)}")
    if rng.random() < 0.3:
        lines.append(f"- Đồng chí {rng.choice(names)}: {rng.choice(SELF_CRITICISM)}")
    lines.append(PRAISE % rng.choice(names))
    if rng.random() < 0.2:
        lines.append(REMINDER % rng.choice(names))
    lines += [
        "III. KẾT LUẬN",
        CONCLUSION,
        f"Chi bộ biểu quyết thông qua nghị quyết: {total - absent}/{total - absent} đồng chí tán thành.",
        "Biên bản được thông qua trước chi bộ lúc 21 giờ 15 phút.",
    ]
    return "\n".join(lines)


def resolution_text(rng: random.Random, cell: Organization, month: dt.date, names: list[str]) -> str:
    tasks = rng.sample(TASKS.get(cell.cell_type, TASKS[""]), min(3, len(TASKS.get(cell.cell_type, TASKS[""]))))
    tasks += _points(month)[:2]
    lines = [
        f"{cell.name} đánh giá kết quả tháng {month.month}/{month.year} và quyết nghị nhiệm vụ tháng tới:",
    ]
    for number, task in enumerate(tasks, start=1):
        lines.append(f"{number}. {task}. Giao đồng chí {rng.choice(names)} phụ trách.")
    lines.append("Chi ủy có trách nhiệm tổ chức thực hiện, kiểm tra và báo cáo kết quả tại kỳ sinh hoạt sau.")
    return "\n".join(lines)


def _local(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def load_records(*, month_count: int = 12, seed: int = 7, progress: Callable[[int, int], None] | None = None) -> int:
    """Write a held meeting with adopted minutes and resolution per cell and month; returns the meetings written."""
    communes = list(Organization.objects.filter(kind=OrgKind.COMMUNE).order_by("pk"))
    written = 0
    for done, commune in enumerate(communes, start=1):
        rng = random.Random(seed * 100_003 + commune.pk)
        cells = list(Organization.objects.filter(parent=commune, kind=OrgKind.CELL).order_by("pk"))
        names: dict[int, list[str]] = {}
        for cell_id, name in Member.objects.filter(organization__parent=commune).values_list(
            "organization_id", "full_name"
        ):
            names.setdefault(cell_id, []).append(name)
        with transaction.atomic():
            meetings = []
            for cell in cells:
                for month in months(month_count):
                    day = month + dt.timedelta(days=rng.randint(4, 20))
                    start = _local(day, 19, 30)
                    meetings.append(
                        Meeting(
                            organization=cell,
                            kind=MeetingKind.REGULAR,
                            month=month,
                            title=f"Sinh hoạt chi bộ thường kỳ tháng {month.month}/{month.year}",
                            scheduled_at=start,
                            place=f"Nhà văn hóa, {cell.name}",
                            status=MeetingStatus.HELD,
                            started_at=start,
                            ended_at=start + dt.timedelta(minutes=105),
                            notice_sent_at=start - dt.timedelta(days=3),
                        )
                    )
            Meeting.objects.bulk_create(meetings, batch_size=BATCH)
            minutes, resolutions = [], []
            for meeting in meetings:
                cell = meeting.organization
                people = names.get(cell.pk) or ["Nguyễn Văn An"]
                number = meeting.month.month
                day = timezone.localdate(meeting.scheduled_at)
                adopted = dict(status=RecordStatus.ADOPTED, adopted_at=meeting.ended_at, number=number)
                minutes.append(
                    Minutes(
                        meeting=meeting,
                        body=minutes_text(rng, cell, meeting.month, day, people),
                        symbol=f"{number:02d}-BB/CB",
                        **adopted,
                    )
                )
                resolutions.append(
                    Resolution(
                        meeting=meeting,
                        title=f"Nghị quyết chi bộ tháng {meeting.month.month}/{meeting.month.year}",
                        body=resolution_text(rng, cell, meeting.month, people),
                        symbol=f"{number:02d}-NQ/CB",
                        **adopted,
                    )
                )
            Minutes.objects.bulk_create(minutes, batch_size=BATCH)
            Resolution.objects.bulk_create(resolutions, batch_size=BATCH)
        written += len(meetings)
        if progress:
            progress(done, len(communes))
    return written
