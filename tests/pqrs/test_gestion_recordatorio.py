"""The daily beat task: each assignee gets one email with their PQRS due today and overdue."""

import email
import email.policy
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from pqrs.models import EstadoPqrs
from pqrs.services import pqrs_asignar
from pqrs.tasks import pqrs_recordar_vencimientos
from tests.pqrs.gestion import con_vencimiento, staff

BOGOTA = ZoneInfo("America/Bogota")


def _texto(mensaje: dict) -> tuple[str, str]:
    correo = email.message_from_bytes(mensaje["data"].encode("utf-8"), policy=email.policy.default)
    return str(correo["Subject"]), correo.get_body(preferencelist=("plain",)).get_content()


def test_it_is_scheduled_every_day():
    tarea = next(
        t for t in settings.CELERY_BEAT_SCHEDULE.values() if t["task"] == pqrs_recordar_vencimientos.name
    )
    assert tarea["schedule"].hour == {7}
    assert tarea["schedule"].minute == {0}


@pytest.mark.usefixtures("celery_en_linea")
def test_each_assignee_gets_their_due_and_overdue_pqrs_by_email(smtp_sink, radicar, agencia):
    marta = staff(first_name="Marta", email="marta@agencia.test")
    luis = staff(first_name="Luis", email="luis@agencia.test")
    sin_correo = staff(email="")
    retirada = staff(email="retirada@agencia.test")
    with time_machine.travel(datetime(2026, 4, 10, 9, 0, tzinfo=BOGOTA), tick=False):

        def caso(usuario, vence, **kwargs):
            return con_vencimiento(
                pqrs_asignar(pqrs=radicar(), usuario=usuario, actor=marta), vence, **kwargs
            )

        hoy = caso(marta, date(2026, 4, 15))
        vencida = caso(marta, date(2026, 4, 13))
        manana = caso(marta, date(2026, 4, 16))
        esperando = caso(marta, date(2026, 4, 13), estado=EstadoPqrs.ESPERANDO_CLIENTE)
        respondida = caso(marta, date(2026, 4, 13), estado=EstadoPqrs.RESPONDIDA)
        de_luis = caso(luis, date(2026, 4, 14))
        caso(sin_correo, date(2026, 4, 14))
        caso(retirada, date(2026, 4, 14))
    retirada.is_active = False
    retirada.save()

    # 07:00 in Bogotá is 12:00 UTC: the day is Colombia's.
    with time_machine.travel(datetime(2026, 4, 15, 7, 0, tzinfo=BOGOTA), tick=False):
        resultado = pqrs_recordar_vencimientos.delay().get()

    assert resultado == {"enviados": 2, "fallidos": 0, "sin_correo": 1}
    assert sorted(r for m in smtp_sink.mensajes for r in m["rcpt"]) == [
        "luis@agencia.test",
        "marta@agencia.test",
    ]
    asunto, cuerpo = _texto(smtp_sink.para("marta@agencia.test")[0])
    assert asunto == "2 PQRS por responder hoy"
    assert hoy.radicado in cuerpo
    assert vencida.radicado in cuerpo
    assert "venció el 13/04/2026" in cuerpo
    for fuera in (manana, esperando, respondida, de_luis):
        assert fuera.radicado not in cuerpo
    assert f"/gestion/pqrs/{hoy.pk}/" in cuerpo
    _asunto, cuerpo_luis = _texto(smtp_sink.para("luis@agencia.test")[0])
    assert de_luis.radicado in cuerpo_luis
    assert hoy.radicado not in cuerpo_luis


@pytest.mark.usefixtures("celery_en_linea")
def test_a_refused_address_does_not_stop_the_others(smtp_sink, radicar, agencia):
    uno = staff(email="rechazado@agencia.test")
    otro = staff(email="bien@agencia.test")
    smtp_sink.rechazar.add("rechazado@agencia.test")
    with time_machine.travel(datetime(2026, 4, 15, 7, 0, tzinfo=BOGOTA), tick=False):
        for usuario in (uno, otro):
            con_vencimiento(pqrs_asignar(pqrs=radicar(), usuario=usuario, actor=usuario), date(2026, 4, 14))
        resultado = pqrs_recordar_vencimientos.delay().get()
    assert resultado == {"enviados": 1, "fallidos": 1, "sin_correo": 0}
    assert smtp_sink.para("bien@agencia.test")


@pytest.mark.usefixtures("celery_en_linea")
def test_nothing_due_sends_nothing(smtp_sink, radicar, agencia):
    with time_machine.travel(datetime(2026, 4, 15, 7, 0, tzinfo=BOGOTA), tick=False):
        con_vencimiento(pqrs_asignar(pqrs=radicar(), usuario=staff(), actor=None), date(2026, 4, 20))
        assert pqrs_recordar_vencimientos.delay().get() == {"enviados": 0, "fallidos": 0, "sin_correo": 0}
    assert smtp_sink.mensajes == []
