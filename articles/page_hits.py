"""A cached public page, and an article's read, in one Redis round trip.

A hit needs the content generation, the page under it and the most-read block,
and for an article the read counted, but only if the page is there (a miss goes
on to the view, which counts it). One script does all of it when the cache is
Redis, and counts the read when the read buffer is on the same Redis. It is sent
over a connection the thread keeps: redis-py's per-command machinery costs more
than the round trip itself, and this runs on every page a LINE share brings.
"""

import collections
import threading

from django.conf import settings
from django.core.cache import caches
from redis.exceptions import NoScriptError

from articles import page_cache
from articles.read_buffer import RECORD_FUNCTION, get_buffer
from articles.search import generation
from articles.services.reads import bangkok_today
from newsroom.cache import GENERATION

# KEYS: generation, then (to count a read) record()'s four keys.
# ARGV: page key before/after the generation, block key before/after, the first
# bytes of the page the worker holds ("" if none: when the stored page starts
# with them, "=" comes back instead of its bytes), "1" to count, then record()'s
# four other arguments.
HIT = (
    RECORD_FUNCTION
    + """
local gen = redis.call('get', KEYS[1])
if not gen then return false end
local key = ARGV[1] .. gen .. ARGV[2]
local page
if ARGV[5] ~= '' then
  local head = redis.call('getrange', key, 0, #ARGV[5] - 1)
  if head == ARGV[5] then page = '=' end
end
if not page then page = redis.call('get', key) end
if not page then return {gen} end
local block = redis.call('get', ARGV[3] .. gen .. ARGV[4]) or ''
local count = ''
if ARGV[6] == '1' then
  count = record(KEYS[2], KEYS[3], KEYS[4], KEYS[5],
                 ARGV[7], ARGV[8], ARGV[9], ARGV[10])
end
return {gen, page, block, count}
"""
)
# Pages a worker keeps, so that a hit moves a few bytes instead of the page
# (8 MB: some 400 pages, what a spike reads, and room left under the 150 MB a
# worker may take once the Thai dictionary is loaded for a search);
# a stored page starts with a stamp unique to its render (page_cache.Page.entry),
# and this many of its first bytes tell whether it is the one held.
HELD_BYTES = 8 * 1024 * 1024
HEAD_BYTES = 64


class _Held:
    """The latest page this worker was sent for each key, least recently used
    first out. Only ever used when Redis says that page is still the one it
    stores."""

    def __init__(self, budget=HELD_BYTES):
        self.items = collections.OrderedDict()
        self.lock = threading.Lock()
        self.size = 0
        self.budget = budget

    def get(self, key):
        """(first bytes, Page) held for the key, or (b"", None)."""
        with self.lock:
            found = self.items.get(key)
            if found is None:
                return b"", None
            self.items.move_to_end(key)
            return found[0], found[1]

    def put(self, key, head, page, size):
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= old[2]
            self.items[key] = (head, page, size)
            self.size += size
            while self.size > self.budget and self.items:
                _, (_, _, dropped) = self.items.popitem(last=False)
                self.size -= dropped


class _Hits:
    """What a worker needs for the script, made once: the cache proxy is a
    thread-local lookup, and keys would be validated on every call."""

    def __init__(self, url, cache, buffer):
        self.url = url
        self.caches_setting = settings.CACHES
        self.cache = cache
        self.buffer = buffer  # None when reads are buffered elsewhere (or not)
        self.client = cache.redis_client()
        self.sha = self.client.script_load(HIT)
        self.make_key = cache.make_key
        self.local = threading.local()
        self.held = _Held()

    def __call__(self, scheme, host, name, article_id, counted):
        """(generation, Page, block or None, count) or the script's miss reply."""
        make_key = self.make_key
        page_pattern, block_pattern = (
            make_key(key) for key in page_cache.key_patterns(scheme, host, name)
        )
        head, held = self.held.get(page_pattern)
        keys = [make_key(generation.KEY)]
        args = [*page_pattern.split(GENERATION, 1), *block_pattern.split(GENERATION, 1)]
        args.append(head)
        if article_id is not None and counted and self.buffer is not None:
            read_keys, read_args = self.buffer.record_arguments(
                article_id, bangkok_today()
            )
            keys += read_keys
            args += ["1", *read_args]
        else:
            args.append("0")
        found = self._evalsha(keys, args)
        if not found or len(found) == 1:
            return found
        gen, page, block, count = found
        if page == b"=":
            page = held
        else:
            head, size = page[:HEAD_BYTES], len(page)
            page = page_cache.Page.from_entry(self.cache.loads(page))
            self.held.put(page_pattern, head, page, size)
        block = None if block == b"" else self.cache.loads(block)
        return gen, page, block, count

    def _evalsha(self, keys, args):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = (
                self.client.connection_pool.make_connection()
            )
        try:
            connection.send_command("EVALSHA", self.sha, len(keys), *keys, *args)
            return connection.read_response()
        except NoScriptError:  # Redis restarted or flushed its scripts
            self.sha = self.client.script_load(HIT)
            return self._evalsha(keys, args)
        except Exception:
            connection.disconnect()  # the next call connects again
            raise


_hits = None


def _for_this_worker():
    global _hits
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None
    buffer = get_buffer()
    shared = buffer if buffer is not None and buffer.url == url else None
    if (
        _hits is None
        or _hits.url != url
        or _hits.buffer is not shared
        or _hits.caches_setting is not settings.CACHES
    ):
        cache = caches["default"]
        if not hasattr(cache, "redis_client"):
            return None
        _hits = _Hits(url, cache, shared)
    return _hits


def page_hit(scheme, host, name, article_id=None, counted=False):
    """(generation, Page or None, block or None, reads) in one round trip, or
    None without a Redis cache. For an article found, the read is counted when
    `counted` and reads is the count to show; reads is None when the caller
    must count or look it up (reads buffered elsewhere, or the shown count
    expired, in which case nothing was counted)."""
    hits = _for_this_worker()
    if hits is None:
        return None
    found = hits(scheme, host, name, article_id, counted)
    if not found:
        return None, None, None, None
    if len(found) == 1:
        return int(found[0]), None, None, None
    gen, page, block, count = found
    reads = count if isinstance(count, int) and count >= 0 else None
    return int(gen), page, block, reads
