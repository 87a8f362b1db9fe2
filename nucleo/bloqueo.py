"""A named lock for checks that no row can carry (an overlap with rows that do not exist yet)."""

import zlib

from django.db import connection


def bloqueo_exclusivo(nombre: str) -> None:
    """Hold the lock `nombre` until the current transaction ends; a second holder waits.

    PostgreSQL: a transaction-level advisory lock. SQLite lets one transaction write at a time,
    so there is nothing to take there.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("bloqueo_exclusivo() needs a transaction (transaction.atomic).")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(nombre.encode())])
