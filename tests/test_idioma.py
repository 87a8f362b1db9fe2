"""Language switch: Spanish by default, English on request; Colombian money and dates in both."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ClienteFactory, ContratoFactory

pytestmark = pytest.mark.django_db

PORTAL = reverse("area_clientes:ingresar")
PERSONAL = reverse("gestion:ingresar")
CAMBIAR = reverse("set_language")


@pytest.fixture(autouse=True)
def _idioma_por_defecto():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def cambiar_idioma(client, idioma, siguiente):
    r = client.post(CAMBIAR, {"language": idioma, "next": siguiente})
    assert r.status_code == 302
    assert r["Location"] == siguiente
    return client.get(siguiente)


def test_the_portal_login_is_in_spanish_by_default(client, entidad):
    html = client.get(PORTAL).content.decode()
    assert '<html lang="es">' in html
    assert "Área de Clientes" in html
    assert "Contraseña" in html
    assert "Acceder" in html
    assert "Password" not in html


def test_the_portal_login_switches_to_english_and_back(client, entidad):
    r = cambiar_idioma(client, "en", PORTAL)
    html = r.content.decode()
    assert '<html lang="en">' in html
    assert "Client Area" in html
    assert "Password" in html
    assert "Forgot your password?" in html
    assert "Contraseña" not in html
    # The switch marks the current language and names each language in itself.
    assert 'value="en" lang="en" class="btn btn-outline-secondary active" aria-current="true">English' in html
    assert 'value="es-co" lang="es-co" class="btn btn-outline-secondary">Español' in html

    html = cambiar_idioma(client, "es-co", PORTAL).content.decode()
    assert "Contraseña" in html
    assert "Password" not in html


def test_the_switch_posts_to_set_language_with_the_current_page(client, entidad):
    html = client.get(PORTAL).content.decode()
    assert f'action="{CAMBIAR}" method="post"' in html
    assert f'name="next" value="{PORTAL}"' in html
    assert 'name="language" value="en"' in html


@pytest.mark.parametrize("ruta", [PORTAL, PERSONAL])
def test_a_browser_in_english_still_gets_spanish_until_the_user_picks_english(client, entidad, ruta):
    # The data (names, addresses, invoices) is Spanish: the browser's language must not flip the labels.
    r = client.get(ruta, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = r.content.decode()
    assert '<html lang="es">' in html
    assert "Contraseña" in html
    assert "Password" not in html
    assert r["Content-Language"] == "es-co"
    assert "Accept-Language" not in r.get("Vary", "")
    assert 'name="language" value="en"' in html  # the switch is there

    html = cambiar_idioma(client, "en", ruta).content.decode()
    assert "Password" in html
    # The choice holds whatever the browser says.
    html = client.get(ruta, HTTP_ACCEPT_LANGUAGE="es-CO,es;q=0.9").content.decode()
    assert '<html lang="en">' in html


def test_an_unknown_language_cookie_falls_back_to_spanish(client, entidad, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    html = client.get(PERSONAL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Gestión — ingreso del personal" in html


def test_the_staff_login_switches_to_english(client, entidad):
    html = cambiar_idioma(client, "en", PERSONAL).content.decode()
    assert "Back office — staff sign-in" in html
    assert "Password" in html


def test_the_back_office_navbar_has_the_switch(staff_client, entidad):
    html = cambiar_idioma(staff_client, "en", reverse("gestion:inicio")).content.decode()
    assert "Third parties" in html
    assert "Sign out" in html
    assert 'class="btn btn-marca-contorno active" aria-current="true">English' in html


def test_money_and_dates_stay_colombian_in_english(staff_client, entidad):
    contrato = ContratoFactory(
        canon=Decimal("1200000"), fecha_inicio=date(2026, 3, 5), fecha_fin=date(2027, 3, 4)
    )
    url = reverse("gestion:contrato_detalle", args=[contrato.pk])
    for idioma, etiqueta in (("en", "Monthly rent"), ("es-co", "Canon mensual")):
        html = cambiar_idioma(staff_client, idioma, url).content.decode()
        assert etiqueta in html
        assert "$ 1.200.000" in html
        assert "05/03/2026" in html
        assert "04/03/2027" in html


def test_the_password_email_screen_and_the_portal_invoices_render_in_english(client, staff, entidad):
    client.force_login(staff)
    url = reverse("envios:area_clientes")
    assert url == "/gestion/configuraciones/modulos-web/area-clientes/"
    html = cambiar_idioma(client, "en", url).content.decode()
    assert "Generate and send third-party passwords" in html
    assert "Third parties waiting to be sent" in html
    assert "Email history" in html
    assert "Generar contraseñas" not in html

    client.force_login(ClienteFactory().usuario)  # a tenant who already gave consent
    html = client.get(reverse("area_clientes:facturas")).content.decode()
    assert '<html lang="en">' in html
    assert "Rent Invoice" in html
    assert "You have no invoices with these filters yet." in html
    assert "Factura de Arrendamiento" not in html
