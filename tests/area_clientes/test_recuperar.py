"""Self-service reset: a one-time signed link to the email on file, same answer for everyone."""

import re
from datetime import timedelta
from email import message_from_string

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from nucleo.models import EventoAuditoria
from nucleo.tokens import recuperar_contrasena_token
from tests.area_clientes.utiles import ingresar
from tests.factories import ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db
URL = "/customerarea/recuperar-contrasena/"


def limpiar(respuesta) -> str:
    """The page without what changes on every request (CSRF token, CSP nonce)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", respuesta.content.decode())
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def _pedir(client, documento, ip="10.0.0.1"):
    return client.post(URL, {"numero_documento": documento}, REMOTE_ADDR=ip, follow=True)


def _texto(parte) -> str:
    if parte.get("Content-Transfer-Encoding", "").lower() in ("", "7bit", "8bit"):
        return parte.get_payload()
    return parte.get_payload(decode=True).decode(parte.get_content_charset() or "utf-8")


def _partes(mensaje):
    correo = message_from_string(mensaje["data"])
    return correo, {p.get_content_type(): _texto(p) for p in correo.walk() if not p.is_multipart()}


def _enlace(texto):
    return re.search(r"http://testserver(/customerarea/recuperar-contrasena/[^/\s]+/[^/\s]+/)", texto).group(
        1
    )


def test_it_has_a_form_linked_from_the_login(client, entidad):
    assert "/customerarea/recuperar-contrasena/" in client.get("/customerarea/").content.decode()
    r = client.get(URL)
    assert r.status_code == 200
    assert 'name="numero_documento"' in r.content.decode()


def test_it_emails_a_one_time_link(
    client, entidad, smtp_sink, settings, celery_en_linea, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://testserver"
    cliente = ClienteFactory(numero_documento="1020304050", email="ana@correo.test")
    with django_capture_on_commit_callbacks(execute=True):
        r = _pedir(client, "1.020.304.050")
    assert r.status_code == 200
    assert "Revise su correo" in r.content.decode()
    assert len(smtp_sink.mensajes) == 1
    assert smtp_sink.mensajes[0]["rcpt"] == ["ana@correo.test"]
    correo, partes = _partes(smtp_sink.mensajes[0])
    assert "Inmobiliaria Prueba" in str(correo["Subject"]) or "Inmobiliaria Prueba" in partes["text/plain"]
    assert set(partes) == {"text/plain", "text/html"}
    assert "vence en 2 horas" in partes["text/plain"]
    assert "Inmobiliaria Prueba S.A.S." in partes["text/html"]
    enlace = _enlace(partes["text/plain"])
    assert enlace in partes["text/html"]
    assert EventoAuditoria.objects.filter(accion="portal.recuperacion_enviada").count() == 1

    r = client.post(enlace, {"new_password1": "Nueva.Clave.2026", "new_password2": "Nueva.Clave.2026"})
    assert r.status_code == 302
    assert ingresar(Client(), "1020304050", "Nueva.Clave.2026").status_code == 302
    # Single use.
    assert client.get(enlace).status_code == 400
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password("Nueva.Clave.2026")


def test_it_answers_the_same_for_an_unknown_document(
    client, entidad, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks
):
    ClienteFactory(numero_documento="1020304050")
    with django_capture_on_commit_callbacks(execute=True):
        conocido = _pedir(client, "1020304050")
        desconocido = _pedir(client, "99999999")
    assert conocido.status_code == desconocido.status_code == 200
    assert conocido.redirect_chain == desconocido.redirect_chain
    assert limpiar(conocido) == limpiar(desconocido)
    assert len(smtp_sink.mensajes) == 1


@pytest.mark.parametrize("caso", ["sin_correo", "personal", "inactivo", "sin_usuario"])
def test_it_sends_nothing_when_there_is_no_portal_client(
    client, entidad, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks, caso
):
    if caso == "sin_correo":
        ClienteFactory(numero_documento="55555555", email="")
    elif caso == "personal":
        tercero = ClienteFactory(numero_documento="55555555")
        tercero.usuario.is_staff = True
        tercero.usuario.save()
    elif caso == "inactivo":
        tercero = ClienteFactory(numero_documento="55555555")
        tercero.usuario.is_active = False
        tercero.usuario.save()
    else:
        TerceroFactory(numero_documento="55555555")
    with django_capture_on_commit_callbacks(execute=True):
        r = _pedir(client, "55555555")
    assert "Revise su correo" in r.content.decode()
    assert smtp_sink.mensajes == []


def test_it_throttles_per_document(
    client, entidad, smtp_sink, settings, celery_en_linea, django_capture_on_commit_callbacks
):
    settings.RECUPERAR_MAX_POR_DOCUMENTO = 2
    ClienteFactory(numero_documento="1020304050")
    with django_capture_on_commit_callbacks(execute=True):
        for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
            assert "Revise su correo" in _pedir(client, "1020304050", ip=ip).content.decode()
    assert len(smtp_sink.mensajes) == 2  # the third request, even from another IP, sends nothing


def test_it_throttles_per_ip(
    client, entidad, smtp_sink, settings, celery_en_linea, django_capture_on_commit_callbacks
):
    settings.RECUPERAR_MAX_POR_IP = 2
    documentos = ["1020304050", "79111222", "52333444"]
    for documento in documentos:
        ClienteFactory(numero_documento=documento)
    with django_capture_on_commit_callbacks(execute=True):
        for documento in documentos:
            assert "Revise su correo" in _pedir(client, documento, ip="10.9.9.9").content.decode()
        _pedir(client, "52333444", ip="10.0.0.1")
    assert [m["rcpt"] for m in smtp_sink.mensajes] == [
        ["cliente1020304050@prueba.test"],
        ["cliente79111222@prueba.test"],
        ["cliente52333444@prueba.test"],  # from another IP
    ]


def test_the_link_expires(client, entidad, settings):
    cliente = ClienteFactory()
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    enlace = f"/customerarea/recuperar-contrasena/{urlsafe_base64_encode(force_bytes(cliente.usuario.pk))}/{recuperar_contrasena_token.make_token(cliente.usuario)}/"
    assert client.get(enlace).status_code == 200
    with time_machine.travel(
        timezone.localtime() + timedelta(hours=settings.RECUPERAR_CONTRASENA_HORAS, minutes=1)
    ):
        r = client.get(enlace)
    assert r.status_code == 400
    assert "Este enlace ya no es válido" in r.content.decode()


def test_using_the_link_lifts_a_lockout(client, entidad, settings):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    cliente = ClienteFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        ingresar(client, cliente.numero_documento, "mala")
    assert ingresar(client, cliente.numero_documento).status_code == 429
    enlace = f"/customerarea/recuperar-contrasena/{urlsafe_base64_encode(force_bytes(cliente.usuario.pk))}/{recuperar_contrasena_token.make_token(cliente.usuario)}/"
    client.post(enlace, {"new_password1": "Nueva.Clave.2026", "new_password2": "Nueva.Clave.2026"})
    assert ingresar(client, cliente.numero_documento, "Nueva.Clave.2026").status_code == 302


def test_a_reset_email_that_keeps_failing_is_reported_without_the_link(entidad, smtp_sink, settings, caplog):
    from area_clientes.tasks import recuperacion_enviar

    settings.SITE_URL = "http://testserver"
    cliente = ClienteFactory(email="ana@correo.test")
    smtp_sink.rechazar.add("ana@correo.test")

    with caplog.at_level("ERROR"):
        # In-process, as the worker runs it: every retry, then the failure (kept, not raised).
        resultado = recuperacion_enviar.apply(args=[cliente.usuario_id], throw=False)

    assert resultado.state == "FAILURE"

    assert smtp_sink.mensajes == []
    evento = EventoAuditoria.objects.get(accion="portal.recuperacion_fallida")
    assert evento.objeto_id == str(cliente.pk)
    assert (evento.datos["motivo"], evento.datos["intentos"]) == ("SMTPRecipientsRefused", 5)
    assert not EventoAuditoria.objects.filter(accion="portal.recuperacion_enviada").exists()
    errores = [r for r in caplog.records if r.name == "area_clientes.services" and r.levelname == "ERROR"]
    assert len(errores) == 1
    assert str(cliente.usuario_id) in errores[0].getMessage()
    assert "recuperar-contrasena" not in errores[0].getMessage()
    assert errores[0].exc_info is None
    assert "recuperar-contrasena" not in str(evento.datos) + evento.descripcion
