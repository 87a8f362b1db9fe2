"""Gateway confirmations: verified against the stored transaction, stored raw first, idempotent."""

import logging
from decimal import Decimal

import pytest
from django.urls import reverse

from facturacion.models import EstadoFactura
from facturacion.services import factura_anular
from nucleo.models import EventoAuditoria
from pagos.models import (
    AplicacionPago,
    EstadoTransaccion,
    EventoPasarela,
    MetodoPago,
    OrigenEvento,
    Pago,
    ResultadoEvento,
)
from pagos.services import pago_registrar
from tests.pagos.en_linea import iniciar, payu_confirmacion, wompi_evento

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
URL_PAYU = "/pasarelas/payu/confirmacion/"
URL_WOMPI = "/pasarelas/wompi/eventos/"


def _payu(client, cuerpo):
    return client.post(URL_PAYU, data=cuerpo, content_type=FORM)


def _sin_pago(tx):
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert tx.pago is None
    assert Pago.objects.count() == 0
    for item in tx.items.select_related("factura"):
        assert item.factura.estado == EstadoFactura.FACTURADA


def test_urls_are_the_contracts():
    assert reverse("pasarelas:payu_confirmacion") == URL_PAYU
    assert reverse("pasarelas:wompi_eventos") == URL_WOMPI
    assert reverse("pasarelas:simulada_checkout") == "/pasarelas/simulada/checkout/"
    assert reverse("pasarelas:simulada_confirmacion") == "/pasarelas/simulada/confirmacion/"


def test_payu_approval_creates_one_receipt_applied_to_the_invoices(client, payu):
    tx = iniciar("payu", n=2)
    r = _payu(client, payu_confirmacion(tx))
    assert r.status_code == 200
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    pago = tx.pago
    assert pago.metodo == MetodoPago.EN_LINEA
    assert pago.referencia == f"payu {tx.referencia}"
    assert pago.valor == tx.valor == Decimal("2400000")
    assert pago.saldo_a_favor == 0
    assert pago.registrado_por is None
    assert sorted(AplicacionPago.objects.filter(pago=pago).values_list("valor", flat=True)) == [
        Decimal("1200000"),
        Decimal("1200000"),
    ]
    for item in tx.items.select_related("factura"):
        assert item.factura.estado == EstadoFactura.PAGADA
    assert tx.id_externo == "t-1"
    assert tx.medio == "PSE"
    evento = EventoPasarela.objects.get(transaccion=tx)
    assert (evento.origen, evento.resultado, evento.firma_valida) == (
        OrigenEvento.CONFIRMACION,
        ResultadoEvento.APLICADO,
        True,
    )
    assert f"reference_sale={tx.referencia}" in evento.cuerpo
    assert evento.ip == "127.0.0.1"
    assert EventoAuditoria.objects.filter(accion="pago_en_linea.aprobar", objeto_id=str(tx.pk)).exists()
    assert EventoAuditoria.objects.filter(accion="pago.registrar", objeto_id=str(pago.pk)).exists()


def test_payu_sha256_confirmation_is_accepted(client, payu):
    from pagos.pasarelas.payu import firma_confirmacion

    tx = iniciar("payu")
    valor = f"{tx.valor:.2f}"
    firma = firma_confirmacion(
        api_key=payu.PAYU_API_KEY,
        merchant_id="508029",
        referencia=tx.referencia,
        valor=valor,
        moneda="COP",
        estado_pol="4",
        algoritmo="SHA256",
    )
    assert _payu(client, payu_confirmacion(tx, sign=firma)).status_code == 200
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA


@pytest.mark.parametrize(
    ("cambios", "detalle"),
    [
        ({"sign": "0" * 32}, "Firma"),
        ({"value": "1.00"}, "Valor"),
        ({"currency": "USD"}, "Moneda"),
        ({"merchant": "999999"}, "Comercio"),
    ],
)
def test_payu_refused_confirmations_change_nothing_and_answer_200(client, payu, caplog, cambios, detalle):
    tx = iniciar("payu")
    with caplog.at_level(logging.WARNING, logger="pagos.en_linea"):
        r = _payu(client, payu_confirmacion(tx, **cambios))
    # 200 so PayU stops retrying something that will never be valid.
    assert r.status_code == 200
    assert r.content == b"rechazado"
    _sin_pago(tx)
    evento = EventoPasarela.objects.get()
    assert evento.resultado == ResultadoEvento.RECHAZADO
    assert detalle in evento.detalle
    assert evento.cuerpo  # stored raw
    assert "rechazado" in caplog.text
    assert EventoAuditoria.objects.filter(accion="pago_en_linea.confirmacion_rechazada").exists()


