"""Writing buffered reads to the database, on a schedule from worker start.

Every READS_FLUSH_SECONDS a thread of each worker (started by gunicorn.conf.py
when the worker starts, or by the first buffered read elsewhere):

1. says the worker is alive (a Redis key that expires after a few intervals);
2. seals its current batch and writes every sealed batch to the database, each
   in one transaction that records the batch id (database.batch_apply), then
   deletes the batch's journal in Redis;
3. adopts the journals of dead workers: a journal whose worker is no longer
   alive is written from Redis under its own batch id, then deleted; one whose
   batch id is already in the database (written, then restored by an old Redis
   snapshot) is only deleted.

A failed step is tried again at the next interval: a batch stays in memory and
in Redis until the database has it. gunicorn's worker_exit (a graceful stop or
reload) flushes once more.
"""

import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import close_old_connections

from articles.pagecache.link import Unavailable
from articles.reads import buffer as buffers
from articles.reads.database import batch_applied, batch_apply

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 60


def alive_seconds():
    """How long a worker counts as alive after its last flush."""
    return max(2.0, 5 * settings.READS_FLUSH_SECONDS)


def flush(buffer):
    """One round of the schedule; returns how many reads were written."""
    link = buffer.link
    try:
        link.call(
            "set", buffers.alive_key(buffer.worker), 1, px=int(alive_seconds() * 1000)
        )
    except Unavailable:
        pass
    written = 0
    for batch, days in buffer.seal():
        if days and batch_apply(batch=batch, days=dict(days)):
            written += sum(days.values())
        buffer.written(batch)
        _forget_journal(link, batch)
    try:
        written += adopt(buffer)
    except Unavailable:
        pass
    if written:  # the public ยอดนิยม lists follow the reads just committed
        from articles.services.most_read import most_read_after_flush

        most_read_after_flush()
    return written


def _forget_journal(link, batch):
    try:
        link.call("delete", buffers.journal_key(batch))
        link.call("srem", buffers.JOURNALS, batch)
    except Unavailable:
        pass  # deleted by a later round of adopt()


def adopt(buffer):
    """Write the journals dead workers left; returns how many reads."""
    link, written = buffer.link, 0
    for member in link.call("smembers", buffers.JOURNALS):
        batch = member.decode()
        worker = buffers.batch_worker(batch)
        if worker == buffer.worker:
            if not buffer.mine(batch):  # written already: only Redis kept it
                _forget_journal(link, batch)
            continue
        if batch_applied(batch):
            _forget_journal(link, batch)
            continue
        if link.call("exists", buffers.alive_key(worker)):
            continue
        if time.time() - buffers.batch_started(batch) < alive_seconds():
            continue  # its worker may not have said it is alive yet
        claim = f"{buffers.journal_key(batch)}:claim"
        if not link.call("set", claim, 1, nx=True, ex=CLAIM_SECONDS):
            continue
        days = Counter()
        for field, value in link.call("hgetall", buffers.journal_key(batch)).items():
            article_id, day = field.decode().split("|")
            days[(int(article_id), day)] += int(value)
        if days and batch_apply(batch=batch, days=dict(days)):
            written += sum(days.values())
            logger.info("wrote %s reads left by worker %s", sum(days.values()), worker)
        _forget_journal(link, batch)
    return written


_started = {}
_lock = threading.Lock()


def start(buffer):
    """Run flush(buffer) every READS_FLUSH_SECONDS in a thread, once per
    process (0 or less: never, as in the test suite, which flushes itself)."""
    if _started.get(buffer.pid):  # every read asks: answer without the lock
        return
    interval = settings.READS_FLUSH_SECONDS
    if interval <= 0:
        return
    with _lock:
        if _started.get(buffer.pid):
            return
        _started[buffer.pid] = True
    thread = threading.Thread(
        target=_loop, args=(buffer, interval), name="reads-flusher", daemon=True
    )
    thread.start()


def _loop(buffer, interval):
    while True:
        time.sleep(interval)
        try:
            flush(buffer)
        except Exception:  # tried again next time: nothing is dropped
            logger.exception("flushing reads failed")
        finally:
            close_old_connections()


def flush_at_exit(buffer):
    """The last flush of a worker stopping gracefully. What it cannot write
    stays in its journal, for another worker to adopt."""
    try:
        flush(buffer)
    except Exception:
        logger.exception("flushing reads at exit failed")
    try:
        buffer.link.call("delete", buffers.alive_key(buffer.worker))
    except Unavailable:
        pass
