"""Time the official documents: one adopted minutes as PDF and as Word, and the resolution, on a fresh database.

    .venv/bin/python bench/documents.py                 # SQLite under bench/out/
    .venv/bin/python bench/documents.py --db postgres   # database chibo_bench on 127.0.0.1:5432

The script migrates, builds the test world (core/testing.py) and one held
meeting of cell A1 with its agenda, `--speeches` recorded speeches, the
quality sheet, adopted minutes and a resolution with `--tasks` tasks, through
the same actions the pages use. Then it renders each document `--runs` times
after one warm-up run, as the download view does (build from the records,
then render with the organization's template), and prints the median, the
fastest and the slowest run, the size and the number of PDF pages. On a
shared machine the wall-clock time depends on the other processes: the median
CPU time of this process is printed too, with the load average.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchdb import fresh_database  # noqa: E402


def _fresh_database(kind: str) -> str:
    return fresh_database(kind, "documents" if kind == "sqlite" else "chibo_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--speeches", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=8)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = _fresh_database(args.db)
    os.environ.setdefault("CHIBO_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "chibo.settings"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="chibo-bench-")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from pypdf import PdfReader

    from core.testing import build_world
    from documents import builders
    from documents.render import render
    from documents.testing import full_meeting, task_list
    from meetings.models import Speech
    from records.testing import adopted_minutes, adopted_resolution

    call_command("migrate", verbosity=0)
    translation.activate("vi")
    world = build_world()
    meeting = full_meeting(world)
    item = meeting.agenda_items.order_by("order")[2]
    Speech.objects.bulk_create(
        Speech(
            meeting=meeting,
            agenda_item=item,
            member=world.alice.member,
            speaker_name=world.alice.member.full_name,
            gist=f"Ý kiến số {n}: đề nghị chi bộ tăng cường kiểm tra việc thực hiện nghị quyết ở từng tổ dân cư.",
        )
        for n in range(args.speeches)
    )
    minutes = adopted_minutes(world.sam, meeting)
    resolution = adopted_resolution(world.sam, meeting, task_list(world, args.tasks))
    cell = meeting.organization

    def minutes_doc():  # type: ignore[no-untyped-def]
        return builders.minutes(meeting, minutes)

    def resolution_doc():  # type: ignore[no-untyped-def]
        return builders.resolution(meeting, resolution)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Database: {connection.vendor}; {args.runs} runs after one warm-up; "
        f"{args.speeches} speeches, {args.tasks} tasks; load average {load} on {os.cpu_count()} CPUs"
    )
    for label, build in (("minutes", minutes_doc), ("resolution", resolution_doc)):
        for fmt in ("pdf", "docx"):
            render(build(), cell, fmt)  # warm-up: fonts, templates, imports
            times, cpu = [], []
            for _run in range(args.runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                with CaptureQueriesContext(connection) as queries:
                    rendered = render(build(), cell, fmt)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            pages = f", {len(PdfReader(io.BytesIO(rendered.content)).pages)} pages" if fmt == "pdf" else ""
            print(
                f"{label:10} {fmt:4}  median {statistics.median(times) * 1000:6.0f} ms"
                f"  min {min(times) * 1000:6.0f} ms  max {max(times) * 1000:6.0f} ms"
                f"  CPU median {statistics.median(cpu) * 1000:6.0f} ms"
                f"  {len(rendered.content) / 1024:5.0f} KiB{pages}, {len(queries)} queries"
            )


if __name__ == "__main__":
    main()
