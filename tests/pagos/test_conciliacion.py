"""Reconciliation: the gateway's API (mocked only at HTTP with `responses`) answers about pending
attempts; its answer goes through the confirmation path."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import responses
from django.core.management import call_command

from pagos.models import EstadoTransaccion, EventoPasarela, OrigenEvento, Pago, ResultadoEvento
from pagos.pasarelas.payu import URL_CONSULTAS_PRUEBAS
from pagos.pasarelas.wompi import URL_API_PRUEBAS
from pagos.services_en_linea import transaccion_consultar, transacciones_conciliar
from tests.pagos.en_linea import iniciar

pytestmark = pytest.mark.django_db


def payu_respuesta(tx, estado="APPROVED", valor=None, moneda="COP"):
    if estado is None:
        return {"code": "SUCCESS", "error": None, "result": {"payload": None}}
    return {
        "code": "SUCCESS",
        "error": None,
        "result": {
            "payload": [
                {
                    "id": 1400437001,
                    "accountId": 512321,
                    "status": "CAPTURED" if estado == "APPROVED" else "DECLINED",
                    "referenceCode": tx.referencia,
                    "transactions": [
                        {
                            "id": "f5e668f1-7ecc-4b83-a4d1-0aaa68260862",
                            "type": "AUTHORIZATION_AND_CAPTURE",
                            "paymentMethod": "PSE",
                            "transactionResponse": {"state": estado, "responseCode": estado},
                            "additionalValues": {
                                "TX_VALUE": {
                                    "value": float(valor if valor is not None else tx.valor),
                                    "currency": moneda,
                                }
                            },
                        }
                    ],
                }
            ]
        },
    }


def _payu_responde(cuerpo, status=200):
    responses.add(responses.POST, URL_CONSULTAS_PRUEBAS, json=cuerpo, status=status)


def _vence(tx, minutos=8):
    return tx.creada_en + timedelta(minutes=minutos)


@responses.activate
def test_payu_first_query_waits_seven_minutes(payu):
    tx = iniciar("payu")
    assert transacciones_conciliar(ahora=tx.creada_en + timedelta(minutes=6))["consultadas"] == 0
    assert len(responses.calls) == 0
    _payu_responde(payu_respuesta(tx, "PENDING"))
    assert transacciones_conciliar(ahora=_vence(tx, 7))["consultadas"] == 1
    enviado = json.loads(responses.calls[0].request.body)
    assert enviado["command"] == "ORDER_DETAIL_BY_REFERENCE_CODE"
    assert enviado["details"] == {"referenceCode": tx.referencia}
    assert enviado["merchant"] == {"apiLogin": "pRRXKOl8ikMmt9u", "apiKey": payu.PAYU_API_KEY}


@responses.activate
def test_payu_approved_answer_creates_the_receipt(payu):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "APPROVED"))
    cuentas = transacciones_conciliar(ahora=_vence(tx))
    assert cuentas["aprobadas"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.get() == tx.pago
    evento = EventoPasarela.objects.get(transaccion=tx)
    assert (evento.origen, evento.resultado, evento.firma_valida) == (
        OrigenEvento.CONSULTA,
        ResultadoEvento.APLICADO,
        None,
    )
    assert tx.referencia in evento.cuerpo


@responses.activate
def test_payu_declined_answer_declines(payu):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "DECLINED"))
    assert transacciones_conciliar(ahora=_vence(tx))["rechazadas"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.RECHAZADA
    assert Pago.objects.count() == 0


@responses.activate
def test_payu_pending_answer_asks_again_in_ten_minutes(payu):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "PENDING"))
    ahora = _vence(tx)
    assert transacciones_conciliar(ahora=ahora)["pendientes"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert tx.ultima_consulta_en == ahora
    assert tx.proxima_consulta_en == ahora + timedelta(minutes=10)
    # Not due again before those 10 minutes.
    assert transacciones_conciliar(ahora=ahora + timedelta(minutes=9))["consultadas"] == 0
    assert len(responses.calls) == 1


@responses.activate
def test_unknown_reference_expires_only_after_the_setting(payu, settings):
    settings.PAGOS_EXPIRACION_MINUTOS = 60
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, None))
    assert transacciones_conciliar(ahora=_vence(tx))["pendientes"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert transacciones_conciliar(ahora=_vence(tx, 61))["expiradas"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.EXPIRADA


@responses.activate
def test_pending_at_the_gateway_never_expires(payu, settings):
    settings.PAGOS_EXPIRACION_MINUTOS = 60
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "PENDING"))
    transacciones_conciliar(ahora=_vence(tx, 500))
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE


@responses.activate
def test_a_late_approval_after_expiry_is_applied(payu, settings, client):
    settings.PAGOS_EXPIRACION_MINUTOS = 60
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, None))
    transacciones_conciliar(ahora=_vence(tx, 61))
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.EXPIRADA
    from tests.pagos.en_linea import payu_confirmacion

    client.post(
        "/pasarelas/payu/confirmacion/",
        data=payu_confirmacion(tx),
        content_type="application/x-www-form-urlencoded",
    )
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.count() == 1


@responses.activate
def test_api_errors_change_nothing(payu):
    tx = iniciar("payu")
    responses.add(responses.POST, URL_CONSULTAS_PRUEBAS, body="Bad gateway", status=502)
    assert transacciones_conciliar(ahora=_vence(tx))["errores"] == 1
    responses.replace(
        responses.POST, URL_CONSULTAS_PRUEBAS, json={"code": "ERROR", "error": "Invalid credentials"}
    )
    assert transacciones_conciliar(ahora=_vence(tx, 30))["errores"] == 1
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert set(EventoPasarela.objects.values_list("resultado", flat=True)) == {ResultadoEvento.ERROR}


@responses.activate
def test_api_approval_with_another_amount_is_refused(payu):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "APPROVED", valor=1000))
    transacciones_conciliar(ahora=_vence(tx))
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert Pago.objects.count() == 0
    assert EventoPasarela.objects.get().resultado == ResultadoEvento.RECHAZADO


@responses.activate
def test_staff_query_of_an_approved_attempt_never_downgrades_it(payu, staff):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "APPROVED"))
    transaccion_consultar(transaccion=tx, actor=staff, ahora=_vence(tx))
    responses.replace(responses.POST, URL_CONSULTAS_PRUEBAS, json=payu_respuesta(tx, "DECLINED"))
    tx = transaccion_consultar(transaccion=tx, actor=staff, ahora=_vence(tx, 20))
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.count() == 1
    from nucleo.models import EventoAuditoria

    assert EventoAuditoria.objects.filter(accion="pago_en_linea.consultar").count() == 2


@responses.activate
def test_portal_polling_is_throttled(payu):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "PENDING"))
    ahora = tx.creada_en
    for segundos in (0, 5, 29):
        transaccion_consultar(
            transaccion=tx, intervalo_minimo=timedelta(seconds=30), ahora=ahora + timedelta(seconds=segundos)
        )
    assert len(responses.calls) == 1
    transaccion_consultar(
        transaccion=tx, intervalo_minimo=timedelta(seconds=30), ahora=ahora + timedelta(seconds=31)
    )
    assert len(responses.calls) == 2


@responses.activate
def test_wompi_api_answers_are_applied(wompi):
    aprobada = iniciar("wompi")
    pendiente = iniciar("wompi")
    desconocida = iniciar("wompi")

    def respuesta(request):
        ref = request.params["reference"]
        assert request.headers["Authorization"] == "Bearer prv_test_x"
        if ref == desconocida.referencia:
            return 200, {}, json.dumps({"data": []})
        estado = "APPROVED" if ref == aprobada.referencia else "PENDING"
        tx = aprobada if ref == aprobada.referencia else pendiente
        datos = {
            "id": "1234-1610641025-49201",
            "reference": ref,
            "amount_in_cents": int(tx.valor * 100),
            "currency": "COP",
            "status": estado,
            "payment_method_type": "PSE",
        }
        return 200, {}, json.dumps({"data": [datos]})

    responses.add_callback(responses.GET, f"{URL_API_PRUEBAS}/transactions", callback=respuesta)
    cuentas = transacciones_conciliar(ahora=aprobada.creada_en + timedelta(minutes=3))
    assert (cuentas["consultadas"], cuentas["aprobadas"], cuentas["pendientes"]) == (3, 1, 2)
    aprobada.refresh_from_db()
    assert aprobada.estado == EstadoTransaccion.APROBADA
    assert aprobada.medio == "PSE"


@responses.activate
def test_conciliar_pagos_command(payu):
    tx = iniciar("payu")
    tx.proxima_consulta_en = tx.creada_en - timedelta(minutes=1)
    tx.save(update_fields=["proxima_consulta_en"])
    _payu_responde(payu_respuesta(tx, "APPROVED"))
    salida = StringIO()
    call_command("conciliar_pagos", stdout=salida)
    assert "Consultadas 1: 1 aprobadas" in salida.getvalue()


def test_the_beat_schedules_the_reconciliation(settings):
    assert settings.CELERY_BEAT_SCHEDULE["pagos-conciliar"]["task"] == "pagos.tasks.conciliar_pagos"
