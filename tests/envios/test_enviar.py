"""The batch sender against a real SMTP server: pace, the emailed password, refusals, drops, crashes."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from envios.models import ClaveTemporal, ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio, ModoEntrega
from envios.services import envios_enviar_lote, envios_generar, envios_reclamar_lote
from nucleo.models import EventoAuditoria
from terceros.models import Tercero, Usuario
from tests.envios import ayudas
from tests.factories import CLAVE_PRUEBA, ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db


def _cola(staff, n, **kwargs):
    terceros = [TerceroFactory(es_inquilino=True, **kwargs) for _ in range(n)]
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[t.pk for t in terceros])
    return terceros


def _config(**cambios):
    ConfiguracionAreaClientes.objects.filter(pk=1).update(**cambios)


_ingresa = ayudas.ingresa


# --- pace ------------------------------------------------------------------------------


def test_it_sends_one_batch_of_the_configured_size(config_envios, staff, smtp_sink):
    _config(lote=3)
    _cola(staff, 7)

    resultado = envios_enviar_lote()

    assert resultado.enviados == 3
    assert len(smtp_sink.mensajes) == 3
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == 3
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.PENDIENTE).count() == 4


def test_a_second_call_within_the_interval_sends_nothing_more(config_envios, staff, smtp_sink):
    _config(lote=3, intervalo_segundos=60)
    _cola(staff, 7)

    assert envios_enviar_lote().enviados == 3
    assert envios_enviar_lote().enviados == 0
    assert len(smtp_sink.mensajes) == 3

    ayudas.adelantar_intervalo()
    assert envios_enviar_lote().enviados == 3
    assert len(smtp_sink.mensajes) == 6


def test_the_hourly_cap_is_honoured(config_envios, staff, smtp_sink):
    _config(lote=3, max_por_hora=5)
    _cola(staff, 8)

    assert envios_enviar_lote().enviados == 3
    assert envios_enviar_lote().enviados == 2
    assert envios_enviar_lote().enviados == 0
    assert len(smtp_sink.mensajes) == 5

    # An hour later the cap has room again.
    EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).update(
        enviado_en=timezone.now() - timedelta(hours=1, minutes=1)
    )
    assert envios_enviar_lote().enviados == 3


def test_an_empty_queue_sends_nothing(config_envios, smtp_sink):
    assert envios_enviar_lote().enviados == 0
    assert smtp_sink.mensajes == []


# --- the email and the password -------------------------------------------------------------


def test_the_emailed_temporary_password_is_a_second_credential_that_expires(
    config_envios, staff, smtp_sink, client
):
    cliente = ClienteFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[cliente.pk], alcance="todos")

    with time_machine.travel(timezone.localtime(), tick=False):
        envios_enviar_lote()
        ahora = timezone.localtime()

    clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, cliente.email))
    guardada = ClaveTemporal.objects.get()
    assert guardada.expira_en == ahora + timedelta(hours=72)
    assert clave not in guardada.clave_hash
    assert _ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)
    # 72 h later it no longer logs in; the client's own password still does.
    with time_machine.travel(ahora + timedelta(hours=72, seconds=1)):
        assert not _ingresa(client, cliente.numero_documento, clave)
        assert _ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)
    assert _ingresa(client, cliente.numero_documento, clave)


def test_a_tercero_without_login_gets_one_with_the_document_as_username(
    config_envios, staff, smtp_sink, client
):
    (tercero,) = _cola(staff, 1)
    assert tercero.usuario is None

    envios_enviar_lote()

    tercero.refresh_from_db()
    assert tercero.usuario.username == tercero.numero_documento
    assert not tercero.usuario.has_usable_password()
    clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, tercero.email))
    assert _ingresa(client, tercero.numero_documento, clave)


def test_the_email_carries_branding_link_user_expiry_and_contact(config_envios, staff, smtp_sink, settings):
    settings.SITE_URL = "https://clientes.prueba.test"
    _config(horas_expiracion=48)
    (tercero,) = _cola(staff, 1)

    envios_enviar_lote()

    mensaje = ayudas.ultimo_para(smtp_sink, tercero.email)
    cuerpo = ayudas.texto(mensaje)
    assert "Inmobiliaria Prueba S.A.S." in ayudas.asunto(mensaje)
    assert "https://clientes.prueba.test/customerarea/" in cuerpo
    assert f"Usuario: {tercero.numero_documento}" in cuerpo
    vence = timezone.localtime(ClaveTemporal.objects.get().expira_en).strftime("%d/%m/%Y %H:%M")
    assert vence in cuerpo
    assert (
        "Al ingresar con ella elegirá su propia contraseña; si ya tiene una, la suya sigue funcionando."
        in cuerpo
    )
    assert "(604) 444 0000" in cuerpo
    assert "contacto@prueba.test" in cuerpo
    pagina = ayudas.html(mensaje)
    assert "#1A4F8B" in pagina
    assert ayudas.contrasena(mensaje) in pagina


def test_it_uses_one_smtp_connection_for_the_batch(config_envios, staff, smtp_sink):
    _cola(staff, 5)

    assert envios_enviar_lote().enviados == 5
    assert smtp_sink.conexiones == 1
    assert len(smtp_sink.mensajes) == 5


def test_no_plain_password_in_the_database_or_the_logs(config_envios, staff, smtp_sink, caplog):
    caplog.set_level(logging.DEBUG)
    smtp_sink.rechazar.add("rechazado@prueba.test")
    terceros = _cola(staff, 3)
    Tercero.objects.filter(pk=terceros[2].pk).update(email="rechazado@prueba.test")

    envios_enviar_lote()

    claves = [ayudas.contrasena(m) for m in smtp_sink.mensajes]
    assert len(claves) == 2
    guardado = " ".join(
        [
            *[str(v) for v in EnvioContrasena.objects.values_list("ultimo_error", flat=True)],
            *[str(e.datos) + e.descripcion for e in EventoAuditoria.objects.all()],
            *Usuario.objects.values_list("password", flat=True),
            *ClaveTemporal.objects.values_list("clave_hash", flat=True),
        ]
    )
    # The test SMTP server's own log (mail.log) is not ours.
    registro = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))
    for clave in claves:
        assert clave not in registro
        assert clave not in guardado
    assert "envios" in caplog.text  # the sender did log its batch


# --- link mode ------------------------------------------------------------------------------


def test_activation_link_works_once(config_envios, staff, smtp_sink, client):
    _config(modo_entrega=ModoEntrega.ENLACE_ACTIVACION)
    (tercero,) = _cola(staff, 1)

    envios_enviar_lote()

    mensaje = ayudas.ultimo_para(smtp_sink, tercero.email)
    assert "Contraseña:" not in ayudas.texto(mensaje)
    ruta = ayudas.enlace(mensaje).split("://", 1)[1].split("/", 1)[1]
    ruta = "/" + ruta
    assert client.get(ruta).status_code == 200
    nueva = "Mi.Clave.Nueva.2026"
    respuesta = client.post(ruta, {"new_password1": nueva, "new_password2": nueva})
    assert respuesta.status_code == 302
    assert _ingresa(client, tercero.numero_documento, nueva)
    # Spent: a second use is refused.
    assert client.get(ruta).status_code == 400
    assert EnvioContrasena.objects.get().modo_entrega == ModoEntrega.ENLACE_ACTIVACION


def test_activation_link_expires(config_envios, staff, smtp_sink, client, settings):
    settings.CONTRASENA_TEMPORAL_HORAS = 72
    _config(modo_entrega=ModoEntrega.ENLACE_ACTIVACION)
    (tercero,) = _cola(staff, 1)
    envios_enviar_lote()
    ruta = (
        "/" + ayudas.enlace(ayudas.ultimo_para(smtp_sink, tercero.email)).split("://", 1)[1].split("/", 1)[1]
    )

    with time_machine.travel(timezone.localtime() + timedelta(hours=73)):
        assert client.get(ruta).status_code == 400
    assert client.get(ruta).status_code == 200


def test_link_mode_leaves_the_current_password_working(config_envios, staff, smtp_sink, client):
    _config(modo_entrega=ModoEntrega.ENLACE_ACTIVACION)
    cliente = ClienteFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[cliente.pk], alcance="todos")

    envios_enviar_lote()

    assert len(smtp_sink.para(cliente.email)) == 1
    assert _ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)


# --- failures -------------------------------------------------------------------------------


def test_a_refused_address_is_retried_then_sent(config_envios, staff, smtp_sink, client):
    (tercero,) = _cola(staff, 1)
    smtp_sink.rechazar.add(tercero.email)

    resultado = envios_enviar_lote()

    envio = EnvioContrasena.objects.get()
    assert resultado.reintentos == 1
    assert envio.estado == EstadoEnvio.PENDIENTE
    assert envio.intentos == 1
    assert envio.ultimo_error == "Destinatario rechazado: 550 5.1.1 Buzón rechazado por la prueba"
    assert envio.proximo_intento_en > timezone.now()
    assert envios_enviar_lote().reclamados == 0  # still in its backoff pause

    smtp_sink.rechazar.clear()
    ayudas.adelantar_reintentos()
    assert envios_enviar_lote().enviados == 1
    envio.refresh_from_db()
    assert envio.estado == EstadoEnvio.ENVIADO
    assert envio.ultimo_error == ""
    clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, tercero.email))
    assert _ingresa(client, tercero.numero_documento, clave)


def test_a_refused_address_ends_failed_with_the_reason(config_envios, staff, smtp_sink, settings):
    settings.ENVIOS_MAX_INTENTOS = 3
    (tercero,) = _cola(staff, 1)
    smtp_sink.rechazar.add(tercero.email)

    for _ in range(3):
        envios_enviar_lote()
        ayudas.adelantar_reintentos()

    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.FALLIDO
    assert envio.intentos == 3
    assert envio.ultimo_error == "Destinatario rechazado: 550 5.1.1 Buzón rechazado por la prueba"
    assert envios_enviar_lote().reclamados == 0
    assert smtp_sink.mensajes == []


def test_a_connection_dropped_mid_batch_is_reopened_and_nothing_is_lost(
    config_envios, staff, smtp_cortes, client
):
    terceros = _cola(staff, 5)
    smtp_cortes.cortar_una_vez_en = 2

    resultado = envios_enviar_lote()

    assert smtp_cortes.cortes == 1
    assert smtp_cortes.conexiones == 2  # reopened once
    assert resultado.enviados == 5
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == 5
    for tercero in terceros:
        clave = ayudas.contrasena(ayudas.ultimo_para(smtp_cortes, tercero.email))
        assert _ingresa(client, tercero.numero_documento, clave)


def test_a_line_that_stays_down_sends_the_rest_after_retry(config_envios, staff, smtp_cortes, client):
    smtp_sink = smtp_cortes
    terceros = _cola(staff, 5)
    smtp_sink.cortar_despues_de = 2

    resultado = envios_enviar_lote()

    assert resultado.enviados == 2
    assert (
        smtp_sink.cortes == 2
    )  # the third email was resent once on a new connection, then the batch stopped
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.PENDIENTE, intentos=1).count() == 3
    # The last two were released before any password was made for them.
    for tercero in terceros[3:]:
        assert not Usuario.objects.filter(tercero=tercero).exists()
    assert ClaveTemporal.objects.count() == 3
    assert set(
        EnvioContrasena.objects.filter(estado=EstadoEnvio.PENDIENTE).values_list("ultimo_error", flat=True)
    ) == {"Se perdió la conexión con el servidor de correo (SMTPServerDisconnected)."}

    smtp_sink.cortar_despues_de = None
    ayudas.adelantar_reintentos()
    assert envios_enviar_lote().enviados == 3
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == 5
    for tercero in terceros:
        clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, tercero.email))
        assert _ingresa(client, tercero.numero_documento, clave)


def test_no_smtp_server_touches_no_password(config_envios, staff, settings):
    cliente = ClienteFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[cliente.pk], alcance="todos")
    from tests.conftest import puerto_libre

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", puerto_libre()  # nobody listens

    resultado = envios_enviar_lote()

    assert resultado.reintentos == 1
    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.PENDIENTE
    assert envio.ultimo_error == "No se pudo conectar con el servidor de correo (ConnectionRefusedError)."
    hash_antes = cliente.usuario.password
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.password == hash_antes
    assert not ClaveTemporal.objects.exists()


def test_an_email_that_became_invalid_fails_with_the_reason(config_envios, staff, smtp_sink):
    (tercero,) = _cola(staff, 1)
    Tercero.objects.filter(pk=tercero.pk).update(email="ya-no-es-correo")

    envios_enviar_lote()

    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.FALLIDO
    assert envio.ultimo_error == "El tercero no tiene un correo electrónico válido."


# --- a worker that dies after claiming --------------------------------------------------------
# (A worker that dies while its email is on the wire: test_sin_bloqueo, reclaimed row.)


def test_a_row_whose_worker_died_is_reclaimed_once_stale(config_envios, staff, smtp_sink, client, settings):
    settings.ENVIOS_ENVIANDO_VENCE_SEGUNDOS = 600
    (tercero,) = _cola(staff, 1)
    assert len(envios_reclamar_lote()) == 1  # claimed by a worker that then vanished

    assert envios_enviar_lote().reclamados == 0  # not stale yet: nobody takes it
    assert EnvioContrasena.objects.get().estado == EstadoEnvio.ENVIANDO

    with time_machine.travel(timezone.localtime() + timedelta(seconds=601)):
        resultado = envios_enviar_lote()

    assert resultado.enviados == 1
    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.ENVIADO
    assert envio.intentos == 2
    assert _ingresa(
        client, tercero.numero_documento, ayudas.contrasena(ayudas.ultimo_para(smtp_sink, tercero.email))
    )


def test_a_row_that_died_on_its_last_attempt_ends_failed(config_envios, staff, smtp_sink, settings):
    settings.ENVIOS_MAX_INTENTOS = 1
    _cola(staff, 1)
    envios_reclamar_lote()
    EnvioContrasena.objects.update(reclamado_en=timezone.now() - timedelta(hours=2))

    assert envios_enviar_lote().reclamados == 0
    envio = EnvioContrasena.objects.get()
    assert envio.estado == EstadoEnvio.FALLIDO
    assert envio.ultimo_error == "El envío se interrumpió sin confirmación del servidor de correo."
    assert smtp_sink.mensajes == []
