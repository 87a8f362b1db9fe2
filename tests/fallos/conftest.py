"""Fixtures of the production smoke test and the fault tests: our own servers, killable.

One PostgreSQL cluster for the session (a migrated template database, copied per test), a fresh
redis-server per test, the real SMTP sink of tests/conftest.py. None of it is the shared 5432/6379.
"""

import itertools
import subprocess

import pytest

from tests.procesos import PROD, RAIZ, PostgresPropio, Proceso, RedisPropio, entorno, puerto_libre

_numero = itertools.count(1)


@pytest.fixture(scope="session")
def pg_propio(tmp_path_factory):
    pg = PostgresPropio()
    try:
        pg.sql("CREATE DATABASE plantilla")
        env = entorno(
            database_url=pg.url("plantilla"),
            redis_url="redis://127.0.0.1:1/0",
            smtp_port=1,
            port=1,
            run_dir=tmp_path_factory.mktemp("plantilla"),
        )
        # Migrate, and (when stale: minutes) collect the manifest DEBUG off serves static files from.
        r = subprocess.run(
            [str(PROD), "preparar"], cwd=RAIZ, env=env, capture_output=True, text=True, timeout=900
        )
        assert r.returncode == 0, r.stdout + r.stderr
        yield pg
    finally:
        pg.cerrar()


@pytest.fixture
def base_propia(pg_propio):
    """A database of our own, copied from the migrated template."""
    nombre = f"prueba_{next(_numero)}"
    pg_propio.sql(f"CREATE DATABASE {nombre} TEMPLATE plantilla")
    return nombre


@pytest.fixture
def redis_propio():
    r = RedisPropio()
    yield r
    r.cerrar()


@pytest.fixture
def pila_env(pg_propio, base_propia, redis_propio, smtp_sink, tmp_path):
    """The environment of the stack's processes, pointing at our own servers."""

    def hacer(**extra):
        return entorno(
            database_url=pg_propio.url(base_propia),
            redis_url=redis_propio.url,
            smtp_port=smtp_sink.port,
            port=extra.pop("port", puerto_libre()),
            run_dir=tmp_path / "prod",
            **extra,
        )

    return hacer


@pytest.fixture
def pila(pila_env):
    """Start scripts/prod.sh parts by name ("worker", "worker2", "beat", "web"); all killed at the end."""
    procesos = []

    def arrancar(nombre, env):
        p = Proceso(nombre, env, nombre.rstrip("0123456789"))
        procesos.append(p)
        return p

    yield arrancar
    for p in procesos:
        if p.vivo():
            p.matar()
