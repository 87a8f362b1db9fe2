"""Fault: the gateway's API hangs during reconciliation. A real HTTP server on loopback plays PayU's
Queries API and answers after the client's read timeout: the attempt stays pending with the error
recorded, nothing is paid, and the next run, when the gateway answers, applies it exactly once."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pagos.models import EstadoTransaccion, EventoPasarela, Pago, ResultadoEvento
from pagos.services_en_linea import transacciones_conciliar
from tests.pagos.en_linea import iniciar
from tests.pagos.test_conciliacion import payu_respuesta

pytestmark = pytest.mark.django_db


class _PayULenta(BaseHTTPRequestHandler):
    """Answers the Queries API with `respuesta`, after `demora` seconds."""

    demora = 0.0
    respuesta: dict = {}

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.demora)
        cuerpo = json.dumps(self.respuesta).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(cuerpo)))
            self.end_headers()
            self.wfile.write(cuerpo)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its read timeout): that is the point

    def log_message(self, *args):
        pass


@pytest.fixture
def payu_lenta(payu):
    servidor = ThreadingHTTPServer(("127.0.0.1", 0), _PayULenta)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    payu.PAYU_URL_CONSULTAS = f"http://127.0.0.1:{servidor.server_address[1]}/reports-api/4.0/service.cgi"
    payu.PAGOS_API_TIMEOUT = (2.0, 0.5)
    yield _PayULenta
    servidor.shutdown()
    servidor.server_close()


def test_a_hanging_gateway_leaves_the_attempt_pending_and_the_next_run_applies_it_once(payu_lenta):
    tx = iniciar("payu")
    payu_lenta.respuesta, payu_lenta.demora = payu_respuesta(tx, "APPROVED"), 2.0

    inicio = time.monotonic()
    cuentas = transacciones_conciliar(ahora=tx.creada_en + timedelta(minutes=8))
    assert time.monotonic() - inicio < 2.0  # the read timeout cut it, the worker was not held
    assert cuentas["errores"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert not Pago.objects.exists()
    evento = EventoPasarela.objects.get()
    assert evento.resultado == ResultadoEvento.ERROR
    assert "Timeout" in evento.detalle or "no respondió" in evento.detalle

    # The gateway recovers: the next run (ten minutes later) applies the approval, once.
    payu_lenta.demora = 0.0
    assert transacciones_conciliar(ahora=tx.creada_en + timedelta(minutes=20))["aprobadas"] == 1
    assert transacciones_conciliar(ahora=tx.creada_en + timedelta(minutes=40))["aprobadas"] == 0
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.filter(tercero=tx.tercero).count() == 1
