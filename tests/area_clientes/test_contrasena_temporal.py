"""A session opened with a temporary password: choose your own before anything else.

Expired, it no longer logs in, and the page says what to do. The temporary password is a second
credential (envios.services.claves), so the client's own password is never involved.
"""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

from envios.models import ClaveTemporal
from tests.area_clientes.utiles import ingresar
from tests.envios.ayudas import clave_temporal_dar
from tests.factories import CLAVE_PRUEBA, ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def temporal(entidad):
    tercero = TerceroFactory(habeas_data_aceptado_en=timezone.now())
    clave_temporal_dar(tercero, "Temporal.4821")
    return tercero


def _vencida():
    return time_machine.travel(timezone.localtime() + timedelta(hours=72, minutes=1))


@pytest.mark.parametrize(
    "pagina", ["/customerarea/", "/customerarea/perfil/", "/customerarea/autorizacion-datos/"]
)
def test_it_sends_every_portal_page_to_the_password_change(client, temporal, pagina):
    assert ingresar(client, temporal.numero_documento, "Temporal.4821").status_code == 302
    r = client.get(pagina)
    assert r.status_code == 302
    assert r.url.startswith("/customerarea/cambiar-contrasena/?next=")


def test_it_lets_the_client_in_after_the_change(client, temporal):
    ingresar(client, temporal.numero_documento, "Temporal.4821")
    r = client.get("/customerarea/cambiar-contrasena/")
    assert "Está usando una contraseña temporal" in r.content.decode()
    r = client.post(
        "/customerarea/cambiar-contrasena/?next=/customerarea/perfil/",
        {
            "new_password1": "Mi.Casa.Azul.77",
            "new_password2": "Mi.Casa.Azul.77",
            "next": "/customerarea/perfil/",
        },
    )
    assert r.status_code == 302
    assert r.url == "/customerarea/perfil/"
    temporal.usuario.refresh_from_db()
    assert temporal.usuario.check_password("Mi.Casa.Azul.77")
    assert client.get("/customerarea/perfil/").status_code == 200
    assert client.get("/customerarea/cambiar-contrasena/").content.decode().count('name="old_password"') == 1


def test_it_refuses_an_expired_temporary_password_and_says_what_to_do(client, temporal):
    with _vencida():
        r = ingresar(client, temporal.numero_documento, "Temporal.4821")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Su contraseña temporal venció" in html
    assert "¿Olvidó su contraseña?" in html
    assert "_auth_user_id" not in client.session
    # Counted like any failed attempt.
    assert AccessAttempt.objects.get(username=temporal.numero_documento).failures_since_start == 1
    assert ClaveTemporal.objects.get().usada_en is None


def test_it_locks_out_repeated_expired_attempts_like_wrong_passwords(client, temporal, settings):
    with _vencida():
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            ingresar(client, temporal.numero_documento, "Temporal.4821")
        assert ingresar(client, temporal.numero_documento, "Temporal.4821").status_code == 429


def test_it_does_not_reveal_expiry_to_a_wrong_password(client, temporal):
    with _vencida():
        r = ingresar(client, temporal.numero_documento, "Adivinando.123")
    assert "venció" not in r.content.decode()
    assert "Usuario o contraseña incorrectos" in r.content.decode()


def test_the_own_password_does_not_ask_for_a_change(client, entidad):
    cliente = ClienteFactory()
    clave_temporal_dar(cliente, "Temporal.4821")
    assert ingresar(client, cliente.numero_documento, CLAVE_PRUEBA).status_code == 302
    assert client.get("/customerarea/perfil/").status_code == 200
    assert ClaveTemporal.objects.get().usada_en is None


def test_a_staff_account_cannot_use_a_temporary_password(client, temporal):
    temporal.usuario.is_staff = True
    temporal.usuario.save()
    assert ingresar(client, temporal.numero_documento, "Temporal.4821").status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_login_without_any_password_costs_one_hash_like_an_unknown_document(client, entidad, monkeypatch):
    """A tercero whose temporary password expired unused has no usable password at all:
    Django's fake hash for it, and no temporary password checked, keep it one hash."""
    from django.contrib.auth.hashers import get_hasher

    from terceros.services import portal_usuario_asegurar

    tercero = TerceroFactory(habeas_data_aceptado_en=timezone.now())
    portal_usuario_asegurar(tercero=tercero)
    hasher = type(get_hasher())
    original = hasher.encode
    llamadas = []

    def contar(self, password, salt, *args, **kwargs):
        llamadas.append(password)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", contar)
    ingresar(client, tercero.numero_documento, "Adivinando.123")
    assert len(llamadas) == 1
    llamadas.clear()
    ingresar(client, "99999999", "Adivinando.123")
    assert llamadas == ["Adivinando.123"]
