"""Time the print pack of a 30-member cell: the invitations as one PDF, as the download button serves it.

    .venv/bin/python bench/print_pack.py --db sqlite
    .venv/bin/python bench/print_pack.py --db postgres --members 30 --runs 5

`--db sqlite` uses a new file under bench/out/; `--db postgres` drops and
recreates the database `chibo_bench_print` on 127.0.0.1:5432 (user postgres),
or on the server of $BENCH_PG_URL. The script migrates, builds a commune and
one cell of `--members` members through the same actions as the application
(organizations, members, the secretary, a notified meeting with its agenda
built from the default template and three documents), then asks the PDF page
for the pack `--runs` times as the secretary and prints each time, the number
of pages and the size, with the CPU time of the process (less sensitive than
the wall clock to other work on the machine). The first run includes
WeasyPrint loading its fonts.
The target is under 5 seconds for 30 members; the script exits with status 1
when the slowest run misses it.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchdb import fresh_database  # noqa: E402

TARGET_SECONDS = 5.0


def _fresh_database(kind: str) -> str:
    return fresh_database(kind, "print-pack" if kind == "sqlite" else "chibo_bench_print")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = _fresh_database(args.db)
    os.environ.setdefault("CHIBO_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "chibo.settings"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="chibo-bench-")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from pypdf import PdfReader

    from accounts.actions import do_create_user
    from committees.actions import do_assign_position
    from committees.models import Role
    from core.dates import today
    from core.testing import make_member
    from meetings.testing import make_meeting
    from orgs.actions import do_create_organization
    from orgs.models import CellType, OrgKind
    from preparation.actions import do_add_document, do_build_agenda, do_send_notice

    setup_test_environment()  # the test client's host is allowed
    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL']})")
    call_command("migrate", verbosity=0)
    province = do_create_organization(None, kind=OrgKind.PROVINCE, code="BP-T", name="Đảng bộ tỉnh Phú Thọ")
    commune = do_create_organization(
        None, kind=OrgKind.COMMUNE, code="BP-X", name="Đảng bộ xã Tam Nông", parent=province
    )
    cell = do_create_organization(
        None, kind=OrgKind.CELL, code="BP-K6", name="Chi bộ Khu 6", parent=commune, cell_type=CellType.RESIDENTIAL
    )
    members = [make_member(cell, f"Nguyễn Văn Thành {n + 1:02d}") for n in range(args.members)]
    do_assign_position(None, organization=cell, member=members[0], role=Role.SECRETARY, valid_from=dt.date(2025, 8, 1))
    secretary = do_create_user(None, username="bench-secretary", password="bench-password-2026", member=members[0])
    meeting = make_meeting(cell, day=today() + dt.timedelta(days=7), topic="Học tập, quán triệt Nghị quyết Đại hội")
    do_build_agenda(secretary, meeting)
    for title in ("Dự thảo nghị quyết tháng", "Báo cáo kết quả tháng", "Tài liệu sinh hoạt chuyên đề"):
        do_add_document(secretary, meeting, title=title, file=SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4\n%%EOF\n"))
    do_send_notice(secretary, meeting)
    client = Client()
    client.force_login(secretary)
    url = reverse("printpack:pack_pdf", args=[meeting.pk])
    print(f"Cell of {args.members} members, {meeting.agenda_items.count()} agenda items, 3 documents")

    times, cpu_times = [], []
    for run in range(args.runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        assert response.status_code == 200, response.status_code
        pages = len(PdfReader(__import__("io").BytesIO(response.content)).pages)
        times.append(elapsed)
        cpu_times.append(cpu)
        print(f"run {run + 1}: {elapsed:.2f} s (CPU {cpu:.2f} s), {pages} pages, {len(response.content) / 1024:.0f} KB")
    print(
        f"pack PDF of {args.members} members: first {times[0]:.2f} s, median {statistics.median(times):.2f} s, "
        f"slowest {max(times):.2f} s (target < {TARGET_SECONDS:.0f} s); CPU median {statistics.median(cpu_times):.2f} s"
    )
    print(f"load average during the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0 if max(times) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
