"""Read counts buffered in Redis and flushed to the database, exactly once.

With a Redis URL configured, a read costs one Redis round trip instead of a
database transaction whose commit waits for the disk. Every few seconds one
flusher (a Redis lock picks it) moves the buffered counts into the database in
one transaction that also records the batch id, so a batch is applied once even
if the flusher dies between the commit and the clean-up. The counts live in
Redis, not in a worker: a worker killed at any moment loses nothing it counted.
"""

import atexit
import logging
import threading
import time
import uuid

import redis
from django.conf import settings
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

# record(shown, pending, pending_day, flushing, article id, "id|day",
#        database total or "", ttl seconds)
# Counts one read; returns the total to show, or -1 (nothing counted) when the
# caller must supply the database total. Also used by articles/page_hits.py.
RECORD_FUNCTION = """
local function record(shown, pending, pending_day, flushing, id, id_day, total, ttl)
  if redis.call('exists', shown) == 0 then
    if total == '' then return -1 end
    local waiting = tonumber(redis.call('hget', pending, id) or '0')
    local flushed = tonumber(redis.call('hget', flushing, id) or '0')
    redis.call('set', shown, tonumber(total) + waiting + flushed, 'EX', ttl)
  end
  redis.call('hincrby', pending, id, 1)
  redis.call('hincrby', pending_day, id_day, 1)
  return redis.call('incr', shown)
end
"""
RECORD = (
    RECORD_FUNCTION
    + "return record(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3],"
    " ARGV[4])"
)

# KEYS: pending, pending_day, flushing, flushing_day, batch; ARGV: new batch id
# Names the batch to flush: the one a dead flusher left, or the pending counts.
TAKE = """
local batch = redis.call('get', KEYS[5])
if batch then return batch end
local found = false
if redis.call('exists', KEYS[1]) == 1 then
  redis.call('rename', KEYS[1], KEYS[3]); found = true
end
if redis.call('exists', KEYS[2]) == 1 then
  redis.call('rename', KEYS[2], KEYS[4]); found = true
end
if not found then return false end
redis.call('set', KEYS[5], ARGV[1])
return ARGV[1]
"""

SHOWN_TTL = 3600


class ReadBuffer:
    def __init__(self, url, prefix):
        self.url = url
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self._record = self.client.register_script(RECORD)
        self._take = self.client.register_script(TAKE)

    def key(self, name):
        return f"{self.prefix}{name}"

    def record(self, article_id, day, database_total=None):
        """Count one read; return the total to show, or None if the caller must
        pass the database total (the first read after the shown key expired)."""
        keys, args = self.record_arguments(article_id, day, database_total)
        result = self._record(keys=keys, args=args)
        return None if result == -1 else int(result)

    def record_arguments(self, article_id, day, database_total=None):
        """The record() function's keys and other arguments, in its order."""
        keys = [
            self.key(f"shown:{article_id}"),
            self.key("pending"),
            self.key("pending-day"),
            self.key("flushing"),
        ]
        args = [
            article_id,
            f"{article_id}|{day.isoformat()}",
            "" if database_total is None else database_total,
            SHOWN_TTL,
        ]
        return keys, args

    def shown(self, article_id):
        value = self.client.get(self.key(f"shown:{article_id}"))
        return None if value is None else int(value)

    def pending_total(self):
        """Reads counted but not yet in the database (for checks and tests)."""
        total = 0
        for name in ("pending", "flushing"):
            total += sum(int(v) for v in self.client.hvals(self.key(name)))
        return total

    def flush(self, apply):
        """Move buffered counts into the database with `apply(batch, totals,
        days)`; return how many reads were flushed (0 if another flusher holds
        the lock or nothing is pending)."""
        lock = self.client.lock(self.key("lock"), timeout=60, blocking_timeout=0)
        if not lock.acquire():
            return 0
        try:
            keys = [
                self.key(n)
                for n in ("pending", "pending-day", "flushing", "flushing-day", "batch")
            ]
            batch = self._take(keys=keys, args=[uuid.uuid4().hex])
            if not batch:
                return 0
            batch = batch.decode()
            totals = {int(k): int(v) for k, v in self.client.hgetall(keys[2]).items()}
            days = {}
            for field, value in self.client.hgetall(keys[3]).items():
                article_id, day = field.decode().split("|")
                days[(int(article_id), day)] = int(value)
            apply(batch, totals, days)
            self.client.delete(keys[2], keys[3], keys[4])
            return sum(totals.values())
        finally:
            lock.release()


_buffer = None
_buffer_lock = threading.Lock()
_flusher_started = False


def get_buffer():
    """The process's buffer, or None when no Redis URL is configured."""
    global _buffer
    url = getattr(settings, "READS_REDIS_URL", "")
    if not url:
        return None
    if _buffer is None or _buffer.prefix != settings.READS_REDIS_PREFIX:
        with _buffer_lock:
            _buffer = ReadBuffer(url, settings.READS_REDIS_PREFIX)
    return _buffer


def _flush_loop(interval, flush):
    while True:
        time.sleep(interval)
        try:
            flush()
        except Exception:  # a failed flush is retried: the batch stays in Redis
            logger.exception("flushing buffered reads failed")
        finally:
            close_old_connections()
            connection.close()


def start_flusher(flush):
    """Start this process's background flusher once, and flush at exit."""
    global _flusher_started
    interval = getattr(settings, "READS_FLUSH_SECONDS", 2)
    with _buffer_lock:
        if _flusher_started or interval <= 0:
            return
        _flusher_started = True
    thread = threading.Thread(
        target=_flush_loop, args=(interval, flush), name="reads-flusher", daemon=True
    )
    thread.start()
    atexit.register(_flush_at_exit, flush)


def _flush_at_exit(flush):
    try:
        flush()
    except Exception:
        logger.exception("flushing buffered reads at exit failed")
