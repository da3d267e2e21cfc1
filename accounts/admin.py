"""Accounts in the Django admin, for superusers: users, their grants, and activation codes (hash never shown).

Every save goes through the audit trail (audit/admin_mixins.py); the audit
snapshot leaves out password hashes and code hashes.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from accounts.backends import phone_digits
from accounts.models import ActivationCode, Grant, User
from audit.admin_mixins import AuditedAdmin
from audit.log import record, snapshot
from members.models import phone_validator


def _clean_phone(form: Any) -> str | None:
    raw = form.cleaned_data.get("phone") or ""
    if not raw.strip():
        return None
    digits = phone_digits(raw)
    phone_validator(digits)
    return digits


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta(auth_forms.AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "phone", "member")

    def clean_phone(self) -> str | None:
        return _clean_phone(self)


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User

    def clean_phone(self) -> str | None:
        return _clean_phone(self)


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Party member"), {"fields": ("phone", "member")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "phone", "member", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "member", "phone", "is_active", "is_staff", "is_superuser", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("username", "phone", "member__full_name", "member__search_key", "email")
    list_select_related = ("member",)
    autocomplete_fields = ["member"]
    inlines = [GrantInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Grants added, changed or removed on the user's page are audited like any other grant."""
        with transaction.atomic():
            for deleted in formset.deleted_forms:
                grant = deleted.instance
                if grant.pk:
                    record(request.user, "admin.delete", grant, organization=grant.organization, before=snapshot(grant))
            super().save_formset(request, form, formset, change)
            for grant in formset.new_objects:
                record(request.user, "admin.add", grant, organization=grant.organization, after=snapshot(grant))
            for grant, fields in formset.changed_objects:
                record(
                    request.user, "admin.change", grant, organization=grant.organization, after=snapshot(grant, fields)
                )

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.select_related("member__organization").get(pk=id)
            organization = user.member.organization if user.member else None
            record(request.user, "admin.set_password", user, organization=organization)
        return response


@admin.register(Grant)
class GrantAdmin(AuditedAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organization__name", "organization__code")
    autocomplete_fields = ["user", "organization"]
    list_select_related = ("user", "organization")


@admin.register(ActivationCode)
class ActivationCodeAdmin(AuditedAdmin):
    """Codes are issued from the member list. Here a superuser may only look, or revoke one."""

    list_display = ("user", "issued_at", "expires_at", "used_at", "revoked_at", "issued_by")
    list_filter = ("issued_at", "used_at", "revoked_at")
    search_fields = ("user__username", "user__member__full_name")
    list_select_related = ("user", "issued_by")
    fields = ("user", "issued_by", "issued_at", "expires_at", "used_at", "revoked_at")
    readonly_fields = ("user", "issued_by", "issued_at", "expires_at", "used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
