"""A double click, a browser resubmit or ten parallel posts of one money form create one record."""

import threading
from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from facturacion.models import EstadoFactura, Factura, TipoFactura
from facturacion.services import factura_arriendo_emitir
from nucleo.idempotencia import YaRegistrado
from pagos.models import AplicacionPago, Egreso, Pago
from pagos.services import pago_registrar
from tests.factories import ContratoFactory, EntidadFactory, PropiedadFactory, StaffFactory, TerceroFactory
from tests.facturacion.datos import clave_del_formulario, resolucion

HOY = timezone.localdate()


@pytest.fixture
def datos(db):
    EntidadFactory()
    resolucion(vigente_desde=HOY - timedelta(days=400), vigente_hasta=HOY + timedelta(days=400))
    inquilino = TerceroFactory(numero_documento="1030111222")
    dueno = TerceroFactory(es_propietario=True, numero_documento="70111222")
    contrato = ContratoFactory(
        inquilino=inquilino,
        propiedad=PropiedadFactory(propietarios=[dueno]),
        numero="CT-9",
        canon=Decimal("1000000"),
        fecha_inicio=HOY - timedelta(days=200),
        fecha_fin=HOY + timedelta(days=200),
    )
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=HOY.replace(day=1))
    return inquilino, renta


def _pago(renta, clave, valor="600000"):
    return {
        "clave_idempotencia": clave,
        "tercero": renta.tercero_id,
        "facturas": [renta.pk],
        "valor": valor,
        "metodo": "efectivo",
        "fecha": HOY.isoformat(),
    }


def _factura(clave, tercero):
    return {
        "clave_idempotencia": clave,
        "tercero": tercero.pk,
        "tipo": "otro",
        "descripcion": "Cerrajería",
        "fecha_emision": HOY.isoformat(),
        "fecha_vencimiento": (HOY + timedelta(days=10)).isoformat(),
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "1",
        "items-MAX_NUM_FORMS": "20",
        "items-0-descripcion": "Cambio de guarda",
        "items-0-cantidad": "1",
        "items-0-valor_unitario": "90000",
        "items-0-iva_porcentaje": "0",
    }


def _liquidacion(clave):
    return {
        "clave_idempotencia": clave,
        "contrato": "CT-9",
        "periodo": f"{HOY:%Y-%m}",
        "otros_descuentos": "0",
    }


def _mensajes(respuesta):
    """What the redirected page will show; earlier unread messages stay queued before it."""
    return [str(m) for m in get_messages(respuesta.wsgi_request)][-1:]


@pytest.mark.django_db
def test_a_payment_posted_twice_records_one_receipt(staff_client, datos):
    _inquilino, renta = datos
    url = reverse("pagos:pago_nuevo")
    clave = clave_del_formulario(staff_client.get(url, {"tercero": renta.tercero_id}))
    primera = staff_client.post(url, _pago(renta, clave))
    segunda = staff_client.post(url, _pago(renta, clave))
    pago = Pago.objects.get()
    assert primera["Location"] == segunda["Location"] == reverse("pagos:pago", args=[pago.pk])
    assert _mensajes(segunda) == [f"Este pago ya estaba registrado: recibo de caja {pago.codigo}."]
    renta.refresh_from_db()
    assert renta.saldo == Decimal("400000")
    assert AplicacionPago.objects.count() == 1


@pytest.mark.django_db
def test_each_rendering_of_the_form_has_its_own_key(staff_client, datos):
    _inquilino, renta = datos
    url = reverse("pagos:pago_nuevo")
    primera = clave_del_formulario(staff_client.get(url, {"tercero": renta.tercero_id}))
    segunda = clave_del_formulario(staff_client.get(url, {"tercero": renta.tercero_id}))
    assert primera != segunda
    staff_client.post(url, _pago(renta, primera, "100000"))
    staff_client.post(url, _pago(renta, segunda, "100000"))
    assert Pago.objects.count() == 2
    renta.refresh_from_db()
    assert renta.saldo == Decimal("800000")


@pytest.mark.django_db
def test_a_refused_payment_keeps_its_key_and_the_corrected_resubmit_records_one(staff_client, datos):
    _inquilino, renta = datos
    url = reverse("pagos:pago_nuevo")
    clave = str(uuid4())
    r = staff_client.post(url, _pago(renta, clave, "1000001"))
    assert "supera el saldo" in r.content.decode()
    assert clave_del_formulario(r) == clave
    staff_client.post(url, _pago(renta, clave, "1000000"))
    staff_client.post(url, _pago(renta, clave, "1000000"))
    assert Pago.objects.count() == 1
    assert Factura.objects.get(pk=renta.pk).estado == EstadoFactura.PAGADA


