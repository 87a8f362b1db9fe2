"""A double click or parallel posts of a case action that adds a message record it and email it once."""

import threading
from datetime import datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client

from nucleo.idempotencia import YaRegistrado
from nucleo.models import Accion, EventoAuditoria
from pqrs.models import EstadoPqrs, MensajePqrs, Pqrs, TipoMensaje
from pqrs.services import pqrs_radicar, pqrs_responder
from tests.factories import ClienteFactory, EntidadFactory, StaffFactory
from tests.pqrs.gestion import clave_de, navegador, staff

# A Wednesday well inside the term: every action is open (an extension too).
DIA = datetime(2026, 4, 15, 10, 0, tzinfo=ZoneInfo("America/Bogota"))


@pytest.fixture
def personal(db, agencia):
    return staff(first_name="Marta", last_name="Gestora")


@pytest.fixture
def caso(radicar):
    with time_machine.travel(DIA, tick=False):
        yield radicar()


def _url(pqrs, accion=""):
    return f"/gestion/pqrs/{pqrs.pk}/{accion + '/' if accion else ''}"


def _ultimo_mensaje(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)][-1:]


def _asuntos(mailoutbox, pqrs):
    return [m.subject for m in mailoutbox if pqrs.tercero.email in m.to]


def test_an_answer_posted_twice_is_recorded_and_emailed_once(
    caso, personal, mailoutbox, django_capture_on_commit_callbacks
):
    c = navegador(personal)
    datos = {
        "texto": "El técnico irá el jueves.",
        "clave_idempotencia": clave_de(c.get(_url(caso)), "responder"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        primera = c.post(_url(caso, "responder"), datos)
        segunda = c.post(_url(caso, "responder"), datos)
    assert primera.status_code == segunda.status_code == 302
    assert primera["Location"] == segunda["Location"] == _url(caso)
    assert _ultimo_mensaje(segunda) == ["Esta respuesta ya estaba registrada."]
    assert caso.mensajes.filter(tipo=TipoMensaje.RESPUESTA).count() == 1
    assert _asuntos(mailoutbox, caso) == [f"Respuesta a su PQRS {caso.radicado}"]
    assert EventoAuditoria.objects.filter(accion=Accion.PQRS_RESPONDER, objeto_id=str(caso.pk)).count() == 1
    # The page the repeat lands on shows the calm notice, not an error.
    html = c.get(_url(caso)).content.decode()
    assert "Esta respuesta ya estaba registrada." in html
    assert "alert-danger" not in html


def test_an_answer_that_closes_posted_twice_answers_and_closes_once(
    caso, personal, mailoutbox, django_capture_on_commit_callbacks
):
    c = navegador(personal)
    datos = {
        "texto": "Resuelto.",
        "cerrar": "on",
        "clave_idempotencia": clave_de(c.get(_url(caso)), "responder"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        c.post(_url(caso, "responder"), datos)
        segunda = c.post(_url(caso, "responder"), datos)
    # Not "la PQRS está cerrada": the repeat is recognised before the state machine refuses it.
    assert segunda.status_code == 302
    assert _ultimo_mensaje(segunda) == ["Esta respuesta ya estaba registrada."]
    caso.refresh_from_db()
    assert caso.estado == EstadoPqrs.CERRADA
    assert caso.mensajes.filter(tipo=TipoMensaje.RESPUESTA).count() == 1
    assert _asuntos(mailoutbox, caso) == [
        f"Respuesta a su PQRS {caso.radicado}",
        f"Su PQRS {caso.radicado} fue cerrada",
    ]


@pytest.mark.parametrize(
    ("accion", "formulario", "campo", "tipo", "aviso", "correos"),
    [
        ("nota", "nota", "texto", TipoMensaje.NOTA, "Esta nota interna ya estaba registrada.", 0),
        (
            "solicitar-informacion",
            "solicitar",
            "texto",
            TipoMensaje.SOLICITUD,
            "Esta solicitud de información ya estaba registrada.",
            1,
        ),
        ("prorrogar", "prorrogar", "motivo", TipoMensaje.PRORROGA, "Esta prórroga ya estaba registrada.", 1),
    ],
)
def test_the_other_actions_that_add_a_message_are_recorded_once(
    caso,
    personal,
    mailoutbox,
    django_capture_on_commit_callbacks,
    accion,
    formulario,
    campo,
    tipo,
    aviso,
    correos,
):
    c = navegador(personal)
    datos = {
        campo: "Visita técnica del proveedor",
        "clave_idempotencia": clave_de(c.get(_url(caso)), formulario),
    }
    with django_capture_on_commit_callbacks(execute=True):
        primera = c.post(_url(caso, accion), datos)
        segunda = c.post(_url(caso, accion), datos)
    assert primera.status_code == segunda.status_code == 302
    assert _ultimo_mensaje(segunda) == [aviso]
    assert caso.mensajes.filter(tipo=tipo).count() == 1
    assert len(_asuntos(mailoutbox, caso)) == correos


def test_each_rendering_of_the_case_page_has_its_own_key(caso, personal):
    c = navegador(personal)
    primera, segunda = clave_de(c.get(_url(caso)), "responder"), clave_de(c.get(_url(caso)), "responder")
    assert primera != segunda
    assert clave_de(c.get(_url(caso)), "nota") != clave_de(c.get(_url(caso)), "responder")
    c.post(_url(caso, "responder"), {"texto": "Primera respuesta", "clave_idempotencia": primera})
    c.post(_url(caso, "responder"), {"texto": "Un dato más", "clave_idempotencia": segunda})
    assert caso.mensajes.filter(tipo=TipoMensaje.RESPUESTA).count() == 2


@pytest.mark.parametrize("clave", [None, "", "no-es-una-clave", "\x00"])
def test_an_answer_without_a_valid_key_is_refused_and_the_text_kept(caso, personal, clave):
    datos = {"texto": "Mi respuesta escrita", "clave_idempotencia": clave}
    if clave is None:
        del datos["clave_idempotencia"]
    r = navegador(personal).post(_url(caso, "responder"), datos)
    html = r.content.decode()
    assert r.status_code == 400
    assert "El formulario caducó o llegó incompleto" in html
    assert "Mi respuesta escrita</textarea>" in html
    assert not caso.mensajes.filter(tipo=TipoMensaje.RESPUESTA).exists()
    # A fresh key is rendered into the form that came back: sending it again works.
    r = navegador(personal).post(
        _url(caso, "responder"), {**datos, "clave_idempotencia": clave_de(r, "responder")}
    )
    assert r.status_code == 302
    assert caso.mensajes.filter(tipo=TipoMensaje.RESPUESTA).count() == 1


def test_a_refused_answer_keeps_its_key_and_the_corrected_resubmit_answers_once(caso, personal):
    c = navegador(personal)
    clave = clave_de(c.get(_url(caso)), "responder")
    r = c.post(_url(caso, "responder"), {"texto": "   ", "clave_idempotencia": clave})
    assert r.status_code == 400
    assert clave_de(r, "responder") == clave
    for _vez in range(2):
        c.post(_url(caso, "responder"), {"texto": "Ahora sí", "clave_idempotencia": clave})
    assert caso.mensajes.filter(tipo=TipoMensaje.RESPUESTA).count() == 1


def test_the_service_raises_ya_registrado_with_the_first_answer(caso, personal):
    clave = uuid4()
    pqrs_responder(pqrs=caso, texto="Una", actor=personal, clave_idempotencia=clave)
    with pytest.raises(YaRegistrado) as repetido:
        pqrs_responder(pqrs=caso, texto="Una", actor=personal, clave_idempotencia=clave)
    assert repetido.value.objeto == caso.mensajes.get(tipo=TipoMensaje.RESPUESTA)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_answer_posts_record_one_message_and_one_email(smtp_sink):
    EntidadFactory()
    cliente = ClienteFactory()
    pqrs = pqrs_radicar(
        tercero=cliente, clasificacion="peticion", asunto="reparaciones", descripcion="Goteras", actor=None
    )
    staff = StaffFactory()
    antes = len(smtp_sink.para(cliente.email))
    datos = {"texto": "Mañana va el técnico.", "clave_idempotencia": str(uuid4())}
    barrera = threading.Barrier(10)
    respuestas, errores = [], []

    def enviar():
        c = Client()
        c.force_login(staff)
        try:
            barrera.wait(timeout=10)
            respuestas.append(c.post(_url(pqrs, "responder"), datos))
        except Exception as exc:  # surfaced by the assertion below
            errores.append(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=enviar) for _ in range(10)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=60)
    assert errores == []
    assert {r.status_code for r in respuestas} == {302}
    assert MensajePqrs.objects.filter(pqrs=pqrs, tipo=TipoMensaje.RESPUESTA).count() == 1
    assert len(smtp_sink.para(cliente.email)) - antes == 1
    assert Pqrs.objects.get(pk=pqrs.pk).estado == EstadoPqrs.RESPONDIDA
