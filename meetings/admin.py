from django.contrib import admin

from audit.admin_mixins import AuditedAdmin
from meetings.models import MeetingRules


@admin.register(MeetingRules)
class MeetingRulesAdmin(AuditedAdmin):
    """Notice lead time and minimum durations per organization; the nearest ancestor's apply."""

    list_display = ["organization", "notice_lead_days", "min_minutes_regular", "min_minutes_combined"]
    search_fields = ["organization__name", "organization__code"]
    autocomplete_fields = ["organization"]
