from django import forms
from django.contrib import admin, messages

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
from articles.services.articles import (
    ADMIN_FIELDS,
    CONFLICT_MESSAGE,
    CONTENT_FIELDS,
    EditConflict,
    article_admin_create,
    article_admin_save,
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


class ArticleAdminForm(forms.ModelForm):
    """The admin's article form carries the version it was loaded at, like the
    desk's: a save over someone else's newer text is refused."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            stored = Article.objects.filter(pk=self.instance.pk)
            stored = stored.values_list("version", flat=True).first()
            if cleaned.get("loaded_version") != stored:
                raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
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

    def save_model(self, request, obj, form, change):
        # Through the desk's services: sanitised, version-checked, in the history
        # (whose events also refresh the search index and the cached pages).
        if not change:
            article_admin_create(article=obj, user=request.user)
            return
        # Only what the admin changed: the form's times have no microseconds.
        fields = {
            key: form.cleaned_data[key]
            for key in CONTENT_FIELDS + ADMIN_FIELDS
            if key in form.changed_data
        }
        try:
            article_admin_save(
                article=Article.objects.get(pk=obj.pk),
                user=request.user,
                version=form.cleaned_data["loaded_version"],
                **fields,
            )
        except EditConflict:
            # Someone saved between the form's check and this save: theirs stays.
            messages.error(request, CONFLICT_MESSAGE)
        obj.refresh_from_db()


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
