from member_excel.testing import *
from member_excel.models import *
from member_excel.queries import present_rows
from member_excel.rows import RowList
from members.models import Member
from audit.models import AuditEntry

def test_it_smoke(world):
    b = sample_batch(world)
    print(b.status, b.failure, b.total_rows, b.new_count, b.warning_count, b.error_count)
    for r in present_rows(b, RowList(b)[0:10]):
        print(r)
    from member_excel.actions import claim_commit, run_commit
    assert claim_commit(world.sam, b)
    run_commit(b.pk)
    b.refresh_from_db()
    print(b.status, b.failure)
    print(Member.objects.count(), AuditEntry.objects.filter(action__startswith="member.").values_list("action", flat=True))
    assert 0
