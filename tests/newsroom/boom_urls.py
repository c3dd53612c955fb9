"""The site's addresses plus one that fails, to render the 500 page."""

from django.urls import include, path

from newsroom.urls import *  # noqa: F403  (handler404/handler500 of the site)


def boom(request):
    raise RuntimeError("a failing view, for the 500 page")


urlpatterns = [  # noqa: F405
    path("boom/", boom),
    path("", include("newsroom.urls")),
]
