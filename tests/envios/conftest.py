"""Fixtures for the password-sending tests: agency settings, eager Celery, an SMTP line that drops once."""

import threading

import pytest
from aiosmtpd.controller import Controller

from config.celery import app as celery_app
from envios.models import ConfiguracionAreaClientes, ModoEntrega
from tests.conftest import BuzonSMTP, _Handler, puerto_libre


@pytest.fixture
def config_envios(db, entidad):
    """Area de Clientes settings without pace limits; tests turn the knobs they need."""
    return ConfiguracionAreaClientes.objects.create(
        pk=1,
        modo_entrega=ModoEntrega.CONTRASENA_TEMPORAL,
        lote=20,
        intervalo_segundos=0,
        max_por_hora=0,
        horas_expiracion=72,
    )


@pytest.fixture
def celery_eager():
    """Run tasks in-process (the broker wiring itself is tested in test_tareas.py)."""
    antes = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield celery_app
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = antes


class _HandlerCortes(_Handler):
    """Like the shared sink, but really drops the TCP connection (the server's transport).

    `cortar_una_vez_en=N`: drop once, after N accepted messages, then work again.
    `cortar_despues_de=N`: drop every connection that tries to send past N messages.
    `pausar_en=N`: hold the (N+1)th email until `continuar` is set; `en_pausa` tells when.
    """

    async def handle_DATA(self, server, session, envelope):
        buzon = self.buzon
        if buzon.pausar_en is not None and len(buzon.mensajes) == buzon.pausar_en:
            # Hold this email (the sender waits for the reply) until the test says go on.
            buzon.pausar_en = None
            buzon.en_pausa.set()
            buzon.continuar.wait(10)
        with buzon.lock:
            una_vez = buzon.cortar_una_vez_en is not None and len(buzon.mensajes) >= buzon.cortar_una_vez_en
            siempre = buzon.cortar_despues_de is not None and len(buzon.mensajes) >= buzon.cortar_despues_de
            if una_vez or siempre:
                buzon.cortar_una_vez_en = None if una_vez else buzon.cortar_una_vez_en
                buzon.cortes += 1
                server.transport.close()
                return "421 4.3.0 Conexión cortada por la prueba"
            buzon.mensajes.append(
                {
                    "from": envelope.mail_from,
                    "rcpt": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
        return "250 Message accepted"


@pytest.fixture
def smtp_cortes(settings):
    """A real SMTP server on loopback whose TCP connection really drops (see _HandlerCortes)."""
    buzon = BuzonSMTP(host="127.0.0.1", port=puerto_libre())
    buzon.cortar_una_vez_en = None
    buzon.cortes = 0
    buzon.pausar_en = None
    buzon.en_pausa = threading.Event()
    buzon.continuar = threading.Event()
    controller = Controller(_HandlerCortes(buzon), hostname=buzon.host, port=buzon.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = buzon.host
    settings.EMAIL_PORT = buzon.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield buzon
    finally:
        buzon.continuar.set()
        controller.stop()
