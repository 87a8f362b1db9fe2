"""Browser: the tenant files a PQRS with an attachment on the phone, staff answer it from the inbox on a
desktop, and the tenant reads the answer in the thread; the answer arrives by email too."""

import email
import email.policy
import re

import pytest
from playwright.sync_api import expect

from pqrs.models import EstadoPqrs, Pqrs
from tests.factories import CLAVE_PRUEBA, ClienteFactory, ContratoFactory, EntidadFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TELEFONO = {"width": 390, "height": 844}
ESCRITORIO = {"width": 1366, "height": 900}


def _texto_correo(mensaje: dict) -> str:
    correo = email.message_from_bytes(mensaje["data"].encode("utf-8"), policy=email.policy.default)
    return str(correo["Subject"]) + "\n" + correo.get_body(preferencelist=("plain",)).get_content()


def test_tenant_files_staff_answer_from_the_inbox_and_the_tenant_reads_it(
    browser, live_server, captura, tmp_path, smtp_sink
):
    EntidadFactory()
    inquilino = ClienteFactory(email="ana.inquilina@correo.test")
    ContratoFactory(inquilino=inquilino)
    gestora = StaffFactory(username="marta", first_name="Marta", last_name="Gestora", is_superuser=True)
    base = live_server.url

    # 1. The tenant, on the phone, files a PQRS with a PDF.
    portal = browser.new_context(viewport=TELEFONO, locale="es-CO")
    movil = portal.new_page()
    movil.set_default_timeout(30_000)
    movil.goto(f"{base}/customerarea/ingresar/")
    movil.locator("input[name=username]").fill(inquilino.numero_documento)
    movil.locator("input[name=password]").fill(CLAVE_PRUEBA)
    movil.get_by_role("button", name="Acceder").click()
    movil.wait_for_url(f"{base}/customerarea/")
    movil.goto(f"{base}/customerarea/pqrs/nueva/")
    movil.get_by_label("Clasificación").select_option("reclamo")
    movil.get_by_label("Asunto").select_option("reparaciones")
    movil.get_by_label("Descripción").fill(
        "El calentador no enciende desde el lunes; adjunto la factura del técnico."
    )
    soporte = tmp_path / "factura-tecnico.pdf"
    soporte.write_bytes(PDF)
    movil.get_by_label("Adjuntos").set_input_files(str(soporte))
    movil.get_by_role("button", name="Enviar PQRS").click()
    movil.wait_for_url(re.compile(r".*/customerarea/pqrs/\d+/$"))
    pqrs = Pqrs.objects.get()

    # 2. Staff, on a desktop, find it in the inbox with its traffic light, open it and answer.
    oficina = browser.new_context(viewport=ESCRITORIO, locale="es-CO")
    pagina = oficina.new_page()
    pagina.set_default_timeout(30_000)
    errores = []
    pagina.on("console", lambda m: errores.append(m.text) if m.type == "error" else None)
    pagina.on("pageerror", lambda e: errores.append(str(e)))
    pagina.goto(f"{base}/gestion/ingresar/")
    pagina.get_by_label("Usuario").fill(gestora.username)
    pagina.get_by_label("Contraseña").fill(CLAVE_PRUEBA)
    pagina.get_by_role("button", name="Ingresar").click()
    expect(pagina.get_by_role("heading", name="Inicio")).to_be_visible()
    expect(pagina.get_by_role("heading", name="PQRS por atender")).to_be_visible()
    pagina.get_by_role("link", name="PQRS", exact=True).click()
    pagina.wait_for_url("**/gestion/pqrs/")
    fila = pagina.get_by_role("row").filter(has_text=pqrs.radicado)
    expect(fila).to_contain_text("A tiempo")  # the light says it in words, not only in colour
    expect(fila).to_contain_text(inquilino.numero_documento)
    assert pagina.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )  # menu fits 1366 px
    captura(pagina, "pqrs-gestion-bandeja-escritorio")
    fila.get_by_role("link", name=pqrs.radicado).click()
    pagina.wait_for_url(f"**/gestion/pqrs/{pqrs.pk}/")
    expect(pagina.get_by_role("link", name="factura-tecnico.pdf")).to_be_visible()
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="factura-tecnico.pdf").click()
    assert descarga.value.suggested_filename == "factura-tecnico.pdf"

    pagina.get_by_label("Respuesta al cliente").fill(
        "El técnico irá el jueves a las 9:00. Adjuntamos la orden de servicio."
    )
    orden = tmp_path / "orden-servicio.pdf"
    orden.write_bytes(PDF)
    pagina.locator("#responder_adjuntos").set_input_files(str(orden))
    pagina.get_by_role("button", name="Enviar respuesta").click()
    pagina.wait_for_url(f"**/gestion/pqrs/{pqrs.pk}/")
    expect(pagina.get_by_role("alert").filter(has_text="Respuesta enviada al cliente")).to_be_visible()
    expect(pagina.locator(".hilo-pqrs")).to_contain_text("El técnico irá el jueves")
    expect(pagina.locator(".historial-pqrs")).to_contain_text("PQRS respondida")
    captura(pagina, "pqrs-gestion-detalle-escritorio")
    pqrs.refresh_from_db()
    assert pqrs.estado == EstadoPqrs.RESPONDIDA

    # The case page on a phone too (staff on the move): no horizontal scroll.
    pagina.set_viewport_size(TELEFONO)
    pagina.reload()
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    captura(pagina, "pqrs-gestion-detalle-movil")
    pagina.goto(f"{base}/gestion/pqrs/")
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    captura(pagina, "pqrs-gestion-bandeja-movil")
    # Registrar PQRS (a phone call), step 2 of the picker, on the phone.
    pagina.goto(f"{base}/gestion/pqrs/nueva/?tercero={inquilino.pk}")
    expect(pagina.get_by_label("Fecha de recepción")).to_be_visible()
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    captura(pagina, "pqrs-gestion-registrar-movil")
    assert not [e for e in errores if "Failed to load resource" not in e], errores

    # 3. The tenant reads the answer in the thread, with its attachment, and got it by email.
    movil.reload()
    expect(movil.get_by_text("El técnico irá el jueves a las 9:00.")).to_be_visible()
    expect(movil.get_by_role("link", name="orden-servicio.pdf")).to_be_visible()
    captura(movil, "pqrs-portal-respuesta-movil")
    correos = [_texto_correo(m) for m in smtp_sink.para(inquilino.email)]
    assert any("El técnico irá el jueves" in c for c in correos), correos
    portal.close()
    oficina.close()
