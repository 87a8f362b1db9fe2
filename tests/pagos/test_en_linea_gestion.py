"""Back-office: Pagos en línea (list, detail with raw events, Consultar estado), the gateway panel in
Configuraciones, and payments flagged saldo a favor."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from facturacion.services import factura_arriendo_emitir
from pagos.models import EstadoTransaccion, TransaccionPasarela
from pagos.pasarelas import pasarela_por_nombre
from pagos.services import pago_registrar
from pagos.services_en_linea import notificacion_procesar, transaccion_iniciar
from tests.factories import ClienteFactory, ContratoFactory
from tests.facturacion.datos import resolucion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _simulada(settings, entidad):
    settings.PAGOS_PASARELA = "simulada"
    settings.SITE_URL = "https://clientes.prueba.test"
    resolucion()


def _intento(*, canon="1000000", periodo=date(2026, 11, 1)):
    contrato = ContratoFactory(inquilino=ClienteFactory(es_inquilino=True), canon=Decimal(canon))
    factura, _ = factura_arriendo_emitir(contrato=contrato, periodo=periodo)
    return transaccion_iniciar(tercero=contrato.inquilino, facturas=[factura])


def _confirmar(tx, decision):
    gw = pasarela_por_nombre("simulada")
    cuerpo = gw.confirmacion_cuerpo(
        referencia=tx.referencia, valor=f"{tx.valor:.2f}", moneda="COP", decision=decision
    )
    notificacion_procesar(
        pasarela="simulada",
        cuerpo=cuerpo.encode(),
        encabezados={"User-Agent": "PasarelaSimulada/1", "X-Prueba": "cabecera-cruda"},
        ip="10.9.8.7",
    )


def test_it_lists_every_attempt_with_state_invoices_tercero_and_gateway_ids(staff_client):
    aprobada, rechazada, pendiente = _intento(), _intento(), _intento()
    _confirmar(aprobada, "aprobar")
    _confirmar(rechazada, "rechazar")
    aprobada.refresh_from_db()
    html = staff_client.get(reverse("pagos:pagos_en_linea")).content.decode()
    for tx in (aprobada, rechazada, pendiente):
        assert tx.referencia in html
        assert tx.tercero.numero_documento in html
        assert tx.items.get().factura.numero in html
    assert aprobada.id_externo in html
    assert aprobada.pago.codigo in html
    for estado in ("Aprobada", "Rechazada", "Pendiente"):
        assert estado in html


def test_it_filters_by_state_gateway_date_and_tercero(staff_client):
    aprobada, pendiente = _intento(), _intento()
    _confirmar(aprobada, "aprobar")
    url = reverse("pagos:pagos_en_linea")
    html = staff_client.get(url, {"estado": "aprobada"}).content.decode()
    assert aprobada.referencia in html
    assert pendiente.referencia not in html
    html = staff_client.get(url, {"tercero": pendiente.tercero_id}).content.decode()
    assert pendiente.referencia in html
    assert aprobada.referencia not in html
    assert staff_client.get(url, {"pasarela": "payu"}).content.decode().count("AC-") == 0
    html = staff_client.get(url, {"desde": "2000-01-01", "hasta": "2000-01-31"}).content.decode()
    assert "No hay pagos en línea con estos filtros." in html
    # The tercero picker (the one search) is on the page, its choice kept.
    assert "data-selector-terceros" in html
    assert staff_client.get(url, {"desde": "9999-12-31", "hasta": "2026-02-30"}).status_code == 200


def test_the_list_runs_a_bounded_number_of_queries(staff_client, django_assert_max_num_queries):
    for mes in range(1, 13):
        _intento(periodo=date(2026, mes, 1))
    with django_assert_max_num_queries(12):
        r = staff_client.get(reverse("pagos:pagos_en_linea"))
    assert r.status_code == 200
    assert r.content.decode().count("AC-") >= 12


def test_the_detail_shows_the_raw_events(staff_client):
    tx = _intento()
    _confirmar(tx, "rechazar")
    html = staff_client.get(reverse("pagos:pago_en_linea", args=[tx.pk])).content.decode()
    assert "cabecera-cruda" in html  # headers as received
    assert f"referencia={tx.referencia}" in html  # body as received
    assert "10.9.8.7" in html
    assert "Firma válida" in html
    assert "Aplicado" in html
    assert "Consultar estado" in html


def test_consultar_estado_asks_the_gateway_and_applies_its_answer(staff_client, staff):
    tx = _intento()
    # The payer approved at the gateway; its confirmation never arrived.
    pasarela_por_nombre("simulada").confirmacion_cuerpo(
        referencia=tx.referencia, valor=f"{tx.valor:.2f}", moneda="COP", decision="aprobar"
    )
    r = staff_client.post(reverse("pagos:pago_en_linea_consultar", args=[tx.pk]))
    assert r.status_code == 302
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    assert tx.pago is not None
    html = staff_client.get(r["Location"]).content.decode()
    assert "Consulta hecha: la transacción pasó a aprobada." in html


def test_consultar_estado_is_post_only_and_unknown_ids_are_404(staff_client):
    tx = _intento()
    assert staff_client.get(reverse("pagos:pago_en_linea_consultar", args=[tx.pk])).status_code == 405
    assert staff_client.post(reverse("pagos:pago_en_linea_consultar", args=[999999])).status_code == 404
    assert staff_client.get(reverse("pagos:pago_en_linea", args=[999999])).status_code == 404


def test_the_pagos_list_flags_and_filters_saldo_a_favor(staff_client):
    tx = _intento()
    factura = tx.items.get().factura
    pago_registrar(
        tercero=tx.tercero,
        valor=factura.saldo,
        metodo="efectivo",
        facturas=[factura],
        fecha=date(2026, 11, 5),
        actor=None,
    )
    _confirmar(tx, "aprobar")
    tx.refresh_from_db()
    assert tx.pago.saldo_a_favor == Decimal("1000000")
    url = reverse("pagos:pagos")
    html = staff_client.get(url).content.decode()
    assert "Saldo a favor $ 1.000.000" in html
    solo = staff_client.get(url, {"saldo_a_favor": "on"}).content.decode()
    assert tx.pago.codigo in solo
    assert solo.count("RC-") == 1
    assert "Saldo a favor" in staff_client.get(reverse("pagos:pago", args=[tx.pago.pk])).content.decode()


# --- Configuraciones → Pasarela de pagos -------------------------------------------------------


def test_the_panel_shows_the_simulated_gateway_complete_and_its_url(staff_client):
    html = staff_client.get(reverse("pagos_configuracion:pasarela")).content.decode()
    assert "Pasarela simulada" in html
    assert "Credenciales completas" in html
    assert "https://clientes.prueba.test/pasarelas/simulada/confirmacion/" in html
    assert (
        reverse("pagos_configuracion:pasarela")
        in staff_client.get(reverse("gestion:configuraciones")).content.decode()
    )


def test_the_panel_names_missing_credentials_and_never_shows_secrets(staff_client, settings):
    settings.PAGOS_PASARELA = "payu"
    settings.PAYU_MERCHANT_ID = "508029"
    settings.PAYU_ACCOUNT_ID = ""
    settings.PAYU_API_KEY = "4Vj8eK4rloUd272L48hsrarnUA"
    settings.PAYU_API_LOGIN = ""
    html = staff_client.get(reverse("pagos_configuracion:pasarela")).content.decode()
    assert "Credenciales incompletas" in html
    assert "PAYU_ACCOUNT_ID" in html
    assert "PAYU_API_LOGIN" in html
    assert "4Vj8eK4rloUd272L48hsrarnUA" not in html
    assert "https://clientes.prueba.test/pasarelas/payu/confirmacion/" in html
    assert "https://clientes.prueba.test/customerarea/pagos-en-linea/" in html


def test_the_panel_shows_wompis_event_url(staff_client, settings):
    settings.PAGOS_PASARELA = "wompi"
    settings.WOMPI_PRIVATE_KEY = "prv_test_secreto"
    html = staff_client.get(reverse("pagos_configuracion:pasarela")).content.decode()
    assert "https://clientes.prueba.test/pasarelas/wompi/eventos/" in html
    assert "prv_test_secreto" not in html


def test_staff_menu_offers_pagos_en_linea_under_pagos(staff_client):
    html = staff_client.get(reverse("gestion:inicio")).content.decode()
    assert reverse("pagos:pagos_en_linea") in html
    assert TransaccionPasarela.objects.count() == 0