def test_payu_forged_approval_with_a_signature_made_without_our_key_is_refused(client, payu):
    from pagos.pasarelas.payu import firma_confirmacion

    tx = iniciar("payu")
    forjada = firma_confirmacion(
        api_key="otra-clave",
        merchant_id="508029",
        referencia=tx.referencia,
        valor=f"{tx.valor:.2f}",
        moneda="COP",
        estado_pol="4",
        algoritmo="MD5",
    )
    _payu(client, payu_confirmacion(tx, sign=forjada))
    _sin_pago(tx)
    assert EventoPasarela.objects.get().firma_valida is False


def test_payu_unknown_reference_is_refused(client, payu):
    tx = iniciar("payu")
    cuerpo = payu_confirmacion(tx).replace(tx.referencia, "AC-NO-EXISTE")
    # Re-sign for the other reference: a valid signature on a reference we never issued.
    from urllib.parse import parse_qsl, urlencode

    from pagos.pasarelas.payu import firma_confirmacion

    datos = dict(parse_qsl(cuerpo))
    datos["sign"] = firma_confirmacion(
        api_key=payu.PAYU_API_KEY,
        merchant_id="508029",
        referencia="AC-NO-EXISTE",
        valor=datos["value"],
        moneda="COP",
        estado_pol="4",
        algoritmo="MD5",
    )
    r = _payu(client, urlencode(datos))
    assert r.status_code == 200
    _sin_pago(tx)
    evento = EventoPasarela.objects.get()
    assert (evento.resultado, evento.transaccion) == (ResultadoEvento.RECHAZADO, None)
    assert "desconocida" in evento.detalle


def test_garbage_bodies_are_stored_and_refused_never_500(client, payu, wompi):
    assert client.post(URL_PAYU, data=b"\xff\xfe", content_type=FORM).status_code == 200
    assert client.post(URL_PAYU, data="", content_type=FORM).status_code == 200
    assert client.post(URL_WOMPI, data="{no json", content_type="application/json").status_code == 200
    assert client.post(URL_WOMPI, data="[1,2]", content_type="application/json").status_code == 200
    assert set(EventoPasarela.objects.values_list("resultado", flat=True)) == {ResultadoEvento.RECHAZADO}
    assert EventoPasarela.objects.count() == 4


def test_replays_and_a_second_transaction_id_change_nothing(client, payu):
    tx = iniciar("payu")
    cuerpo = payu_confirmacion(tx)
    for _ in range(3):
        assert _payu(client, cuerpo).status_code == 200
    assert _payu(client, payu_confirmacion(tx, tx_id="t-2")).status_code == 200
    assert Pago.objects.count() == 1
    assert list(EventoPasarela.objects.order_by("pk").values_list("resultado", flat=True)) == [
        ResultadoEvento.APLICADO,
        ResultadoEvento.DUPLICADO,
        ResultadoEvento.DUPLICADO,
        ResultadoEvento.DUPLICADO,
    ]


def test_approval_then_a_late_decline_stays_paid(client, payu):
    tx = iniciar("payu")
    _payu(client, payu_confirmacion(tx))
    r = _payu(client, payu_confirmacion(tx, state_pol="6", tx_id="t-2"))
    assert r.status_code == 200
    _payu(client, payu_confirmacion(tx, state_pol="5", tx_id="t-3"))
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.count() == 1
    assert Pago.objects.get().estado == "vigente"


def test_decline_records_the_reason_and_pays_nothing(client, payu):
    tx = iniciar("payu")
    cuerpo = payu_confirmacion(tx, state_pol="6") + "&response_message_pol=ENTITY_DECLINED"
    _payu(client, cuerpo)
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.RECHAZADA
    assert tx.motivo == "ENTITY_DECLINED"
    assert Pago.objects.count() == 0
    assert EventoAuditoria.objects.filter(accion="pago_en_linea.rechazar").exists()


def test_pending_confirmation_is_ignored(client, payu):
    tx = iniciar("payu")
    _payu(client, payu_confirmacion(tx, state_pol="7"))
    _sin_pago(tx)
    assert EventoPasarela.objects.get().resultado == ResultadoEvento.IGNORADO


def test_approval_after_a_decline_is_still_applied_the_money_is_never_dropped(client, payu):
    tx = iniciar("payu")
    _payu(client, payu_confirmacion(tx, state_pol="6"))
    _payu(client, payu_confirmacion(tx, state_pol="4", tx_id="t-2"))
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert Pago.objects.count() == 1


