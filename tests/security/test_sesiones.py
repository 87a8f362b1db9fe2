"""Sessions: a new key at login, idle timeout, renewed by activity."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.area_clientes.utiles import ingresar
from tests.factories import ClienteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dentro(client, entidad):
    cliente = ClienteFactory()
    assert ingresar(client, cliente.numero_documento).status_code == 302
    return cliente


def test_it_rotates_the_session_key_at_login(client, entidad):
    cliente = ClienteFactory()
    client.get("/customerarea/ingresar/")
    session = client.session
    session["antes"] = "x"
    session.save()
    anterior = session.session_key
    ingresar(client, cliente.numero_documento)
    nueva = client.cookies["sessionid"].value
    assert nueva != anterior
    assert not Session.objects.filter(session_key=anterior).exists()


def test_it_expires_after_the_idle_time(client, dentro, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    clave = client.cookies["sessionid"].value
    sesion = Session.objects.get(session_key=clave)
    assert abs((sesion.expire_date - timezone.now()) - timedelta(minutes=30)) < timedelta(seconds=30)
    sesion.expire_date = timezone.now() - timedelta(seconds=1)  # 30 idle minutes went by
    sesion.save()
    r = client.get("/customerarea/perfil/")
    assert r.status_code == 302
    assert r.url.startswith("/customerarea/ingresar/")


def test_activity_renews_the_idle_time(client, dentro):
    clave = client.cookies["sessionid"].value
    Session.objects.filter(session_key=clave).update(expire_date=timezone.now() + timedelta(minutes=2))
    assert client.get("/customerarea/perfil/").status_code == 200
    restante = Session.objects.get(session_key=clave).expire_date - timezone.now()
    assert restante > timedelta(minutes=29)


def test_the_cookie_is_httponly_and_ends_with_the_browser(client, dentro):
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["expires"] == ""
