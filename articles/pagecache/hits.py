"""The round trip of a cached page: hit.lua, and the pages a worker holds.

A worker keeps the latest pages and most-read block it was sent (up to
HELD_BYTES), and sends their first bytes (magic and stamp, page.py) with each
lookup: when the stored entry still starts with them Redis answers "=" instead
of the bytes, and the worker uses what it holds.
"""

import collections
import threading
import time

from django.conf import settings

from articles.pagecache import keys
from articles.pagecache.page import HEAD_BYTES, Page
from articles.reads.buffer import script_arguments

HIT_SCRIPT = settings.BASE_DIR / "articles" / "pagecache" / "hit.lua"
HELD_BYTES = 8 * 1024 * 1024
TRUST_SECONDS = 1.0
UNCHANGED = b"="
BLOCK_MAGIC = b"NRB1"


def block_entry(html, stamp):
    """The most-read block as stored: magic, a 12-byte stamp, its HTML."""
    return BLOCK_MAGIC + stamp + html.encode()


def block_html(data):
    """The HTML bytes of a stored block, or None."""
    if not data or not data.startswith(BLOCK_MAGIC):
        return None
    return data[HEAD_BYTES:]


class Held:
    """The latest page this worker was sent for each key, least recently used
    first out; used only when Redis says it is still the one stored."""

    def __init__(self, budget=HELD_BYTES):
        self.items = collections.OrderedDict()
        self.lock = threading.Lock()
        self.size = 0
        self.budget = budget

    def get(self, key):
        """(first bytes, value, when Redis last confirmed it) or (b"", None, 0)."""
        with self.lock:
            found = self.items.get(key)
            if found is None:
                return b"", None, 0.0
            self.items.move_to_end(key)
            return found[0], found[1], found[3]

    def put(self, key, head, value, size):
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= old[2]
            self.items[key] = (head, value, size, time.monotonic())
            self.size += size
            while self.size > self.budget and self.items:
                _, (_, _, dropped, _) = self.items.popitem(last=False)
                self.size -= dropped

    def confirm(self, key):
        """Redis said the held value is still the stored one."""
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items[key] = (*found[:3], time.monotonic())

    def forget(self):
        with self.lock:
            self.items.clear()
            self.size = 0


_held = Held()


def hold(key, data, value):
    """This worker just stored `data` (its page or block: `value`) at `key`."""
    _held.put(key, data[:HEAD_BYTES], value, len(data))


def forget_held():
    """Drop every page this worker holds (a test's Redis is not the last one)."""
    _held.forget()


def lookup(link, generation, scheme, host, name, day, count=None):
    """(Page or None, most-read block HTML bytes or None, shown count or -1).

    `count`, for an article, is (journal, article id, counted): the read is
    counted in the journal when the page is there. Raises link.Unavailable."""
    page_key = keys.page_key(generation, scheme, host, name)
    block_key = keys.most_read_key(generation, day)
    page_head, held_page, page_at = _held.get(page_key)
    block_head, held_block, block_at = _held.get(block_key)
    if count is None and held_page is not None and held_block is not None:
        if time.monotonic() - min(page_at, block_at) < TRUST_SECONDS:
            return held_page, held_block, -1
    if count is None:
        extra_keys, extra_args = ["", "", ""], ["0", "", 0, ""]
    else:
        journal, article_id, counted = count
        extra_keys, extra_args = script_arguments(journal, article_id, day, counted)
    page, block, shown = link.run(
        link.script(HIT_SCRIPT),
        [page_key, block_key, *extra_keys],
        ["page", page_head, block_head, *extra_args],
    )
    if block == UNCHANGED:
        block = held_block
        _held.confirm(block_key)
    elif block:
        html = block_html(block)
        if html is not None:
            _held.put(block_key, block[:HEAD_BYTES], html, len(block))
        block = html
    else:
        block = None
    if page == UNCHANGED:
        page = held_page
        _held.confirm(page_key)
    elif page:
        data = page
        page = Page.from_bytes(data)
        if page is not None:
            _held.put(page_key, data[:HEAD_BYTES], page, len(data))
    else:
        page = None
    return page, block, shown
