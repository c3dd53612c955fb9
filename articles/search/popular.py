"""Most read (ยอดนิยม): today and the last 7 days, from the daily read rows."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum

from articles.models import Article
from articles.pagecache.invalidation import current_generation
from articles.reads import bangkok_today

CACHE_SECONDS = 60
LIMIT = 5


def most_read(*, days=1, limit=LIMIT):
    """Published articles most read over the last `days` Bangkok days (1: today),
    with their reads in that period as `period_reads`. One query, cached <= 60 s."""
    today = bangkok_today()
    key = f"most-read:{current_generation()}:{today.isoformat()}:{days}:{limit}"
    articles = cache.get(key)
    if articles is None:
        articles = list(
            Article.objects.published()
            .filter(daily_reads__day__gt=today - timedelta(days=days))
            .annotate(period_reads=Sum("daily_reads__count"))
            .select_related("agency")
            .only("id", "title", "published_at", "agency__short_name", "agency__slug")
            .order_by("-period_reads", "-published_at", "-id")[:limit]
        )
        cache.set(key, articles, CACHE_SECONDS)
    return articles
