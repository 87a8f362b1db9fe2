"""Habeas data in the portal: download what the agency holds (JSON, PDF); requests filed as PQRS."""

import json
import re
from datetime import date

import pytest
import time_machine

from nucleo.models import Accion, EventoAuditoria
from pqrs.models import Pqrs
from pqrs.plazos import TipoLegal
from tests.factories import ContratoFactory

from .conftest import bogota

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(client, inquilino):
    client.force_login(inquilino.usuario)
    return client


def test_the_profile_links_mis_datos(portal):
    assert 'href="/customerarea/perfil/mis-datos/"' in portal.get("/customerarea/perfil/").content.decode()


def test_json_holds_everything_about_me_and_nothing_of_others(portal, inquilino, otro_cliente, radicar):
    contrato = ContratoFactory(inquilino=inquilino)
    radicar()
    radicar(tercero=otro_cliente, descripcion="Secreto del vecino")
    ContratoFactory(inquilino=otro_cliente, numero="CT-AJENO")
    respuesta = portal.get("/customerarea/perfil/mis-datos.json")
    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"].startswith("attachment;")
    datos = json.loads(respuesta.content)
    assert datos["titular"]["numero_documento"] == inquilino.numero_documento
    assert datos["titular"]["email"] == inquilino.email
    assert [c["numero"] for c in datos["contratos"]] == [contrato.numero]
    assert len(datos["pqrs"]) == 1
    assert datos["pqrs"][0]["mensajes"][0]["texto"].startswith("El calentador")
    assert datos["autorizacion_tratamiento"]["aceptada_en"]
    for clave in ("propiedades", "facturas", "pagos", "egresos", "auditoria"):
        assert clave in datos
    assert "Secreto del vecino" not in respuesta.content.decode()
    assert "CT-AJENO" not in respuesta.content.decode()
    assert EventoAuditoria.objects.filter(
        accion=Accion.PORTAL_DATOS_DESCARGADOS, objeto_id=str(inquilino.pk)
    ).exists()


def test_pdf_is_a_readable_document(portal, inquilino):
    respuesta = portal.get("/customerarea/perfil/mis-datos.pdf")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("tipo", "legal", "dias"),
    [
        ("consulta", TipoLegal.DATOS_CONSULTA, 10),
        ("rectificacion", TipoLegal.DATOS_RECLAMO, 15),
        ("actualizacion", TipoLegal.DATOS_RECLAMO, 15),
        ("supresion", TipoLegal.DATOS_RECLAMO, 15),
        ("revocatoria", TipoLegal.DATOS_RECLAMO, 15),
    ],
)
@time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False)
def test_each_request_is_filed_as_a_pqrs_with_ley_1581s_term(portal, tipo, legal, dias):
    pagina = portal.get("/customerarea/perfil/mis-datos/")
    clave = re.search(r'name="clave_idempotencia" value="([^"]+)"', pagina.content.decode())[1]
    datos = {"tipo": tipo, "detalle": "Mi celular correcto es 310 555 0000", "clave_idempotencia": clave}
    respuesta = portal.post("/customerarea/perfil/mis-datos/solicitud/", datos)
    portal.post("/customerarea/perfil/mis-datos/solicitud/", datos)  # a double click
    pqrs = Pqrs.objects.get()
    assert respuesta.url == f"/customerarea/pqrs/{pqrs.pk}/"
    assert (pqrs.tipo_legal, pqrs.termino_dias) == (legal, dias)
    assert pqrs.fecha_limite == {10: date(2026, 4, 8), 15: date(2026, 4, 15)}[dias]
    assert "310 555 0000" in pqrs.descripcion
    assert pqrs.radicado in portal.get("/customerarea/perfil/mis-datos/").content.decode()


def test_a_request_without_detail_is_refused_in_spanish(portal):
    respuesta = portal.post("/customerarea/perfil/mis-datos/solicitud/", {"tipo": "supresion", "detalle": ""})
    assert respuesta.status_code == 200
    assert "Describa su solicitud." in respuesta.content.decode()
    assert not Pqrs.objects.exists()
    assert portal.get("/customerarea/perfil/mis-datos/solicitud/").status_code == 405
