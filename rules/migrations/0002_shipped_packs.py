"""Install the shipped rule packs (rules/shipped.py)."""

from django.db import migrations


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    from rules.shipped import SHIPPED, pack_data

    RulePack = apps.get_model("rules", "RulePack")
    for code, meta in SHIPPED.items():
        RulePack.objects.get_or_create(
            code=code,
            version=1,
            defaults={
                "name": meta["name"],
                "description": meta["description"],
                "effective_from": meta["effective_from"],
                "status": meta["status"],
                "data": pack_data(code),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
