"""/admin/ (DESIGN §4): real pages for superusers, read-only records, nobody else gets in."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory

from envios.models import AlcanceEnvio
from envios.services import envios_generar
from nucleo.auditoria import Accion, auditoria_registrar
from nucleo.permisos import GRUPO_AUXILIAR
from terceros.models import ClaseTercero
from tests.area_clientes.finanzas_datos import crear_mundo
from tests.factories import EntidadFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/terceros/tercero/"


@pytest.fixture
def mundo():
    EntidadFactory()
    m = crear_mundo()
    # The world's clients already log in: reach them too, so the sends list has rows.
    envios_generar(actor=None, clase=ClaseTercero.AMBOS, alcance=AlcanceEnvio.TODOS)
    auditoria_registrar(
        actor=None, accion=Accion.TERCERO_ACTUALIZADO, objeto=m.inquilino, mensaje="desde el admin"
    )
    return m


@pytest.fixture
def raiz(client):
    usuario = StaffFactory(is_superuser=True)
    client.force_login(usuario)
    return usuario


def test_a_superuser_finds_a_tercero_on_the_changelist(client, mundo, raiz):
    r = client.get(CHANGELIST, {"q": mundo.inquilino.numero_documento})
    assert r.status_code == 200
    assert list(r.context["cl"].result_list) == [mundo.inquilino]


def test_every_registered_model_lists_and_opens_its_records(client, mundo, raiz):
    peticion = RequestFactory().get("/admin/")
    peticion.user = raiz
    modelos = [m for app in admin.site.get_app_list(peticion) for m in app["models"]]
    esperados = {
        "Usuario", "Entidad", "Tercero", "Propiedad", "Contrato", "EventoAuditoria", "ResolucionFacturacion",
        "Factura", "Pago", "Egreso", "SolicitudEnvio", "EnvioContrasena",
    }  # fmt: skip
    assert esperados <= {m["object_name"] for m in modelos}
    for modelo in modelos:
        r = client.get(modelo["admin_url"])
        assert r.status_code == 200, modelo["object_name"]
        filas = list(r.context["cl"].result_list)
        assert filas or modelo["object_name"] not in esperados, modelo["object_name"]
        if filas:  # the change page renders every field of a real row
            r = client.get(f"{modelo['admin_url']}{filas[0].pk}/change/")
            assert r.status_code == 200, modelo["object_name"]


def test_records_kept_by_services_are_read_only(client, mundo, raiz):
    for url in [
        "/admin/facturacion/factura/add/",
        "/admin/pagos/pago/add/",
        "/admin/nucleo/eventoauditoria/add/",
    ]:
        assert client.get(url).status_code == 403, url
    factura = f"/admin/facturacion/factura/{mundo.octubre.pk}/change/"
    assert client.post(factura, {"total": "1"}).status_code == 403
    assert (
        client.post(f"/admin/facturacion/factura/{mundo.octubre.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    mundo.octubre.refresh_from_db()
    assert mundo.octubre.total == mundo.noviembre.total


def test_an_auxiliar_without_permissions_is_refused(client, mundo):
    auxiliar = StaffFactory()
    auxiliar.groups.add(Group.objects.get(name=GRUPO_AUXILIAR))
    client.force_login(auxiliar)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(f"/admin/terceros/tercero/{mundo.inquilino.pk}/change/").status_code == 403


def test_a_client_account_is_sent_to_the_admin_login(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    r = client.get(CHANGELIST)
    assert r.status_code == 302
    assert r["Location"] == f"/admin/login/?next={CHANGELIST}"
