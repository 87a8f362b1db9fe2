"""Issue 12.5: our own PostgreSQL restarted while the worker sends a batch.

The restart terminates every connection (the worker's too) while one email is on the wire; the
server then accepts that email. Its outcome must still be recorded, or the reclaim would send that
tercero a second email.
"""

import pytest

from tests.fallos.ayudas import afirmar_motivos, contrasenas, filas, recibidos_por, sembrar, terminados
from tests.procesos import esperar

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

VENCE = 3


def test_postgres_restart_mid_batch_loses_nothing_and_sends_nobody_twice(
    pila_env, pila, pg_propio, base_propia, smtp_sink
):
    env = pila_env(ENVIOS_ENVIANDO_VENCE_SEGUNDOS=VENCE)
    datos = sembrar(env, 6)
    antes = contrasenas(pg_propio, base_propia)
    smtp_sink.pausar_en = 2

    pila("beat", env)
    worker = pila("worker", env)
    esperar(smtp_sink.en_pausa.is_set, segundos=40, que="que el worker esté enviando el 3.er correo")
    pg_propio.reiniciar()
    smtp_sink.continuar.set()  # accepted after the restart: the worker must record it

    esperar(lambda: terminados(pg_propio, base_propia, 6), segundos=45, que="que el lote termine")
    lista = filas(pg_propio, base_propia)
    afirmar_motivos(lista)
    assert [f["estado"] for f in lista] == ["ENVIADO"] * 6
    assert recibidos_por(smtp_sink) == {t["email"]: 1 for t in datos["terceros"]}
    assert contrasenas(pg_propio, base_propia) == antes
    assert worker.vivo(), "el worker no debe morir porque la base de datos se reinició"
