"""Helpers for the online payment tests: configured gateways, signed messages as they send them."""

import hashlib
import json
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from facturacion.models import ResolucionFacturacion
from pagos.pasarelas.payu import firma_confirmacion
from pagos.services_en_linea import transaccion_iniciar
from tests.factories import TerceroFactory
from tests.facturacion.datos import factura, resolucion

API_KEY = "4Vj8eK4rloUd272L48hsrarnUA"  # PayU's public sandbox key (documented)
MERCHANT = "508029"
EVENTOS = "test_events_secreto"


def inquilino_con_facturas(n=1, valor=Decimal("1200000")):
    if not ResolucionFacturacion.objects.filter(activa=True).exists():
        resolucion()
    tercero = TerceroFactory()
    facturas = [
        factura(tercero, valor=valor, emision=date(2026, 9 + i, 1), vence=date(2026, 9 + i, 5))
        for i in range(n)
    ]
    return tercero, facturas


def iniciar(pasarela: str, n=1):
    tercero, facturas = inquilino_con_facturas(n)
    return transaccion_iniciar(tercero=tercero, facturas=facturas, pasarela=pasarela)


def payu_confirmacion(
    tx, *, state_pol="4", value=None, currency=None, merchant=MERCHANT, sign=None, tx_id="t-1"
):
    value = value if value is not None else f"{tx.valor:.2f}"
    currency = currency or tx.moneda
    campos = {
        "merchant_id": merchant,
        "state_pol": state_pol,
        "response_code_pol": "1",
        "reference_sale": tx.referencia,
        "reference_pol": "8445",
        "value": value,
        "currency": currency,
        "transaction_id": tx_id,
        "payment_method_name": "PSE",
        "sign": sign
        or firma_confirmacion(
            api_key=API_KEY,
            merchant_id=merchant,
            referencia=tx.referencia,
            valor=value,
            moneda=currency,
            estado_pol=state_pol,
            algoritmo="MD5",
        ),
    }
    return urlencode(campos)


def wompi_evento(
    tx, *, status="APPROVED", centavos=None, moneda=None, secreto=EVENTOS, tx_id="1234-1610641025-49201"
):
    transaccion = {
        "id": tx_id,
        "amount_in_cents": centavos if centavos is not None else int(tx.valor * 100),
        "reference": tx.referencia,
        "customer_email": "x@prueba.test",
        "currency": moneda or tx.moneda,
        "payment_method_type": "NEQUI",
        "status": status,
    }
    timestamp = 1530291411
    props = ["transaction.id", "transaction.status", "transaction.amount_in_cents"]
    cadena = f"{transaccion['id']}{transaccion['status']}{transaccion['amount_in_cents']}{timestamp}{secreto}"
    checksum = hashlib.sha256(cadena.encode()).hexdigest()
    evento = {
        "event": "transaction.updated",
        "data": {"transaction": transaccion},
        "environment": "test",
        "signature": {"properties": props, "checksum": checksum},
        "timestamp": timestamp,
        "sent_at": "2018-07-20T16:45:05.000Z",
    }
    return json.dumps(evento), checksum
