"""Portal online payment: Realizar pago → Registrar pago → the gateway's form → Regresar al sitio."""

import re
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from facturacion.models import EstadoFactura
from facturacion.services import factura_arriendo_emitir
from pagos.models import EstadoTransaccion, EventoPasarela, OrigenEvento, Pago, TransaccionPasarela
from pagos.pasarelas import pasarela_por_nombre
from pagos.services_en_linea import notificacion_procesar, transaccion_iniciar
from tests.area_clientes.finanzas_datos import crear_mundo
from tests.factories import ClienteFactory, ContratoFactory

pytestmark = pytest.mark.django_db

BOTON = "Pagar con la pasarela simulada"


@pytest.fixture
def mundo(entidad, settings):
    settings.PAGOS_PASARELA = "simulada"
    settings.SITE_URL = "https://clientes.prueba.test"
    return crear_mundo()


@pytest.fixture
def inquilino(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    return client


def _pagar(client, factura, clave=None):
    return client.post(
        reverse("area_clientes:pagar", args=[factura.pk]), {"clave_idempotencia": str(clave or uuid.uuid4())}
    )


def _confirmar(transaccion, decision):
    """The simulated gateway's signed confirmation, processed as the webhook does."""
    gw = pasarela_por_nombre("simulada")
    cuerpo = gw.confirmacion_cuerpo(
        referencia=transaccion.referencia, valor=f"{transaccion.valor:.2f}", moneda="COP", decision=decision
    )
    notificacion_procesar(pasarela="simulada", cuerpo=cuerpo.encode(), encabezados={}, ip="127.0.0.1")


def _diciembre(mundo):
    factura, _ = factura_arriendo_emitir(contrato=mundo.contrato, periodo=date(2026, 12, 1))
    return factura


# --- the invoice list ---------------------------------------------------------------------------


def test_it_offers_realizar_pago_on_pending_invoices_only(inquilino, mundo):
    html = inquilino.get(reverse("area_clientes:facturas")).content.decode()
    assert reverse("area_clientes:pagar", args=[mundo.noviembre.pk]) in html
    assert reverse("area_clientes:pagar", args=[mundo.octubre.pk]) not in html  # paid
    assert "bi-cart" in html
    assert f'aria-label="Realizar pago de la factura {mundo.noviembre.numero}"' in html
    assert 'name="facturas"' in html
    assert reverse("area_clientes:pagar_varias") in html


def test_it_offers_nothing_where_the_gateway_has_no_credentials(inquilino, mundo, settings):
    settings.PAGOS_PASARELA = "payu"
    settings.PAYU_MERCHANT_ID = settings.PAYU_API_KEY = ""
    html = inquilino.get(reverse("area_clientes:facturas")).content.decode()
    assert "Realizar pago" not in html
    assert inquilino.get(reverse("area_clientes:pagar", args=[mundo.noviembre.pk])).status_code == 404
    assert _pagar(inquilino, mundo.noviembre).status_code == 404
    assert not TransaccionPasarela.objects.exists()


# --- Registrar pago -----------------------------------------------------------------------------


def test_registrar_pago_shows_total_balance_due_date_contract_and_the_button(inquilino, mundo):
    r = inquilino.get(reverse("area_clientes:pagar", args=[mundo.noviembre.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Registrar pago" in html
    assert mundo.noviembre.numero in html
    assert mundo.contrato.numero in html
    assert mundo.noviembre.fecha_vencimiento.strftime("%d/%m/%Y") in html
    assert html.count("$ 1.200.000") >= 3  # total, balance, amount to pay
    assert BOTON in html
    assert 'name="clave_idempotencia"' in html


def test_paying_creates_one_attempt_and_renders_the_gateways_form_that_posts_itself(inquilino, mundo):
    r = _pagar(inquilino, mundo.noviembre)
    assert r.status_code == 200
    tx = TransaccionPasarela.objects.get()
    assert tx.tercero == mundo.inquilino
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert tx.valor == Decimal("1200000")
    assert [i.factura for i in tx.items.all()] == [mundo.noviembre]
    html = r.content.decode()
    assert 'action="/pasarelas/simulada/checkout/"' in html
    assert "data-autoenvio" in html
    assert f'value="{tx.referencia}"' in html
    # The response URL is the return page on the site's public address.
    assert f"https://clientes.prueba.test/customerarea/pagos-en-linea/{tx.referencia}/" in html
    assert BOTON in html  # visible for browsers without JavaScript
    # CSP: no inline script, only files.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "js/pasarela.js" in html


def test_a_double_click_makes_one_attempt_and_shows_the_same_form(inquilino, mundo):
    clave = uuid.uuid4()
    primera = _pagar(inquilino, mundo.noviembre, clave)
    segunda = _pagar(inquilino, mundo.noviembre, clave)
    tx = TransaccionPasarela.objects.get()
    assert primera.status_code == segunda.status_code == 200
    assert f'value="{tx.referencia}"' in segunda.content.decode()


def test_a_pending_payment_says_so_and_offers_no_second_one(inquilino, mundo):
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    lista = inquilino.get(reverse("area_clientes:facturas")).content.decode()
    assert "Pago en verificación" in lista
    assert reverse("area_clientes:pagar", args=[mundo.noviembre.pk]) not in lista
    assert reverse("area_clientes:pago_en_linea", args=[tx.referencia]) in lista
    pagina = inquilino.get(reverse("area_clientes:pagar", args=[mundo.noviembre.pk])).content.decode()
    assert "Pago en verificación" in pagina
    assert BOTON not in pagina
    # Later, a fresh form (another tab): refused with the service's Spanish message.
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        r = _pagar(inquilino, mundo.noviembre)
    assert r.status_code == 400
    assert "ya tiene un pago en línea en verificación" in r.content.decode()
    assert TransaccionPasarela.objects.count() == 1


def test_several_invoices_are_paid_in_one_transaction(inquilino, mundo):
    diciembre = _diciembre(mundo)
    url = reverse("area_clientes:pagar_varias")
    r = inquilino.get(url, {"facturas": [mundo.noviembre.pk, diciembre.pk]})
    html = r.content.decode()
    assert r.status_code == 200
    assert mundo.noviembre.numero in html
    assert diciembre.numero in html
    assert "$ 2.400.000" in html
    r = inquilino.post(
        url, {"facturas": [mundo.noviembre.pk, diciembre.pk], "clave_idempotencia": str(uuid.uuid4())}
    )
    assert r.status_code == 200
    tx = TransaccionPasarela.objects.get()
    assert tx.valor == Decimal("2400000")
    assert {i.factura_id for i in tx.items.all()} == {mundo.noviembre.pk, diciembre.pk}


def test_pagar_varias_without_a_selection_lets_the_client_pick(inquilino, mundo):
    html = inquilino.get(reverse("area_clientes:pagar_varias")).content.decode()
    assert f'value="{mundo.noviembre.pk}"' in html
    assert f'value="{mundo.octubre.pk}"' not in html  # paid


def test_a_paid_invoice_in_the_selection_is_not_paid_again(inquilino, mundo):
    r = inquilino.post(
        reverse("area_clientes:pagar_varias"),
        {"facturas": [mundo.octubre.pk, mundo.noviembre.pk], "clave_idempotencia": str(uuid.uuid4())},
    )
    assert r.status_code == 400
    assert "no está pendiente de pago" in r.content.decode()
    assert not TransaccionPasarela.objects.exists()


def test_another_clients_invoice_answers_404(inquilino, mundo):
    otro = ContratoFactory(inquilino=ClienteFactory(es_inquilino=True), canon=Decimal("900000"))
    ajena, _ = factura_arriendo_emitir(contrato=otro, periodo=date(2026, 11, 1))
    assert inquilino.get(reverse("area_clientes:pagar", args=[ajena.pk])).status_code == 404
    assert _pagar(inquilino, ajena).status_code == 404
    url = reverse("area_clientes:pagar_varias")
    assert inquilino.get(url, {"facturas": [mundo.noviembre.pk, ajena.pk]}).status_code == 404
    r = inquilino.post(url, {"facturas": [ajena.pk], "clave_idempotencia": str(uuid.uuid4())})
    assert r.status_code == 404
    assert inquilino.get(url, {"facturas": ["abc"]}).status_code == 404
    assert not TransaccionPasarela.objects.exists()


def test_an_owner_cannot_pay_a_commission_invoice_here(client, mundo):
    client.force_login(mundo.propietario.usuario)
    assert client.get(reverse("area_clientes:pagar", args=[mundo.comision.pk])).status_code == 403


# --- the return page ----------------------------------------------------------------------------


def test_the_return_page_with_forged_approved_parameters_pays_nothing(inquilino, mundo):
    recibos = Pago.objects.count()
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    forjados = {
        "transactionState": "4",
        "polTransactionState": "4",
        "lapTransactionState": "APPROVED",
        "estado": "aprobada",
        "referenceCode": tx.referencia,
        "TX_VALUE": "1200000.0",
        "id": "123-forjado",
    }
    r = inquilino.get(reverse("area_clientes:pago_en_linea", args=[tx.referencia]), forjados)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Estamos verificando su pago" in html
    assert "¡Pago aprobado!" not in html
    assert 'hx-trigger="every 5s"' in html
    # The poll asks the gateway, which never heard of it: still pending.
    parcial = inquilino.get(
        reverse("area_clientes:pago_en_linea_estado", args=[tx.referencia]), forjados, HTTP_HX_REQUEST="true"
    )
    assert "Estamos verificando su pago" in parcial.content.decode()
    tx.refresh_from_db()
    mundo.noviembre.refresh_from_db()
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert tx.pago is None
    assert mundo.noviembre.estado == EstadoFactura.FACTURADA
    assert mundo.noviembre.saldo == Decimal("1200000")
    assert Pago.objects.count() == recibos


def test_the_return_page_shows_an_approval_with_the_receipt(inquilino, mundo):
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    _confirmar(tx, "aprobar")
    tx.refresh_from_db()
    html = inquilino.get(reverse("area_clientes:pago_en_linea", args=[tx.referencia])).content.decode()
    assert "¡Pago aprobado!" in html
    assert "hx-trigger" not in html
    recibo = reverse("area_clientes:recibo_pdf", args=[tx.pago.pk])
    assert recibo in html
    r = inquilino.get(recibo)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    lista = inquilino.get(reverse("area_clientes:facturas")).content.decode()
    assert "Pago en verificación" not in lista


def test_the_return_page_shows_a_decline_with_its_reason(inquilino, mundo):
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    _confirmar(tx, "rechazar")
    html = inquilino.get(reverse("area_clientes:pago_en_linea", args=[tx.referencia])).content.decode()
    assert "Pago rechazado" in html
    assert "Rechazada en la pasarela simulada" in html
    assert "No se aplicó ningún pago" in html
    # Declined: the invoice may be paid again.
    assert BOTON in inquilino.get(reverse("area_clientes:pagar", args=[mundo.noviembre.pk])).content.decode()


def test_polling_asks_the_gateway_at_most_once_per_half_minute_and_applies_its_answer(inquilino, mundo):
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    url = reverse("area_clientes:pago_en_linea_estado", args=[tx.referencia])
    # The payer left it pending at the gateway (a PSE transfer the bank has not confirmed).
    pasarela_por_nombre("simulada").confirmacion_cuerpo(
        referencia=tx.referencia, valor=f"{tx.valor:.2f}", moneda="COP", decision="pendiente"
    )
    inquilino.get(url, {"sondeo": "1"}, HTTP_HX_REQUEST="true")
    inquilino.get(url, {"sondeo": "1"}, HTTP_HX_REQUEST="true")
    consultas = EventoPasarela.objects.filter(transaccion=tx, origen=OrigenEvento.CONSULTA)
    assert consultas.count() == 1
    # The payer approved at the gateway, whose confirmation has not arrived (yet).
    pasarela_por_nombre("simulada").confirmacion_cuerpo(
        referencia=tx.referencia, valor=f"{tx.valor:.2f}", moneda="COP", decision="aprobar"
    )
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        parcial = inquilino.get(url, {"sondeo": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert consultas.count() == 2
    assert "¡Pago aprobado!" in parcial
    assert "hx-trigger" not in parcial
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA


def test_another_clients_reference_answers_404(client, mundo):
    ajeno = ClienteFactory(es_inquilino=True)
    contrato = ContratoFactory(inquilino=ajeno, canon=Decimal("900000"))
    factura, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 11, 1))
    tx = transaccion_iniciar(tercero=ajeno, facturas=[factura])
    client.force_login(mundo.inquilino.usuario)
    assert client.get(reverse("area_clientes:pago_en_linea", args=[tx.referencia])).status_code == 404
    assert client.get(reverse("area_clientes:pago_en_linea_estado", args=[tx.referencia])).status_code == 404
    assert client.get(reverse("area_clientes:pago_en_linea", args=["AC-NO-EXISTE"])).status_code == 404


# --- dashboard and statement --------------------------------------------------------------------


def test_the_dashboard_shows_a_payment_in_verification(inquilino, mundo):
    assert "pago-en-verificacion" not in inquilino.get(reverse("area_clientes:inicio")).content.decode()
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    html = inquilino.get(reverse("area_clientes:inicio")).content.decode()
    assert "pago-en-verificacion" in html
    assert tx.referencia in html


def test_the_statement_shows_saldo_a_favor(inquilino, mundo):
    _pagar(inquilino, mundo.noviembre)
    tx = TransaccionPasarela.objects.get()
    # Paid at the counter while the online payment was in verification: its approval is left over.
    from pagos.services import pago_registrar

    pago_registrar(
        tercero=mundo.inquilino,
        valor=Decimal("1200000"),
        metodo="efectivo",
        facturas=[mundo.noviembre],
        fecha=date(2026, 11, 5),
        actor=None,
    )
    _confirmar(tx, "aprobar")
    url = reverse("area_clientes:estado_cuenta")
    html = inquilino.get(url, {"anio": timezone.localdate().year}).content.decode()
    assert 'id="saldo-a-favor"' in html
    assert "$ 1.200.000" in html
