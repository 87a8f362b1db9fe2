"""The same approval posted by 10 gateway retries at once → exactly one Pago (row lock on the transaction)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from facturacion.models import EstadoFactura
from pagos.models import AplicacionPago, EstadoTransaccion, EventoPasarela, Pago, ResultadoEvento
from pagos.services_en_linea import transaccion_iniciar
from tests.pagos.en_linea import inquilino_con_facturas, payu_confirmacion


def _en_paralelo(url, cuerpos):
    barrera = threading.Barrier(len(cuerpos))
    respuestas, errores = [], []

    def enviar(cuerpo):
        try:
            c = Client()
            barrera.wait()
            respuestas.append(c.post(url, data=cuerpo, content_type="application/x-www-form-urlencoded"))
        except Exception as exc:  # surfaced by the assertion below
            errores.append(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=enviar, args=(c,)) for c in cuerpos]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert errores == []
    return respuestas


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mismo_id", [True, False], ids=["same-transaction-id", "ten-transaction-ids"])
def test_ten_parallel_approvals_record_one_receipt(payu, mismo_id):
    tercero, facturas = inquilino_con_facturas(2)
    tx = transaccion_iniciar(tercero=tercero, facturas=facturas, pasarela="payu")
    cuerpos = [payu_confirmacion(tx, tx_id="t-1" if mismo_id else f"t-{i}") for i in range(10)]
    respuestas = _en_paralelo("/pasarelas/payu/confirmacion/", cuerpos)
    assert {r.status_code for r in respuestas} == {200}
    assert Pago.objects.count() == 1
    pago = Pago.objects.get()
    assert AplicacionPago.objects.filter(pago=pago).count() == 2
    tx.refresh_from_db()
    assert (tx.estado, tx.pago_id) == (EstadoTransaccion.APROBADA, pago.pk)
    resultados = list(EventoPasarela.objects.values_list("resultado", flat=True))
    assert resultados.count(ResultadoEvento.APLICADO) == 1
    assert resultados.count(ResultadoEvento.DUPLICADO) == 9
    for f in facturas:
        f.refresh_from_db()
        assert (f.estado, f.saldo) == (EstadoFactura.PAGADA, Decimal("0"))
