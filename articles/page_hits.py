"""A cached public page, and an article's read, in one Redis round trip.

A hit needs the content generation, the page under it and the most-read block,
and for an article the read counted, but only if the page is there (a miss goes
on to the view, which counts it). One script does all of it when the cache is
Redis, and counts the read when the read buffer is on the same Redis.

This runs on every page a LINE share brings, so it is spoken over a socket the
thread keeps, in Redis's own protocol (hiredis packs and parses it): redis-py's
per-command machinery costs more than the round trip itself. And a worker keeps
the pages and the block it was last sent, each stored with a stamp unique to its
render, so that Redis only confirms them instead of sending their bytes again.
"""

import collections
import threading

import hiredis
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

from articles import page_cache, thai
from articles.read_buffer import RECORD_FUNCTION, get_buffer
from articles.search import generation
from articles.services.reads import bangkok_today
from newsroom.cache import GENERATION
from newsroom.memory import release_free_memory

# KEYS: generation, then (to count a read) record()'s four keys.
# ARGV: page key before/after the generation, block key before/after, the first
# bytes of the page and of the block the worker holds ("" if none: when the
# stored one starts with them, "=" comes back instead of its bytes), "1" to
# count, then record()'s four other arguments. A miss returns the generation and
# the block, which the view rendering the page needs.
HIT = (
    RECORD_FUNCTION
    + """
local function held(key, head)
  if head ~= '' and redis.call('getrange', key, 0, #head - 1) == head then
    return '='
  end
  return redis.call('get', key)
end
local gen = redis.call('get', KEYS[1])
if not gen then return false end
local block = held(ARGV[3] .. gen .. ARGV[4], ARGV[6]) or ''
local page = held(ARGV[1] .. gen .. ARGV[2], ARGV[5])
if not page then return {gen, '', block} end
local count = ''
if ARGV[7] == '1' then
  count = record(KEYS[2], KEYS[3], KEYS[4], KEYS[5],
                 ARGV[8], ARGV[9], ARGV[10], ARGV[11])
end
return {gen, page, block, count}
"""
)
# Pages a worker keeps: 14 MB, some 800 pages, what a spike reads. Before the
# Thai dictionary is loaded for a search they are dropped (and taken again from
# Redis as they are asked for), so the load's peak and the pages never add up:
# the dictionary keeps about 50 MB, which leaves room under the 150 MB a worker
# may take.
HELD_BYTES = 14 * 1024 * 1024
HEAD_BYTES = 64
UNCHANGED = b"="
# Key strings made for this many pages at most, then made again.
KEYS_KEPT = 4096


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

    def clear(self):
        with self.lock:
            self.items.clear()
            self.size = 0

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


class _Wire:
    """A Redis connection of the thread's, spoken to directly. redis-py opens
    it (address, password, database, TLS and timeouts as configured)."""

    def __init__(self, client):
        self.connection = client.connection_pool.make_connection()
        self.connection.connect()
        self.socket = self.connection._sock
        self.reader = hiredis.Reader()
        self.buffer = bytearray(256 * 1024)

    def call(self, *args):
        """The reply to one command; a Redis error reply is returned, not
        raised (hiredis.ReplyError)."""
        self.socket.sendall(hiredis.pack_command(args))
        reader, buffer = self.reader, self.buffer
        reply = reader.gets()
        while reply is False:
            size = self.socket.recv_into(buffer)
            if not size:
                raise ConnectionError("Redis closed the connection")
            reader.feed(buffer, 0, size)
            reply = reader.gets()
        return reply

    def close(self):
        self.connection.disconnect()


