"""Django's Redis cache, but a Redis that is down does not take the pages down with it.

The cache only holds counters (nucleo.limites: failed logins per IP, reset requests) and nothing a
page needs to render; sessions live in the database. When Redis does not answer, each operation
falls back to this process's own memory and logs it (at most once a minute), so the limits still
count, per process, until Redis is back.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("nucleo.cache")

_OPERACIONES = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class RedisCacheTolerante(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._respaldo = LocMemCache(f"respaldo-{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._aviso_en = 0.0

    def _caido(self, operacion: str, exc: Exception):
        ahora = time.monotonic()
        if ahora - self._aviso_en > 60:
            self._aviso_en = ahora
            logger.warning(
                "cache: Redis no responde (%s en %s); se usa la memoria del proceso", exc, operacion
            )
        return getattr(self._respaldo, operacion)


def _tolerante(operacion: str):
    def metodo(self, *args, **kwargs):
        import redis

        try:
            return getattr(RedisCache, operacion)(self, *args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            return self._caido(operacion, exc)(*args, **kwargs)

    metodo.__name__ = operacion
    return metodo


for _operacion in _OPERACIONES:
    setattr(RedisCacheTolerante, _operacion, _tolerante(_operacion))
