from django import forms
from django.contrib import admin, messages

from articles.models import Agency, Article, ArticleEvent, Author, DailyRead, ReadTotal
from articles.services.articles import (
    ADMIN_FIELDS,
    CONFLICT_MESSAGE,
    CONTENT_FIELDS,
    EditConflict,
    article_admin_create,
    article_admin_save,
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
    list_display = ("title", "agency", "status", "published_at", "legacy_id")
    list_filter = ("agency", "status", ("published_at", admin.DateFieldListFilter))
    search_fields = ("title",)
    date_hierarchy = "published_at"
    autocomplete_fields = ("agency", "author")
    raw_id_fields = ("editor",)
    readonly_fields = ("created_at", "updated_at", "version")
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
    list_display = ("article", "day", "count")
    list_filter = ("day",)
    ordering = ("-day", "-count")
    raw_id_fields = ("article",)
