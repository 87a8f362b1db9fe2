"""The navbar of a client who is tenant and owner: one line at 1280 px, one item highlighted, usable at 390 px."""

import pytest
from playwright.sync_api import expect

from tests.factories import CLAVE_PRUEBA, ClienteFactory, ContratoFactory, EntidadFactory, PropiedadFactory

pytestmark = pytest.mark.django_db(transaction=True)

PAGINAS = [
    ("/customerarea/", "Inicio"),
    ("/customerarea/facturas/", "Facturas"),
    ("/customerarea/pagos/", "Pagos"),
    ("/customerarea/estado-de-cuenta/", "Estado de cuenta"),
    ("/customerarea/comisiones/", "Comisiones"),
    ("/customerarea/ingresos/", "Ingresos"),
    ("/customerarea/perfil/", "María Fernanda"),
    ("/customerarea/manual/", "María Fernanda"),
]


@pytest.fixture
def ambos(db):
    EntidadFactory(nombre="Inmobiliaria Andes Propiedades S.A.S.")
    tercero = ClienteFactory(
        numero_documento="43555666",
        nombres="María Fernanda",
        apellidos="Rodríguez Villalobos",
        es_inquilino=True,
        es_propietario=True,
    )
    ContratoFactory(inquilino=tercero)
    PropiedadFactory(propietarios=[tercero])
    return tercero


def _ingresar(page, live_server, tercero):
    page.goto(f"{live_server.url}/customerarea/ingresar/")
    page.get_by_label("Usuario").fill(tercero.numero_documento)
    page.get_by_label("Contraseña").fill(CLAVE_PRUEBA)
    page.get_by_role("button", name="Acceder").click()
    page.wait_for_url(f"{live_server.url}/customerarea/")


def test_the_both_profile_navbar_fits_at_1280_with_one_item_highlighted(page, live_server, captura, ambos):
    page.set_viewport_size({"width": 1280, "height": 800})
    _ingresar(page, live_server, ambos)
    for ruta, activo in PAGINAS:
        page.goto(f"{live_server.url}{ruta}")
        barra = page.locator("header.barra-marca nav.navbar")
        # One line: the bar is as tall as one link plus padding, and nothing overflows it.
        alto = barra.evaluate("e => e.getBoundingClientRect().height")
        assert alto < 72, f"{ruta}: la barra mide {alto}px (se partió en dos líneas)"
        assert barra.evaluate("e => e.scrollWidth <= e.clientWidth"), ruta
        tops = page.locator("#menu-portal > ul > li").evaluate_all(
            "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
        )
        assert len(set(tops)) == 1, f"{ruta}: {tops}"
        resaltados = page.locator("#menu-portal .nav-link.active")
        expect(resaltados).to_have_count(1)
        assert activo in resaltados.inner_text(), ruta
    page.goto(f"{live_server.url}/customerarea/facturas/")
    page.locator(
        "#menu-portal .nav-link", has_text="Pagos"
    ).hover()  # hover does not look like a second current page
    captura(page, "portal_menu_1280")
    page.locator("#menu-cuenta").click()
    expect(page.locator(".menu-cuenta").get_by_role("link", name="Manual de uso")).to_be_visible()
    captura(page, "portal_menu_1280_cuenta")


def test_the_both_profile_navbar_collapses_at_390(page, live_server, captura, ambos):
    page.set_viewport_size({"width": 390, "height": 844})
    _ingresar(page, live_server, ambos)
    page.goto(f"{live_server.url}/customerarea/ingresos/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Abrir menú").click()
    expect(page.locator("#menu-portal.collapse.show")).to_be_visible()
    expect(page.locator("#menu-portal .nav-link.active")).to_have_count(1)
    page.locator("#menu-cuenta").click()
    expect(page.locator(".menu-cuenta").get_by_role("button", name="Salir")).to_be_visible()
    captura(page, "portal_menu_390")
    page.locator(".menu-cuenta").get_by_role("link", name="Manual de uso").click()
    expect(page.get_by_role("heading", name="Manual de uso del Área de Clientes")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    captura(page, "portal_manual_390")
