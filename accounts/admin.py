from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Membership, User
from articles.admin_dates import BuddhistEraForms


class MembershipInline(admin.TabularInline):
    """Which agencies a person works for, and as reporter or editor."""

    model = Membership
    extra = 1
    autocomplete_fields = ("agency",)


@admin.register(User)
class UserAdmin(BuddhistEraForms, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "memberships__role")


@admin.register(Membership)
class MembershipAdmin(BuddhistEraForms, admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")
    search_fields = ("user__username", "agency__short_name")
    autocomplete_fields = ("user", "agency")
