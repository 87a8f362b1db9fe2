"""A temporary password: change it before anything else; once expired, it no longer logs in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from terceros.services import portal_contrasena_establecer
from tests.area_clientes.utiles import ingresar
from tests.factories import ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def temporal(entidad):
    tercero = TerceroFactory(habeas_data_aceptado_en=timezone.now())
    portal_contrasena_establecer(tercero=tercero, contrasena="Temporal.4821", temporal=True)
    return tercero


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
            "old_password": "Temporal.4821",
            "new_password1": "Mi.Casa.Azul.77",
            "new_password2": "Mi.Casa.Azul.77",
            "next": "/customerarea/perfil/",
        },
    )
    assert r.status_code == 302
    assert r.url == "/customerarea/perfil/"
    temporal.usuario.refresh_from_db()
    assert not temporal.usuario.debe_cambiar_contrasena
    assert temporal.usuario.contrasena_expira_en is None
    assert client.get("/customerarea/perfil/").status_code == 200


def test_it_refuses_an_expired_temporary_password_and_says_what_to_do(client, temporal):
    temporal.usuario.contrasena_expira_en = timezone.now() - timedelta(minutes=1)
    temporal.usuario.save()
    r = ingresar(client, temporal.numero_documento, "Temporal.4821")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Su contraseña temporal venció" in html
    assert "¿Olvidó su contraseña?" in html
    assert "_auth_user_id" not in client.session
    # Counted like any failed attempt.
    assert AccessAttempt.objects.get(username=temporal.numero_documento).failures_since_start == 1


def test_it_locks_out_repeated_expired_attempts_like_wrong_passwords(client, temporal, settings):
    temporal.usuario.contrasena_expira_en = timezone.now() - timedelta(hours=1)
    temporal.usuario.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        ingresar(client, temporal.numero_documento, "Temporal.4821")
    assert ingresar(client, temporal.numero_documento, "Temporal.4821").status_code == 429


def test_it_does_not_reveal_expiry_to_a_wrong_password(client, temporal):
    temporal.usuario.contrasena_expira_en = timezone.now() - timedelta(minutes=1)
    temporal.usuario.save()
    r = ingresar(client, temporal.numero_documento, "Adivinando.123")
    assert "venció" not in r.content.decode()
    assert "Usuario o contraseña incorrectos" in r.content.decode()


def test_it_leaves_a_permanent_password_alone(client, entidad):
    cliente = ClienteFactory()
    ingresar(client, cliente.numero_documento)
    assert client.get("/customerarea/perfil/").status_code == 200
