"""MeetingRules gives way to rule packs; rules.0003 has turned its rows into packs first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("rules", "0003_meeting_rules_to_packs"),
    ]

    operations = [
        migrations.DeleteModel(name="MeetingRules"),
    ]
