"""A new client's first visit: temporary password → forced change → consent → dashboard → profile."""

import re

import pytest
from playwright.sync_api import expect

from terceros.models import Tercero
from tests.envios.ayudas import clave_temporal_dar
from tests.factories import ContratoFactory, EntidadFactory, PropiedadFactory, TerceroFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("ancho", "alto"), [(390, 844), (1280, 800)], ids=["movil", "escritorio"])
def test_it_walks_a_new_client_through_the_portal(live_server, page, captura, ancho, alto):
    EntidadFactory(
        nombre="Inmobiliaria Andes S.A.S.",
        mensaje_bienvenida="Bienvenido al Área de Clientes de Inmobiliaria Andes.",
        direccion="Cra. 43A # 1-50",
        ciudad="Medellín",
    )
    tercero = TerceroFactory(
        numero_documento="52333444",
        nombres="Gloria Inés",
        apellidos="Mejía Cardona",
        es_inquilino=True,
        es_propietario=True,
        direccion="",
        email="gloria@correo.test",
    )
    ContratoFactory(propiedad=PropiedadFactory(propietarios=[tercero], direccion="Cra. 70 # 44-10, Laureles"))
    clave_temporal_dar(tercero, "Temporal.4821")
    page.set_viewport_size({"width": ancho, "height": alto})
    page.set_default_timeout(10_000)
    nombre = f"portal_{ancho}"

    page.goto(f"{live_server.url}/customerarea/")
    expect(page.get_by_role("heading", name="Área de Clientes")).to_be_visible()
    expect(page.get_by_text("Bienvenido al Área de Clientes de Inmobiliaria Andes.")).to_be_visible()
    captura(page, f"{nombre}_1_ingreso")
    page.get_by_label("Usuario").fill("52.333.444")
    page.get_by_label("Contraseña").fill("Temporal.4821")
    page.get_by_role("button", name="Acceder").click()

    expect(page).to_have_url(re.compile(r"/customerarea/cambiar-contrasena/"))
    expect(page.get_by_text("Está usando una contraseña temporal")).to_be_visible()
    # The temporary password was spent logging in: no current password to type.
    expect(page.get_by_label("Contraseña actual")).to_have_count(0)
    page.locator("#id_new_password1").fill("52333444Casa")
    page.locator("#id_new_password2").fill("52333444Casa")
    page.get_by_role("button", name="Guardar contraseña").click()
    expect(page.get_by_text("La contraseña no puede ser ni contener su número de documento")).to_be_visible()
    captura(page, f"{nombre}_2_cambio_error")
    page.locator("#id_new_password1").fill("Mi.Casa.Azul.77")
    page.locator("#id_new_password2").fill("Mi.Casa.Azul.77")
    page.get_by_role("button", name="Guardar contraseña").click()

    expect(page).to_have_url(re.compile(r"/customerarea/autorizacion-datos/"))
    expect(page.get_by_text("Ley 1581 de 2012", exact=False).first).to_be_visible()
    captura(page, f"{nombre}_3_autorizacion")
    page.get_by_label("Autorizo el tratamiento").check()
    page.get_by_role("button", name="Acepto y continúo").click()

    expect(page).to_have_url(f"{live_server.url}/customerarea/")
    expect(page.get_by_role("heading", name="Hola, Gloria Inés Mejía Cardona")).to_be_visible()
    expect(page.get_by_text("Aún no tienes facturas pendientes.").first).to_be_visible()
    expect(page.get_by_text("Cra. 70 # 44-10, Laureles")).to_be_visible()
    captura(page, f"{nombre}_4_inicio")

    if ancho < 992:
        page.get_by_role("button", name="Abrir menú").click()
        expect(page.locator("#menu-portal.collapse.show")).to_be_visible()  # the collapse finished
    page.locator("#menu-cuenta").click()  # the account menu: profile, password, manual, logout
    expect(page.locator("#menu-cuenta")).to_have_attribute("aria-expanded", "true")
    page.locator(".menu-cuenta").get_by_role("link", name="Datos de perfil").click()
    expect(page.get_by_role("heading", name="Datos de perfil")).to_be_visible()
    page.get_by_label("Dirección").fill("Tv. 39 # 74B-15")
    page.get_by_label("Correo electrónico").fill("gloria.nueva@correo.test")
    page.get_by_role("button", name="Guardar cambios").click()
    expect(page.get_by_text("Para cambiar su correo escriba su contraseña actual")).to_be_visible()
    expect(page.get_by_label("Dirección")).to_have_value("Tv. 39 # 74B-15")
    page.get_by_label("Contraseña actual").fill("Mi.Casa.Azul.77")
    page.get_by_role("button", name="Guardar cambios").click()
    expect(page.get_by_text("Sus datos quedaron actualizados.")).to_be_visible()
    captura(page, f"{nombre}_5_perfil")

    tercero = Tercero.objects.get(pk=tercero.pk)
    assert tercero.direccion == "Tv. 39 # 74B-15"
    assert tercero.email == "gloria.nueva@correo.test"
    assert tercero.habeas_data_aceptado_en is not None
