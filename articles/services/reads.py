"""The read counter: one visit, one read, counted exactly.

Without Redis each read is one atomic UPDATE and one upsert in the database.
With Redis (settings.READS_REDIS_URL) reads are buffered there and flushed into
the database every few seconds, exactly once (articles/read_buffer.py).
"""

import re

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, DailyRead, ReadFlush, ReadTotal
from articles.read_buffer import get_buffer, start_flusher
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
    if not is_visit(request.method, request.META):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def is_visit(method, meta):
    """A GET by a browser: HEAD and crawlers are not visits."""
    if method != "GET":
        return False
    return not CRAWLER_AGENTS.search(meta.get("HTTP_USER_AGENT", ""))


def bangkok_today():
    return timezone.now().astimezone(BANGKOK).date()


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


# Rows per statement when a flush applies a batch: a spike leaves thousands of
# articles to count, and one statement each would keep the database busy.
ROWS_PER_STATEMENT = 500


def _in_statements(rows):
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        yield rows[start : start + ROWS_PER_STATEMENT]


def _add_to_totals(increments):
    """total += n for each (article_id, n); returns the new totals by id."""
    increments = list(increments)
    totals = _update_totals(increments)
    missing = [(a, n) for a, n in increments if a not in totals]
    for article_id, _ in missing:  # no counter row yet: create it, then count
        read_total_ensure(article_id=article_id)
    totals.update(_update_totals(missing))
    return totals


def _update_totals(increments):
    table = _table(ReadTotal)
    totals = {}
    with connection.cursor() as cursor:
        for rows in _in_statements(increments):
            # Increments and returns in one statement: no read-modify-write.
            values = ", ".join(["(%s, %s)"] * len(rows))
            cursor.execute(
                f"UPDATE {table} SET total = total + counted.column2 "
                f"FROM (VALUES {values}) AS counted "
                f"WHERE {table}.article_id = counted.column1 "
                "RETURNING article_id, total",
                [value for row in rows for value in row],
            )
            totals.update(cursor.fetchall())
    return totals


def _add_to_days(increments):
    """count += n for each (article_id, day, n), creating the day's row."""
    table = _table(DailyRead)
    with connection.cursor() as cursor:
        for rows in _in_statements(list(increments)):
            values = ", ".join(["(%s, %s, %s)"] * len(rows))
            cursor.execute(
                f'INSERT INTO {table} (article_id, day, "count") VALUES {values} '
                "ON CONFLICT (article_id, day) "
                f'DO UPDATE SET "count" = {table}."count" + EXCLUDED."count"',
                [value for row in rows for value in row],
            )


def read_total_ensure(*, article_id, start=0):
    """Create the article's counter row if it has none (idempotent)."""
    ReadTotal.objects.get_or_create(article_id=article_id, defaults={"total": start})


def _database_total(article_id):
    total = (
        ReadTotal.objects.filter(article_id=article_id)
        .values_list("total", flat=True)
        .first()
    )
    return total or 0


def read_shown(article_id):
    """The count to show without counting a read."""
    buffer = get_buffer()
    shown = buffer.shown(article_id) if buffer else None
    return _database_total(article_id) if shown is None else shown


def read_record(*, article_id, request):
    """Count this request as a read if it is one; return the count to show."""
    return read_count(article_id=article_id, counted=is_counted(request))


def read_count(*, article_id, counted):
    """Count one read if counted; return the count to show."""
    if not counted:
        return read_shown(article_id)
    day = bangkok_today()
    buffer = get_buffer()
    if buffer is None:
        with transaction.atomic():
            total = _add_to_totals([(article_id, 1)])[article_id]
            _add_to_days([(article_id, day, 1)])
        return total
    start_flusher(reads_flush)
    total = buffer.record(article_id, day)
    if total is None:  # first read since the shown count expired from Redis
        total = buffer.record(article_id, day, _database_total(article_id))
    return total


def _apply_batch(batch, totals, days):
    with transaction.atomic():
        if ReadFlush.objects.filter(batch=batch).exists():
            return  # applied before a flusher died: never count it twice
        ids = set(totals) | {article_id for article_id, _ in days}
        live = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        _add_to_totals([(a, n) for a, n in totals.items() if a in live])
        _add_to_days([(a, day, n) for (a, day), n in days.items() if a in live])
        ReadFlush.objects.create(batch=batch, reads=sum(totals.values()))


def reads_flush():
    """Move reads buffered in Redis into the database; return how many."""
    buffer = get_buffer()
    return buffer.flush(_apply_batch) if buffer else 0
