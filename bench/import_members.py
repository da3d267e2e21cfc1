"""Time the full member import (file checks, row checks, commit) on a fresh database.

    .venv/bin/python bench/make_member_file.py --rows 50000 --cells 1000
    .venv/bin/python bench/import_members.py --file bench/out/members-50000.xlsx --cells 1000 --db sqlite
    .venv/bin/python bench/import_members.py --file bench/out/members-50000.xlsx --cells 1000 --db postgres

`--db sqlite` uses a new file under bench/out/; `--db postgres` drops and
recreates the database `chibo_bench` on 127.0.0.1:5432 (user postgres), or
the server of $BENCH_PG_URL. The script migrates, creates a province, 40
communes and the cells through orgs.actions.do_create_organization, and an
office account for the province; then it runs the same steps as the web
pages (UploadForm's checks, do_create_batch, run_validation, do_claim_commit,
run_commit) and prints the time of each step and the peak memory of the
process (ru_maxrss). `--reimport` then checks the same file again: every row
should be unchanged.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchdb import fresh_database  # noqa: E402
from make_member_file import COMMUNES, cell_code  # noqa: E402


def _fresh_database(kind: str) -> str:
    return fresh_database(kind, "bench" if kind == "sqlite" else "chibo_bench")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=ROOT / "bench" / "out" / "members-50000.xlsx")
    parser.add_argument("--cells", type=int, default=1000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reimport", action="store_true", help="check the same file again after the import")
    parser.add_argument("--update-file", type=Path, help="then import this file (same members, changed values)")
    parser.add_argument("--export", action="store_true", help="then export every member as the export page does")
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

    from accounts.actions import do_create_user, do_grant
    from accounts.models import GrantRole
    from audit.models import AuditEntry
    from member_excel.actions import do_claim_commit, do_create_batch, run_commit
    from member_excel.forms import UploadForm
    from member_excel.models import ImportBatch
    from member_excel.queries import importable_orgs
    from member_excel.validation import run_validation
    from members.models import Member
    from orgs.actions import do_create_organization
    from orgs.models import CellType, OrgKind

    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL']})")
    call_command("migrate", verbosity=0)
    province = do_create_organization(None, kind=OrgKind.PROVINCE, code="BENCH-T", name="Đảng bộ tỉnh Thử nghiệm")
    communes = [
        do_create_organization(
            None, kind=OrgKind.COMMUNE, code=f"BENCH-X{i + 1:02d}", name=f"Đảng bộ xã Số {i + 1}", parent=province
        )
        for i in range(COMMUNES)
    ]
    for index in range(args.cells):
        do_create_organization(
            None,
            kind=OrgKind.CELL,
            code=cell_code(index, args.cells),
            name=f"Chi bộ {index + 1}",
            parent=communes[index % COMMUNES],
            cell_type=CellType.RESIDENTIAL,
        )
    office = do_create_user(None, username="bench-office", password="bench-password-2026")
    do_grant(None, office, province, GrantRole.OFFICE)
    content = args.file.read_bytes()
    print(
        f"File: {args.file} ({len(content) / 1e6:.1f} MB), {args.cells} cells; memory before import {_peak_mb():.0f} MB"
    )

    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    form = UploadForm(
        {"organization": province.pk},
        {"file": SimpleUploadedFile(args.file.name, content)},
        orgs=importable_orgs(office),
    )
    assert form.is_valid(), form.errors
    steps.append(("file checks (upload form)", time.perf_counter() - start))

    mark = time.perf_counter()
    batch = do_create_batch(office, organization=province, upload=form.cleaned_data["file"])
    run_validation(batch.pk)
    batch.refresh_from_db()
    steps.append(("row checks (validation)", time.perf_counter() - mark))
    assert batch.status == "ready", batch.failure
    print(
        f"Preview: {batch.total_rows} rows, {batch.new_count} new, {batch.update_count} updates, "
        f"{batch.warning_count} warnings, {batch.unchanged_count} unchanged, {batch.error_count} errors"
    )

    mark = time.perf_counter()
    assert do_claim_commit(office, batch)
    run_commit(batch.pk)
    batch.refresh_from_db()
    steps.append(("commit (one transaction)", time.perf_counter() - mark))
    assert batch.status == "committed", batch.failure
    total = time.perf_counter() - start

    for name, seconds in steps:
        print(f"  {name:<28} {seconds:6.1f} s")
    print(f"  {'total':<28} {total:6.1f} s")
    print(f"Members: {Member.objects.count()}, audit rows: {AuditEntry.objects.count()}")
    print(f"Peak memory (ru_maxrss): {_peak_mb():.0f} MB")

    if args.reimport:
        mark = time.perf_counter()
        again = do_create_batch(office, organization=province, upload=SimpleUploadedFile(args.file.name, content))
        run_validation(again.pk)
        again = ImportBatch.objects.get(pk=again.pk)
        print(
            f"Re-import check: {time.perf_counter() - mark:.1f} s, {again.unchanged_count} unchanged, "
            f"{again.error_count} errors; peak memory {_peak_mb():.0f} MB"
        )

    if args.update_file:
        changed = SimpleUploadedFile(args.update_file.name, args.update_file.read_bytes())
        mark = time.perf_counter()
        update = do_create_batch(office, organization=province, upload=changed)
        run_validation(update.pk)
        update = ImportBatch.objects.get(pk=update.pk)
        checked = time.perf_counter() - mark
        assert do_claim_commit(office, update), (update.error_count, update.failure)
        run_commit(update.pk)
        update = ImportBatch.objects.get(pk=update.pk)
        assert update.status == "committed", update.failure
        print(
            f"Update import: {update.update_count + update.warning_count} members updated; "
            f"check {checked:.1f} s, commit {time.perf_counter() - mark - checked:.1f} s; "
            f"peak memory {_peak_mb():.0f} MB"
        )

    if args.export:
        from member_excel.workbook import write_members

        mark = time.perf_counter()
        with tempfile.TemporaryFile() as dest:
            members = Member.objects.select_related("organization").iterator(chunk_size=2000)
            write_members(dest, members, importable_orgs(office).filter(kind=OrgKind.CELL))
            size = dest.tell()
        print(
            f"Export of {Member.objects.count()} members: {time.perf_counter() - mark:.1f} s, "
            f"{size / 1e6:.1f} MB; peak memory {_peak_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
