"""The public ยอดนิยม block's lists (today, the last 7 days), computed off the
request path and stored in MostRead; a page reads them with one query.

Who computes them (most_read_refresh):
- with Redis, the read flusher after a flush that wrote reads
  (articles/reads/flusher.py), and this module's thread when the Bangkok day
  turns (no flush may come);
- without Redis (reads are written at once), this module's thread, every
  READS_FLUSH_SECONDS.
Either way at most once every REFRESH_SECONDS across all workers (the state
row is locked and says when), and a process keeps what it read for
LISTS_SECONDS: the block lags the reads by up to those plus one flush interval
(with Redis the block itself is kept a minute, articles/pagecache/render.py).
The counts shown are the exact sums of the read rows when computed.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from articles.fragments import remember
from articles.models import Article, MostRead, MostReadState
from articles.pagecache.invalidation import current_generation
from articles.pagecache.link import link
from articles.reads import bangkok_today
from articles.search.popular import LIMIT, most_read

logger = logging.getLogger(__name__)

PERIODS = (1, 7)
# Kept beyond the LIMIT shown: an article unpublished since the last refresh
# is left out at read time, and the next one moves up.
STORED = LIMIT + 5
REFRESH_SECONDS = 5.0
LISTS_SECONDS = 2.0
_STATE = 1
_computed = [0]


def _due(state, today, now, min_seconds):
    if state.day != today or state.refreshed_at is None:
        return True
    return (now - state.refreshed_at).total_seconds() >= min_seconds


@transaction.atomic
def most_read_refresh(*, min_seconds=REFRESH_SECONDS):
    """Compute both lists and replace the stored ones, unless they were computed
    less than `min_seconds` ago for today. True if computed now."""
    state, _ = MostReadState.objects.select_for_update().get_or_create(pk=_STATE)
    today, now = bangkok_today(), timezone.now()
    if not _due(state, today, now, min_seconds):
        return False
    rows = [
        MostRead(
            day=today,
            days=days,
            rank=rank,
            article_id=article.pk,
            reads=article.period_reads,
        )
        for days in PERIODS
        for rank, article in enumerate(
            most_read(days=days, limit=STORED, today=today), start=1
        )
    ]
    MostRead.objects.all().delete()
    MostRead.objects.bulk_create(rows)
    state.day, state.refreshed_at = today, now
    state.save()
    # This process shows the new lists at once: its own reads within this
    # transaction see them now, every other one once it commits.
    _forget_lists()
    transaction.on_commit(_forget_lists)
    return True


def _forget_lists():
    _computed[0] += 1


def most_read_after_flush():
    """most_read_refresh() for the read flusher: a failure is logged, and the
    flush it follows stays a success (the next one tries again)."""
    try:
        most_read_refresh()
    except Exception:
        logger.exception("refreshing the most-read lists failed")


def most_read_block_html():
    """The ยอดนิยม block as HTML, rendered once per read of the stored lists."""
    refresher_start()
    key = ("most-read-html", _lists_key(LIMIT))
    return remember(key, LISTS_SECONDS, _render_block)


def _render_block():
    today, week = most_read_lists()
    context = {"most_read_today": today, "most_read_week": week}
    return render_to_string("includes/most_read.html", context)


def _lists_key(limit):
    return (current_generation(), bangkok_today(), limit, _computed[0])


def most_read_lists(*, limit=LIMIT):
    """(today, last 7 days): the stored lists' articles still public, each with
    its reads in the period as `period_reads`. One query, kept in this process
    for LISTS_SECONDS (an unpublish moves the generation: at once)."""
    refresher_start()
    return remember(
        ("most-read", _lists_key(limit)), LISTS_SECONDS, lambda: _stored_lists(limit)
    )


def _stored_lists(limit):
    public = Article.objects.published().filter(pk=OuterRef("article_id"))
    rows = (
        MostRead.objects.filter(Exists(public), day=bangkok_today())
        .select_related("article")
        .only("days", "reads", "article__id", "article__title")
        .order_by("days", "rank")
    )
    lists = {days: [] for days in PERIODS}
    for row in rows:
        shown = lists[row.days]
        if len(shown) < limit:
            row.article.period_reads = row.reads
            shown.append(row.article)
    return lists[1], lists[7]


_started = set()
_lock = threading.Lock()


def refresher_start():
    """Run the refresh thread once per process (interval 0 or less: never, as
    in the test suite, which refreshes itself)."""
    pid = os.getpid()  # a forked worker runs its own
    if pid in _started:
        return
    interval = settings.READS_FLUSH_SECONDS
    if interval <= 0:
        return
    with _lock:
        if pid in _started:
            return
        _started.add(pid)
    thread = threading.Thread(
        target=_loop, args=(interval,), name="most-read", daemon=True
    )
    thread.start()


def _loop(interval):
    while True:
        try:
            # With Redis the flusher refreshes after writing reads: here only
            # a new Bangkok day is due (a day's huge min_seconds).
            min_seconds = REFRESH_SECONDS if link() is None else 86400
            most_read_refresh(min_seconds=min_seconds)
        except Exception:  # tried again next time; the stored lists stay
            logger.exception("refreshing the most-read lists failed")
        finally:
            close_old_connections()
        time.sleep(interval)
