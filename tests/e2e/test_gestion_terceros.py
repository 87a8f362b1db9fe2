"""Staff logs in at /gestion/, finds a tercero by document, edits the phone, sees it saved."""

import pytest
from playwright.sync_api import expect

from terceros.models import Tercero
from tests.factories import CLAVE_PRUEBA, EntidadFactory, StaffFactory, TerceroFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("ancho", [1280, 390])
def test_staff_finds_a_tercero_by_document_and_edits_the_phone(page, live_server, captura, ancho):
    EntidadFactory(nombre="Inmobiliaria Andes S.A.S.")
    staff = StaffFactory(username="laura", first_name="Laura")
    TerceroFactory.create_batch(5)
    tercero = TerceroFactory(
        numero_documento="1020304050",
        nombres="Ana María",
        apellidos="Restrepo Vélez",
        telefono="604 111 2222",
    )
    page.set_viewport_size({"width": ancho, "height": 900})
    page.set_default_timeout(10_000)

    page.goto(f"{live_server.url}/gestion/")
    expect(page).to_have_url(f"{live_server.url}/gestion/ingresar/?next=/gestion/")
    page.get_by_label("Usuario").fill(staff.username)
    page.get_by_label("Contraseña").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", name="Inicio")).to_be_visible()

    if ancho < 992:
        page.get_by_role("button", name="Abrir menú").click()
    page.get_by_role("link", name="Terceros").click()
    page.get_by_label("Buscar por nombre, documento o código de cliente").fill("1.020.304")
    page.get_by_role("button", name="Buscar").click()
    filas = page.locator("tbody tr")
    expect(filas).to_have_count(1)
    expect(filas.first).to_contain_text("Ana María Restrepo Vélez")
    captura(page, f"gestion_terceros_busqueda_{ancho}")

    filas.first.get_by_role("link", name="Editar Ana María Restrepo Vélez").click()
    expect(page.get_by_role("heading", name="Editar tercero")).to_be_visible()
    expect(page.get_by_text("Datos personales")).to_be_visible()
    expect(page.get_by_label("Clave de acceso (Área de Clientes)")).to_be_visible()
    page.get_by_label("Teléfono").fill("604 555 0000")
    captura(page, f"gestion_terceros_editar_{ancho}")
    page.get_by_role("button", name="Actualizar tercero").click()

    expect(page.get_by_text("Tercero actualizado.")).to_be_visible()
    expect(page.locator("#dato-telefono")).to_have_text("604 555 0000")
    captura(page, f"gestion_terceros_detalle_{ancho}")
    tercero.refresh_from_db()
    assert tercero.telefono == "604 555 0000"
    assert Tercero.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_the_tercero_picker_finds_a_tenant_typed_without_accents(page, live_server, errores_de_pagina):
    EntidadFactory()
    staff = StaffFactory()
    TerceroFactory.create_batch(5)
    tercero = TerceroFactory(numero_documento="1020304050", nombres="Ana María", apellidos="Restrepo Vélez")
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/gestion/ingresar/?next=/gestion/contratos/nuevo/")
    page.get_by_label("Usuario").fill(staff.username)
    page.get_by_label("Contraseña").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Ingresar").click()

    page.locator("#id_inquilino-ts-control").fill("VELEZ maria")
    opcion = page.locator(".ts-dropdown .option", has_text="1020304050 ANA MARÍA RESTREPO VÉLEZ")
    expect(opcion).to_have_count(1)
    opcion.click()
    expect(page.locator("#id_inquilino")).to_have_value(str(tercero.pk))
    assert errores_de_pagina == []
