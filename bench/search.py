"""Time the search page on a province-size data set, as a commune office and as a cell member.

    .venv/bin/python bench/search.py --db sqlite
    .venv/bin/python bench/search.py --db postgres
    .venv/bin/python bench/search.py --db sqlite --reuse      # keep the data set built by an earlier run

Without --reuse the script builds a fresh database (bench/out/search.sqlite3,
or `chibo_bench_search` on 127.0.0.1:5432 or $BENCH_PG_URL): it migrates,
runs `generate_dataset` (250,000 members in 10,000 cells by default), writes
a year of held meetings with adopted minutes and resolutions for every cell
(bench/search_data.py), and builds the search index with
`rebuild_search_index`, timing each step.

Then it signs in three accounts (a commune office, a member of one of that
commune's cells, and a province reader for comparison), runs 50 realistic
queries (names from the data, topics of the year, document codes, words
still being typed) through the search page as a browser would (session,
rights, counts, one page of 20 results with highlights, the template),
once to warm up and then three times, and prints the median and the 95th
percentile per account.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = [
    "nghị quyết",
    "ve sinh moi truong",
    "phòng chống thiên tai",
    "dang phi",
    "ket nap dang",
    "an ninh trat tu",
    "hoc sinh gioi",
    "bau cu dai bieu quoc hoi",
    "Tết Nguyên đán",
    "gia đình chính sách",
    "chuyen doi so",
    "so tay dang vien dien tu",
    "Đại hội XIV",
    "phong chay chua chay",
    "thu hoach vu xuan",
    "tu phe binh",
    "bieu duong",
    "nhac nho cham dong",
    "dinh danh dien tu muc 2",
    "lua dao qua mang",
    "42-HD/BTCTW",
    "366-QĐ/TW",
    "Chỉ thị 50",
    "thang 11/2026",
    "quần chúng ưu tú",
    "nguyen van",
    "tran thi",
    "phong ch",
    "nghi quy",
    "giao thông nông thôn",
]


def _fresh_database(kind: str, reuse: bool) -> str:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        path = out / "search.sqlite3"
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    if not reuse:
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS chibo_bench_search")
            conn.execute("CREATE DATABASE chibo_bench_search")
    return f"{server}/chibo_bench_search"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step(name: str, started: float) -> None:
    print(f"  {name}: {time.perf_counter() - started:.1f} s (peak memory {_peak_mb():.0f} MB)", flush=True)


def _build(members: int, cells: int, month_count: int) -> None:
    from django.core.management import call_command

    from bench.search_data import load_records
    from demo.dataset import default_communes, generate_dataset

    print("Building the data set:")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate_dataset(members=members, cells=cells, communes=default_communes(cells), seed=1)
    _step(f"generate_dataset --members {members} --cells {cells}", started)
    started = time.perf_counter()
    meetings = load_records(month_count=month_count)
    _step(f"{meetings} held meetings, each with adopted minutes and resolution", started)
    started = time.perf_counter()
    call_command("rebuild_search_index", verbosity=0)
    from search.models import SearchDocument

    _step(f"rebuild_search_index: {SearchDocument.objects.count()} documents", started)


def _accounts() -> dict[str, object]:
    from django.db.models import Count

    from accounts.actions import do_create_user, do_grant
    from accounts.models import GrantRole, User
    from members.models import Member
    from orgs.models import Organization, OrgKind

    existing = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
    if len(existing) == 3:
        return {
            "commune office": existing["bench-office"],
            "cell member": existing["bench-member"],
            "province reader": existing["bench-reader"],
        }
    communes = list(
        Organization.objects.filter(kind=OrgKind.COMMUNE).annotate(cells=Count("children")).order_by("cells", "pk")
    )
    commune = communes[len(communes) // 2]  # a commune of median size
    province = Organization.objects.get(pk=commune.parent_id)
    office = do_create_user(None, username="bench-office", password="bench-password-2026")
    do_grant(None, office, commune, GrantRole.OFFICE)
    reader = do_create_user(None, username="bench-reader", password="bench-password-2026")
    do_grant(None, reader, province, GrantRole.READER)
    member = Member.objects.filter(organization__parent=commune, state="active").order_by("pk").first()
    plain = do_create_user(None, username="bench-member", password="bench-password-2026", member=member)
    return {"commune office": office, "cell member": plain, "province reader": reader}


def _queries(office: object) -> list[str]:
    """The topics, and twenty names and card numbers from the office's commune, typed as people type them."""
    from accounts.permissions import scope_for
    from core.text import fold
    from members.models import Member

    path = scope_for(office).read_paths[0]
    everyone = list(
        Member.objects.filter(organization__path__startswith=path)
        .order_by("pk")
        .values_list("full_name", "party_card_number")
    )
    people = everyone[:: max(1, len(everyone) // 20)][:20]
    typed = []
    for n, (name, card) in enumerate(people):
        words = name.split()
        if n % 4 == 0 and card:
            typed.append(card)
        elif n % 4 == 1:
            typed.append(fold(name))  # without accents
        elif n % 4 == 2:
            typed.append(f"{words[0]} {words[-1]}")  # family and given name
        else:
            typed.append(name)
    return (TOPICS + typed)[:50]


def _time_page(client: object, query: str) -> float:
    started = time.perf_counter()
    response = client.get("/search/", {"q": query})  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (query, response.status_code)
    return elapsed


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--members", type=int, default=250_000)
    parser.add_argument("--cells", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the queries, after one warm-up")
    parser.add_argument("--reuse", action="store_true", help="search the data set an earlier run built")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = _fresh_database(args.db, args.reuse)
    os.environ.setdefault("CHIBO_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "chibo.settings"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="chibo-bench-")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL']})")
    if not args.reuse:
        _build(args.members, args.cells, args.months)
    accounts = _accounts()
    queries = _queries(accounts["commune office"])
    print(f"{len(queries)} queries, one warm-up pass and {args.rounds} timed passes per account:")
    report = []
    for label, user in accounts.items():
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        for query in queries:
            _time_page(client, query)
        times = [_time_page(client, query) * 1000 for _ in range(args.rounds) for query in queries]
        slowest = max(queries, key=lambda q: _time_page(client, q))
        report.append((label, statistics.median(times), _percentile(times, 0.95), max(times), slowest))
    for label, median, p95, worst, slowest in report:
        print(f"  {label}: median {median:.0f} ms, p95 {p95:.0f} ms, max {worst:.0f} ms (slowest: {slowest!r})")
    print(f"Peak memory {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
