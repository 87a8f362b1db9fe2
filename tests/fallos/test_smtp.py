"""Issue 12.5: the SMTP server dropping connections, refusing, and being slow, against a real worker.

Every failure is retried and reported on its row (ultimo_error), never silently dropped; every
row ends ENVIADO or FALLIDO with its reason; an email the server never accepted is not counted
as sent, and one that may have arrived keeps its temporary password valid.
"""

import pytest

from tests.fallos.ayudas import afirmar_motivos, claves, filas, recibidos_por, sembrar, terminados
from tests.procesos import esperar

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_smtp_dropping_and_refusing_is_retried_and_reported(
    pila_env, pila, pg_propio, base_propia, smtp_sink
):
    env = pila_env(ENVIOS_REINTENTO_BASE_SEGUNDOS=1, ENVIOS_MAX_INTENTOS=3)
    datos = sembrar(env, 5)
    correos = [t["email"] for t in datos["terceros"]]
    smtp_sink.rechazar = {correos[0]}  # 550 at RCPT, every time
    smtp_sink.cortar_despues_de = 2  # every connection dies at DATA once 2 emails are in

    pila("beat", env)
    worker = pila("worker", env)

    def caida_reportada():
        lista = filas(pg_propio, base_propia)
        return any("conexión" in f["ultimo_error"] for f in lista if f["estado"] == "PENDIENTE")

    esperar(caida_reportada, segundos=40, que="que la caída del servidor quede en la fila")
    assert smtp_sink.cortes >= 2  # the worker reconnected once before giving the row back
    smtp_sink.cortar_despues_de = None  # the server recovers

    esperar(lambda: terminados(pg_propio, base_propia, 5), segundos=40, que="que los reintentos terminen")
    lista = filas(pg_propio, base_propia)
    afirmar_motivos(lista)
    assert [f["estado"] for f in lista] == ["FALLIDO"] + ["ENVIADO"] * 4
    assert "550" in lista[0]["ultimo_error"]
    assert lista[0]["intentos"] == 3
    # Accepted exactly once each; the refused one never.
    assert recibidos_por(smtp_sink) == dict.fromkeys(correos[1:], 1)
    # Refused: its passwords reached nobody and are annulled. Cut at DATA: may have arrived, still valid.
    por_envio = {}
    for c in claves(pg_propio, base_propia):
        por_envio.setdefault(c["envio_id"], []).append(c)
    assert all(c["motivo_anulacion"] == "rechazada" for c in por_envio[lista[0]["id"]])
    cortados = {m["rcpt"][0] for m in smtp_sink.cortados}
    for f, correo in zip(lista[1:], correos[1:], strict=True):
        if correo in cortados:
            assert all(c["anulada_en"] is None for c in por_envio[f["id"]])
    assert worker.vivo()


def test_slow_smtp_times_out_and_is_resent_once_without_a_duplicate(
    pila_env, pila, pg_propio, base_propia, smtp_sink
):
    env = pila_env(EMAIL_TIMEOUT=2)
    datos = sembrar(env, 3)
    smtp_sink.pausar_en = 1  # the 2nd email gets no reply for longer than the client waits

    pila("beat", env)
    pila("worker", env)
    esperar(lambda: terminados(pg_propio, base_propia, 3), segundos=40, que="que el lote termine")

    lista = filas(pg_propio, base_propia)
    afirmar_motivos(lista)
    assert [f["estado"] for f in lista] == ["ENVIADO"] * 3
    # The client hung up on the slow reply: the server never accepted that copy; the resend went once.
    assert len(smtp_sink.abandonados) == 1
    assert recibidos_por(smtp_sink) == {t["email"]: 1 for t in datos["terceros"]}
