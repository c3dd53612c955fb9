"""Reads written to the database: one at a time, or a batch exactly once."""

from datetime import date

from django.db import IntegrityError, connection, transaction

from articles.models import Article, DailyRead, ReadFlush, ReadTotal

# Rows per statement when a batch is applied: a spike leaves thousands of
# articles to count, and one statement each would keep the database busy.
ROWS_PER_STATEMENT = 500


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _in_statements(rows):
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        yield rows[start : start + ROWS_PER_STATEMENT]


def read_total_ensure(*, article_id, start=0):
    """Create the article's counter row if it has none (idempotent)."""
    ReadTotal.objects.get_or_create(article_id=article_id, defaults={"total": start})


def database_total(article_id):
    total = (
        ReadTotal.objects.filter(article_id=article_id)
        .values_list("total", flat=True)
        .first()
    )
    return total or 0


def add_reads(days):
    """Count {(article id, ISO day): reads} into the totals and the daily rows;
    returns the new totals by article id. Call inside a transaction."""
    totals = {}
    for (article_id, _), n in days.items():
        totals[article_id] = totals.get(article_id, 0) + n
    new_totals = _update_totals(list(totals.items()))
    missing = [(a, n) for a, n in totals.items() if a not in new_totals]
    for article_id, _ in missing:  # no counter row yet: create it, then count
        read_total_ensure(article_id=article_id)
    new_totals.update(_update_totals(missing))
    _add_to_days([(a, date.fromisoformat(d), n) for (a, d), n in days.items()])
    return new_totals


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
        for rows in _in_statements(increments):
            values = ", ".join(["(%s, %s, %s)"] * len(rows))
            cursor.execute(
                f'INSERT INTO {table} (article_id, day, "count") VALUES {values} '
                "ON CONFLICT (article_id, day) "
                f'DO UPDATE SET "count" = {table}."count" + EXCLUDED."count"',
                [value for row in rows for value in row],
            )


def batch_applied(batch):
    return ReadFlush.objects.filter(batch=batch).exists()


def batch_apply(*, batch, days):
    """Count a batch of buffered reads once: the batch id is recorded (unique)
    in the same transaction as the counts, so a batch applied before, by this
    worker or by one adopting its journal, is skipped. True if applied now."""
    if batch_applied(batch):
        return False
    try:
        with transaction.atomic():
            # First: a second writer of the same batch stops here.
            ReadFlush.objects.create(batch=batch, reads=sum(days.values()))
            ids = {article_id for article_id, _ in days}
            live = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
            add_reads({key: n for key, n in days.items() if key[0] in live})
    except IntegrityError:
        return False
    return True
