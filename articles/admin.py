from django import forms
from django.contrib import admin

from articles.forms import ThaiCKEditorWidget
from articles.models import (
    Agency,
    Article,
    ArticleEvent,
    Author,
    DailyRead,
    Notice,
    Page,
    ReadTotal,
    Topic,
)
from articles.thai import BE_OFFSET, FULL_MONTHS, format_thai_datetime


def be_datetime(field, description):
    """A list column showing `field` in Buddhist-Era Thai, sortable by it."""

    @admin.display(description=description, ordering=field)
    def column(obj):
        value = getattr(obj, field)
        return format_thai_datetime(value) if value else "-"

    column.__name__ = f"{field}_thai"
    return column


def be_date(field, description):
    @admin.display(description=description, ordering=field)
    def column(obj):
        day = getattr(obj, field)  # a calendar date: no time zone to convert
        if not day:
            return "-"
        return f"{day.day} {FULL_MONTHS[day.month - 1]} {day.year + BE_OFFSET}"

    column.__name__ = f"{field}_thai"
    return column


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
    list_display = (
        "title",
        "agency",
        "status",
        be_datetime("published_at", "เวลาเผยแพร่"),
        "is_featured",
        "legacy_id",
    )
    list_filter = (
        "agency",
        "status",
        "is_featured",
        "topics",
        ("published_at", admin.DateFieldListFilter),
    )
    search_fields = ("title",)
    date_hierarchy = "published_at"
    autocomplete_fields = ("agency", "author")
    raw_id_fields = ("editor",)
    readonly_fields = ("created_at", "updated_at", "version")
    filter_horizontal = ("topics",)
    inlines = [ArticleEventInline]
    list_select_related = ("agency",)


@admin.register(ReadTotal)
class ReadTotalAdmin(admin.ModelAdmin):
    list_display = ("article", "total")
    ordering = ("-total",)
    raw_id_fields = ("article",)


@admin.register(DailyRead)
class DailyReadAdmin(admin.ModelAdmin):
    list_display = ("article", be_date("day", "วันที่"), "count")
    list_filter = ("day",)
    ordering = ("-day", "-count")
    raw_id_fields = ("article",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {}


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = (
        "text",
        "link",
        be_datetime("expires_at", "แสดงถึง"),
        be_datetime("created_at", "สร้างเมื่อ"),
    )
    search_fields = ("text",)


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
