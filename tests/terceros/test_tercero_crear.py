"""Staff creates a tercero: document validated (NIT check digit), Spanish errors, nothing typed lost."""

import pytest
from django.urls import reverse

from nucleo.models import EventoAuditoria
from terceros.models import Tercero
from tests.factories import TerceroFactory

pytestmark = pytest.mark.django_db

URL = reverse("gestion:tercero_nuevo")


def _datos(**cambios):
    datos = {
        "tipo_documento": "CC",
        "numero_documento": "1.036.600.123",
        "nombres": "Sara",
        "apellidos": "Ospina Zapata",
        "razon_social": "",
        "codigo_cliente": "C-5000",
        "email": "sara@correo.test",
        "telefono": "(604) 123 4567",
        "celular": "300 111 2233",
        "direccion": "Cl. 10 # 20-30",
        "ciudad": "Medellín",
        "es_inquilino": "on",
    }
    datos.update(cambios)
    return datos


def test_it_creates_a_person_with_the_document_normalised(staff_client, staff):
    r = staff_client.post(URL, _datos())
    tercero = Tercero.objects.get()
    assert r.status_code == 302
    assert r["Location"] == reverse("gestion:tercero_detalle", args=[tercero.pk])
    assert tercero.numero_documento == "1036600123"
    assert tercero.es_inquilino
    assert not tercero.es_propietario
    evento = EventoAuditoria.objects.get(accion="tercero.creado")
    assert evento.actor == staff
    assert evento.objeto_id == str(tercero.pk)


def test_it_creates_a_company_with_a_valid_nit(staff_client):
    r = staff_client.post(
        URL,
        _datos(
            tipo_documento="NIT",
            numero_documento="900.123.456-8",
            nombres="",
            apellidos="",
            razon_social="Andes S.A.S.",
        ),
    )
    assert r.status_code == 302
    assert Tercero.objects.get().numero_documento == "9001234568"


def test_it_rejects_a_nit_with_a_wrong_check_digit_and_keeps_what_was_typed(staff_client):
    r = staff_client.post(
        URL,
        _datos(
            tipo_documento="NIT",
            numero_documento="900.123.456-7",
            nombres="",
            apellidos="",
            razon_social="Andes S.A.S.",
        ),
    )
    assert r.status_code == 200
    assert not Tercero.objects.exists()
    html = r.content.decode()
    assert "El dígito de verificación del NIT no es correcto" in html
    assert 'value="900.123.456-7"' in html
    assert 'value="Andes S.A.S."' in html
    assert 'value="sara@correo.test"' in html
    assert 'value="(604) 123 4567"' in html


def test_it_asks_for_a_name(staff_client):
    r = staff_client.post(URL, _datos(nombres="", razon_social=""))
    assert "Escriba los nombres del tercero." in r.content.decode()
    assert not Tercero.objects.exists()


def test_it_rejects_a_duplicate_document(staff_client):
    TerceroFactory(numero_documento="1036600123")
    r = staff_client.post(URL, _datos())
    assert "Ya existe un tercero con este número de documento." in r.content.decode()
    assert Tercero.objects.count() == 1


def test_it_rejects_a_bad_email_in_spanish(staff_client):
    r = staff_client.post(URL, _datos(email="sara@"))
    assert "Escriba un correo válido" in r.content.decode()
    assert 'value="sara@"' in r.content.decode()
