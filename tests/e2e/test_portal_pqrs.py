"""Browser, phone layout (390 px): a tenant files a PQRS with an attachment, gets a radicado and due date."""

import re

import pytest

from pqrs.models import Pqrs
from tests.factories import CLAVE_PRUEBA, ClienteFactory, ContratoFactory, EntidadFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _ingresar(page, live_server, documento):
    page.goto(f"{live_server.url}/customerarea/ingresar/")
    page.locator("input[name=username]").fill(documento)
    page.locator("input[name=password]").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Acceder").click()
    page.wait_for_url(f"{live_server.url}/customerarea/")


def test_a_tenant_files_a_pqrs_from_the_phone(page, live_server, captura, tmp_path, errores_de_pagina):
    EntidadFactory()
    inquilino = ClienteFactory()
    contrato = ContratoFactory(inquilino=inquilino)
    page.set_viewport_size({"width": 390, "height": 844})
    _ingresar(page, live_server, inquilino.numero_documento)

    page.get_by_role("button", name="Abrir menú").click()
    page.get_by_role("link", name="PQRS", exact=True).click()
    page.wait_for_url("**/customerarea/pqrs/")
    captura(page, "pqrs-movil-lista-vacia")
    page.get_by_role("link", name="Crear una PQRS").first.click()
    page.wait_for_url("**/customerarea/pqrs/nueva/")

    page.get_by_label("Clasificación").select_option("queja")
    page.get_by_label("Asunto").select_option("reparaciones")
    page.get_by_label("Descripción").fill("La ducha gotea y moja el piso del vecino.")
    page.get_by_label("Contrato").select_option(str(contrato.pk))
    # First a renamed HTML page: refused next to the field, the text kept.
    falso = tmp_path / "recibo.pdf"
    falso.write_bytes(b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    page.get_by_label("Adjuntos").set_input_files(str(falso))
    page.get_by_role("button", name="Enviar PQRS").click()
    page.wait_for_load_state()
    assert "no es de un tipo permitido" in page.content()
    assert page.get_by_label("Descripción").input_value() == "La ducha gotea y moja el piso del vecino."
    captura(page, "pqrs-movil-adjunto-rechazado")

    foto = tmp_path / "gotera.pdf"
    foto.write_bytes(PDF)
    page.get_by_label("Adjuntos").set_input_files(str(foto))
    page.get_by_role("button", name="Enviar PQRS").click()
    page.wait_for_url(re.compile(r".*/customerarea/pqrs/\d+/$"))
    pqrs = Pqrs.objects.get()
    texto = page.content()
    assert pqrs.radicado in texto
    assert pqrs.fecha_limite.strftime("%d/%m/%Y") in texto
    assert "días hábiles para responder" in texto
    assert page.get_by_role("link", name=re.compile("gotera.pdf")).is_visible()
    # Nothing wider than the phone: no horizontal scroll.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    captura(page, "pqrs-movil-detalle")
    assert errores_de_pagina == []
