"""django-axes lockout: document + IP, a Spanish page, the same status everywhere."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.area_clientes.utiles import ingresar
from tests.factories import CLAVE_PRUEBA, ClienteFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente_portal(entidad):
    return ClienteFactory(numero_documento="1020304050")


def _fallar(client, documento, veces, ip="10.0.0.1", **extra):
    return [ingresar(client, documento, "Adivinando.123", ip=ip, **extra).status_code for _ in range(veces)]


def test_it_locks_document_and_ip_after_the_limit(client, cliente_portal, settings):
    codigos = _fallar(client, "1020304050", settings.AXES_FAILURE_LIMIT)
    assert codigos == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # Even the right password is refused now, with the Spanish page.
    r = ingresar(client, "1020304050")
    html = r.content.decode()
    assert r.status_code == 429
    assert "Acceso bloqueado temporalmente" in html
    assert "Espere 15 minutos" in html
    assert "¿Olvidó su contraseña?" in html
    assert "_auth_user_id" not in client.session


def test_the_lock_counts_the_normalised_document(client, cliente_portal, settings):
    formas = ["1020304050", "1.020.304.050", "1020 304 050", "1020-304-050", "1.020.304.050 "]
    codigos = [ingresar(client, f, "mala").status_code for f in formas[: settings.AXES_FAILURE_LIMIT]]
    assert codigos[-1] == 429


def test_it_unlocks_after_the_cool_off(client, cliente_portal, settings):
    _fallar(client, "1020304050", settings.AXES_FAILURE_LIMIT)
    assert ingresar(client, "1020304050").status_code == 429
    # Move the attempts back in time past the cool-off.
    for intento in AccessAttempt.objects.all():
        intento.attempt_time -= settings.AXES_COOLOFF_TIME
        intento.save(update_fields=["attempt_time"])
    r = ingresar(client, "1020304050")
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(cliente_portal.usuario.pk)


def test_x_forwarded_for_does_not_change_the_counted_ip(client, cliente_portal, settings):
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        ingresar(client, "1020304050", "mala", cabeceras={"HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"})
    r = ingresar(client, "1020304050", "mala", cabeceras={"HTTP_X_FORWARDED_FOR": "198.51.100.7"})
    assert r.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_changing_user_agent_or_coming_back_does_not_reset_the_count(client, cliente_portal, settings):
    limite = settings.AXES_FAILURE_LIMIT
    _fallar(client, "1020304050", limite - 2, cabeceras={"HTTP_USER_AGENT": "Firefox"})
    _fallar(client, "1020304050", 1, ip="10.0.0.2")  # another IP in between
    assert _fallar(client, "1020304050", 2, cabeceras={"HTTP_USER_AGENT": "Chrome"}) == [200, 429]


def test_a_stranger_cannot_lock_the_client_out_from_everywhere(cliente_portal, settings):
    extrano, dueno = Client(), Client()
    _fallar(extrano, "1020304050", settings.AXES_FAILURE_LIMIT + 3, ip="198.51.100.9")
    assert ingresar(extrano, "1020304050", ip="198.51.100.9").status_code == 429
    r = ingresar(dueno, "1020304050", ip="10.20.30.40")
    assert r.status_code == 302


def test_other_documents_from_the_same_ip_still_log_in(client, cliente_portal, settings):
    otro = ClienteFactory()
    _fallar(client, "1020304050", settings.AXES_FAILURE_LIMIT)
    assert ingresar(client, otro.numero_documento).status_code == 302


def test_staff_login_still_works_and_is_protected(entidad, settings):
    StaffFactory(username="laura")
    c = Client()
    r = c.post("/gestion/ingresar/", {"username": "laura", "password": CLAVE_PRUEBA}, REMOTE_ADDR="10.0.0.5")
    assert r.status_code == 302
    assert r.url == "/gestion/"
    assert c.get("/gestion/").status_code == 200

    atacante = Client()
    codigos = [
        atacante.post(
            "/gestion/ingresar/", {"username": "laura", "password": "x"}, REMOTE_ADDR="10.0.0.6"
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codigos[-1] == 429
    r = atacante.post(
        "/gestion/ingresar/", {"username": "laura", "password": CLAVE_PRUEBA}, REMOTE_ADDR="10.0.0.6"
    )
    assert r.status_code == 429
    html = r.content.decode()
    assert "Acceso bloqueado temporalmente" in html
    assert "/gestion/ingresar/" in html
    assert "¿Olvidó su contraseña?" not in html


def test_admin_login_is_protected_with_the_same_status(entidad, settings):
    StaffFactory(username="raiz", is_superuser=True)
    c = Client()
    codigos = [
        c.post("/admin/login/", {"username": "raiz", "password": "x"}, REMOTE_ADDR="10.0.0.7").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codigos[-1] == 429
