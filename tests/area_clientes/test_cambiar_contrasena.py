"""Changing the password from the portal: current + new twice; other sessions end."""

import pytest
from django.test import Client

from nucleo.models import EventoAuditoria
from tests.area_clientes.utiles import ingresar
from tests.factories import CLAVE_PRUEBA, ClienteFactory

pytestmark = pytest.mark.django_db
URL = "/customerarea/cambiar-contrasena/"


def _cambiar(client, actual=CLAVE_PRUEBA, nueva="Mi.Casa.Azul.77", repetida=None):
    return client.post(
        URL, {"old_password": actual, "new_password1": nueva, "new_password2": repetida or nueva}
    )


def test_it_needs_login(client):
    r = client.get(URL)
    assert r.status_code == 302
    assert r.url.startswith("/customerarea/ingresar/")


def test_it_changes_the_password_and_keeps_this_session(cliente_client, cliente):
    r = _cambiar(cliente_client)
    assert r.status_code == 302
    assert r.url == "/customerarea/perfil/"
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password("Mi.Casa.Azul.77")
    assert cliente_client.get("/customerarea/perfil/").status_code == 200
    evento = EventoAuditoria.objects.get(accion="portal.contrasena_cambiada")
    assert evento.actor == cliente.usuario
    assert evento.objeto_id == str(cliente.pk)


def test_it_ends_the_users_other_sessions(entidad):
    cliente = ClienteFactory()
    en_casa, en_oficina = Client(), Client()
    assert ingresar(en_casa, cliente.numero_documento).status_code == 302
    assert ingresar(en_oficina, cliente.numero_documento, ip="10.0.0.2").status_code == 302
    assert en_oficina.get("/customerarea/perfil/").status_code == 200
    _cambiar(en_casa)
    assert en_casa.get("/customerarea/perfil/").status_code == 200
    r = en_oficina.get("/customerarea/perfil/")
    assert r.status_code == 302
    assert r.url.startswith("/customerarea/ingresar/")


def test_it_refuses_a_wrong_current_password(cliente_client, cliente):
    r = _cambiar(cliente_client, actual="No.Es.La.Mia.1")
    assert r.status_code == 200
    assert "La contraseña actual no es correcta" in r.content.decode()
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password(CLAVE_PRUEBA)


def test_it_refuses_a_mismatch(cliente_client):
    r = _cambiar(cliente_client, repetida="Mi.Casa.Roja.77")
    assert "Las dos contraseñas no coinciden." in r.content.decode()


@pytest.mark.parametrize(
    ("nueva", "mensaje"),
    [
        ("corta1", "demasiado corta"),
        ("12345678901", "completamente numérica"),
        ("password123", "demasiado común"),
    ],
)
def test_it_applies_djangos_validators_in_spanish(cliente_client, nueva, mensaje):
    r = _cambiar(cliente_client, nueva=nueva)
    assert r.status_code == 200
    assert mensaje in r.content.decode()


def test_it_refuses_the_document_number(cliente_client, cliente):
    r = _cambiar(cliente_client, nueva=f"Clave{cliente.numero_documento}")
    assert r.status_code == 200
    assert "no puede ser ni contener su número de documento" in r.content.decode()


def test_it_refuses_the_same_password(cliente_client):
    r = _cambiar(cliente_client, nueva=CLAVE_PRUEBA)
    assert "debe ser distinta de la actual" in r.content.decode()
