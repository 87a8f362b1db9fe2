"""Editing contact data: only the four fields, only the user's own record."""

import pytest

from nucleo.models import EventoAuditoria
from terceros.models import Tercero
from tests.factories import CLAVE_PRUEBA, ClienteFactory

pytestmark = pytest.mark.django_db
URL = "/customerarea/perfil/"


def _datos(t, **cambios):
    return {
        "telefono": t.telefono,
        "celular": t.celular,
        "email": t.email,
        "direccion": t.direccion,
        **cambios,
    }


def test_it_needs_login(client):
    r = client.get(URL)
    assert r.status_code == 302
    assert r.url == "/customerarea/ingresar/?next=/customerarea/perfil/"


def test_it_refuses_a_staff_session(staff_client):
    r = staff_client.get(URL)
    assert r.status_code == 302
    assert r.url.startswith("/customerarea/ingresar/")


def test_it_shows_name_and_document_read_only(cliente_client, cliente, entidad):
    html = cliente_client.get(URL).content.decode()
    assert cliente.nombre_completo in html
    assert cliente.numero_documento in html
    assert 'name="numero_documento"' not in html
    assert 'name="nombres"' not in html
    assert 'name="celular"' in html


def test_it_saves_phone_mobile_and_address(cliente_client, cliente, entidad):
    antes = (cliente.telefono, cliente.celular, cliente.direccion)
    r = cliente_client.post(
        URL, _datos(cliente, telefono="(604) 555 1234", celular="311 222 3344", direccion="Cl. 1 # 2-3")
    )
    assert r.status_code == 302
    cliente.refresh_from_db()
    assert (cliente.telefono, cliente.celular, cliente.direccion) == (
        "(604) 555 1234",
        "311 222 3344",
        "Cl. 1 # 2-3",
    )
    evento = EventoAuditoria.objects.get(accion="portal.perfil_actualizado")
    assert evento.datos["cambios"] == {
        "telefono": [antes[0], "(604) 555 1234"],
        "celular": [antes[1], "311 222 3344"],
        "direccion": [antes[2], "Cl. 1 # 2-3"],
    }
    assert "Sus datos quedaron actualizados." in cliente_client.get(URL).content.decode()


def test_it_keeps_what_was_typed_when_something_is_wrong(cliente_client, cliente, entidad):
    r = cliente_client.post(URL, _datos(cliente, celular="abc", direccion="Cra. 80 # 30-10"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Escriba un número de teléfono válido" in html
    assert 'value="Cra. 80 # 30-10"' in html
    cliente.refresh_from_db()
    assert cliente.direccion != "Cra. 80 # 30-10"


def test_an_email_change_needs_the_current_password(cliente_client, cliente, entidad):
    r = cliente_client.post(URL, _datos(cliente, email="nuevo@correo.test"))
    assert r.status_code == 200
    assert "Para cambiar su correo escriba su contraseña actual" in r.content.decode()
    cliente.refresh_from_db()
    assert cliente.email != "nuevo@correo.test"

    r = cliente_client.post(URL, _datos(cliente, email="nuevo@correo.test", contrasena_actual="mala"))
    assert r.status_code == 200
    r = cliente_client.post(URL, _datos(cliente, email="Nuevo@Correo.test", contrasena_actual=CLAVE_PRUEBA))
    assert r.status_code == 302
    cliente.refresh_from_db()
    cliente.usuario.refresh_from_db()
    assert cliente.email == cliente.usuario.email == "nuevo@correo.test"


def test_other_fields_posted_change_nothing(cliente_client, cliente, entidad):
    otro = ClienteFactory()
    antes = Tercero.objects.values().get(pk=otro.pk)
    r = cliente_client.post(
        URL,
        _datos(
            cliente,
            celular="300 999 8888",
            id=otro.pk,
            pk=otro.pk,
            tercero=otro.pk,
            numero_documento="999",
            nombres="Hacker",
            is_staff="on",
            is_superuser="on",
            es_propietario="on",
        ),
    )
    assert r.status_code == 302
    cliente.refresh_from_db()
    cliente.usuario.refresh_from_db()
    assert cliente.celular == "300 999 8888"
    assert cliente.numero_documento != "999"
    assert cliente.nombres != "Hacker"
    assert not cliente.es_propietario
    assert not cliente.usuario.is_staff
    assert not cliente.usuario.is_superuser
    assert Tercero.objects.values().get(pk=otro.pk) == antes
