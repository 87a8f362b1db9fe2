"""The state machine and its clock as stored: filing, assign, answer, note, extension, waiting, close."""

from datetime import date

import pytest
import time_machine

from nucleo.models import Accion, EventoAuditoria
from pqrs.models import Clasificacion, ConfiguracionPqrs, EstadoPqrs, Pqrs, TipoMensaje
from pqrs.plazos import TipoLegal
from pqrs.services import (
    PqrsError,
    pqrs_asignar,
    pqrs_cerrar,
    pqrs_cliente_responder,
    pqrs_nota,
    pqrs_prorrogar,
    pqrs_radicar,
    pqrs_responder,
    pqrs_solicitar_informacion,
    pqrs_tramitar,
)
from tests.factories import ContratoFactory, PropiedadFactory, StaffFactory

from .conftest import bogota, pdf

pytestmark = pytest.mark.django_db


def _acciones(pqrs) -> list[str]:
    return list(
        EventoAuditoria.objects.filter(objeto_tipo="pqrs.pqrs", objeto_id=str(pqrs.pk))
        .order_by("pk")
        .values_list("accion", flat=True)
    )


@time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False)
def test_filing_sets_radicado_term_and_the_worked_example_due_date(radicar):
    pqrs = radicar()
    assert pqrs.radicado == "PQRS-2026-000001"
    assert (pqrs.tipo_legal, pqrs.termino_dias) == (TipoLegal.PETICION, 15)
    # Issue 11's worked example: received Fri 2026-03-20 → 15 business days: 2026-04-15.
    assert pqrs.fecha_limite == pqrs.fecha_limite_inicial == date(2026, 4, 15)
    assert pqrs.estado == EstadoPqrs.PENDIENTE
    assert [m.tipo for m in pqrs.mensajes.all()] == [TipoMensaje.CLIENTE]
    assert _acciones(pqrs) == [Accion.PQRS_RADICAR]
    assert radicar().radicado == "PQRS-2026-000002"


@time_machine.travel(bogota(2026, 12, 18, 16, 0), tick=False)
def test_december_filing_crosses_the_year_end_holidays(radicar):
    # Worked example: received Fri 2026-12-18 → 15 days: 2027-01-13 (25 Dec, 1 and 11 Jan are holidays).
    assert radicar(clasificacion=Clasificacion.QUEJA).fecha_limite == date(2027, 1, 13)


@time_machine.travel(bogota(2027, 1, 2, 9, 0), tick=False)
def test_the_radicado_counter_starts_again_each_year(radicar):
    assert radicar().radicado == "PQRS-2027-000001"


@time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False)
def test_documents_petition_and_habeas_data_types_get_their_own_terms(radicar):
    assert radicar(tipo_legal=TipoLegal.PETICION_DOCUMENTOS).fecha_limite == date(2026, 4, 8)
    datos = radicar(clasificacion=Clasificacion.RECLAMO, tipo_legal=TipoLegal.DATOS_CONSULTA)
    assert (datos.termino_dias, datos.fecha_limite) == (10, date(2026, 4, 8))


@time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False)
def test_sugerencias_take_the_agency_setting_frozen_at_filing(radicar):
    ConfiguracionPqrs.objects.update_or_create(pk=1, defaults={"dias_sugerencia": 5})
    sugerencia = radicar(clasificacion=Clasificacion.SUGERENCIA)
    # Mon 23 Mar is San José (moved): Tue 24 … Mon 30 are the five days.
    assert (sugerencia.termino_dias, sugerencia.fecha_limite) == (5, date(2026, 3, 30))
    ConfiguracionPqrs.objects.filter(pk=1).update(dias_sugerencia=30)
    staff = StaffFactory()
    prorrogada = pqrs_prorrogar(pqrs=sugerencia, motivo="Revisión con el comité", actor=staff)
    # +5 business days (double the 5, not the new 30): Holy Thursday and Good Friday skipped.
    assert prorrogada.fecha_limite == date(2026, 4, 8)


