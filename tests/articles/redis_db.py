"""The Redis database tests that need one use, and a mark to skip them without."""

import os

import pytest
import redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_available(), reason="needs Redis at TEST_REDIS_URL"
)


def delete_keys(*prefixes):
    """Remove what a test left under its own key prefixes."""
    client = redis.Redis.from_url(REDIS_URL)
    for prefix in prefixes:
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)
