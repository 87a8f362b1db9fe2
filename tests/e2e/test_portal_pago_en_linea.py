"""Browser: a tenant pays a pending invoice through the simulated gateway end to end and downloads the
receipt; the gateway's confirmation really goes over HTTP to the live server. Staff then see it."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from facturacion.models import EstadoFactura
from facturacion.services import factura_arriendo_emitir
from pagos.models import EstadoTransaccion, EventoPasarela, OrigenEvento, TransaccionPasarela
from tests.area_clientes.finanzas_datos import crear_mundo
from tests.factories import CLAVE_PRUEBA, EntidadFactory, StaffFactory
from tests.facturacion.datos import texto_pdf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tienda(live_server, settings):
    settings.PAGOS_PASARELA = "simulada"
    # The gateway posts its confirmation to the site's public address: here, the live server.
    settings.SITE_URL = live_server.url
    EntidadFactory()
    return crear_mundo()


def _ingresar(page, live_server, documento):
    page.goto(f"{live_server.url}/customerarea/ingresar/")
    page.locator("input[name=username]").fill(documento)
    page.locator("input[name=password]").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Acceder").click()
    page.wait_for_url(f"{live_server.url}/customerarea/")


def _sin_errores(errores):
    """CSP violations and JS errors of our pages (the list is emptied for the next page)."""
    vistos = list(errores)
    errores.clear()
    assert vistos == []


def test_a_tenant_pays_through_the_simulated_gateway_and_downloads_the_receipt(
    page, live_server, tienda, captura, errores_de_pagina, tmp_path
):
    mundo = tienda
    page.set_viewport_size({"width": 1280, "height": 900})
    _ingresar(page, live_server, mundo.inquilino.numero_documento)
    page.get_by_role("link", name="Facturas").first.click()
    page.wait_for_url("**/customerarea/facturas/")
    captura(page, "pago-en-linea-facturas")
    page.get_by_role("link", name=f"Realizar pago de la factura {mundo.noviembre.numero}").click()

    page.wait_for_url(f"**/customerarea/facturas/{mundo.noviembre.pk}/pagar/")
    expect(page.get_by_role("heading", name="Registrar pago")).to_be_visible()
    expect(page.locator("#valor-a-pagar")).to_have_text("$ 1.200.000")
    expect(page.get_by_text(mundo.contrato.numero)).to_be_visible()
    captura(page, "pago-en-linea-registrar")
    _sin_errores(errores_de_pagina)

    # Our page posts itself to the gateway (static JS, CSP on): straight to its checkout.
    page.get_by_role("button", name="Pagar con la pasarela simulada").click()
    page.wait_for_url("**/pasarelas/simulada/checkout/")
    tx = TransaccionPasarela.objects.get()
    expect(page.get_by_text(tx.referencia)).to_be_visible()
    captura(page, "pago-en-linea-pasarela")
    errores_de_pagina.clear()  # the gateway's page is not ours
    page.get_by_role("button", name="Aprobar").click()

    page.wait_for_url(f"**/customerarea/pagos-en-linea/{tx.referencia}/")
    expect(page.get_by_role("heading", name="¡Pago aprobado!")).to_be_visible()
    captura(page, "pago-en-linea-aprobado")
    _sin_errores(errores_de_pagina)
    tx.refresh_from_db()
    assert tx.estado == EstadoTransaccion.APROBADA
    # Applied by the gateway's server-to-server confirmation, received over HTTP.
    confirmacion = EventoPasarela.objects.get(transaccion=tx, origen=OrigenEvento.CONFIRMACION)
    assert confirmacion.firma_valida is True
    assert confirmacion.resultado == "aplicado"
    mundo.noviembre.refresh_from_db()
    assert mundo.noviembre.estado == EstadoFactura.PAGADA

    with page.expect_download() as descarga:
        page.get_by_role("link", name=re.compile(r"Descargar recibo de caja RC-\d+")).click()
    ruta = tmp_path / descarga.value.suggested_filename
    descarga.value.save_as(ruta)
    texto = texto_pdf(ruta.read_bytes())
    assert tx.pago.codigo in texto
    assert "$ 1.200.000" in texto

    page.get_by_role("link", name="Ver mis facturas").click()
    fila = page.locator("tr", has_text=mundo.noviembre.numero)
    expect(fila).to_contain_text("Pagada")
    expect(fila.get_by_role("link", name=re.compile("Realizar pago"))).to_have_count(0)
    page.get_by_role("link", name="Pagos").first.click()
    expect(page.get_by_text(tx.pago.codigo).first).to_be_visible()


def test_on_a_phone_a_payment_left_pending_reads_en_verificacion_and_offers_no_second(
    page, live_server, tienda, captura, errores_de_pagina
):
    mundo = tienda
    diciembre, _ = factura_arriendo_emitir(contrato=mundo.contrato, periodo=date(2026, 12, 1))
    page.set_viewport_size({"width": 390, "height": 844})
    _ingresar(page, live_server, mundo.inquilino.numero_documento)
    page.goto(f"{live_server.url}/customerarea/facturas/")
    # Both pending invoices, selected and paid in one transaction.
    page.get_by_label(f"Seleccionar para pagar: {mundo.noviembre.numero}").check()
    page.get_by_label(f"Seleccionar para pagar: {diciembre.numero}").check()
    captura(page, "pago-en-linea-facturas-movil")
    page.get_by_role("button", name="Pagar las facturas seleccionadas").click()
    expect(page.locator("#valor-a-pagar")).to_have_text("$ 2.400.000")
    captura(page, "pago-en-linea-registrar-movil")
    _sin_errores(errores_de_pagina)
    page.get_by_role("button", name="Pagar con la pasarela simulada").click()
    page.wait_for_url("**/pasarelas/simulada/checkout/")
    errores_de_pagina.clear()
    page.get_by_role("button", name="Dejar pendiente").click()

    tx = TransaccionPasarela.objects.get()
    page.wait_for_url(f"**/customerarea/pagos-en-linea/{tx.referencia}/")
    expect(page.get_by_role("heading", name="Estamos verificando su pago")).to_be_visible()
    captura(page, "pago-en-linea-verificando-movil")
    _sin_errores(errores_de_pagina)

    page.goto(f"{live_server.url}/customerarea/facturas/")
    fila = page.locator("tr", has_text=diciembre.numero)
    expect(fila).to_contain_text("Pago en verificación")
    expect(fila.get_by_role("link", name=re.compile("Realizar pago"))).to_have_count(0)
    page.goto(f"{live_server.url}/customerarea/")
    expect(page.locator("#pago-en-verificacion")).to_contain_text(tx.referencia)
    captura(page, "pago-en-linea-inicio-movil")
    _sin_errores(errores_de_pagina)


def test_staff_see_the_attempt_and_its_raw_confirmation(
    page, live_server, tienda, captura, errores_de_pagina
):
    mundo = tienda
    from pagos.services_en_linea import transaccion_iniciar
    from tests.area_clientes.test_pago_en_linea import _confirmar

    tx = transaccion_iniciar(tercero=mundo.inquilino, facturas=[mundo.noviembre])
    _confirmar(tx, "aprobar")
    staff = StaffFactory()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/gestion/ingresar/")
    page.locator("input[name=username]").fill(staff.username)
    page.locator("input[name=password]").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Ingresar").click()
    page.locator("#menu-pagos").click()
    page.get_by_role("link", name="Pagos en línea").click()
    page.wait_for_url("**/gestion/pagos/en-linea/")
    captura(page, "pago-en-linea-gestion-lista")
    page.get_by_role("link", name=tx.referencia).click()
    expect(page.get_by_text("Firma válida").first).to_be_visible()
    expect(page.get_by_text("Aplicado").first).to_be_visible()
    captura(page, "pago-en-linea-gestion-detalle")
    page.goto(f"{live_server.url}/gestion/configuraciones/pasarela/")
    expect(page.locator("#pasarela-activa")).to_have_text("Pasarela simulada")
    captura(page, "pago-en-linea-gestion-pasarela")
    _sin_errores(errores_de_pagina)
