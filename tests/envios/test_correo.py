"""Configuración de Correo: the configured server, and a test email to the staff user's own address."""

import pytest
from django.urls import reverse

from nucleo.models import EventoAuditoria
from tests.envios.ayudas import asunto, texto
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PAGINA = reverse("envios:correo")
PRUEBA = reverse("envios:correo_prueba")


def test_it_shows_the_smtp_server_but_never_its_password(staff_client, entidad, smtp_sink, settings):
    settings.EMAIL_HOST_USER = "avisos@inmobiliaria.test"
    settings.EMAIL_HOST_PASSWORD = "clave-del-proveedor"
    html = staff_client.get(PAGINA).content.decode()
    assert "Servidor SMTP" in html
    assert f"127.0.0.1:{smtp_sink.port}" in html
    assert "avisos@inmobiliaria.test" in html
    assert "clave-del-proveedor" not in html
    assert (
        'aria-current="page"><i class="bi bi-caret-right-fill me-1" aria-hidden="true"></i>Configuración de Correo'
        in html
    )


def test_it_sends_the_test_email_to_the_staff_users_address(client, entidad, smtp_sink):
    staff = StaffFactory(email="ana.gestora@inmobiliaria.test", first_name="Ana")
    client.force_login(staff)

    r = client.post(PRUEBA, follow=True)

    assert r.redirect_chain == [(PAGINA, 302)]
    assert "aceptó el correo de prueba para ana.gestora@inmobiliaria.test" in r.content.decode()
    [mensaje] = smtp_sink.para("ana.gestora@inmobiliaria.test")
    assert asunto(mensaje).strip() == f"Correo de prueba del Área de Clientes de {entidad.nombre}"
    assert "Hola, Ana" in texto(mensaje)
    assert EventoAuditoria.objects.filter(accion="correo.prueba", actor=staff).count() == 1


def test_a_refused_address_is_a_spanish_error_not_a_500(client, entidad, smtp_sink):
    staff = StaffFactory(email="rebota@inmobiliaria.test")
    smtp_sink.rechazar.add("rebota@inmobiliaria.test")
    client.force_login(staff)

    html = client.post(PRUEBA, follow=True).content.decode()

    assert "rechazó la dirección rebota@inmobiliaria.test (550" in html
    assert smtp_sink.mensajes == []
    assert not EventoAuditoria.objects.filter(accion="correo.prueba").exists()


def test_a_server_that_is_down_is_a_spanish_error(client, entidad, smtp_sink, settings):
    settings.EMAIL_PORT = smtp_sink.port + 1 if smtp_sink.port < 65535 else 1  # nothing listens there
    client.force_login(StaffFactory())
    html = client.post(PRUEBA, follow=True).content.decode()
    assert "No se pudo entregar el correo de prueba al servidor" in html


def test_a_staff_user_without_email_is_told_so(client, entidad, smtp_sink):
    client.force_login(StaffFactory(email=""))
    html = client.post(PRUEBA, follow=True).content.decode()
    assert "no tiene correo electrónico registrado" in html
    assert smtp_sink.mensajes == []


def test_the_test_is_a_post(staff_client, entidad):
    assert staff_client.get(PRUEBA).status_code == 405