@time_machine.travel(bogota(2026, 3, 21, 11, 0), tick=False)
def test_saturday_setting_counts_saturdays_and_a_saturday_filing_is_received_that_day(radicar):
    ConfiguracionPqrs.objects.update_or_create(pk=1, defaults={"sabado_habil": True})
    pqrs = radicar()
    assert pqrs.sabado_habil is True
    assert pqrs.fecha_recepcion == date(2026, 3, 21)
    # From Mon 23 (holiday, San José) the count runs Tue 24 … with Saturdays, Holy Thu/Fri off.
    assert pqrs.fecha_limite == date(2026, 4, 11)


@time_machine.travel(bogota(2026, 3, 21, 11, 0), tick=False)
def test_a_weekend_filing_counts_from_the_next_business_day(radicar):
    pqrs = radicar()
    assert pqrs.fecha_recepcion == date(2026, 3, 24)  # Sat → Mon 23 is a holiday → Tue 24
    assert pqrs.fecha_limite == date(2026, 4, 16)


def test_staff_registration_runs_the_clock_from_the_reception_date(radicar, inquilino):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 25, 9, 0), tick=False):
        pqrs = radicar(canal="telefono", recibida_en=bogota(2026, 3, 20, 17, 0), actor=staff)
    assert (pqrs.canal, pqrs.creada_por, pqrs.fecha_limite) == ("telefono", staff, date(2026, 4, 15))
    with time_machine.travel(bogota(2026, 3, 25, 9, 0), tick=False), pytest.raises(PqrsError):
        radicar(recibida_en=bogota(2026, 3, 26, 9, 0), actor=staff)


def test_property_and_contract_must_be_the_clients_own(radicar, inquilino, otro_cliente):
    propio = ContratoFactory(inquilino=inquilino)
    pqrs = radicar(contrato=propio)
    assert (pqrs.contrato, pqrs.propiedad) == (propio, propio.propiedad)
    ajeno = ContratoFactory(inquilino=otro_cliente)
    with pytest.raises(PqrsError, match="contrato"):
        radicar(contrato=ajeno)
    with pytest.raises(PqrsError, match="propiedad"):
        radicar(propiedad=ajeno.propiedad)
    duenio = PropiedadFactory(propietarios=[inquilino])
    assert radicar(propiedad=duenio).propiedad == duenio
    assert Pqrs.objects.count() == 2


