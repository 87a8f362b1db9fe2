"""Hostile input to the gateways' public endpoints: never a 500, never a payment."""

import pytest
from django.test import Client

from pagos.models import EstadoTransaccion, Pago
from tests.pagos.en_linea import iniciar
from tests.security.test_entradas_hostiles import HOSTILES

pytestmark = pytest.mark.django_db

CAMPOS = {
    "/pasarelas/payu/confirmacion/": [
        "merchant_id",
        "state_pol",
        "reference_sale",
        "value",
        "currency",
        "sign",
        "transaction_id",
    ],
    "/pasarelas/simulada/confirmacion/": ["comercio", "referencia", "valor", "moneda", "estado", "firma"],
    "/pasarelas/simulada/checkout/": [
        "referencia",
        "valor",
        "moneda",
        "url_respuesta",
        "url_confirmacion",
        "firma",
        "decision",
    ],
    "/pasarelas/wompi/eventos/": [],
}


@pytest.mark.parametrize("url", list(CAMPOS))
def test_hostile_posts_never_500_and_pay_nothing(url, payu):
    payu.PAGOS_PASARELA = "simulada"  # the simulated endpoints exist; PayU's key is set for its parser
    tx = iniciar("payu")
    client = Client(raise_request_exception=True)
    for valor in HOSTILES:
        datos = dict.fromkeys(CAMPOS[url], valor)
        if "reference_sale" in datos:
            datos["reference_sale"] = tx.referencia
        assert client.post(url, datos).status_code < 500, (url, valor[:12])
        assert client.post(url, data=valor, content_type="application/json").status_code < 500
        assert (
            client.post(
                url, data=valor.encode("utf-8", "surrogatepass"), content_type="text/plain"
            ).status_code
            < 500
        )
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert Pago.objects.count() == 0
