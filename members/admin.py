"""Party members in the Django admin, to look up and search only.

A member's record changes through events (admission, transfer, exemption,
death…) that keep its history; those go through members/actions on the
member's pages, never as a raw edit here.
"""

from django.contrib import admin

from members.models import Member
from orgs.admin import ReadOnlyAdmin


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "organization", "category", "state", "party_card_number", "phone")
    list_filter = ("category", "state")
    search_fields = ("full_name", "search_key", "party_card_number", "citizen_id", "phone")
    list_select_related = ("organization",)
