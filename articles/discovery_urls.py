"""Search, feeds and the sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles.sitemaps import SITEMAPS
from articles.views.feeds import AgencyFeed, LatestFeed
from articles.views.search import search_view

app_name = "discovery"

urlpatterns = [
    path("search/", search_view, name="search"),
    path("feeds/latest.xml", LatestFeed(), name="feed-latest"),
    path("feeds/agency/<slug:slug>.xml", AgencyFeed(), name="feed-agency"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
