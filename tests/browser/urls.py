"""The site's addresses plus uploaded media, for the live server of the browser
tests (the test settings run with DEBUG off, so nothing else serves media)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("newsroom.urls")),
]
