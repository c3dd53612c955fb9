"""Most read (ยอดนิยม): today and the last 7 days, summed from the daily read rows.

An aggregate over every read row of the period: run off the request path, by
articles/services/most_read.py, which stores the result for the pages."""

from datetime import timedelta

from django.db.models import Sum

from articles.models import Article
from articles.reads import bangkok_today

LIMIT = 5


def most_read(*, days=1, limit=LIMIT, today=None):
    """Published articles most read over the last `days` Bangkok days (1: today),
    with their reads in that period as `period_reads`. One query."""
    today = today or bangkok_today()
    return list(
        Article.objects.published()
        .filter(daily_reads__day__gt=today - timedelta(days=days))
        .annotate(period_reads=Sum("daily_reads__count"))
        .only("id", "title", "published_at")
        .order_by("-period_reads", "-published_at", "-id")[:limit]
    )
