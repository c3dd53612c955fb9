"""The editors' desk. `desk:index` is settings.LOGIN_REDIRECT_URL."""

from django.urls import path

from articles.views.desk import (
    articles,
    attachments,
    audit,
    edit,
    photo_panel,
    photos,
    revisions,
    stats,
)

app_name = "desk"

urlpatterns = [
    path("", articles.DeskIndexView.as_view(), name="index"),
    path("articles/new/", articles.article_new, name="new"),
    path("articles/<int:pk>/edit/", edit.article_edit, name="edit"),
    path("articles/<int:pk>/preview/", articles.article_preview, name="preview"),
    path("articles/<int:pk>/publish/", articles.article_publish_view, name="publish"),
    path(
        "articles/<int:pk>/schedule/", articles.article_schedule_view, name="schedule"
    ),
    path(
        "articles/<int:pk>/unpublish/",
        articles.article_unpublish_view,
        name="unpublish",
    ),
    path("articles/<int:pk>/photos/", photos.photo_upload, name="photo-upload"),
    path("articles/<int:pk>/photos/add/", photo_panel.photos_upload, name="photos-add"),
    path("articles/<int:pk>/photos/save/", photo_panel.photos_save, name="photos-save"),
    path(
        "articles/<int:pk>/attachments/",
        attachments.attachments,
        name="attachments",
    ),
    path(
        "articles/<int:pk>/attachments/video/",
        attachments.video_save,
        name="video-save",
    ),
    path(
        "articles/<int:pk>/attachments/documents/",
        attachments.document_upload,
        name="document-upload",
    ),
    path(
        "articles/<int:pk>/attachments/documents/<int:document_pk>/delete/",
        attachments.document_remove,
        name="document-remove",
    ),
    path("audit/", audit.audit_view, name="audit"),
    path("audit/history.csv", audit.audit_csv, name="audit-csv"),
    path("stats/", stats.stats_view, name="stats"),
    path("stats/<slug:name>.csv", stats.stats_csv, name="stats-csv"),
    path("articles/<int:pk>/revisions/", revisions.revision_list, name="revisions"),
    path(
        "articles/<int:pk>/revisions/<int:number>/restore/",
        revisions.revision_restore,
        name="revision-restore",
    ),
]
