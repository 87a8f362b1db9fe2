"""Registrar PQRS (/gestion/pqrs/nueva/): requests that came by phone, email or in person."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nucleo.models import Accion, EventoAuditoria
from pqrs.models import Canal, Pqrs
from tests.factories import ContratoFactory, PropiedadFactory
from tests.pqrs.conftest import pdf
from tests.pqrs.gestion import navegador, staff

BOGOTA = ZoneInfo("America/Bogota")
URL = "/gestion/pqrs/nueva/"


@pytest.fixture
def personal(db, agencia):
    return staff()


@pytest.fixture
def dia():
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=BOGOTA), tick=False) as viaje:
        yield viaje


def _datos(inquilino, **cambios):
    datos = {
        "tercero": inquilino.pk,
        "canal": Canal.TELEFONO,
        "recibida_en": "2026-03-20T16:45",
        "clasificacion": "peticion",
        "tipo_legal": "",
        "asunto": "reparaciones",
        "descripcion": "Llamó para reportar una gotera en la cocina.",
        "clave_idempotencia": "6f1c2b9e-8a4d-4f5e-9c3b-2d1e0f9a8b7c",
    }
    datos.update(cambios)
    return datos


def test_step_one_is_the_tercero_picker_and_step_two_the_form(dia, personal, inquilino):
    c = navegador(personal)
    html = c.get(URL).content.decode()
    assert "data-selector-terceros" in html
    assert 'name="descripcion"' not in html
    html = c.get(URL, {"tercero": inquilino.pk}).content.decode()
    assert 'name="recibida_en"' in html
    assert 'name="tipo_legal"' in html
    assert inquilino.nombre_completo in html


def test_it_files_a_phone_request_with_the_clock_from_its_reception_date(dia, personal, inquilino):
    r = navegador(personal).post(URL, _datos(inquilino, adjuntos=[pdf("nota.pdf")]))
    assert r.status_code == 302
    pqrs = Pqrs.objects.get()
    assert r["Location"] == f"/gestion/pqrs/{pqrs.pk}/"
    # Received Fri 20/03/2026 (the worked example): 15 business days → 15/04/2026.
    assert pqrs.fecha_limite == date(2026, 4, 15)
    assert pqrs.canal == Canal.TELEFONO
    assert pqrs.creada_por == personal
    assert pqrs.recibida_en == datetime(2026, 3, 20, 16, 45, tzinfo=BOGOTA)
    assert pqrs.mensajes.get().adjuntos.get().nombre_original == "nota.pdf"
    assert EventoAuditoria.objects.filter(
        accion=Accion.PQRS_RADICAR, actor=personal, objeto_id=str(pqrs.pk)
    ).exists()


def test_a_legal_subtype_sets_its_own_term(dia, personal, inquilino):
    r = navegador(personal).post(URL, _datos(inquilino, tipo_legal="peticion_documentos"))
    assert r.status_code == 302
    assert Pqrs.objects.get().fecha_limite == date(2026, 4, 8)  # 10 business days


def test_a_subtype_of_another_clasificacion_is_refused(dia, personal, inquilino):
    r = navegador(personal).post(URL, _datos(inquilino, clasificacion="queja", tipo_legal="consulta"))
    assert r.status_code == 400
    assert "Ese tipo legal no corresponde a una queja" in r.content.decode()
    assert not Pqrs.objects.exists()


def test_a_future_reception_date_is_refused_and_the_text_kept(dia, personal, inquilino):
    r = navegador(personal).post(URL, _datos(inquilino, recibida_en="2026-04-15T10:30"))
    assert r.status_code == 400
    html = r.content.decode()
    assert "La fecha de recepción no puede ser futura." in html
    assert "Llamó para reportar una gotera en la cocina.</textarea>" in html
    assert not Pqrs.objects.exists()


@pytest.mark.parametrize(
    ("valor", "mensaje"),
    [
        ("2025-03-01T09:00", "La fecha de recepción es de hace más de un año: revise el año."),
        ("ayer", "Escriba la fecha y hora de recepción"),
        ("", "Este campo es obligatorio."),
    ],
)
def test_bad_reception_dates_are_explained(dia, personal, inquilino, valor, mensaje):
    r = navegador(personal).post(URL, _datos(inquilino, recibida_en=valor))
    assert r.status_code == 400
    assert mensaje in r.content.decode()


def test_only_the_clients_own_property_or_contract_is_accepted(dia, personal, inquilino):
    ajena = PropiedadFactory()
    r = navegador(personal).post(URL, _datos(inquilino, propiedad=ajena.pk))
    assert r.status_code == 400
    assert "Elija una propiedad de este cliente o ninguna." in r.content.decode()
    suyo = ContratoFactory(inquilino=inquilino)
    r = navegador(personal).post(URL, _datos(inquilino, contrato=suyo.pk))
    assert r.status_code == 302
    assert Pqrs.objects.get().propiedad == suyo.propiedad


def test_a_double_submit_files_one_pqrs(dia, personal, inquilino):
    c = navegador(personal)
    primero = c.post(URL, _datos(inquilino))
    segundo = c.post(URL, _datos(inquilino))
    assert Pqrs.objects.count() == 1
    assert primero["Location"] == segundo["Location"]


def test_the_portal_channel_is_not_offered_and_clients_cannot_register(dia, personal, inquilino):
    r = navegador(personal).post(URL, _datos(inquilino, canal="portal"))
    assert r.status_code == 400
    assert not Pqrs.objects.exists()
    assert navegador(inquilino.usuario).get(URL).status_code == 403
    assert navegador(inquilino.usuario).post(URL, _datos(inquilino)).status_code == 403
