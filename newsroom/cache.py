"""Django's Redis cache, failing soft: while Redis is down, slow or full, a read
is a miss and a write is skipped, so a page renders from the database instead of
answering 500. After an error the cache is left alone for BACK_OFF_SECONDS.

Timeouts and the pool's bound come from the cache's OPTIONS (settings/base.py).
"""

import functools
import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

BACK_OFF_SECONDS = 1.0


def _soft(default):
    def wrap(method):
        @functools.wraps(method)
        def soft(self, *args, **kwargs):
            if time.monotonic() < self.open_until:
                return default(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except redis.RedisError as exc:
                self.open_until = time.monotonic() + BACK_OFF_SECONDS
                logger.warning("cache unavailable for a moment: %s", exc)
                return default(*args, **kwargs)

        return soft

    return wrap


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _given_default(key, default=None, *args, **kwargs):
    return default


def _nothing_found(keys, *args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _no_counter(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (cache unavailable)")


class SoftRedisCache(RedisCache):
    open_until = 0.0

    get = _soft(_given_default)(RedisCache.get)
    get_many = _soft(_nothing_found)(RedisCache.get_many)
    has_key = _soft(_false)(RedisCache.has_key)
    set = _soft(_none)(RedisCache.set)
    set_many = _soft(_all_failed)(RedisCache.set_many)
    add = _soft(_false)(RedisCache.add)
    touch = _soft(_false)(RedisCache.touch)
    delete = _soft(_false)(RedisCache.delete)
    delete_many = _soft(_none)(RedisCache.delete_many)
    incr = _soft(_no_counter)(RedisCache.incr)
    clear = _soft(_false)(RedisCache.clear)
