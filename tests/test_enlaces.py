"""The signed 'choose your password' links: work once, expire, never for staff."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from envios.models import ClaveTemporal
from nucleo.tokens import activacion_token
from tests.envios.ayudas import clave_temporal_dar
from tests.factories import ClienteFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _enlace(usuario):
    return reverse(
        "area_clientes:activar",
        args=[urlsafe_base64_encode(force_bytes(usuario.pk)), activacion_token.make_token(usuario)],
    )


def test_it_sets_the_password_once(client):
    cliente = ClienteFactory()
    clave_temporal_dar(cliente, "Temporal.123")
    url = _enlace(cliente.usuario)
    r = client.post(url, {"new_password1": "Nueva.Clave.2026", "new_password2": "Nueva.Clave.2026"})
    assert r.status_code == 302
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password("Nueva.Clave.2026")
    # The password the client chose replaces the temporary one they had.
    assert ClaveTemporal.objects.get().motivo_anulacion == "reemplazada"
    r = client.post(url, {"new_password1": "Otra.Clave.2026", "new_password2": "Otra.Clave.2026"})
    assert r.status_code == 400
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password("Nueva.Clave.2026")


def test_it_expires(client, settings):
    cliente = ClienteFactory()
    url = _enlace(cliente.usuario)
    settings.CONTRASENA_TEMPORAL_HORAS = 72
    with time_machine.travel(timezone.localtime() + timedelta(hours=71, minutes=59)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.localtime() + timedelta(hours=72, minutes=1)):
        assert client.get(url).status_code == 400


def test_it_explains_a_mismatch_in_spanish(client):
    cliente = ClienteFactory()
    r = client.post(_enlace(cliente.usuario), {"new_password1": "Nueva.Clave.2026", "new_password2": "Otra"})
    assert r.status_code == 200
    assert "no coinciden" in r.content.decode()


def test_it_is_never_valid_for_staff(client):
    staff = StaffFactory()
    assert client.get(_enlace(staff)).status_code == 400


def test_it_applies_the_password_policy(client):
    cliente = ClienteFactory(numero_documento="1020304050")
    for mala, mensaje in (("1020304050", "número de documento"), ("Doc.1020304050", "número de documento")):
        r = client.post(_enlace(cliente.usuario), {"new_password1": mala, "new_password2": mala})
        assert r.status_code == 200
        assert mensaje in r.content.decode()
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password("Clave.Segura.2026")
