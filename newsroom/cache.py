"""Django's Redis cache, with one client per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis for every operation; with
redis-py 8 that costs about as much as the round trip itself (it rebuilds the
response-callback table each time). A client is thread-safe, so keep one.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# Reads the generation, then the keys made with it: a cached page and the
# blocks it shows cost one round trip (articles/page_cache.py).
# KEYS[1]: the generation; ARGV: each key's text before and after "{generation}".
GET_UNDER_GENERATION = """
local gen = redis.call('get', KEYS[1])
if not gen then return false end
local out = {gen}
for i = 1, #ARGV, 2 do
  out[#out + 1] = redis.call('get', ARGV[i] .. gen .. ARGV[i + 1]) or ''
end
return out
"""
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

    def get_under_generation(self, generation_key, keys):
        client = self.get_client(generation_key)
        script = getattr(self, "_get_under_generation", None)
        if script is None:
            script = self._get_under_generation = client.register_script(
                GET_UNDER_GENERATION
            )
        parts = [part for key in keys for part in key.split(GENERATION, 1)]
        found = script(keys=[generation_key], args=parts, client=client)
        if not found:
            return None, {}
        values = [None if v == b"" else self._serializer.loads(v) for v in found[1:]]
        return int(found[0]), values


class PooledRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient

    def get_under_generation(self, generation_key, keys):
        """(generation, {key: value}) in one round trip, where each key holds
        "{generation}" for the generation's current value; (None, {}) if the
        generation is not set yet."""
        generation, values = self._cache.get_under_generation(
            self.make_and_validate_key(generation_key),
            [self.make_and_validate_key(key) for key in keys],
        )
        if generation is None:
            return None, {}
        return generation, {
            key.replace(GENERATION, str(generation)): value
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }

    def redis_client(self):
        """The client, for scripts of the site's own over cache keys."""
        return self._cache.get_client()

    def loads(self, value):
        """A value as the cache stored it, decoded."""
        return self._cache._serializer.loads(value)
