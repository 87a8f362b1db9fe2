"""Browser: a tenant reads invoices, downloads a PDF and the statement; an owner sees payouts and the chart."""

import subprocess
from pathlib import Path

import pytest

from tests.area_clientes.finanzas_datos import crear_mundo
from tests.e2e.conftest import CAPTURAS
from tests.factories import CLAVE_PRUEBA, EntidadFactory
from tests.facturacion.datos import texto_pdf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "es-CO"}


def _ingresar(page, live_server, documento):
    page.goto(f"{live_server.url}/customerarea/ingresar/")
    page.locator("input[name=username]").fill(documento)
    page.locator("input[name=password]").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Acceder").click()
    page.wait_for_url(f"{live_server.url}/customerarea/")


def test_a_tenant_reads_invoices_downloads_a_pdf_and_the_statement(page, live_server, captura, tmp_path):
    EntidadFactory()
    mundo = crear_mundo()
    page.set_viewport_size({"width": 1280, "height": 900})
    _ingresar(page, live_server, mundo.inquilino.numero_documento)
    assert page.locator("#saldo-pendiente").inner_text() == "$ 1.200.000"
    captura(page, "finanzas-inquilino-inicio")

    page.get_by_role("link", name="Facturas").first.click()
    page.wait_for_url("**/customerarea/facturas/")
    fila = page.locator("tr", has_text=mundo.noviembre.numero)
    assert "Vencida" in fila.inner_text()
    assert "Pagada" in page.locator("tr", has_text=mundo.octubre.numero).inner_text()
    captura(page, "finanzas-inquilino-facturas")

    with page.expect_download() as descarga:
        fila.get_by_role("link", name=f"Descargar la factura en PDF: {mundo.noviembre.numero}").click()
    archivo = descarga.value
    assert archivo.suggested_filename == f"factura-{mundo.noviembre.numero}.pdf"
    ruta = tmp_path / archivo.suggested_filename
    archivo.save_as(ruta)
    texto = texto_pdf(ruta.read_bytes())
    assert mundo.noviembre.numero in texto
    assert "$ 1.200.000" in texto
    assert "UN MILLÓN DOSCIENTOS MIL PESOS M/CTE" in texto
    # A picture of the PDF's first page, to look at.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(ruta), str(CAPTURAS / "finanzas-factura-pdf")],
        check=True,
    )
    assert Path(CAPTURAS / "finanzas-factura-pdf.png").exists()

    page.get_by_role("link", name="Estado de cuenta").first.click()
    page.wait_for_url("**/customerarea/estado-de-cuenta/")
    filas = page.locator("#movimientos tbody tr")
    assert filas.count() == 4  # opening balance + invoice, payment, invoice
    assert page.locator("#saldo-final").inner_text() == "$ 1.200.000"
    captura(page, "finanzas-inquilino-estado-cuenta")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/customerarea/facturas/")
    captura(page, "finanzas-inquilino-facturas-movil")


def test_an_owner_sees_payouts_and_the_chart(page, live_server, captura):
    EntidadFactory()
    mundo = crear_mundo()
    errores = []
    page.on("console", lambda m: errores.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    _ingresar(page, live_server, mundo.propietario.numero_documento)
    assert mundo.egreso.codigo in page.content()
    captura(page, "finanzas-propietario-inicio")
    page.get_by_role("link", name="Ingresos").first.click()
    page.wait_for_url("**/customerarea/ingresos/")
    page.wait_for_selector("#grafico-ingresos[data-listo='1']")
    assert page.locator("tr", has_text=mundo.egreso.codigo).count() == 1
    captura(page, "finanzas-propietario-ingresos")
    with page.expect_download() as descarga:
        page.get_by_role("link", name=f"Descargar el comprobante {mundo.egreso.codigo} en PDF").click()
    assert descarga.value.suggested_filename == f"comprobante-egreso-{mundo.egreso.codigo}.pdf"
    page.get_by_role("link", name="Comisiones").first.click()
    assert mundo.comision.numero in page.content()
    assert errores == []  # no CSP violations or script errors
