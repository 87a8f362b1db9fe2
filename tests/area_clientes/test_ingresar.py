"""Logging in to the portal with the document number."""

import pytest
from axes.models import AccessAttempt

from tests.area_clientes.utiles import INGRESAR, ingresar
from tests.factories import ClienteFactory, EntidadFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_agency_login_at_the_portal_root(client):
    EntidadFactory(mensaje_bienvenida="Bienvenido a la prueba.", color_primario="#123456")
    r = client.get("/customerarea/")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'name="username"' in html
    assert 'name="password"' in html
    assert "Inmobiliaria Prueba S.A.S." in html
    assert "Bienvenido a la prueba." in html
    assert "#123456" in html
    assert "¿Olvidó su contraseña?" in html
    assert "/customerarea/recuperar-contrasena/" in html
    assert "Acceder" in html
    assert "g-recaptcha" not in html  # no keys in tests: no captcha


def test_it_logs_in_with_the_document_number(client, entidad):
    cliente = ClienteFactory(numero_documento="1020304050")
    r = ingresar(client, "1.020.304.050")  # typed with dots, as people do
    assert r.status_code == 302
    assert r.url == "/customerarea/"
    assert client.session["_auth_user_id"] == str(cliente.usuario.pk)
    r = client.get("/customerarea/")
    assert "Hola," in r.content.decode()


def test_it_follows_a_safe_next_and_ignores_an_external_one(client, entidad):
    cliente = ClienteFactory()
    r = ingresar(client, cliente.numero_documento, next="/customerarea/perfil/")
    assert r.url == "/customerarea/perfil/"
    client.post("/customerarea/salir/")
    r = ingresar(client, cliente.numero_documento, next="https://malo.example/robar")
    assert r.url == "/customerarea/"


def test_it_refuses_a_wrong_password_in_spanish(client, entidad):
    cliente = ClienteFactory()
    r = ingresar(client, cliente.numero_documento, "Otra.Clave.9999")
    assert r.status_code == 200
    assert "Usuario o contraseña incorrectos" in r.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().failures_since_start == 1
    # What the user typed stays in the form.
    assert f'value="{cliente.numero_documento}"' in r.content.decode()


def test_it_refuses_a_staff_account_and_counts_the_failure(client, entidad):
    staff = StaffFactory(username="12345678")
    r = ingresar(client, staff.username)
    assert r.status_code == 200
    assert "Usuario o contraseña incorrectos" in r.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="12345678").failures_since_start == 1


def test_it_refuses_an_inactive_client(client, entidad):
    cliente = ClienteFactory()
    cliente.usuario.is_active = False
    cliente.usuario.save()
    r = ingresar(client, cliente.numero_documento)
    assert "Usuario o contraseña incorrectos" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_sends_a_logged_in_client_to_the_dashboard(cliente_client, entidad):
    r = cliente_client.get(INGRESAR)
    assert r.status_code == 302
    assert r.url == "/customerarea/"


def test_it_resets_the_failure_count_after_a_good_login(client, entidad):
    cliente = ClienteFactory()
    ingresar(client, cliente.numero_documento, "mala")
    ingresar(client, cliente.numero_documento)
    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()
