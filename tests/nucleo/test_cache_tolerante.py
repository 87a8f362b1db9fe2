"""nucleo.cache: a Redis that does not answer degrades to per-process memory, never an exception.

The process-level proof (gunicorn with its Redis killed) is tests/fallos/test_redis_caido.py.
"""

import logging

from nucleo.cache import RedisCacheTolerante
from tests.conftest import puerto_libre


def test_a_redis_that_is_down_falls_back_to_memory_and_says_so(caplog):
    # Nothing listens on a fresh free port: connection refused at once.
    cache = RedisCacheTolerante(f"redis://127.0.0.1:{puerto_libre()}/0", {})
    with caplog.at_level(logging.WARNING, logger="nucleo.cache"):
        assert cache.add("fallos", 0, 60) is True
        assert cache.incr("fallos") == 1
        assert cache.get("fallos") == 1
        assert cache.get("otra") is None
        cache.set("x", "y", 60)
        assert cache.get_many(["x", "otra"]) == {"x": "y"}
        cache.delete("x")
        assert cache.has_key("x") is False
    avisos = [r for r in caplog.records if r.name == "nucleo.cache"]
    assert len(avisos) == 1  # at most one warning a minute, not one per operation
    assert "Redis no responde" in avisos[0].getMessage()
