"""Configuraciones → PQRS: the agency's calendar for the legal clock, Administrador only, audited."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from nucleo.models import Accion, EventoAuditoria
from pqrs.selectors import configuracion_pqrs
from tests.pqrs.gestion import administrador, navegador, staff

BOGOTA = ZoneInfo("America/Bogota")
URL = "/gestion/configuraciones/pqrs/"


def test_an_administrador_saves_the_settings_and_the_change_is_audited(agencia):
    jefa = administrador()
    c = navegador(jefa)
    assert c.get("/gestion/configuraciones/").content.decode().count(URL) == 1
    r = c.post(URL, {"sabado_habil": "on", "dias_sugerencia": "20"})
    assert r.status_code == 302
    configuracion = configuracion_pqrs()
    assert configuracion.sabado_habil
    assert configuracion.dias_sugerencia == 20
    evento = EventoAuditoria.objects.get(accion=Accion.PQRS_CONFIGURAR)
    assert evento.actor == jefa
    assert evento.datos["cambios"] == {"sabado_habil": [False, True], "dias_sugerencia": [15, 20]}
    assert "sábados hábiles, 20 días hábiles para sugerencias" in c.get(URL).content.decode()


def test_saving_the_same_values_writes_no_audit_row(agencia):
    navegador(administrador()).post(URL, {"dias_sugerencia": "15"})
    assert not EventoAuditoria.objects.filter(accion=Accion.PQRS_CONFIGURAR).exists()


def test_out_of_range_days_are_refused_with_a_spanish_message(agencia):
    c = navegador(administrador())
    for valor in ("0", "91", "٣", "abc", ""):
        r = c.post(URL, {"dias_sugerencia": valor})
        assert r.status_code == 400, valor
        assert "días hábiles" in r.content.decode()
    assert configuracion_pqrs().dias_sugerencia == 15


def test_an_auxiliar_and_a_client_are_refused(agencia, inquilino):
    assert navegador(staff()).get(URL).status_code == 403
    assert navegador(staff()).post(URL, {"dias_sugerencia": "30"}).status_code == 403
    assert navegador(inquilino.usuario).get(URL).status_code == 403
    assert configuracion_pqrs().dias_sugerencia == 15


def test_saturdays_count_for_pqrs_filed_afterwards_only(agencia, radicar):
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=BOGOTA), tick=False):
        antes = radicar(clasificacion="sugerencia")
        navegador(administrador()).post(URL, {"sabado_habil": "on", "dias_sugerencia": "15"})
        despues = radicar(clasificacion="sugerencia")
    antes.refresh_from_db()
    assert antes.fecha_limite == date(2026, 5, 7)
    assert not antes.sabado_habil
    assert despues.sabado_habil
    assert despues.fecha_limite < antes.fecha_limite
