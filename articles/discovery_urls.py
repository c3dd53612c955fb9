"""Search, feeds and the sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles.sitemaps import SITEMAPS
from articles.views.feeds import AgencyFeed, LatestFeed, ProvinceFeed, TopicFeed
from articles.views.news_sitemap import news_sitemap
from articles.views.search import search_view

app_name = "discovery"

urlpatterns = [
    path("search/", search_view, name="search"),
    path("feeds/latest.xml", LatestFeed(), name="feed-latest"),
    path("feeds/agency/<slug:slug>.xml", AgencyFeed(), name="feed-agency"),
    path("feeds/province/<slug:slug>.xml", ProvinceFeed(), name="feed-province"),
    path("feeds/topic/<slug:slug>.xml", TopicFeed(), name="feed-topic"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-news.xml", news_sitemap, name="sitemap-news"),
]
