"""Manual de uso: a public page agencies can share, linked from the login page, the menu and the footer."""

import re

import pytest
from django.urls import reverse

from tests.factories import ClienteFactory, ContratoFactory, PropiedadFactory

pytestmark = pytest.mark.django_db

MANUAL = reverse("area_clientes:manual")


def test_anyone_can_read_it_before_logging_in(client, entidad):
    r = client.get(MANUAL)
    html = r.content.decode()
    assert r.status_code == 200
    for texto in (
        "Manual de uso del Área de Clientes",
        "Ingresar por primera vez",
        "Su usuario es su número de documento",
        "Cambiar contraseña",
        "¿Olvidó su contraseña?",
        "Descargar",
        "Estado de cuenta",
        "Historial de ingresos",
        "Datos de perfil",
        "vence a las 72 horas",
        "durante 30 minutos",
    ):
        assert texto in html, texto
    assert f'href="{reverse("area_clientes:ingresar")}"' in html


def test_the_login_page_and_the_footer_link_to_it(client, entidad):
    html = client.get(reverse("area_clientes:ingresar")).content.decode()
    assert html.count(f'href="{MANUAL}"') == 2  # under the form and in the footer
    assert "¿Primera vez? Lea el manual de uso" in html


def test_the_account_menu_links_to_it_and_highlights_it(cliente_client, entidad):
    html = cliente_client.get(MANUAL).content.decode()
    assert f'class="dropdown-item active" href="{MANUAL}" aria-current="page"' in html


def test_it_reads_in_english_when_chosen(client, entidad):
    client.post(reverse("set_language"), {"language": "en", "next": MANUAL})
    html = client.get(MANUAL).content.decode()
    assert "Client Area user guide" in html
    assert "Logging in for the first time" in html
    assert "Ingresar por primera vez" not in html


@pytest.mark.parametrize(
    "nombre",
    [
        "inicio",
        "facturas",
        "pagos",
        "estado_cuenta",
        "comisiones",
        "ingresos",
        "perfil",
        "cambiar_contrasena",
        "manual",
    ],
)
def test_one_menu_item_is_highlighted_for_a_tenant_and_owner(client, entidad, nombre):
    ambos = ClienteFactory(es_inquilino=True, es_propietario=True)
    ContratoFactory(inquilino=ambos)
    PropiedadFactory(propietarios=[ambos])
    client.force_login(ambos.usuario)
    html = client.get(reverse(f"area_clientes:{nombre}")).content.decode()
    menu = html[html.index('id="menu-portal"') : html.index("</nav>")]
    # The top bar: nav links (the account toggle counts when one of its pages is open).
    assert len(re.findall(r'class="nav-link[^"]*\bactive\b', menu)) == 1
