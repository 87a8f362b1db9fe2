"""Issue 12.5: a Celery worker killed with SIGKILL in the middle of a password batch (DESIGN §10.4).

Real processes: beat and a worker from scripts/prod.sh, our own PostgreSQL and Redis, the real
SMTP sink holding one email on the wire when the worker dies. After a restart the batch finishes:
nobody is sent twice, and no cancelled tercero's password changes.
"""

import time

import pytest

from tests.fallos.ayudas import (
    afirmar_motivos,
    claves,
    contrasenas,
    filas,
    recibidos_por,
    sembrar,
    terminados,
)
from tests.procesos import esperar, manage

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# A row left ENVIANDO by a dead worker is reclaimed after this (900 s in production).
VENCE = 3


def test_sigkill_mid_batch_then_restart_finishes_it_sending_nobody_twice(
    pila_env, pila, pg_propio, base_propia, smtp_sink
):
    env = pila_env(ENVIOS_ENVIANDO_VENCE_SEGUNDOS=VENCE)
    datos = sembrar(env, 8)
    antes = contrasenas(pg_propio, base_propia)
    smtp_sink.pausar_en = 3  # the 4th email waits for the server's reply when the worker dies

    pila("beat", env)
    worker = pila("worker", env)
    esperar(smtp_sink.en_pausa.is_set, segundos=40, que="que el worker esté enviando el 4.º correo")
    worker.matar()
    # The sink sees its sender gone before it said 250: that email was never accepted.
    esperar(lambda: len(smtp_sink.abandonados) == 1, segundos=10, que="que el servidor vea caer la conexión")
    assert len(smtp_sink.mensajes) == 3
    # The whole batch was claimed: the dead worker's rows wait, ENVIANDO, for their claim to expire.
    assert [f["estado"] for f in filas(pg_propio, base_propia)] == ["ENVIADO"] * 3 + ["ENVIANDO"] * 5

    pila("worker2", env)
    esperar(lambda: terminados(pg_propio, base_propia, 8), segundos=40, que="que el lote termine")

    lista = filas(pg_propio, base_propia)
    afirmar_motivos(lista)
    assert [f["estado"] for f in lista] == ["ENVIADO"] * 8
    assert [f["intentos"] for f in lista] == [1] * 3 + [2] * 5
    # Each tercero got exactly one email; the one on the wire was never accepted (no 250).
    assert recibidos_por(smtp_sink) == {t["email"]: 1 for t in datos["terceros"]}
    assert len(smtp_sink.abandonados) == 1
    # Their own passwords were never touched; every temporary password the server may have taken works.
    assert contrasenas(pg_propio, base_propia) == antes
    assert all(c["anulada_en"] is None for c in claves(pg_propio, base_propia))


def test_sigkill_then_cancel_changes_no_cancelled_password_and_sends_nothing_more(
    pila_env, pila, pg_propio, base_propia, smtp_sink
):
    env = pila_env(ENVIOS_ENVIANDO_VENCE_SEGUNDOS=VENCE)
    datos = sembrar(env, 6)
    antes = contrasenas(pg_propio, base_propia)
    smtp_sink.pausar_en = 2

    pila("beat", env)
    worker = pila("worker", env)
    esperar(smtp_sink.en_pausa.is_set, segundos=40, que="que el worker esté enviando el 3.er correo")
    worker.matar()
    esperar(lambda: len(smtp_sink.abandonados) == 1, segundos=10, que="que el servidor vea caer la conexión")
    # Staff press CANCELAR ENVIOS PENDIENTES while no worker runs; then the worker comes back.
    manage(env, "cancelar_envios")
    pila("worker2", env)
    # Past the reclaim delay and several beat ticks: nothing cancelled may go out.
    time.sleep(VENCE + 4)

    lista = filas(pg_propio, base_propia)
    afirmar_motivos(lista)
    assert [f["estado"] for f in lista] == ["ENVIADO"] * 2 + ["CANCELADO"] * 4
    assert recibidos_por(smtp_sink) == {t["email"]: 1 for t in datos["terceros"][:2]}
    assert contrasenas(pg_propio, base_propia) == antes
    cancelados = {f["id"] for f in lista if f["estado"] == "CANCELADO"}
    hechas = [c for c in claves(pg_propio, base_propia) if c["envio_id"] in cancelados]
    # Only the row on the wire when the worker died had made a password; it stays valid (it may
    # have arrived, as far as the app can know), and nobody else's was made.
    assert len(hechas) == 1
    assert hechas[0]["anulada_en"] is None
