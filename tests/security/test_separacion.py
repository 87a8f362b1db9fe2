"""Portal and back-office are separate worlds."""

import pytest

from tests.area_clientes.utiles import ingresar
from tests.factories import CLAVE_PRUEBA, ClienteFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/gestion/", "/gestion/configuraciones/"])
def test_a_client_is_refused_at_gestion(cliente_client, url):
    assert cliente_client.get(url).status_code == 403


def test_a_client_cannot_reach_admin(cliente_client):
    r = cliente_client.get("/admin/")
    assert r.status_code == 302
    assert r.url.startswith("/admin/login/")
    assert cliente_client.get("/admin/terceros/tercero/").status_code == 302


def test_a_client_cannot_log_in_at_gestion_or_admin(client, entidad):
    cliente = ClienteFactory()
    r = client.post("/gestion/ingresar/", {"username": cliente.numero_documento, "password": CLAVE_PRUEBA})
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session
    r = client.post("/admin/login/", {"username": cliente.numero_documento, "password": CLAVE_PRUEBA})
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_staff_account_is_not_a_portal_login(client, entidad):
    staff = StaffFactory()
    r = ingresar(client, staff.username)
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_staff_account_linked_to_a_tercero_is_still_not_a_portal_login(client, entidad):
    tercero = ClienteFactory()
    tercero.usuario.is_staff = True
    tercero.usuario.save()
    assert ingresar(client, tercero.numero_documento).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_staff_session_sees_no_portal_data(staff_client, entidad):
    r = staff_client.get("/customerarea/")
    assert r.status_code == 200
    assert 'name="password"' in r.content.decode()  # the portal login, not a dashboard
    assert staff_client.get("/customerarea/perfil/").status_code == 302
