"""Portal filters and `next` parameters that used to answer 500."""

import pytest
from django.urls import reverse

from tests.factories import CLAVE_PRUEBA, ClienteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("anio", ["²", "٣", "9" * 30, "2026\x00", "-1"])
@pytest.mark.parametrize(
    "pagina", ["area_clientes:facturas", "area_clientes:pagos", "area_clientes:estado_cuenta"]
)
def test_a_year_that_is_not_ascii_digits_shows_the_default(cliente_client, entidad, pagina, anio):
    # '²'.isdigit() is True and int('²') raises: the page answered 500.
    r = cliente_client.get(reverse(pagina), {"anio": anio})
    assert r.status_code == 200


def test_an_owner_page_and_the_pdf_ignore_a_bad_year(client, entidad):
    duena = ClienteFactory(es_propietario=True)
    client.force_login(duena.usuario)
    assert client.get(reverse("area_clientes:ingresos"), {"anio": "²"}).status_code == 200
    r = client.get(reverse("area_clientes:estado_cuenta_pdf"), {"anio": "²"})
    assert r.status_code == 200
    assert r.content[:5] == b"%PDF-"


@pytest.mark.parametrize("siguiente", ["on", "perfil", "javascript:alert(1)", "//malo.test/x"])
def test_consent_with_a_next_that_is_not_a_path_goes_home(client, entidad, siguiente):
    tercero = ClienteFactory(habeas_data_aceptado_en=None)
    client.force_login(tercero.usuario)
    url = reverse("area_clientes:autorizacion_datos")
    r = client.post(f"{url}?next={siguiente}", {"acepto": "on", "next": siguiente})
    assert (r.status_code, r.url) == (302, reverse("area_clientes:inicio"))
    # Already given: the page itself sends the client on, with the same rule.
    r = client.get(url, {"next": siguiente})
    assert (r.status_code, r.url) == (302, reverse("area_clientes:inicio"))


def test_consent_keeps_a_next_that_is_a_path(client, entidad):
    tercero = ClienteFactory(habeas_data_aceptado_en=None)
    client.force_login(tercero.usuario)
    r = client.post(
        reverse("area_clientes:autorizacion_datos"), {"acepto": "on", "next": "/customerarea/pagos/"}
    )
    assert r.url == "/customerarea/pagos/"


def test_password_change_with_next_on_goes_to_the_default_page(client, entidad):
    tercero = ClienteFactory()
    client.force_login(tercero.usuario)
    r = client.post(
        reverse("area_clientes:cambiar_contrasena") + "?next=on",
        {
            "old_password": CLAVE_PRUEBA,
            "new_password1": "Otra.Clave.Larga.77",
            "new_password2": "Otra.Clave.Larga.77",
        },
    )
    assert (r.status_code, r.url) == (302, reverse("area_clientes:perfil"))


@pytest.mark.parametrize("telefono", ["300 123 4567 ext ٣", "٣٠٠ ١٢٣ ٤٥٦٧"])
def test_a_phone_takes_ascii_digits_only(cliente_client, cliente, entidad, telefono):
    r = cliente_client.post(
        reverse("area_clientes:perfil"), {"telefono": telefono, "email": cliente.email, "direccion": "Cl. 1"}
    )
    assert r.status_code == 200
    assert "Escriba un número de teléfono válido" in r.content.decode()
    cliente.refresh_from_db()
    assert cliente.telefono != telefono
