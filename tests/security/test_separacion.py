"""Portal and back-office are separate worlds: logins (who may reach each URL: test_acceso_urls.py)."""

import pytest

from tests.area_clientes.utiles import ingresar
from tests.factories import CLAVE_PRUEBA, ClienteFactory, StaffFactory

pytestmark = pytest.mark.django_db


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
