"""Committee terms and positions in the Django admin, to look up and search only.

Positions are checked against the rules of DOMAIN.md §3 (full members only, no
committee below 9 full members, one secretary) by committees/actions.
"""

from django.contrib import admin

from committees.models import CommitteeTerm, Position
from orgs.admin import ReadOnlyAdmin


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(ReadOnlyAdmin):
    list_display = ("organization", "name", "starts_on", "ends_on")
    search_fields = ("organization__name", "name")
    list_select_related = ("organization",)


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ("member", "role", "organization", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("member__full_name", "member__search_key", "organization__name")
    list_select_related = ("member", "organization")
