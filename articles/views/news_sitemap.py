"""/sitemap-news.xml: the last two days' news, in Google News' sitemap format."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.structured_data import iso

DAYS = 2
LIMIT = 1000  # the format's ceiling per sitemap


@require_safe
@cache_control(max_age=300, public=True)
def news_sitemap(request):
    since = timezone.now() - timedelta(days=DAYS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("id", "title", "published_at")
        .order_by("-published_at", "-id")[:LIMIT]
    )
    entries = [
        {
            "loc": request.build_absolute_uri(article.get_absolute_url()),
            "title": article.title,
            "published": iso(article.published_at),
        }
        for article in articles
    ]
    return render(
        request,
        "articles/sitemap_news.xml",
        {"entries": entries, "publication": settings.NEWSROOM["SITE_NAME"]},
        content_type="application/xml; charset=utf-8",
    )
