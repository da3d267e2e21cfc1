"""Turn each organization's MeetingRules row into a published rule pack scoped to it.

MeetingRules (notice lead time, minimum durations per organization) is
replaced by rule packs; this runs before meetings drops the table, so no
installation loses its settings. Each pack starts from the national default
pack's data, with the organization's own thresholds, and is in force from the
default's first day with no end, as the old rows were. The reverse turns the
packs back into rows.
"""

import copy

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

CODE_PREFIX = "meeting-rules-"
DEFAULT_CODE = "hd12-binh-thuan"


def _default(RulePack):  # type: ignore[no-untyped-def]
    base = RulePack.objects.filter(code=DEFAULT_CODE).order_by("-version").first()
    if base is not None:
        return base, base.data, base.effective_from
    from rules.shipped import SHIPPED, pack_data

    return None, pack_data(DEFAULT_CODE), SHIPPED[DEFAULT_CODE]["effective_from"]


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    MeetingRules = apps.get_model("meetings", "MeetingRules")
    RulePack = apps.get_model("rules", "RulePack")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    base, base_data, start = _default(RulePack)
    now = timezone.now()
    for old in MeetingRules.objects.select_related("organization").order_by("organization__path"):
        org = old.organization
        data = copy.deepcopy(base_data)
        meeting = data.setdefault("meeting", {})
        # The schema's ranges: 0-30 days, 0-600 minutes.
        meeting["notice_lead_days"] = min(old.notice_lead_days, 30)
        minutes = meeting.setdefault("min_minutes", {})
        # The old rule asked every meeting but a combined one for the regular minimum.
        minutes["regular"] = minutes["thematic"] = min(old.min_minutes_regular, 600)
        minutes["regular_thematic"] = min(old.min_minutes_combined, 600)
        code = (CODE_PREFIX + slugify(org.code))[:50]
        if RulePack.objects.filter(code=code).exists():  # two codes that differ only by punctuation
            code = f"{code}-{org.pk}"
        pack = RulePack.objects.create(
            code=code,
            version=1,
            name=f"Quy định sinh hoạt của {org.name}",
            description="Chuyển từ thiết lập thời hạn thông báo và thời lượng tối thiểu của tổ chức.",
            scope=org,
            effective_from=start,
            status="published",
            published_at=now,
            data=data,
            based_on=base,
        )
        AuditEntry.objects.create(
            actor_name="system",
            action="rules.migrate",
            object_type="rules.rulepack",
            object_id=str(pack.pk),
            object_repr=f"{pack.name} (v1)"[:255],
            organization=org,
            org_path=org.path,
            before={
                "notice_lead_days": old.notice_lead_days,
                "min_minutes_regular": old.min_minutes_regular,
                "min_minutes_combined": old.min_minutes_combined,
            },
            after={"code": pack.code, "meeting": meeting},
        )


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    MeetingRules = apps.get_model("meetings", "MeetingRules")
    RulePack = apps.get_model("rules", "RulePack")
    for pack in RulePack.objects.filter(code__startswith=CODE_PREFIX, scope__isnull=False, version=1):
        minutes = pack.data["meeting"]["min_minutes"]
        MeetingRules.objects.update_or_create(
            organization_id=pack.scope_id,
            defaults={
                "notice_lead_days": pack.data["meeting"]["notice_lead_days"],
                "min_minutes_regular": minutes["regular"],
                "min_minutes_combined": minutes.get("regular_thematic", minutes["regular"]),
            },
        )
        pack.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rules", "0002_shipped_packs"),
        ("meetings", "0001_initial"),
        ("audit", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, backward)]
