from django import forms
from django.contrib import admin

from articles.forms import ThaiCKEditorWidget
from articles.models import (
    Agency,
    Article,
    ArticleEvent,
    Author,
    DailyRead,
    Page,
    ReadTotal,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "full_name", "slug", "kind", "province", "is_active")
    list_filter = ("kind", "is_active", "province")
    search_fields = ("short_name", "full_name", "slug")
    prepopulated_fields = {}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("byline", "agency", "user")
    list_filter = ("agency",)
    search_fields = ("byline",)
    autocomplete_fields = ("agency",)
    raw_id_fields = ("user",)


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "user", "at", "detail")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "status", "published_at", "legacy_id")
    list_filter = ("agency", "status", ("published_at", admin.DateFieldListFilter))
    search_fields = ("title",)
    date_hierarchy = "published_at"
    autocomplete_fields = ("agency", "author")
    raw_id_fields = ("editor",)
    readonly_fields = ("created_at", "updated_at", "version")
    inlines = [ArticleEventInline]
    list_select_related = ("agency",)


@admin.register(ReadTotal)
class ReadTotalAdmin(admin.ModelAdmin):
    list_display = ("article", "total")
    ordering = ("-total",)
    raw_id_fields = ("article",)


@admin.register(DailyRead)
class DailyReadAdmin(admin.ModelAdmin):
    list_display = ("article", "day", "count")
    list_filter = ("day",)
    ordering = ("-day", "-count")
    raw_id_fields = ("article",)


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ("slug", "title", "body")
        widgets = {"body": ThaiCKEditorWidget()}


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """The office's own pages; the body is sanitised when saved (Page.save)."""

    form = PageAdminForm
    list_display = ("title", "slug", "updated_at")
    search_fields = ("title", "slug")
    readonly_fields = ("updated_at",)
