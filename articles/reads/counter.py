"""Counting a read: in the worker's buffer while Redis answers, else in the
database at once."""

import re
import threading

from django.db import transaction
from django.utils import timezone

from articles.pagecache.hits import HIT_SCRIPT
from articles.pagecache.link import Unanswered, Unavailable, link
from articles.reads import flusher
from articles.reads.buffer import ReadBuffer, script_arguments, shown_key
from articles.reads.database import add_reads, database_total
from articles.thai import BANGKOK

# Link-preview fetchers and search crawlers. curl/wget-style clients do count.
CRAWLER_AGENTS = re.compile(
    r"bot\b|bot/|crawler|spider|slurp|facebookexternalhit|facebookcatalog|"
    r"line-poker|linespider|bingpreview|embedly|whatsapp|telegrambot|"
    r"twitterbot|discordbot|skypeuripreview|applebot|yandex|baiduspider|"
    r"petalbot|semrush|ahrefs|mj12bot|dotbot|bytespider|gptbot|ccbot",
    re.IGNORECASE,
)
# The shown count lives in Redis this long, then is read from the database again
# (so counts made in the database during an outage show within this time).
SHOWN_SECONDS = 60
# In the WSGI environ: the cached path counted this read already (its answer
# from Redis never came, front.py), so the view Django renders must not.
COUNTED_ALREADY = "newsroom.read_counted"


def bangkok_today():
    return timezone.now().astimezone(BANGKOK).date()


def is_visit(method, meta):
    """A GET by a browser: HEAD and crawlers are not visits."""
    if method != "GET":
        return False
    return not CRAWLER_AGENTS.search(meta.get("HTTP_USER_AGENT", ""))


def is_counted(request):
    """A read counts when a visitor GETs the page: not HEAD, not a crawler, not a
    logged-in editor or admin looking at their own site."""
    if not is_visit(request.method, request.META):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


_buffers = {}
_lock = threading.Lock()


def get_buffer():
    """This process's ReadBuffer (its flusher started), or None without Redis."""
    found = link()
    if found is None:
        return None
    buffer = _buffers.get(found)
    if buffer is None:
        with _lock:
            buffer = _buffers.get(found)
            if buffer is None:
                buffer = _buffers[found] = ReadBuffer(found)
    flusher.start(buffer)
    return buffer


def shown_from_database(buffer, article_id, stored=None):
    """The count to show when Redis has none: the database's (`stored` when
    the caller read it this request), with what this worker has not written
    yet (other workers' unwritten reads show once the key expires again)."""
    if stored is None:
        stored = database_total(article_id)
    total = stored + buffer.pending(article_id)
    key = shown_key(article_id)
    try:
        if not buffer.link.call("set", key, total, nx=True, ex=SHOWN_SECONDS):
            return int(buffer.link.call("get", key) or total)
    except Unavailable:
        pass
    return total


def read_record(*, article_id, request, stored=None):
    """Count this request as a read if it is one; return the count to show.
    `stored`: the article's total in the database, when the caller read it
    with the article (a cold article's count then costs no query of its own)."""
    counted = is_counted(request) and not request.META.get(COUNTED_ALREADY)
    return read_count(article_id=article_id, counted=counted, stored=stored)


def read_count(*, article_id, counted, stored=None):
    """Count one read if `counted`; return the count to show."""
    day = bangkok_today()
    buffer = get_buffer()
    if buffer is not None:
        script = buffer.link.script(HIT_SCRIPT)
        try:
            with buffer.journal() as journal:
                keys, args = script_arguments(journal, article_id, day, counted)
                try:
                    _, _, shown = buffer.link.run(
                        script, ["", "", *keys], ["count", "", "", *args]
                    )
                except Unanswered:
                    shown = -1  # Redis may have counted it: so does this batch
                if counted:
                    journal.add(article_id, day)
        except Unavailable:
            pass  # Redis failed: the database counts it, below
        else:
            if shown >= 0:
                return shown
            return shown_from_database(buffer, article_id, stored)
    if not counted:
        return database_total(article_id) if stored is None else stored
    with transaction.atomic():
        return add_reads({(article_id, day.isoformat()): 1})[article_id]


def reads_flush():
    """Write this worker's buffered reads, and any a dead worker left, to the
    database now; returns how many."""
    buffer = get_buffer()
    return flusher.flush(buffer) if buffer is not None else 0
