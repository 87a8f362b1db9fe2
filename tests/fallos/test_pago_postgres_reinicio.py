"""Issue 12.5: our own PostgreSQL restarted while gunicorn applies PayU's approval.

The test holds the transaction's row lock, so the confirmation stops inside its processing
(its raw event already committed); PostgreSQL is then restarted, which kills that request's
connection mid-way. PayU gets no 200 and retries; a duplicate follows. Exactly one receipt.
"""

import json
import threading

import psycopg
import pytest
import requests

from tests.pagos.en_linea import API_KEY, MERCHANT
from tests.procesos import esperar, manage

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

RUTA = "/pasarelas/payu/confirmacion/"
PAYU = {
    "PAGOS_PASARELA": "payu",
    "PAYU_MERCHANT_ID": MERCHANT,
    "PAYU_ACCOUNT_ID": "512321",
    "PAYU_API_KEY": API_KEY,
    "PAYU_API_LOGIN": "pRRXKOl8ikMmt9u",
    "PAYU_TEST": "1",
    "PAYU_URL_CONSULTAS": "",
}


def _enviar(base: str, cuerpo: str):
    """What PayU's server does: one form POST; a connection error is an answer too (it retries)."""
    try:
        return requests.post(
            base + RUTA,
            data=cuerpo,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "203.0.113.50",
            },
            allow_redirects=False,
            timeout=25,
        )
    except requests.ConnectionError as exc:
        return exc


def _responde(base: str) -> bool:
    try:
        r = requests.get(
            base + "/customerarea/ingresar/",
            headers={"X-Forwarded-Proto": "https"},
            allow_redirects=False,
            timeout=5,
        )
    except requests.ConnectionError:
        return False
    return r.status_code == 200


def _bloqueada(pg, base: str) -> bool:
    # The confirmation's SELECT … FOR UPDATE is waiting on our lock.
    filas = pg.sql(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE %s",
        ("%pagos_transaccionpasarela%",),
        base=base,
    )
    return filas[0][0] > 0


def test_postgres_restart_mid_confirmation_pays_once(pila_env, pila, pg_propio, base_propia):
    env = pila_env(**PAYU)
    datos = json.loads(
        manage(
            env, "shell", "-c", "from tests.fallos.escenario import sembrar_pago; sembrar_pago()"
        ).splitlines()[-1]
    )
    pila("web", env)
    base = f"http://127.0.0.1:{env['PORT']}"
    esperar(lambda: _responde(base), segundos=40, que="que gunicorn responda")

    respuestas = []
    bloqueo = psycopg.connect(pg_propio.url(base_propia))
    bloqueo.execute(
        "SELECT id FROM pagos_transaccionpasarela WHERE id = %s FOR UPDATE", (datos["transaccion"],)
    )
    hilo = threading.Thread(target=lambda: respuestas.append(_enviar(base, datos["confirmacion"])))
    hilo.start()
    esperar(lambda: _bloqueada(pg_propio, base_propia), segundos=20, que="que la confirmación espere")
    pg_propio.reiniciar()  # kills our lock's connection and the request's, mid-transaction
    hilo.join(30)
    bloqueo.close()
    primera = respuestas[0]
    # PayU must see a failure, so it retries.
    assert isinstance(primera, requests.ConnectionError) or primera.status_code != 200, primera.text

    reintento = _enviar(base, datos["confirmacion"])
    assert not isinstance(reintento, Exception), reintento
    assert reintento.status_code == 200, reintento.text[:500]
    assert reintento.text == "aplicado"
    duplicado = _enviar(base, datos["confirmacion"])
    assert duplicado.status_code == 200
    assert duplicado.text == "duplicado"

    def uno(sql, *params):
        return pg_propio.sql(sql, params, base=base_propia)

    tx = uno("SELECT estado, pago_id FROM pagos_transaccionpasarela WHERE id = %s", datos["transaccion"])
    assert tx[0][0] == "aprobada"
    pagos = uno(
        "SELECT p.id FROM pagos_pago p JOIN pagos_transaccionpasarela t ON t.tercero_id = p.tercero_id"
        " WHERE t.id = %s",
        datos["transaccion"],
    )
    assert [p[0] for p in pagos] == [tx[0][1]], "exactamente un recibo para el pago"
    facturas = uno(
        "SELECT estado, saldo FROM facturacion_factura WHERE id = ANY(%s) ORDER BY id", datos["facturas"]
    )
    assert facturas == [("pagada", 0)] * 2
    eventos = uno(
        "SELECT id, resultado, detalle FROM pagos_eventopasarela WHERE origen = 'confirmacion' ORDER BY id"
    )
    assert all(e[1] for e in eventos), eventos  # none left half-written (no outcome)
    assert [e[1] for e in eventos][-2:] == ["aplicado", "duplicado"], eventos
    # The interrupted one was stored before processing; it closes as an error saying why.
    assert len(eventos) == 3, eventos
    assert eventos[0][1] == "error", eventos
    assert "OperationalError" in eventos[0][2], eventos
