"""The database under a web process plus a worker: two real processes writing at once.

make run puts both on one SQLite file; a "database is locked" there once left password sends
ENVIANDO for 16 minutes. The same test runs on PostgreSQL, where it must hold too.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from nucleo.consecutivos import consecutivo_reservar
from nucleo.models import Consecutivo

RESERVAS = 60

# What the worker does: a transaction that reads a row, then writes it (here a named counter).
TRABAJADOR = """
import sys, time
import django
django.setup()
from django.db import transaction
from nucleo.consecutivos import consecutivo_reservar
print("listo", flush=True)
sys.stdin.readline()
numeros = []
for _ in range({reservas}):
    with transaction.atomic():
        numero = consecutivo_reservar(nombre="prueba")
        time.sleep(0.003)
    numeros.append(numero)
print(" ".join(map(str, numeros)), flush=True)
"""


def _url_de_la_base() -> str:
    datos = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{datos['NAME']}"
    clave = f":{datos['PASSWORD']}" if datos["PASSWORD"] else ""
    return f"postgres://{datos['USER']}{clave}@{datos['HOST']}:{datos['PORT'] or 5432}/{datos['NAME']}"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        assert "transaction_mode" not in settings.DATABASES["default"].get("OPTIONS", {})
        return
    opciones = settings.DATABASES["default"]["OPTIONS"]
    assert opciones["transaction_mode"] == "IMMEDIATE"
    assert opciones["timeout"] >= 20


def _pragma(nombre: str):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {nombre}")
        return cursor.fetchone()[0]


# What the open connection really runs with, not only what settings ask for.


@pytest.mark.django_db
def test_a_sqlite_connection_waits_20_s_for_the_other_writer():
    if connection.vendor != "sqlite":
        return
    # SQLITE_TIMEOUT, not Python's 5 s default: how long a writer waits for the other process.
    assert _pragma("busy_timeout") >= 20_000


@pytest.mark.django_db
def test_a_sqlite_connection_syncs_normally_under_wal():
    if connection.vendor != "sqlite":
        return
    # NORMAL (1): in WAL a commit skips the fsync (checkpoints do it); FULL (2) costs one per commit.
    assert _pragma("synchronous") == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_process_writes_while_this_one_writes():
    if connection.vendor == "sqlite":
        # The test database is a file (settings), so the worker process opens the same one.
        assert not connection.is_in_memory_db()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    Consecutivo.objects.create(nombre="prueba")
    entorno = {**os.environ, "DATABASE_URL": _url_de_la_base(), "TESTING": "1"}
    trabajador = subprocess.Popen(
        [sys.executable, "-c", TRABAJADOR.format(reservas=RESERVAS)],
        cwd=settings.BASE_DIR,
        env=entorno,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert trabajador.stdout.readline().strip() == "listo", trabajador.stderr.read()
        trabajador.stdin.write("\n")
        trabajador.stdin.flush()
        mios = []
        for _ in range(RESERVAS):
            with transaction.atomic():
                mios.append(consecutivo_reservar(nombre="prueba"))
                time.sleep(0.003)
        salida, errores = trabajador.communicate(timeout=120)
    finally:
        if trabajador.poll() is None:
            trabajador.kill()
            trabajador.wait()

    assert trabajador.returncode == 0, errores
    assert "locked" not in errores
    suyos = [int(n) for n in salida.split()]
    assert len(suyos) == RESERVAS
    # Every number handed out once, none lost: both processes really wrote.
    assert sorted(mios + suyos) == list(range(1, 2 * RESERVAS + 1))
    assert Consecutivo.objects.get(nombre="prueba").ultimo == 2 * RESERVAS
