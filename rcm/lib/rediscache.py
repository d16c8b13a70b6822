"""Django's Redis cache, failing soft: when Redis does not answer, a read is a miss and a write is skipped.

The PDF and page caches (REDIS_URL) only save work, so a Redis that is down, restarting or unreachable
must not cost a reader a page: each page is then served uncached and each PDF rendered afresh, and the
outage is logged at most once a minute (rcm.lib.outage). Caching resumes by itself once Redis answers.
Only Redis's own errors are caught: anything else is a bug and still raises.

Skipped writes can leave the cache stale: an edit made while Redis is down cannot change the pages
version, and a Redis that comes back with its data (it was unreachable, or restarted with persistence)
still holds pages of the old text. So this module counts the operations that did not reach Redis
(`failures()`), and rcm.lib.pagecache changes the pages version on the first operation that does
after any of them.
"""

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.core.cache.backends import redis as django_redis
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

from rcm.lib.outage import Outage

# After a failure this process leaves Redis alone for this long: a Redis that hangs, rather than
# refusing connections, would otherwise cost every request a timeout per cache operation.
PAUSE_AFTER_FAILURE = 2.0  # seconds

# What this process has seen of each Redis server, by address: the page and PDF caches share one.
_outages: dict[str, Outage] = {}


def failures() -> int:
    """How many cache operations of this process have not reached Redis since it started."""
    return sum(outage.failures for outage in _outages.values())


def _address(location: str) -> str:
    """Where the server is, for the log: never the password that REDIS_URL may hold."""
    parts = urlsplit(location)
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}"


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict) -> None:
        # One immediate retry on a fresh connection: after Redis restarts, every connection kept in the
        # pool is dead, and the first command on each would fail though Redis answers again.
        options = {"retry": Retry(NoBackoff(), 1), **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        address = _address(self._servers[0])
        self._outage = _outages.setdefault(address, Outage(f"Redis at {address}"))

    def _soft(self, operation: Callable[[], Any], missed: Any) -> Any:
        outage = self._outage
        if outage.failed_at is not None and time.monotonic() - outage.failed_at < PAUSE_AFTER_FAILURE:
            outage.failed(None)
            return missed
        try:
            result = operation()
        except RedisError as error:
            outage.failed(error)
            return missed
        outage.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._soft(lambda: super(RedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._soft(lambda: super(RedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._soft(lambda: super(RedisCache, self).has_key(key, version), False)

    def set(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        self._soft(lambda: super(RedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._soft(lambda: super(RedisCache, self).add(key, value, timeout, version), False)

    def set_many(self, data, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be set.
        return self._soft(lambda: super(RedisCache, self).set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._soft(lambda: super(RedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._soft(lambda: super(RedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        self._soft(lambda: super(RedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._soft(lambda: super(RedisCache, self).clear(), False)
