"""Habeas-data consent (Ley 1581): asked at first login, recorded with its time."""

import pytest
from django.utils import timezone

from nucleo.models import EventoAuditoria
from tests.area_clientes.utiles import ingresar
from tests.factories import ClienteFactory

pytestmark = pytest.mark.django_db
URL = "/customerarea/autorizacion-datos/"


@pytest.fixture
def sin_autorizacion(entidad):
    return ClienteFactory(habeas_data_aceptado_en=None)


def test_it_is_asked_at_first_login(client, sin_autorizacion):
    r = ingresar(client, sin_autorizacion.numero_documento)
    r = client.get(r.url)
    assert r.status_code == 302
    assert r.url == f"{URL}?next=%2Fcustomerarea%2F"
    html = client.get(r.url).content.decode()
    assert "Ley 1581 de 2012" in html
    assert "Inmobiliaria Prueba S.A.S." in html
    assert 'name="acepto"' in html


def test_it_blocks_other_pages_until_given(client, sin_autorizacion):
    client.force_login(sin_autorizacion.usuario)
    r = client.get("/customerarea/perfil/")
    assert r.status_code == 302
    assert r.url.startswith(URL)


def test_it_requires_the_checkbox(client, sin_autorizacion):
    client.force_login(sin_autorizacion.usuario)
    r = client.post(URL, {})
    assert r.status_code == 200
    assert "Para continuar marque la casilla de autorización." in r.content.decode()
    sin_autorizacion.refresh_from_db()
    assert sin_autorizacion.habeas_data_aceptado_en is None


def test_behind_the_proxy_the_consent_records_the_clients_address(client, sin_autorizacion, settings):
    # Behind nginx REMOTE_ADDR is the proxy's: the record of who consented must name the client.
    settings.PROXIES_CONFIABLES = 1
    client.force_login(sin_autorizacion.usuario)
    r = client.post(
        URL, {"acepto": "on"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    assert r.status_code == 302
    evento = EventoAuditoria.objects.get(accion="portal.habeas_data_aceptado")
    assert evento.datos["ip"] == "203.0.113.5"


def test_it_records_the_consent_with_its_time(client, sin_autorizacion):
    client.force_login(sin_autorizacion.usuario)
    antes = timezone.now()
    r = client.post(URL, {"acepto": "on", "next": "/customerarea/perfil/"}, REMOTE_ADDR="10.2.3.4")
    assert r.status_code == 302
    assert r.url == "/customerarea/perfil/"
    sin_autorizacion.refresh_from_db()
    assert antes <= sin_autorizacion.habeas_data_aceptado_en <= timezone.now()
    evento = EventoAuditoria.objects.get(accion="portal.habeas_data_aceptado")
    assert evento.actor == sin_autorizacion.usuario
    assert evento.objeto_id == str(sin_autorizacion.pk)
    assert evento.datos["ip"] == "10.2.3.4"
    assert client.get("/customerarea/perfil/").status_code == 200
    assert (
        "Usted autorizó el tratamiento de sus datos" in client.get("/customerarea/perfil/").content.decode()
    )


def test_it_is_recorded_once(cliente_client, cliente):
    fecha = cliente.habeas_data_aceptado_en
    r = cliente_client.post(URL, {"acepto": "on"})
    assert r.status_code == 302
    cliente.refresh_from_db()
    assert cliente.habeas_data_aceptado_en == fecha
    assert not EventoAuditoria.objects.filter(accion="portal.habeas_data_aceptado").exists()


def test_it_ignores_an_external_next(client, sin_autorizacion):
    client.force_login(sin_autorizacion.usuario)
    r = client.post(URL, {"acepto": "on", "next": "https://malo.example/"})
    assert r.url == "/customerarea/"