def test_full_life_assign_answer_client_reply_close_each_audited(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar()
        pqrs = pqrs_asignar(pqrs=pqrs, usuario=staff, actor=staff)
        assert (pqrs.estado, pqrs.asignado_a) == (EstadoPqrs.EN_TRAMITE, staff)
        pqrs = pqrs_nota(pqrs=pqrs, texto="Llamar al técnico", actor=staff)
        pqrs = pqrs_responder(pqrs=pqrs, texto="El técnico va el lunes.", adjuntos=[pdf()], actor=staff)
        assert pqrs.estado == EstadoPqrs.RESPONDIDA
        assert pqrs.semaforo() is None
        pqrs_cliente_responder(pqrs=pqrs, texto="Gracias, ¿a qué hora?", actor=pqrs.tercero.usuario)
        pqrs.refresh_from_db()
        assert pqrs.estado == EstadoPqrs.EN_TRAMITE
        pqrs = pqrs_cerrar(pqrs=pqrs, actor=staff)
    assert pqrs.estado == EstadoPqrs.CERRADA
    assert pqrs.cerrada_en
    assert not pqrs.desistida
    assert [m.tipo for m in pqrs.mensajes.order_by("pk")] == ["cliente", "nota", "respuesta", "cliente"]
    assert pqrs.mensajes.get(tipo="respuesta").adjuntos.get().tipo == "application/pdf"
    assert _acciones(pqrs) == [
        Accion.PQRS_RADICAR,
        Accion.PQRS_ASIGNAR,
        Accion.PQRS_NOTA,
        Accion.PQRS_RESPONDER,
        Accion.PQRS_CLIENTE_RESPONDE,
        Accion.PQRS_CERRAR,
    ]
    with pytest.raises(PqrsError, match="cerrada"):
        pqrs_responder(pqrs=pqrs, texto="otra", actor=staff)
    with pytest.raises(PqrsError, match="cerrada"):
        pqrs_cliente_responder(pqrs=pqrs, texto="otra", actor=None)


def test_only_active_staff_can_be_assigned(radicar, inquilino):
    pqrs = radicar()
    with pytest.raises(PqrsError):
        pqrs_asignar(pqrs=pqrs, usuario=inquilino.usuario, actor=None)
    assert pqrs_tramitar(pqrs=pqrs, actor=None).estado == EstadoPqrs.EN_TRAMITE
    with pytest.raises(PqrsError):
        pqrs_tramitar(pqrs=pqrs, actor=None)


def test_waiting_for_the_client_stops_the_clock_and_their_answer_resumes_it(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar()  # due 2026-04-15
    pqrs = pqrs_solicitar_informacion(
        pqrs=pqrs, texto="Envíe una foto del calentador.", actor=staff, hoy=date(2026, 3, 25)
    )
    assert (pqrs.estado, pqrs.en_espera_desde) == (EstadoPqrs.ESPERANDO_CLIENTE, date(2026, 3, 25))
    # Stopped: seen from any later day, the days left are those of the day it stopped.
    assert pqrs.dias_restantes(date(2026, 4, 30)) == pqrs.dias_restantes(date(2026, 3, 25))
    with pytest.raises(PqrsError, match="suspendido"):
        pqrs_prorrogar(pqrs=pqrs, motivo="x", actor=staff, hoy=date(2026, 3, 26))
    pqrs_cliente_responder(
        pqrs=pqrs, texto="Adjunto la foto.", actor=pqrs.tercero.usuario, hoy=date(2026, 4, 6)
    )
    pqrs.refresh_from_db()
    # Tue 24 and Wed 25 counted; Thu 26 Mar … Mon 6 Apr stopped (Holy Week inside): the 13
    # business days left run from Tue 7 Apr.
    assert pqrs.pausas == [["2026-03-25", "2026-04-06"]]
    assert (pqrs.estado, pqrs.en_espera_desde) == (EstadoPqrs.PENDIENTE, None)
    assert pqrs.fecha_limite == date(2026, 4, 23)
    assert pqrs.fecha_limite_inicial == date(2026, 4, 15)


def test_desistimiento_only_after_the_clients_month(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar()
    with pytest.raises(PqrsError, match="espera"):
        pqrs_cerrar(pqrs=pqrs, actor=staff, desistida=True, hoy=date(2026, 6, 1))
    pqrs = pqrs_solicitar_informacion(
        pqrs=pqrs, texto="¿Qué apartamento?", actor=staff, hoy=date(2026, 3, 25)
    )
    with pytest.raises(PqrsError, match="27/04/2026"):
        # A month from 25 Mar is Sat 25 Apr → Mon 27 Apr; the day itself still belongs to the client.
        pqrs_cerrar(pqrs=pqrs, actor=staff, desistida=True, hoy=date(2026, 4, 27))
    pqrs = pqrs_cerrar(pqrs=pqrs, actor=staff, desistida=True, hoy=date(2026, 4, 28))
    assert (pqrs.estado, pqrs.desistida) == (EstadoPqrs.CERRADA, True)
    assert _acciones(pqrs)[-1] == Accion.PQRS_DESISTIR
    assert pqrs.mensajes.filter(tipo=TipoMensaje.SISTEMA).exists()


def test_one_extension_with_its_reason_capped_and_refused_after_expiry(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar()  # due 2026-04-15
    with pytest.raises(PqrsError, match="motivo"):
        pqrs_prorrogar(pqrs=pqrs, motivo="  ", actor=staff, hoy=date(2026, 4, 10))
    with pytest.raises(PqrsError, match="1 a 15"):
        pqrs_prorrogar(pqrs=pqrs, motivo="Peritaje", dias=16, actor=staff, hoy=date(2026, 4, 10))
    with pytest.raises(PqrsError, match="venció"):
        pqrs_prorrogar(pqrs=pqrs, motivo="Peritaje", actor=staff, hoy=date(2026, 4, 16))
    pqrs = pqrs_prorrogar(pqrs=pqrs, motivo="Peritaje del calentador", actor=staff, hoy=date(2026, 4, 15))
    # Double the term: 30 business days from receipt (Holy Week and 1 May are holidays).
    assert (pqrs.prorrogada, pqrs.prorroga_dias, pqrs.fecha_limite) == (True, 15, date(2026, 5, 7))
    assert pqrs.fecha_limite_prorroga == pqrs.fecha_limite
    assert pqrs.fecha_limite_inicial == date(2026, 4, 15)
    assert pqrs.mensajes.filter(tipo=TipoMensaje.PRORROGA, texto__contains="Peritaje").exists()
    with pytest.raises(PqrsError, match="una sola"):
        pqrs_prorrogar(pqrs=pqrs, motivo="otra", actor=staff, hoy=date(2026, 4, 20))
    assert _acciones(pqrs) == [Accion.PQRS_RADICAR, Accion.PQRS_PRORROGAR]


def test_habeas_data_extension_is_the_fixed_days(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar(tipo_legal=TipoLegal.DATOS_RECLAMO)  # 15 days: 2026-04-15
    pqrs = pqrs_prorrogar(pqrs=pqrs, motivo="Verificación", actor=staff, hoy=date(2026, 4, 1))
    assert (pqrs.prorroga_dias, pqrs.fecha_limite) == (8, date(2026, 4, 27))


def test_extension_then_pause_keeps_the_extension(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar(tipo_legal=TipoLegal.DATOS_RECLAMO)
    pqrs = pqrs_prorrogar(pqrs=pqrs, motivo="Verificación", actor=staff, hoy=date(2026, 4, 1))
    pqrs = pqrs_solicitar_informacion(pqrs=pqrs, texto="¿Cuál dato?", actor=staff, hoy=date(2026, 4, 20))
    pqrs_cliente_responder(pqrs=pqrs, texto="El celular", actor=None, hoy=date(2026, 4, 22))
    pqrs.refresh_from_db()
    # Tue 21 and Wed 22 stopped: two business days later than 27 Apr.
    assert pqrs.fecha_limite == date(2026, 4, 29) == pqrs.fecha_limite_prorroga


def test_answering_while_waiting_closes_the_pause(radicar):
    staff = StaffFactory()
    with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
        pqrs = radicar()
        pqrs = pqrs_solicitar_informacion(pqrs=pqrs, texto="Dato", actor=staff)
        with pytest.raises(PqrsError):
            pqrs_solicitar_informacion(pqrs=pqrs, texto="Otro", actor=staff)
        pqrs = pqrs_responder(pqrs=pqrs, texto="Resuelto igual.", actor=staff)
    assert (pqrs.estado, pqrs.en_espera_desde, len(pqrs.pausas)) == (EstadoPqrs.RESPONDIDA, None, 1)


def test_an_empty_message_is_refused(radicar):
    pqrs = radicar()
    with pytest.raises(PqrsError):
        pqrs_responder(pqrs=pqrs, texto="   ", actor=StaffFactory())
    with pytest.raises(PqrsError):
        pqrs_radicar(
            tercero=pqrs.tercero, clasificacion="peticion", asunto="otros", descripcion=" ", actor=None
        )
