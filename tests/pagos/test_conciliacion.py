"""Reconciliation: the gateway's API (mocked only at HTTP with `responses`) answers about pending
attempts; its answer goes through the confirmation path."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import responses
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pagos.models import (
    EstadoTransaccion,
    EventoPasarela,
    OrigenEvento,
    Pago,
    ResultadoEvento,
    TransaccionPasarela,
)
from pagos.pasarelas.payu import URL_CONSULTAS_PRUEBAS
from pagos.pasarelas.wompi import URL_API_PRUEBAS
from pagos.services_en_linea import (
    EVENTO_SIN_RESULTADO_MINUTOS,
    transaccion_consultar,
    transacciones_conciliar,
)
from tests.pagos.en_linea import iniciar, payu_confirmacion

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


# --- messages left without outcome (their processing died) ------------------------------------


def _caida(**kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def _confirmacion_interrumpida(tx):
    """PayU's approval arrives and PostgreSQL goes away mid-processing, longer than the retried close."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr("pagos.services_en_linea._aviso_aplicar", _caida)
        m.setattr("pagos.services_en_linea._evento_cerrar_tras_fallo", lambda evento, *, detalle: None)
        r = Client(raise_request_exception=False).post(
            "/pasarelas/payu/confirmacion/",
            data=payu_confirmacion(tx),
            content_type="application/x-www-form-urlencoded",
        )
    assert r.status_code >= 500  # PayU gets no 200: it retries
    return EventoPasarela.objects.get(origen=OrigenEvento.CONFIRMACION)


def _minutos_despues(minutos):
    return timezone.now() + timedelta(minutes=minutos)


@responses.activate
def test_an_old_message_without_outcome_is_closed_with_why_and_its_attempt_asked_now(payu):
    tx = iniciar("payu")
    evento = _confirmacion_interrumpida(tx)
    assert (evento.resultado, evento.transaccion) == ("", None)
    ahora = _minutos_despues(EVENTO_SIN_RESULTADO_MINUTOS + 1)
    # Not due by its schedule: the sweep makes this run ask about it anyway.
    TransaccionPasarela.objects.filter(pk=tx.pk).update(proxima_consulta_en=ahora + timedelta(days=1))
    _payu_responde(payu_respuesta(tx, "APPROVED"))
    cuentas = transacciones_conciliar(ahora=ahora)
    assert (cuentas["interrumpidos"], cuentas["consultadas"], cuentas["aprobadas"]) == (1, 1, 1)
    evento.refresh_from_db()
    assert evento.resultado == ResultadoEvento.ERROR
    assert evento.transaccion == tx  # read again from its body: the case page lists it
    assert evento.detalle == (
        "Procesamiento interrumpido (p. ej., la base de datos se reinició): el mensaje quedó sin "
        "resultado y no aplicó nada. La pasarela no recibió un 200 y puede reintentarlo (PayU reintenta "
        "hasta recibirlo). Esta conciliación consulta la transacción, que sigue pendiente; lo que se "
        "responda se aplica una sola vez."
    )
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.count() == 1
    # PayU's retry of the interrupted confirmation, after the query applied it: nothing twice.
    Client().post(
        "/pasarelas/payu/confirmacion/",
        data=payu_confirmacion(tx),
        content_type="application/x-www-form-urlencoded",
    )
    assert Pago.objects.count() == 1
    assert set(EventoPasarela.objects.values_list("resultado", flat=True)) == {
        ResultadoEvento.ERROR,
        ResultadoEvento.APLICADO,
        ResultadoEvento.DUPLICADO,
    }


@responses.activate
def test_a_fresh_message_without_outcome_is_left_alone(payu):
    tx = iniciar("payu")
    evento = _confirmacion_interrumpida(tx)
    cuentas = transacciones_conciliar(ahora=_minutos_despues(EVENTO_SIN_RESULTADO_MINUTOS - 1))
    assert cuentas["interrumpidos"] == 0
    evento.refresh_from_db()
    assert (evento.resultado, evento.detalle) == ("", "")


