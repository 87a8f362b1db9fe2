"""Error pages in the browser: branded, Spanish, a way back; the favicon loads."""

import pytest
from playwright.sync_api import expect

from tests.factories import EntidadFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("ruta", "volver"),
    [
        ("/customerarea/no-existe/", "Volver al Área de Clientes"),
        ("/gestion/no-existe/", "Volver al inicio de Gestión"),
    ],
)
def test_a_404_is_branded_with_a_way_back(page, live_server, captura, ruta, volver):
    EntidadFactory(nombre="Inmobiliaria Andes S.A.S.")
    page.set_viewport_size({"width": 390, "height": 844})
    r = page.goto(f"{live_server.url}{ruta}")
    assert r.status == 404
    expect(page.get_by_role("heading", name="Página no encontrada")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    captura(page, "error_404" + ruta.split("/")[1])
    icono = page.locator("link[rel=icon][type='image/svg+xml']").get_attribute("href")
    assert page.request.get(f"{live_server.url}{icono}").status == 200
    page.get_by_role("link", name=volver).click()
    expect(page).not_to_have_url(f"{live_server.url}{ruta}")
