"""Staff edits a tercero; the portal login follows the document number and email."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from nucleo.models import EventoAuditoria
from tests.factories import ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db


def _datos(tercero, **cambios):
    datos = {k: v for k, v in model_to_dict(tercero).items() if v is not None and k not in ("usuario", "id")}
    for booleano in ("es_inquilino", "es_propietario"):
        if not datos.pop(booleano, False):
            continue
        datos[booleano] = "on"
    datos.update(cambios)
    return {k: v for k, v in datos.items() if v is not False}


def test_it_saves_the_new_phone_and_audits_the_fields(staff_client, staff):
    tercero = TerceroFactory(telefono="111")
    r = staff_client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]), _datos(tercero, telefono="604 555 0000")
    )
    assert r.status_code == 302
    tercero.refresh_from_db()
    assert tercero.telefono == "604 555 0000"
    evento = EventoAuditoria.objects.get(accion="tercero.actualizado")
    assert evento.datos["cambios"] == {"telefono": ["111", "604 555 0000"]}
    assert evento.actor == staff
    assert "604 555 0000" in staff_client.get(r["Location"]).content.decode()


def test_it_writes_nothing_when_nothing_changed(staff_client):
    tercero = TerceroFactory()
    staff_client.post(reverse("gestion:tercero_editar", args=[tercero.pk]), _datos(tercero))
    assert not EventoAuditoria.objects.filter(accion="tercero.actualizado").exists()


def test_the_portal_username_follows_the_document_number(staff_client):
    cliente = ClienteFactory(numero_documento="1020304050", email="viejo@correo.test")
    staff_client.post(
        reverse("gestion:tercero_editar", args=[cliente.pk]),
        _datos(cliente, numero_documento="1020304051", email="nuevo@correo.test"),
    )
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.username == "1020304051"
    assert cliente.usuario.email == "nuevo@correo.test"


def test_it_keeps_everything_typed_when_a_field_is_wrong(staff_client):
    tercero = TerceroFactory(numero_documento="12345678", celular="300")
    r = staff_client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        _datos(tercero, numero_documento="12AB", celular="311 999 8888", direccion="Nueva dirección 1"),
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "La cédula debe tener entre 3 y 10 dígitos" in html
    assert 'value="311 999 8888"' in html
    assert 'value="Nueva dirección 1"' in html
    tercero.refresh_from_db()
    assert tercero.celular == "300"


def test_an_unknown_tercero_is_404(staff_client):
    assert staff_client.get(reverse("gestion:tercero_editar", args=[999999])).status_code == 404
    assert staff_client.get(reverse("gestion:tercero_detalle", args=[999999])).status_code == 404


def test_the_detail_lists_properties_and_contracts_in_every_role(staff_client):
    from tests.factories import ContratoFactory, PropiedadFactory

    tercero = TerceroFactory(es_propietario=True)
    propia = PropiedadFactory(propietarios=[tercero], codigo="P-PROPIA")
    ContratoFactory(inquilino=tercero, numero="CT-INQ")
    otro = ContratoFactory(numero="CT-COD")
    otro.codeudores.add(tercero)
    html = staff_client.get(reverse("gestion:tercero_detalle", args=[tercero.pk])).content.decode()
    assert propia.codigo in html
    assert "CT-INQ" in html
    assert "CT-COD" in html
    assert "Codeudor" in html