@responses.activate
def test_a_message_with_an_outcome_is_never_touched(payu):
    tx = iniciar("payu")
    Client().post(
        "/pasarelas/payu/confirmacion/",
        data=payu_confirmacion(tx, state_pol="6"),
        content_type="application/x-www-form-urlencoded",
    )
    evento = EventoPasarela.objects.get()
    assert evento.resultado == ResultadoEvento.APLICADO
    antes = (evento.resultado, evento.detalle, evento.transaccion_id)
    assert transacciones_conciliar(ahora=_minutos_despues(60))["interrumpidos"] == 0
    evento.refresh_from_db()
    assert (evento.resultado, evento.detalle, evento.transaccion_id) == antes


@responses.activate
def test_a_query_whose_processing_died_is_closed_by_a_later_run_and_asked_again(payu):
    tx = iniciar("payu")
    _payu_responde(payu_respuesta(tx, "APPROVED"))
    with pytest.MonkeyPatch.context() as m:
        m.setattr("pagos.services_en_linea._aviso_aplicar", _caida)
        assert transacciones_conciliar(ahora=_vence(tx))["errores"] == 1
    abierto = EventoPasarela.objects.get(origen=OrigenEvento.CONSULTA)
    assert abierto.resultado == ""
    cuentas = transacciones_conciliar(ahora=_minutos_despues(EVENTO_SIN_RESULTADO_MINUTOS + 1))
    assert (cuentas["interrumpidos"], cuentas["aprobadas"]) == (1, 1)
    abierto.refresh_from_db()
    assert abierto.resultado == ResultadoEvento.ERROR
    assert abierto.detalle.startswith("Procesamiento interrumpido")
    assert "Esta conciliación consulta la transacción, que sigue pendiente" in abierto.detalle
    assert "reintenta" not in abierto.detalle  # a query has no gateway retry
    assert len(responses.calls) == 2


def test_a_message_about_a_finished_attempt_says_so(payu):
    tx = iniciar("payu")
    evento = _confirmacion_interrumpida(tx)
    Client().post(
        "/pasarelas/payu/confirmacion/",
        data=payu_confirmacion(tx),
        content_type="application/x-www-form-urlencoded",
    )  # PayU's retry, applied
    cuentas = transacciones_conciliar(ahora=_minutos_despues(EVENTO_SIN_RESULTADO_MINUTOS + 1))
    assert (cuentas["interrumpidos"], cuentas["consultadas"]) == (1, 0)
    evento.refresh_from_db()
    assert evento.resultado == ResultadoEvento.ERROR
    assert evento.detalle.endswith("La transacción ya terminó: Aprobada.")
    assert "Esta conciliación consulta" not in evento.detalle
    assert Pago.objects.count() == 1


def test_the_staff_case_page_shows_the_reason_like_any_outcome(payu, staff_client):
    tx = iniciar("payu")
    _confirmacion_interrumpida(tx)
    with responses.RequestsMock() as api:
        api.add(responses.POST, URL_CONSULTAS_PRUEBAS, json=payu_respuesta(tx, "PENDING"))
        transacciones_conciliar(ahora=_minutos_despues(EVENTO_SIN_RESULTADO_MINUTOS + 1))
    html = staff_client.get(reverse("pagos:pago_en_linea", args=[tx.pk])).content.decode()
    assert 'class="badge evento-error">Error</span>' in html
    assert "Sin resultado" not in html
    assert "Procesamiento interrumpido (p. ej., la base de datos se reinició)" in html


@responses.activate
def test_conciliar_pagos_prints_the_messages_it_closed(payu):
    tx = iniciar("payu")
    evento = _confirmacion_interrumpida(tx)
    EventoPasarela.objects.filter(pk=evento.pk).update(
        recibido_en=timezone.now() - timedelta(minutes=EVENTO_SIN_RESULTADO_MINUTOS + 1)
    )
    _payu_responde(payu_respuesta(tx, "APPROVED"))
    salida = StringIO()
    call_command("conciliar_pagos", stdout=salida)
    assert "Consultadas 1: 1 aprobadas" in salida.getvalue()
    assert "Mensajes sin resultado (procesamiento interrumpido) cerrados: 1." in salida.getvalue()
