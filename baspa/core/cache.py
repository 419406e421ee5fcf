"""Django's Redis cache, with one Redis client per connection pool, that degrades when Redis
is gone.

Django's RedisCacheClient builds a new `redis.Redis` for every operation, and each one sets up
redis-py's hundred-odd response callbacks: about a millisecond per uncached page view, which
reads the cache a dozen times. A `redis.Redis` over a pool is safe to share between threads
(each command borrows a connection from the pool), so one per pool is kept and reused.

Django's backend lets redis-py's ConnectionError through: with Redis stopped every page view
was a 500. Here a Redis that does not answer behaves like an empty cache — reads miss, writes
are dropped, `add` succeeds (so a render lock never makes readers wait) — and pages are
rendered from the database until Redis is back; redis-py reconnects by itself
(docs/security.md, faults under load). A purge that cannot reach Redis says so (set_many
answers every key as not set) and is kept to be retried (baspa.pagecache.purges).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_last_warning = [0.0]


def _warn(operation: str, error: Exception) -> None:
    # Once per ten seconds: under load every request would log the same outage.
    now = time.monotonic()
    if now - _last_warning[0] > 10:
        _last_warning[0] = now
        logger.warning("Redis cache unavailable (%s): %s; serving without it", operation, error)


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _tolerant(name: str, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(RedisCache, self), name)(*args, **kwargs)
        except RedisError as error:
            _warn(name, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _tolerant("get", lambda key, default=None, version=None: default)
    get_many = _tolerant("get_many", lambda *args, **kwargs: {})  # a new dict: callers fill it
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", None)
    # Django's set_many answers the keys it could not set: here, all of them.
    set_many = _tolerant("set_many", lambda data, *args, **kwargs: list(data))
    add = _tolerant("add", True)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    incr = _tolerant("incr", None)
    clear = _tolerant("clear", None)
