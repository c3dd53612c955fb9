from django import forms
from django.contrib import admin, messages

from articles.admin_dates import BuddhistEraForms, be_date, be_datetime
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
from articles.services.admin_articles import (
    ADMIN_FIELDS,
    article_admin_create,
    article_admin_save,
)
from articles.services.articles import CONFLICT_MESSAGE, CONTENT_FIELDS, EditConflict


@admin.register(Agency)
class AgencyAdmin(BuddhistEraForms, admin.ModelAdmin):
    list_display = ("short_name", "full_name", "slug", "kind", "province", "is_active")
    list_filter = ("kind", "is_active", "province")
    search_fields = ("short_name", "full_name", "slug")
    prepopulated_fields = {}


@admin.register(Author)
class AuthorAdmin(BuddhistEraForms, admin.ModelAdmin):
    list_display = ("byline", "agency", "user")
    list_filter = ("agency",)
    search_fields = ("byline",)
    autocomplete_fields = ("agency",)
    raw_id_fields = ("user",)


class ArticleEventInline(BuddhistEraForms, admin.TabularInline):
    model = ArticleEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "user", be_datetime("at", "เวลา"), "detail")

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


# Changed through the desk's actions (return with a note, end of publication).
CHANGED_ELSEWHERE = (
    "reporter",
    "review_note",
    be_datetime("unpublish_at", "สิ้นสุดการเผยแพร่"),
)


@admin.register(Article)
class ArticleAdmin(BuddhistEraForms, admin.ModelAdmin):
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
    readonly_fields = (
        be_datetime("created_at", "สร้างเมื่อ"),
        be_datetime("updated_at", "แก้ไขเมื่อ"),
        "version",
    )
    filter_horizontal = ("topics",)
    inlines = [ArticleEventInline]
    list_select_related = ("agency",)

    def get_readonly_fields(self, request, obj=None):
        # A stored article's save goes through article_admin_save, which takes
        # CONTENT_FIELDS and ADMIN_FIELDS only: the others are shown, not offered
        # for an edit that would be dropped without a word.
        readonly = super().get_readonly_fields(request, obj)
        if obj is None:
            return readonly
        return (*readonly, *CHANGED_ELSEWHERE)

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
class ReadTotalAdmin(BuddhistEraForms, admin.ModelAdmin):
    list_display = ("article", "total")
    ordering = ("-total",)
    raw_id_fields = ("article",)


@admin.register(DailyRead)
class DailyReadAdmin(BuddhistEraForms, admin.ModelAdmin):
    list_display = ("article", be_date("day", "วันที่"), "count")
    list_filter = ("day",)
    ordering = ("-day", "-count")
    raw_id_fields = ("article",)


@admin.register(Topic)
class TopicAdmin(BuddhistEraForms, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {}


@admin.register(Notice)
class NoticeAdmin(BuddhistEraForms, admin.ModelAdmin):
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
class PageAdmin(BuddhistEraForms, admin.ModelAdmin):
    """The office's own pages; the body is sanitised when saved (Page.save)."""

    form = PageAdminForm
    list_display = ("title", "slug", be_datetime("updated_at", "แก้ไขเมื่อ"))
    search_fields = ("title", "slug")
    readonly_fields = (be_datetime("updated_at", "แก้ไขเมื่อ"),)
