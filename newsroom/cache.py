"""Django's Redis cache, with one client per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis for every operation; with
redis-py 8 that costs about as much as the round trip itself (it rebuilds the
response-callback table each time). A client is thread-safe, so keep one.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# Where a key holds the content generation, for scripts that read it first
# (articles/page_hits.py).
GENERATION = "{generation}"


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class PooledRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient

    def redis_client(self):
        """The client, for scripts of the site's own over cache keys."""
        return self._cache.get_client()

    def loads(self, value):
        """A value as the cache stored it, decoded."""
        return self._cache._serializer.loads(value)
