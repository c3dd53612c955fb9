from django.urls import path

from articles.views import documents, legacy, pages, public

app_name = "articles"

urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    path("news/<int:pk>/", public.ArticleDetailView.as_view(), name="detail"),
    path(
        "news/<int:article_pk>/documents/<int:pk>/",
        documents.document_download,
        name="document",
    ),
    path("agency/<slug:slug>/", public.AgencyArticleListView.as_view(), name="agency"),
    path(
        "province/<slug:slug>/",
        public.ProvinceArticleListView.as_view(),
        name="province",
    ),
    path("topic/<slug:slug>/", public.TopicArticleListView.as_view(), name="topic"),
    path("pages/<slug:slug>/", pages.PageDetailView.as_view(), name="page"),
    path("ct/news/viewnews.php", legacy.legacy_article_redirect, name="legacy"),
]
