"""The Redis the cached pages and the read buffer use, kept out of the way when
it fails.

Every command has a timeout of tens of milliseconds. The page script (run())
goes over one connection per thread, closed after any error; every other
command through one bounded pool and plain redis-py commands (each takes a
connection from the pool and gives it back, error or not). After any error the link is
open for a moment (BACK_OFF_SECONDS): callers see `Unavailable` at once and go
to the database, instead of each request waiting for a timeout. The first call
after the pause tries Redis again, so the fast path comes back by itself.
"""

import logging
import os
import threading
import time
from pathlib import Path

import redis
from django.conf import settings
from hiredis import pack_command
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

BACK_OFF_SECONDS = 1.0
# A sync worker has one request thread and the read flusher.
MAX_CONNECTIONS = 4


class Unavailable(Exception):
    """Redis failed just now, or is not configured: use the database."""


class Unanswered(Unavailable):
    """A script went out to Redis and no answer came back (a timeout, a
    dropped connection): Redis may have run it, or may still run it once it
    reads its socket (a paused or busy server runs what it already received).
    A read it counts must then not be counted in the database too."""


class Link:
    def __init__(self, url, *, timeout):
        self.url = url
        self.pool = redis.BlockingConnectionPool.from_url(
            url,
            max_connections=MAX_CONNECTIONS,
            timeout=timeout,  # waiting for a free connection
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),  # a failure is the database's turn
        )
        self.client = redis.Redis(
            connection_pool=self.pool, retry=Retry(NoBackoff(), 0)
        )
        self.open_until = 0.0
        self.scripts = {}
        self.local = threading.local()  # run()'s connection, one per thread

    def script(self, path):
        """A Lua script of the project's, loaded once (redis-py loads it again
        after a Redis restart)."""
        found = self.scripts.get(path)
        if found is None:
            found = self.scripts[path] = self.client.register_script(
                Path(path).read_text()
            )
        return found

    def run(self, script, keys, args):
        """The reply of a script (from script()), or Unavailable. Spoken on
        this thread's own connection, packed by hiredis in one call: the hot
        path, where the pool's and the client's per-command machinery cost
        more than the round trip. After any error the connection is closed,
        and opened again on the next call."""
        if time.monotonic() < self.open_until:
            raise Unavailable(self.url)
        connection = getattr(self.local, "connection", None)
        sent = False
        try:
            if connection is None:
                connection = self.local.connection = self.pool.connection_class(
                    **self.pool.connection_kwargs
                )
            elif connection.can_read():
                # Closed by Redis (it restarted, or dropped us): a script sent
                # now could not tell "not run" from "run", so open another.
                connection.disconnect()
            command = [pack_command(("EVALSHA", script.sha, len(keys), *keys, *args))]
            connection.send_packed_command(command, check_health=False)
            sent = True
            try:
                return connection.read_response()
            except redis.exceptions.NoScriptError:  # Redis restarted or flushed
                sent = False  # refused: nothing ran
                self.client.script_load(script.script)
                connection.send_packed_command(command, check_health=False)
                sent = True
                return connection.read_response()
        except redis.RedisError as exc:
            if connection is not None:
                connection.disconnect()
            # An error reply (out of memory, no script) means nothing ran; a
            # missing reply means it may have.
            unanswered = sent and isinstance(
                exc, (redis.ConnectionError, redis.TimeoutError)
            )
            self._failed(exc, Unanswered if unanswered else Unavailable)

    def _failed(self, exc, error=Unavailable):
        self.open_until = time.monotonic() + BACK_OFF_SECONDS
        logger.warning("Redis failed, using the database for a moment: %s", exc)
        raise error(self.url) from exc

    def call(self, command, *args, **kwargs):
        """command(*args) on the client (a method name, or a Script), or
        Unavailable while Redis fails."""
        if time.monotonic() < self.open_until:
            raise Unavailable(self.url)
        try:
            if isinstance(command, str):
                return getattr(self.client, command)(*args, **kwargs)
            return command(*args, client=self.client, **kwargs)
        except redis.RedisError as exc:
            self._failed(exc)


_links = {}
_lock = threading.Lock()


def link(url=None):
    """The process's Link to `url` (settings.REDIS_URL by default), or None
    without one. Made again in a forked child: pools are not shared across
    processes."""
    url = settings.REDIS_URL if url is None else url
    if not url:
        return None
    key = (os.getpid(), url, settings.PAGE_CACHE_REDIS_TIMEOUT)
    found = _links.get(key)
    if found is None:
        with _lock:
            found = _links.get(key)
            if found is None:
                found = _links[key] = Link(
                    url, timeout=settings.PAGE_CACHE_REDIS_TIMEOUT
                )
    return found
