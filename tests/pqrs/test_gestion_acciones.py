"""The case page /gestion/pqrs/<id>/ and its POST actions: thread, notes, attachments, refusals."""

from datetime import date, datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from nucleo.models import Accion, EventoAuditoria
from pqrs.models import EstadoPqrs, MensajePqrs, TipoMensaje
from pqrs.services import pqrs_nota, pqrs_solicitar_informacion
from tests.pqrs.conftest import pdf
from tests.pqrs.gestion import navegador, staff

BOGOTA = ZoneInfo("America/Bogota")
DIA = datetime(2026, 4, 15, 10, 0, tzinfo=BOGOTA)


@pytest.fixture
def dia():
    with time_machine.travel(DIA, tick=False) as viaje:
        yield viaje


@pytest.fixture
def personal(db, agencia):
    return staff(first_name="Marta", last_name="Gestora", email="marta@agencia.test")


@pytest.fixture
def caso(dia, radicar):
    return radicar(adjuntos=[pdf("contrato.pdf")])


def _url(caso, accion=""):
    return f"/gestion/pqrs/{caso.pk}/{accion + '/' if accion else ''}"


def clave() -> dict:
    """A fresh idempotency key, as each rendering of an action form carries its own."""
    return {"clave_idempotencia": str(uuid4())}


def test_the_case_shows_the_whole_thread_notes_apart_attachments_term_and_history(caso, personal):
    pqrs_nota(
        pqrs=caso, texto="Llamar al técnico el jueves", adjuntos=[pdf("cotizacion.pdf")], actor=personal
    )
    r = navegador(personal).get(_url(caso))
    html = r.content.decode()
    assert r.status_code == 200
    assert "El calentador del apartamento no enciende." in html
    assert "Nota interna · el cliente no la ve" in html
    assert "mensaje-nota" in html
    for adjunto in caso.mensajes.order_by("pk").values_list("adjuntos__pk", flat=True):
        assert f"/gestion/pqrs/adjuntos/{adjunto}/" in html
    assert "Ley 1755 de 2015, art. 14" in html
    assert "15 días hábiles" in html
    assert caso.fecha_limite.strftime("%d/%m/%Y") in html
    assert "Días hábiles restantes" in html
    assert "PQRS radicada" in html
    assert "Nota interna agregada" in html


def test_staff_download_any_attachment_and_clients_or_anonymous_cannot(caso, personal, inquilino):
    nota = pqrs_nota(pqrs=caso, texto="Interno", adjuntos=[pdf("interno.pdf")], actor=personal)
    adjunto = MensajePqrs.objects.get(pqrs=nota, tipo=TipoMensaje.NOTA).adjuntos.get()
    url = f"/gestion/pqrs/adjuntos/{adjunto.pk}/"
    r = navegador(personal).get(url)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment")
    assert navegador(inquilino.usuario).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert navegador(personal).get("/gestion/pqrs/adjuntos/999999/").status_code == 404


def test_it_assigns_to_a_staff_user_and_the_case_goes_to_en_tramite(caso, personal):
    otra = staff(first_name="Luz")
    r = navegador(personal).post(_url(caso, "asignar"), {"usuario": otra.pk})
    assert r.status_code == 302
    caso.refresh_from_db()
    assert caso.asignado_a == otra
    assert caso.estado == EstadoPqrs.EN_TRAMITE
    assert EventoAuditoria.objects.filter(
        accion=Accion.PQRS_ASIGNAR, objeto_id=str(caso.pk), actor=personal
    ).exists()


def test_it_refuses_to_assign_to_a_client_account(caso, personal, inquilino):
    r = navegador(personal).post(_url(caso, "asignar"), {"usuario": inquilino.usuario.pk})
    assert r.status_code == 400
    assert "Elija un usuario de la agencia de la lista." in r.content.decode()


