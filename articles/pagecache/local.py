"""Cached pages without Redis: files in one directory on the host.

A small office runs one server and no Redis. Its workers still share their
cached pages, in settings.PAGE_CACHE_DIR: the same keys as in Redis (keys.py),
so the page generation read from the database decides what is current, and a
change made in any process (the desk in another worker, import_pages,
seed_demo, the admin) is seen by every worker on its next request.

An entry is one file named after a digest of its key: an 8-byte expiry time,
then the bytes Redis would hold. It is written to a temporary file and renamed
into place, so a reader sees the old entry or the new one, never half of one.
At most MAX_FILES entries are kept: a write now and then removes the expired
ones and, past the bound, the oldest.

Reads are not buffered here: without Redis every read is counted in the
database at once (articles/reads/counter.py).
"""

import hashlib
import os
import struct
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

from articles.pagecache import hits, keys
from articles.pagecache.link import Unavailable, link
from articles.pagecache.page import HEAD_BYTES, Page

MAX_FILES = 5000
PRUNE_EVERY = 200  # writes between two looks at the directory
_EXPIRY = struct.Struct(">d")


class LocalStore:
    """The subset of Redis commands the page cache uses, on files."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.held = hits.Held()
        self.writes = 0
        self.lock = threading.Lock()

    def path(self, key):
        return self.directory / hashlib.sha256(key.encode()).hexdigest()[:40]

    def call(self, command, *args, **kwargs):
        """get, set or delete, like Link.call; Unavailable when the disk fails."""
        if command not in ("get", "set", "delete"):
            raise ValueError(f"not a page store command: {command}")
        try:
            return getattr(self, command)(*args, **kwargs)
        except OSError as exc:
            raise Unavailable(str(self.directory)) from exc

    def get(self, key):
        try:
            data = self.path(key).read_bytes()
        except FileNotFoundError:
            return None
        if len(data) < _EXPIRY.size or _EXPIRY.unpack_from(data)[0] < time.time():
            return None
        return data[_EXPIRY.size :]

    def set(self, key, value, ex, nx=False):
        """Store `value` for `ex` seconds; with nx, only if no live entry is
        there (True when stored)."""
        if isinstance(value, int):
            value = str(value).encode()
        path = self.path(key)
        if nx and self.get(key) is not None:
            return False
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".new-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_EXPIRY.pack(time.time() + ex))
                out.write(value)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._maybe_prune()
        return True

    def delete(self, key):
        self.path(key).unlink(missing_ok=True)

    def lookup(self, generation, scheme, host, name, day):
        """(Page or None, most-read block HTML bytes or None), as hits.lookup
        answers without counting. A page this process has decoded is used
        again while the stored bytes still start the same."""
        page_key = keys.page_key(generation, scheme, host, name)
        data = self.call("get", page_key)
        page = None
        if data:
            head, page, _ = self.held.get(page_key)
            if head != data[:HEAD_BYTES]:
                page = Page.from_bytes(data)
                if page is not None:
                    self.held.put(page_key, data[:HEAD_BYTES], page, len(data))
        block = hits.block_html(self.call("get", keys.most_read_key(generation, day)))
        return page, block

    def _maybe_prune(self):
        with self.lock:
            self.writes += 1
            if self.writes % PRUNE_EVERY:
                return
        self.prune()

    def prune(self, max_files=MAX_FILES):
        """Remove expired entries, then the oldest beyond max_files."""
        now, live = time.time(), []
        for entry in os.scandir(self.directory):
            try:
                with open(entry.path, "rb") as source:
                    head = source.read(_EXPIRY.size)
                if len(head) < _EXPIRY.size or _EXPIRY.unpack(head)[0] < now:
                    os.unlink(entry.path)
                else:
                    live.append((entry.stat().st_mtime, entry.path))
            except FileNotFoundError:
                continue  # another worker removed or replaced it
        live.sort()
        for _, path in live[: max(0, len(live) - max_files)]:
            Path(path).unlink(missing_ok=True)


_stores = {}
_stores_lock = threading.Lock()


def local_store():
    """The host's LocalStore, or None when PAGE_CACHE_DIR is not set."""
    directory = settings.PAGE_CACHE_DIR
    if not directory:
        return None
    found = _stores.get(directory)
    if found is None:
        with _stores_lock:
            found = _stores.get(directory)
            if found is None:
                found = _stores[directory] = LocalStore(directory)
    return found


def page_store():
    """Where cached pages live: Redis when REDIS_URL is set (link.py), else the
    host's directory, else nowhere (None: every page is rendered)."""
    return link() or local_store()
