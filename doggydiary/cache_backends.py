"""Redis that cannot hold a page up: short timeouts, and a pause after a failure.

A Redis that accepts connections and never answers would otherwise cost every cache
call the socket's whole timeout. After a connection error or a timeout this process
skips Redis for ``skip_seconds`` (every call fails at once, as when Redis refuses
connections, which the callers already treat as "cache down"), then tries again.
"""

import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

DEFAULT_TIMEOUT_SECONDS = 0.25
DEFAULT_SKIP_SECONDS = 5
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
GUARDED = (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
)  # fmt: skip


class CacheSkipped(RedisConnectionError):
    """Redis failed a moment ago; this call was not tried."""


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.skip_seconds = float(options.pop("skip_seconds", DEFAULT_SKIP_SECONDS))
        options.setdefault("socket_connect_timeout", DEFAULT_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", DEFAULT_TIMEOUT_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self.servers = tuple(self._servers)

    def _guarded(self, method, *args, **kwargs):
        # Django makes a cache object per thread; the pause is the process's.
        if time.monotonic() < _skip_until.get(self.servers, 0.0):
            raise CacheSkipped("Redis failed less than a few seconds ago; not tried.")
        try:
            return method(*args, **kwargs)
        except FAILURES:
            _skip_until[self.servers] = time.monotonic() + self.skip_seconds
            raise


_skip_until = {}


def _guard(name):
    plain = getattr(DjangoRedisCache, name)

    def guarded(self, *args, **kwargs):
        return self._guarded(plain.__get__(self), *args, **kwargs)

    guarded.__name__ = guarded.__qualname__ = name
    guarded.__doc__ = plain.__doc__
    return guarded


for _name in GUARDED:
    setattr(RedisCache, _name, _guard(_name))