def test_an_answer_with_attachment_and_closing_reaches_the_client(
    caso, personal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = navegador(personal).post(
            _url(caso, "responder"),
            {
                "texto": "El técnico irá el jueves a las 9.",
                "adjuntos": [pdf("orden.pdf")],
                "cerrar": "on",
                **clave(),
            },
        )
    assert r.status_code == 302
    caso.refresh_from_db()
    assert caso.estado == EstadoPqrs.CERRADA
    respuesta = caso.mensajes.get(tipo=TipoMensaje.RESPUESTA)
    assert respuesta.autor == personal
    assert respuesta.adjuntos.get().nombre_original == "orden.pdf"
    assert any("El técnico irá el jueves" in m.body for m in mailoutbox if caso.tercero.email in m.to)
    acciones = set(EventoAuditoria.objects.filter(objeto_id=str(caso.pk)).values_list("accion", flat=True))
    assert {Accion.PQRS_RESPONDER, Accion.PQRS_CERRAR} <= acciones


def test_an_internal_note_is_never_emailed(caso, personal, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = navegador(personal).post(_url(caso, "nota"), {"texto": "El cliente llamó molesto", **clave()})
    assert r.status_code == 302
    assert caso.mensajes.filter(tipo=TipoMensaje.NOTA, texto="El cliente llamó molesto").exists()
    assert not mailoutbox


def test_an_empty_answer_is_refused_next_to_the_field_and_other_typing_kept(caso, personal):
    r = navegador(personal).post(_url(caso, "responder"), {"texto": "   ", "cerrar": "on", **clave()})
    assert r.status_code == 400
    assert "Este campo es obligatorio." in r.content.decode()
    caso.refresh_from_db()
    assert caso.estado == EstadoPqrs.PENDIENTE


def test_an_extension_before_expiry_moves_the_due_date_and_tells_the_client(caso, personal):
    antes = caso.fecha_limite
    r = navegador(personal).post(
        _url(caso, "prorrogar"), {"motivo": "Requiere visita técnica del proveedor", **clave()}
    )
    assert r.status_code == 302
    caso.refresh_from_db()
    assert caso.prorrogada
    assert caso.fecha_limite > antes
    assert caso.mensajes.filter(tipo=TipoMensaje.PRORROGA).exists()


def test_an_extension_after_expiry_is_refused_with_the_reason(dia, radicar, personal):
    # Received Fri 20/03/2026, documentos e información: 10 business days → due Wed 08/04/2026.
    vencida = radicar(
        tipo_legal="peticion_documentos", recibida_en=datetime(2026, 3, 20, 9, 0, tzinfo=BOGOTA)
    )
    assert vencida.fecha_limite == date(2026, 4, 8)
    c = navegador(personal)
    pagina = c.get(_url(vencida)).content.decode()
    assert "El término venció el 08/04/2026" in pagina  # said before trying
    r = c.post(_url(vencida, "prorrogar"), {"motivo": "Tarde", **clave()})
    assert r.status_code == 400
    html = r.content.decode()
    assert (
        "El término venció el 08/04/2026; la prórroga debe avisarse al cliente antes del vencimiento." in html
    )
    assert "Tarde</textarea>" in html  # the reason typed is kept
    vencida.refresh_from_db()
    assert not vencida.prorrogada


def test_asking_for_information_stops_the_clock_and_desistimiento_waits_a_month(dia, caso, personal):
    c = navegador(personal)
    r = c.post(_url(caso, "solicitar-informacion"), {"texto": "Envíe fotos del calentador", **clave()})
    assert r.status_code == 302
    caso.refresh_from_db()
    assert caso.estado == EstadoPqrs.ESPERANDO_CLIENTE
    assert "Término suspendido" in c.get(_url(caso)).content.decode()

    r = c.post(_url(caso, "cerrar"), {"desistida": "True"})
    assert r.status_code == 400
    assert "El cliente tiene hasta el 15/05/2026 para completar la solicitud" in r.content.decode()

    dia.move_to(datetime(2026, 5, 16, 9, 0, tzinfo=BOGOTA))
    c = navegador(personal)  # a month later: a fresh login
    assert "Cerrar por desistimiento" in c.get(_url(caso)).content.decode()
    r = c.post(_url(caso, "cerrar"), {"desistida": "True"})
    assert r.status_code == 302
    caso.refresh_from_db()
    assert caso.estado == EstadoPqrs.CERRADA
    assert caso.desistida
    assert EventoAuditoria.objects.filter(accion=Accion.PQRS_DESISTIR, objeto_id=str(caso.pk)).exists()


def test_a_closed_case_offers_no_actions_and_refuses_them(dia, caso, personal):
    c = navegador(personal)
    assert c.post(_url(caso, "cerrar"), {}).status_code == 302
    html = c.get(_url(caso)).content.decode()
    assert "Enviar respuesta" not in html
    assert "Cerrar PQRS" not in html
    r = c.post(_url(caso, "nota"), {"texto": "Después del cierre", **clave()})
    assert r.status_code in (302, 400)  # notes on closed cases are the service's call
    r = c.post(_url(caso, "responder"), {"texto": "Tarde", **clave()})
    assert r.status_code == 400
    assert "está cerrada" in r.content.decode()


def test_actions_are_post_only_and_closed_to_clients_and_anonymous(caso, personal, inquilino):
    for accion in ("asignar", "responder", "nota", "prorrogar", "solicitar-informacion", "cerrar"):
        assert navegador(personal).get(_url(caso, accion)).status_code == 405
        assert navegador(inquilino.usuario).post(_url(caso, accion), {"texto": "x"}).status_code == 403
        assert Client().post(_url(caso, accion), {"texto": "x"}).status_code == 302
    assert caso.mensajes.count() == 1


def test_an_unknown_case_is_404(personal, dia):
    assert navegador(personal).get("/gestion/pqrs/999999/").status_code == 404
    assert navegador(personal).post("/gestion/pqrs/999999/nota/", {"texto": "x"}).status_code == 404


def test_pqrs_solicitar_then_client_answer_resumes(dia, caso, personal):
    # The inbox reads the stopped clock from the model: a waiting case is neither due nor overdue.
    pqrs_solicitar_informacion(pqrs=caso, texto="Fotos", actor=personal)
    r = navegador(personal).get("/gestion/pqrs/", {"vence": "vencidas"})
    assert caso.radicado not in r.content.decode()


def test_the_case_page_query_count_does_not_grow_with_the_thread(
    caso, personal, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = navegador(personal)
    with CaptureQueriesContext(connection) as pocas:
        assert c.get(_url(caso)).status_code == 200
    for i in range(10):
        pqrs_nota(pqrs=caso, texto=f"Nota {i}", adjuntos=[pdf(f"n{i}.pdf")], actor=staff())
    with django_assert_max_num_queries(len(pocas)):
        html = c.get(_url(caso)).content.decode()
    assert "Nota 9" in html
