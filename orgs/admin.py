"""Organizations in the Django admin, to look up and search only.

Renames, moves, merges and dissolutions keep the tree's history (versions,
paths, positions) only when they go through orgs/actions, on the app's pages.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from orgs.models import Organization, OrgVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OrgVersionInline(admin.TabularInline):
    model = OrgVersion
    fk_name = "organization"
    fields = ("name", "official_name", "parent", "valid_from", "valid_to", "reason")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "cell_type", "parent", "dissolved_on")
    list_filter = ("kind", "cell_type")
    search_fields = ("name", "official_name", "code")
    list_select_related = ("parent",)
    inlines = [OrgVersionInline]
