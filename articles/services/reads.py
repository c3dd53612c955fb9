"""The read counter: one visit, one read, counted atomically in the database."""

import re

from django.db import connection, transaction
from django.utils import timezone

from articles.models import DailyRead, ReadTotal
from articles.thai import BANGKOK

# Link-preview fetchers and search crawlers. curl/wget-style clients do count.
CRAWLER_AGENTS = re.compile(
    r"bot\b|bot/|crawler|spider|slurp|facebookexternalhit|facebookcatalog|"
    r"line-poker|linespider|bingpreview|embedly|whatsapp|telegrambot|"
    r"twitterbot|discordbot|skypeuripreview|applebot|yandex|baiduspider|"
    r"petalbot|semrush|ahrefs|mj12bot|dotbot|bytespider|gptbot|ccbot",
    re.IGNORECASE,
)


def is_counted(request):
    """A read counts when a visitor GETs the page: not HEAD, not a crawler, not a
    logged-in editor or admin looking at their own site."""
    if request.method != "GET":
        return False
    if CRAWLER_AGENTS.search(request.META.get("HTTP_USER_AGENT", "")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _increment_total(article_id):
    # One statement that increments and returns: no read-modify-write race.
    table = connection.ops.quote_name(ReadTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET total = total + 1 WHERE article_id = %s "
            "RETURNING total",
            [article_id],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _increment_day(article_id, day):
    table = connection.ops.quote_name(DailyRead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} (article_id, day, "count") VALUES (%s, %s, 1) '
            "ON CONFLICT (article_id, day) "
            f'DO UPDATE SET "count" = {table}."count" + 1',
            [article_id, day],
        )


def bangkok_today():
    return timezone.now().astimezone(BANGKOK).date()


def read_total_ensure(*, article_id, start=0):
    """Create the article's counter row if it has none (idempotent)."""
    ReadTotal.objects.get_or_create(article_id=article_id, defaults={"total": start})


def read_record(*, article, request):
    """Count this request as a read if it is one; return the count to show."""
    if not is_counted(request):
        return article.read_count
    with transaction.atomic():
        total = _increment_total(article.pk)
        if total is None:
            read_total_ensure(article_id=article.pk)
            total = _increment_total(article.pk)
        _increment_day(article.pk, bangkok_today())
    return total
