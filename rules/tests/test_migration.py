"""Installations that set MeetingRules keep their thresholds: each row becomes a published pack of its organization."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEntry
from rules.lookup import PackIndex
from rules.models import PackStatus, RulePack

BEFORE = [("rules", "0002_shipped_packs"), ("meetings", "0001_initial")]


def _migrate(targets: list) -> MigrationExecutor:  # type: ignore[type-arg]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _org(Organization, code: str, kind: str, parent=None):  # type: ignore[no-untyped-def]
    org = Organization.objects.create(kind=kind, code=code, name=f"Đảng bộ {code}", official_name=code, parent=parent)
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.save()
    return org


@pytest.mark.django_db(transaction=True)
def test_meeting_rules_become_packs_and_back() -> None:
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Organization, MeetingRules = old.get_model("orgs", "Organization"), old.get_model("meetings", "MeetingRules")
    province = _org(Organization, "T-PT", "province")
    commune = _org(Organization, "X-HN", "commune", province)
    cell = _org(Organization, "X-HN-K1", "cell", commune)
    MeetingRules.objects.create(
        organization=commune, notice_lead_days=3, min_minutes_regular=60, min_minutes_combined=100
    )
    MeetingRules.objects.create(
        organization=province, notice_lead_days=45, min_minutes_regular=90, min_minutes_combined=120
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    pack = RulePack.objects.get(scope_id=commune.pk)
    assert (pack.code, pack.version, pack.status) == ("meeting-rules-x-hn", 1, PackStatus.PUBLISHED)
    assert pack.based_on == RulePack.objects.get(code="hd12-binh-thuan")
    assert (pack.effective_from, pack.effective_to) == (dt.date(2018, 7, 31), None)
    rules = pack.rules
    assert rules.notice_lead_days == 3
    assert [rules.min_minutes_for(k) for k in ("regular", "thematic", "regular_thematic", "committee")] == [
        60,
        60,
        100,
        0,
    ]
    assert len(rules.sheets) == 1  # the default's score sheet comes along
    province_pack = RulePack.objects.get(scope_id=province.pk)
    assert province_pack.rules.notice_lead_days == 30  # the most the rules allow
    cell_now = type(pack.scope).objects.get(pk=cell.pk)
    assert PackIndex.load().pack_for(cell_now, dt.date(2026, 11, 20)) == pack
    entry = AuditEntry.objects.get(action="rules.migrate", object_id=str(pack.pk))
    assert entry.before == {"notice_lead_days": 3, "min_minutes_regular": 60, "min_minutes_combined": 100}

    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    rows = old.get_model("meetings", "MeetingRules").objects.order_by("organization_id")
    assert [(r.organization_id, r.notice_lead_days, r.min_minutes_regular, r.min_minutes_combined) for r in rows] == [
        (province.pk, 30, 90, 120),
        (commune.pk, 3, 60, 100),
    ]
    assert not old.get_model("rules", "RulePack").objects.filter(code__startswith="meeting-rules-").exists()
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_shipped_packs_come_back_after_a_flush() -> None:
    """Transactional tests empty every table; the packs the app ships are installed again, as after migrate."""
    assert set(RulePack.objects.values_list("code", flat=True)) == {"hd12-binh-thuan", "nghe-an"}
