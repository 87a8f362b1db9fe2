"""The client is emailed on filing, every public answer, extension, request for information and close.

Through the real SMTP sink: what the client's mail server receives.
"""

import email
from datetime import date
from email.header import decode_header, make_header

import pytest
import time_machine

from pqrs.services import (
    pqrs_cerrar,
    pqrs_cliente_responder,
    pqrs_nota,
    pqrs_prorrogar,
    pqrs_responder,
    pqrs_solicitar_informacion,
)
from tests.factories import StaffFactory

from .conftest import bogota

pytestmark = pytest.mark.django_db


def _correos(buzon, direccion):
    salida = []
    for crudo in buzon.para(direccion):
        mensaje = email.message_from_bytes(crudo["data"].encode())
        texto = next(p for p in mensaje.walk() if p.get_content_type() == "text/plain")
        html = next(p for p in mensaje.walk() if p.get_content_type() == "text/html")
        salida.append(
            {
                "asunto": str(make_header(decode_header(mensaje["Subject"]))),
                "texto": texto.get_payload(decode=True).decode(texto.get_content_charset() or "utf-8"),
                "html": html.get_payload(decode=True).decode(html.get_content_charset() or "utf-8"),
            }
        )
    return salida


def test_every_client_facing_step_emails_the_client_and_notes_do_not(
    smtp_sink, radicar, inquilino, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(bogota(2026, 3, 20, 10, 0), tick=False):
            pqrs = radicar()
        pqrs = pqrs_nota(pqrs=pqrs, texto="interno", actor=staff)
        pqrs = pqrs_prorrogar(pqrs=pqrs, motivo="Visita técnica", actor=staff, hoy=date(2026, 4, 1))
        pqrs = pqrs_solicitar_informacion(
            pqrs=pqrs, texto="¿Qué día puede recibir al técnico?", actor=staff, hoy=date(2026, 4, 6)
        )
        pqrs_cliente_responder(pqrs=pqrs, texto="El martes", actor=inquilino.usuario, hoy=date(2026, 4, 7))
        pqrs = pqrs_responder(pqrs=pqrs, texto="Reparado el calentador.", actor=staff)
        pqrs_cerrar(pqrs=pqrs, actor=staff)
    correos = _correos(smtp_sink, inquilino.email)
    assert [c["asunto"] for c in correos] == [
        "Recibimos su PQRS PQRS-2026-000001",
        "Su PQRS PQRS-2026-000001: nueva fecha de respuesta",
        "Su PQRS PQRS-2026-000001: necesitamos más información",
        "Respuesta a su PQRS PQRS-2026-000001",
        "Su PQRS PQRS-2026-000001 fue cerrada",
    ]
    radicada, prorroga, solicitud, respuesta, _cerrada = correos
    assert "15/04/2026" in radicada["texto"]
    assert "15/04/2026" in radicada["html"]
    assert f"/customerarea/pqrs/{pqrs.pk}/" in radicada["texto"]
    assert "Visita técnica" in prorroga["texto"]
    assert "07/05/2026" in prorroga["texto"]
    assert "¿Qué día puede recibir al técnico?" in solicitud["texto"]
    assert "06/05/2026" in solicitud["texto"]
    assert "Reparado el calentador." in respuesta["texto"]
    assert "Reparado el calentador." in respuesta["html"]
    assert all("interno" not in c["texto"] for c in correos)


def test_a_client_without_email_is_filed_all_the_same(
    smtp_sink, radicar, inquilino, django_capture_on_commit_callbacks
):
    inquilino.email = ""
    inquilino.save()
    with django_capture_on_commit_callbacks(execute=True):
        pqrs = radicar()
    assert pqrs.radicado
    assert smtp_sink.mensajes == []


def test_a_failing_mail_server_does_not_undo_the_filing(
    smtp_sink, radicar, inquilino, django_capture_on_commit_callbacks
):
    smtp_sink.rechazar.add(inquilino.email)
    with django_capture_on_commit_callbacks(execute=True):
        pqrs = radicar()
    pqrs.refresh_from_db()
    assert pqrs.radicado == "PQRS-{}-000001".format(pqrs.radicado.split("-")[1])
