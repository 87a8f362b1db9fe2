"""Staff submit Registrar pago again while the first request is in flight: the browser sends one
request and one receipt exists; the annul button asks first, and a cancelled dialog leaves it usable."""

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from facturacion.models import EstadoFactura, Factura
from facturacion.services import factura_arriendo_emitir
from pagos.models import EstadoPago, Pago
from tests.factories import (
    CLAVE_PRUEBA,
    ContratoFactory,
    EntidadFactory,
    PropiedadFactory,
    StaffFactory,
    TerceroFactory,
)
from tests.facturacion.datos import resolucion


@pytest.mark.django_db(transaction=True)
def test_a_second_submit_in_flight_is_not_sent_and_annulling_asks_first(page, live_server, captura):
    from django.utils import timezone

    hoy = timezone.localdate()
    EntidadFactory()
    resolucion(vigente_desde=hoy - timedelta(days=400), vigente_hasta=hoy + timedelta(days=400))
    inquilino = TerceroFactory(numero_documento="1030111222")
    contrato = ContratoFactory(
        inquilino=inquilino,
        propiedad=PropiedadFactory(propietarios=[TerceroFactory(es_propietario=True)]),
        canon=Decimal("1000000"),
        fecha_inicio=hoy - timedelta(days=200),
        fecha_fin=hoy + timedelta(days=200),
    )
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=hoy.replace(day=1))
    staff = StaffFactory(username="laura", is_superuser=True)
    page.set_default_timeout(10_000)
    envios = []
    page.on(
        "request",
        lambda req: envios.append(req.url) if req.method == "POST" and "/pagos/" in req.url else None,
    )

    page.goto(f"{live_server.url}/gestion/ingresar/")
    page.get_by_label("Usuario").fill(staff.username)
    page.get_by_label("Contraseña").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", name="Inicio")).to_be_visible()

    # The first POST is held in flight (a slow server), as when a user clicks again while waiting.
    retenidas = []

    def retener(route):
        if route.request.method == "POST":
            retenidas.append(route)
        else:
            route.continue_()

    page.route("**/gestion/pagos/nuevo/**", retener)
    page.goto(f"{live_server.url}/gestion/pagos/nuevo/?tercero={inquilino.pk}&factura={renta.pk}")
    page.get_by_label("Valor recibido").fill("600000")
    expect(page.get_by_role("button", name="Registrar pago y generar recibo")).to_be_enabled()
    # All in the page, in one go: while a navigation is pending Playwright would wait for it.
    deshabilitado = page.evaluate(
        """async () => {
            const form = document.querySelector("form[data-envio-unico]");
            const boton = form.querySelector("button[type=submit]");
            boton.click();
            await new Promise((listo) => setTimeout(listo, 300));
            const estado = boton.disabled;
            form.requestSubmit();  // a second submission, as Enter or another click would
            await new Promise((listo) => setTimeout(listo, 300));
            return estado;
        }"""
    )
    assert deshabilitado
    assert len(retenidas) == 1
    retenidas[0].continue_()
    expect(page.get_by_text("Pago registrado: recibo de caja RC-1.")).to_be_visible()
    page.unroute("**/gestion/pagos/nuevo/**")
    assert len(envios) == 1
    assert Pago.objects.count() == 1
    assert Factura.objects.get(pk=renta.pk).saldo == Decimal("400000")

    page.get_by_label("Motivo de la anulación").fill("Consignación rechazada")
    page.get_by_label("Confirmo la anulación; no se puede deshacer.").check()
    boton = page.get_by_role("button", name="Anular pago")
    page.once("dialog", lambda dialogo: dialogo.dismiss())
    boton.click()
    expect(boton).to_be_enabled()
    assert len(envios) == 1
    page.once("dialog", lambda dialogo: dialogo.accept())
    boton.click()
    expect(page.get_by_text("Recibo RC-1 anulado")).to_be_visible()
    captura(page, "gestion_pago_anulado")
    assert len(envios) == 2
    assert Pago.objects.get().estado == EstadoPago.ANULADO
    assert Factura.objects.get(pk=renta.pk).estado == EstadoFactura.FACTURADA