@pytest.mark.django_db
@pytest.mark.parametrize("clave", [None, "", "no-es-una-clave", "0" * 100_000, "\x00"])
def test_a_post_without_a_valid_key_is_refused_and_typed_input_kept(staff_client, datos, clave):
    _inquilino, renta = datos
    campos = _pago(renta, clave)
    if clave is None:
        del campos["clave_idempotencia"]
    campos["referencia"] = "REF-QUEDA"
    r = staff_client.post(reverse("pagos:pago_nuevo"), campos)
    html = r.content.decode()
    assert r.status_code == 200
    assert "El formulario caducó o llegó incompleto" in html
    assert "REF-QUEDA" in html
    # A fresh key is rendered, so sending the form again works.
    staff_client.post(reverse("pagos:pago_nuevo"), _pago(renta, clave_del_formulario(r)))
    assert Pago.objects.count() == 1


@pytest.mark.django_db
def test_an_invoice_posted_twice_is_issued_once(staff_client, datos):
    url = reverse("facturacion:factura_nueva")
    clave = clave_del_formulario(staff_client.get(url))
    antes = Factura.objects.count()
    primera = staff_client.post(url, _factura(clave, datos[0]))
    segunda = staff_client.post(url, _factura(clave, datos[0]))
    nueva = Factura.objects.get(tipo=TipoFactura.OTRO)
    assert Factura.objects.count() == antes + 1
    assert primera["Location"] == segunda["Location"] == reverse("facturacion:factura", args=[nueva.pk])
    assert _mensajes(segunda) == [f"Esta factura ya estaba emitida: {nueva.numero}."]


@pytest.mark.django_db
def test_a_settlement_posted_twice_is_settled_once(staff_client, datos):
    _inquilino, renta = datos
    pago_registrar(tercero=renta.tercero, valor=renta.total, metodo="efectivo", facturas=[renta], actor=None)
    url = reverse("pagos:egreso_nuevo")
    clave = clave_del_formulario(staff_client.get(url))
    primera = staff_client.post(url, _liquidacion(clave))
    segunda = staff_client.post(url, _liquidacion(clave))
    egreso = Egreso.objects.get()
    assert primera["Location"] == segunda["Location"] == reverse("pagos:egreso", args=[egreso.pk])
    assert _mensajes(segunda) == ["Esta liquidación ya estaba registrada."]
    assert Factura.objects.filter(tipo=TipoFactura.COMISION).count() == 1


@pytest.mark.django_db
def test_the_service_raises_ya_registrado_with_the_first_receipt(datos):
    inquilino, renta = datos
    clave = uuid4()
    primero = pago_registrar(
        tercero=inquilino,
        valor=Decimal("1000"),
        metodo="efectivo",
        facturas=[renta],
        actor=None,
        clave_idempotencia=clave,
    )
    with pytest.raises(YaRegistrado) as repetido:
        pago_registrar(
            tercero=inquilino,
            valor=Decimal("1000"),
            metodo="efectivo",
            facturas=[renta],
            actor=None,
            clave_idempotencia=clave,
        )
    assert repetido.value.objeto == primero


def _en_paralelo(url, campos, usuario, veces=10):
    """POST the same form `veces` times at once, each from its own browser session."""
    clientes = []
    for _ in range(veces):
        c = Client()
        c.force_login(usuario)
        clientes.append(c)
    barrera = threading.Barrier(veces)
    respuestas, errores = [], []

    def enviar(c):
        try:
            barrera.wait()
            respuestas.append(c.post(url, campos))
        except Exception as exc:  # surfaced by the assertion below
            errores.append(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=enviar, args=(c,)) for c in clientes]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert errores == []
    return respuestas


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_payment_posts_record_one_receipt(datos):
    _inquilino, renta = datos
    staff = StaffFactory()
    respuestas = _en_paralelo(reverse("pagos:pago_nuevo"), _pago(renta, str(uuid4())), staff)
    pago = Pago.objects.get()
    assert {r.status_code for r in respuestas} == {302}
    assert {r["Location"] for r in respuestas} == {reverse("pagos:pago", args=[pago.pk])}
    renta.refresh_from_db()
    assert renta.saldo == Decimal("400000")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_invoice_posts_issue_one_gap_free_invoice(datos):
    _inquilino, renta = datos
    staff = StaffFactory()
    respuestas = _en_paralelo(
        reverse("facturacion:factura_nueva"), _factura(str(uuid4()), renta.tercero), staff
    )
    nueva = Factura.objects.get(tipo=TipoFactura.OTRO)
    assert {r.status_code for r in respuestas} == {302}
    assert {r["Location"] for r in respuestas} == {reverse("facturacion:factura", args=[nueva.pk])}
    assert nueva.consecutivo == renta.consecutivo + 1
    assert nueva.resolucion.consecutivo_actual == nueva.consecutivo


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_settlement_posts_create_one_payout(datos):
    _inquilino, renta = datos
    pago_registrar(tercero=renta.tercero, valor=renta.total, metodo="efectivo", facturas=[renta], actor=None)
    staff = StaffFactory()
    respuestas = _en_paralelo(reverse("pagos:egreso_nuevo"), _liquidacion(str(uuid4())), staff)
    egreso = Egreso.objects.get()
    assert {r.status_code for r in respuestas} == {302}
    assert {r["Location"] for r in respuestas} == {reverse("pagos:egreso", args=[egreso.pk])}
    assert Factura.objects.filter(tipo=TipoFactura.COMISION).count() == 1