class _Hits:
    """What a worker needs for the script, made once: the cache proxy is a
    thread-local lookup, and keys would be validated on every call."""

    def __init__(self, url, cache, buffer):
        self.url = url
        self.cache = cache
        self.buffer = buffer  # None when reads are buffered elsewhere (or not)
        self.client = cache.redis_client()
        self.sha = self.client.script_load(HIT)
        self.make_key = cache.make_key
        self.generation_key = cache.make_key(generation.KEY)
        self.local = threading.local()
        self.held = _Held()
        self.headers = {}
        self.block = (None, b"", None)  # (key pattern, first bytes, bytes)
        self.page_keys = {}
        self.block_keys = (None, None)

    def __call__(self, scheme, host, name, article_id, counted):
        """The script's reply: false, [gen, "", block] for a miss or [gen, Page,
        block, count], with the block as bytes ("" if none)."""
        day = bangkok_today()
        page_key = self._page_key(scheme, host, name)
        block_key = self._block_key(day)
        head, held = self.held.get(page_key)
        block_pattern, block_head, block = self.block
        if block_pattern != block_key:
            block_head = b""
        args = [*page_key, *block_key, head, block_head]
        keys = [self.generation_key]
        if article_id is not None and counted and self.buffer is not None:
            read_keys, read_args = self.buffer.record_arguments(article_id, day)
            keys += read_keys
            args += ["1", *read_args]
        found = self._evalsha(keys, args)
        if not found:
            return found
        if found[2] == UNCHANGED:
            found[2] = block
        elif found[2]:
            head = found[2][:HEAD_BYTES]
            html = page_cache.block_html(self.cache.loads(found[2]))
            found[2] = b"" if html is None else html.encode()
            if html is not None:
                self.block = (block_key, head, found[2])
        page = found[1]
        if page == UNCHANGED:
            found[1] = held
        elif page:
            found[1] = page_cache.Page.from_entry(self.cache.loads(page))
            # Pages of a kind share their headers: one copy of them, not one each.
            headers = tuple(found[1].headers or ())
            if len(self.headers) >= KEYS_KEPT:
                self.headers.clear()
            found[1].headers = self.headers.setdefault(headers, headers)
            self.held.put(page_key, page[:HEAD_BYTES], found[1], len(page))
        return found

    def _page_key(self, scheme, host, name):
        """The page's key before and after the generation."""
        key = (scheme, host, name)
        found = self.page_keys.get(key)
        if found is None:
            if len(self.page_keys) >= KEYS_KEPT:
                self.page_keys.clear()
            pattern = self.make_key(page_cache.key_of(scheme, host, name))
            found = self.page_keys[key] = tuple(pattern.split(GENERATION, 1))
        return found

    def _block_key(self, day):
        """The most-read block's key before and after the generation: it names
        the day."""
        if self.block_keys[0] != day:
            pattern = self.make_key(page_cache.most_read_key(day=day))
            self.block_keys = (day, tuple(pattern.split(GENERATION, 1)))
        return self.block_keys[1]

    def _evalsha(self, keys, args):
        wire = getattr(self.local, "wire", None)
        if wire is None:
            wire = self.local.wire = _Wire(self.client)
        try:
            reply = wire.call("EVALSHA", self.sha, len(keys), *keys, *args)
        except Exception:
            wire.close()  # the next call connects again
            self.local.wire = None
            raise
        if isinstance(reply, hiredis.ReplyError):
            if str(reply).startswith("NOSCRIPT"):  # Redis restarted or flushed
                self.sha = self.client.script_load(HIT)
                return self._evalsha(keys, args)
            raise reply
        return reply


_UNSET = object()
_hits = _UNSET


def _for_this_worker():
    """The worker's _Hits, or None without a Redis cache: made once, as
    reading settings on every hit costs more than it should."""
    global _hits
    if _hits is _UNSET:
        _hits = None
        url = getattr(settings, "REDIS_URL", "")
        cache = caches["default"]
        if url and hasattr(cache, "redis_client"):
            buffer = get_buffer()
            shared = buffer if buffer is not None and buffer.url == url else None
            _hits = _Hits(url, cache, shared)
    return _hits


@receiver(setting_changed)
def _settings_changed(**kwargs):
    global _hits
    _hits = _UNSET


def _make_room_for_the_dictionary():
    if isinstance(_hits, _Hits):
        _hits.held.clear()
        _hits.block = (None, b"", None)
        release_free_memory()


thai.before_dictionary_loads(_make_room_for_the_dictionary)


def page_hit(scheme, host, name, article_id=None, counted=False):
    """(generation, Page or None, block or None, reads) in one round trip, or
    None without a Redis cache. The block is the most-read block's HTML as
    bytes. For an article found, the read is counted when `counted` and reads
    is the count to show; reads is None when the caller must count or look it
    up (reads buffered elsewhere, or the shown count expired, in which case
    nothing was counted)."""
    hits = _for_this_worker()
    if hits is None:
        return None
    found = hits(scheme, host, name, article_id, counted)
    if not found:
        return None, None, None, None
    gen, page, block = int(found[0]), found[1] or None, found[2] or None
    count = found[3] if len(found) > 3 else None
    reads = count if isinstance(count, int) and count >= 0 else None
    return gen, page, block, reads