def test_invoice_paid_at_the_counter_meanwhile_leaves_a_saldo_a_favor(client, payu):
    tx = iniciar("payu", n=2)
    primera, segunda = [
        i.factura for i in tx.items.select_related("factura").order_by("factura__fecha_vencimiento")
    ]
    pago_registrar(tercero=tx.tercero, valor=primera.saldo, metodo="efectivo", facturas=[primera], actor=None)
    _payu(client, payu_confirmacion(tx))
    tx.refresh_from_db()
    pago = tx.pago
    assert pago.valor == Decimal("2400000")
    assert pago.saldo_a_favor == Decimal("1200000")
    assert list(pago.aplicaciones.values_list("factura_id", "valor")) == [(segunda.pk, Decimal("1200000"))]
    segunda.refresh_from_db()
    assert segunda.estado == EstadoFactura.PAGADA
    assert EventoAuditoria.objects.filter(accion="pago.saldo_a_favor", objeto_id=str(pago.pk)).exists()


def test_every_invoice_annulled_meanwhile_keeps_all_the_money_as_saldo_a_favor(client, payu, staff):
    tx = iniciar("payu")
    factura = tx.items.get().factura
    factura_anular(factura=factura, motivo="Error de emisión", actor=staff)
    _payu(client, payu_confirmacion(tx))
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert tx.pago.saldo_a_favor == tx.valor
    assert tx.pago.aplicaciones.count() == 0


def test_the_receipt_pdf_is_emailed_to_the_client(
    client, payu, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks, entidad
):
    tx = iniciar("payu")
    with django_capture_on_commit_callbacks(execute=True):
        _payu(client, payu_confirmacion(tx))
    tx.refresh_from_db()
    mensajes = smtp_sink.para(tx.tercero.email)
    assert len(mensajes) == 1
    import email
    from email.header import decode_header, make_header

    mensaje = email.message_from_string(mensajes[0]["data"])
    assert tx.pago.codigo in str(make_header(decode_header(mensaje["Subject"])))
    adjuntos = [p for p in mensaje.walk() if p.get_content_type() == "application/pdf"]
    assert len(adjuntos) == 1
    assert adjuntos[0].get_filename() == tx.pago.nombre_archivo
    assert adjuntos[0].get_payload(decode=True).startswith(b"%PDF")
    # A replayed approval does not mail twice.
    with django_capture_on_commit_callbacks(execute=True):
        _payu(client, payu_confirmacion(tx))
    assert len(smtp_sink.para(tx.tercero.email)) == 1


def test_wompi_event_approval_is_applied_and_checksum_header_honoured(client, wompi):
    tx = iniciar("wompi")
    cuerpo, checksum = wompi_evento(tx)
    r = client.post(URL_WOMPI, data=cuerpo, content_type="application/json", HTTP_X_EVENT_CHECKSUM=checksum)
    assert r.status_code == 200
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert tx.pago.referencia == f"wompi {tx.referencia}"
    evento = EventoPasarela.objects.get()
    assert evento.encabezados["x-event-checksum"] == checksum


@pytest.mark.parametrize(
    ("kwargs", "detalle"),
    [
        ({"secreto": "otro"}, "Firma"),
        ({"centavos": 100}, "Valor"),
        ({"moneda": "USD"}, "Moneda"),
    ],
)
def test_wompi_refused_events_change_nothing(client, wompi, kwargs, detalle):
    tx = iniciar("wompi")
    cuerpo, _checksum = wompi_evento(tx, **kwargs)
    assert client.post(URL_WOMPI, data=cuerpo, content_type="application/json").status_code == 200
    _sin_pago(tx)
    assert detalle in EventoPasarela.objects.get().detalle


def test_wompi_decline_then_nothing_paid(client, wompi):
    tx = iniciar("wompi")
    cuerpo, _ = wompi_evento(tx, status="DECLINED")
    client.post(URL_WOMPI, data=cuerpo, content_type="application/json")
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.RECHAZADA
    assert Pago.objects.count() == 0


def test_webhooks_answer_405_to_get(client):
    for url in (URL_PAYU, URL_WOMPI, "/pasarelas/simulada/confirmacion/", "/pasarelas/simulada/checkout/"):
        assert client.get(url).status_code == 405


def test_simulated_endpoints_do_not_exist_when_another_gateway_is_active(client, payu):
    assert (
        client.post("/pasarelas/simulada/confirmacion/", data="referencia=x", content_type=FORM).status_code
        == 404
    )
    assert client.post("/pasarelas/simulada/checkout/", data={}).status_code == 404
