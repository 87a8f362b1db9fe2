"""Bulk password flow in a real browser: generate → waiting list → progress → cancel → a tenant logs in."""

import re

import pytest
from playwright.sync_api import expect

from envios.models import ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio, ModoEntrega
from envios.services import envios_enviar_lote
from tests.envios import ayudas
from tests.factories import CLAVE_PRUEBA, EntidadFactory, StaffFactory, TerceroFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def escenario(db):
    EntidadFactory()
    ConfiguracionAreaClientes.objects.create(
        pk=1,
        modo_entrega=ModoEntrega.CONTRASENA_TEMPORAL,
        lote=3,
        intervalo_segundos=0,
        max_por_hora=0,
        horas_expiracion=72,
    )
    staff = StaffFactory(username="laura", first_name="Laura", last_name="Restrepo")
    inquilinos = [
        TerceroFactory(es_inquilino=True, nombres=nombre, apellidos=apellido)
        for nombre, apellido in [
            ("Ana María", "Toro"),
            ("Diego", "Tobón"),
            ("Gloria Isabel", "Bautista"),
            ("Yesenia", "Reyes"),
            ("Ingrith Viviana", "Patiño"),
            ("Adrián", "Davera"),
            ("Camilo", "Restrepo"),
            ("Rosa Cecilia", "Mejía"),
        ]
    ]
    TerceroFactory(es_inquilino=True, nombres="Sin", apellidos="Correo", email="")
    TerceroFactory(es_inquilino=False, es_propietario=True, nombres="Pedro", apellidos="Propietario")
    return staff, inquilinos


def _ingresar_personal(page, live_server, staff):
    page.goto(f"{live_server.url}/gestion/ingresar/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", CLAVE_PRUEBA)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/gestion/$"))


def _elegir_tercero(page, texto):
    page.locator("#id_terceros-ts-control").fill(texto)
    opcion = page.locator(".ts-dropdown .option", has_text=texto.upper())
    expect(opcion.first).to_be_visible()
    opcion.first.click()


def test_bulk_flow_generate_watch_progress_cancel_and_log_in(
    page, live_server, escenario, smtp_sink, captura, errores_de_pagina
):
    staff, inquilinos = escenario
    errores = errores_de_pagina
    _ingresar_personal(page, live_server, staff)

    # Herramientas → Configuraciones → Módulos de integración web → Área de Clientes
    page.get_by_role("button", name="Herramientas").click()
    page.get_by_role("link", name="Configuraciones").click()
    page.get_by_role("link", name=re.compile("Módulos de Integración Web")).click()
    expect(page.get_by_role("heading", name="Generar y enviar contraseñas de Terceros")).to_be_visible()
    expect(page.get_by_text("No existen terceros a la espera de envío de contraseñas...")).to_be_visible()
    captura(page, "envios-01-pantalla")

    # Solo Inquilinos, except two of them.
    page.select_option("#id_clase", "inquilinos")
    page.select_option("#id_filtro", "excepto")
    _elegir_tercero(page, "Rosa Cecilia")
    _elegir_tercero(page, inquilinos[5].numero_documento)
    captura(page, "envios-02-filtro")
    page.get_by_role("button", name=re.compile("Generar contraseñas", re.I)).click()

    modal = page.locator("#modal-resultado")
    expect(modal.get_by_text("Contraseñas generadas y listas para ser enviadas")).to_be_visible()
    expect(modal.get_by_text("6 terceros quedaron en la cola de envío.")).to_be_visible()
    expect(modal.get_by_text(re.compile("1 tercero no se encoló"))).to_be_visible()
    captura(page, "envios-03-generadas")
    modal.get_by_role("link", name=re.compile("Aceptar", re.I)).click()

    cola = page.locator("#cola-envios")
    expect(cola.get_by_text("PENDIENTE", exact=True)).to_have_count(6)
    expect(cola.get_by_text("Enviados 0 de 6")).to_be_visible()
    expect(cola.get_by_text("ROSA CECILIA MEJÍA")).to_have_count(0)
    captura(page, "envios-04-pendientes")

    # The worker sends one batch of 3; the list refreshes itself (htmx polling).
    assert envios_enviar_lote().enviados == 3
    expect(cola.get_by_text("Enviados 3 de 6")).to_be_visible(timeout=10_000)
    expect(cola.get_by_text("PENDIENTE", exact=True)).to_have_count(3)
    captura(page, "envios-05-progreso")

    # Cancel the rest.
    page.once("dialog", lambda dialogo: dialogo.accept())
    cola.get_by_role("button", name=re.compile("Cancelar envios pendientes", re.I)).click()
    modal = page.locator("#modal-resultado")
    expect(modal.get_by_text("Los envíos se han cancelado de manera exitosa")).to_be_visible()
    captura(page, "envios-06-cancelados")
    modal.get_by_role("link", name=re.compile("Aceptar", re.I)).click()
    expect(page.get_by_text("No existen terceros a la espera de envío de contraseñas...")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Cancelar envios pendientes", re.I))).to_have_count(0)
    captura(page, "envios-07-historial")
    assert errores == []
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.CANCELADO).count() == 3

    # A tenant logs in with the emailed credentials.
    enviado = EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).select_related("tercero").first()
    mensaje = ayudas.ultimo_para(smtp_sink, enviado.tercero.email)
    page.get_by_role("button", name="Salir").click()
    page.goto(f"{live_server.url}/customerarea/ingresar/")
    page.fill("input[name=username]", enviado.tercero.numero_documento)
    page.fill("input[name=password]", ayudas.contrasena(mensaje))
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/ingresar/"))
    captura(page, "envios-08-cliente-ingresa")
