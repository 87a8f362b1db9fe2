"""'Generar contraseña aleatoria' for one tercero: queued and sent at once through the Celery task."""

import json
import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError

from config.celery import app as celery_app
from envios.models import ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio, OrigenSolicitud
from envios.services import envios_enviar_lote, envios_generar, envios_generar_individual
from nucleo.models import EventoAuditoria
from tests.envios import ayudas
from tests.factories import CLAVE_PRUEBA, ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db


def test_it_sends_at_once_and_the_password_works(
    config_envios, staff, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks, client
):
    cliente = ClienteFactory(es_inquilino=True)
    with django_capture_on_commit_callbacks(execute=True):
        envio = envios_generar_individual(actor=staff, tercero=cliente)

    envio.refresh_from_db()
    assert envio.estado == EstadoEnvio.ENVIADO
    assert envio.solicitud.origen == OrigenSolicitud.INDIVIDUAL
    clave = ayudas.contrasena(ayudas.ultimo_para(smtp_sink, cliente.email))
    # A second credential: the emailed password logs in, and so does the client's own.
    assert ayudas.ingresa(client, cliente.numero_documento, clave)
    assert ayudas.ingresa(client, cliente.numero_documento, CLAVE_PRUEBA)
    assert EventoAuditoria.objects.filter(accion="envios.generar_individual", actor=staff).exists()


def test_it_ignores_the_pace_of_the_batches(
    config_envios, staff, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks
):
    ConfiguracionAreaClientes.objects.filter(pk=1).update(intervalo_segundos=3600, lote=1)
    otros = [TerceroFactory(es_inquilino=True) for _ in range(2)]
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[t.pk for t in otros])
    assert envios_enviar_lote().enviados == 1  # the bulk batch of this hour

    tercero = TerceroFactory(es_inquilino=True)
    with django_capture_on_commit_callbacks(execute=True):
        envios_generar_individual(actor=staff, tercero=tercero)

    assert len(smtp_sink.para(tercero.email)) == 1


def test_a_tercero_already_waiting_in_a_bulk_request_is_sent_now_not_twice(
    config_envios, staff, smtp_sink, celery_en_linea, django_capture_on_commit_callbacks
):
    tercero = TerceroFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[tercero.pk])
    with django_capture_on_commit_callbacks(execute=True):
        envios_generar_individual(actor=staff, tercero=tercero)

    assert EnvioContrasena.objects.count() == 1
    assert EnvioContrasena.objects.get().estado == EstadoEnvio.ENVIADO
    assert len(smtp_sink.para(tercero.email)) == 1
    assert envios_enviar_lote().reclamados == 0


def test_a_tercero_without_a_valid_email_is_refused(config_envios, staff):
    tercero = TerceroFactory(email="")
    with pytest.raises(ValidationError, match="correo electrónico válido"):
        envios_generar_individual(actor=staff, tercero=tercero)
    assert not EnvioContrasena.objects.exists()


@pytest.mark.redis
def test_the_task_goes_to_the_redis_broker_after_commit(
    config_envios, staff, django_capture_on_commit_callbacks
):
    assert not celery_app.conf.task_always_eager
    cola = redis.Redis.from_url(django_settings.REDIS_URL)
    cola.delete("celery")
    tercero = TerceroFactory(es_inquilino=True)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        envio = envios_generar_individual(actor=staff, tercero=tercero)
    assert cola.llen("celery") == 0  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    try:
        assert cola.llen("celery") == 1
        mensaje = json.loads(cola.lindex("celery", 0))
        assert mensaje["headers"]["task"] == "envios.tasks.enviar_envio"
        assert f"[{envio.pk}]" in mensaje["headers"]["argsrepr"].replace("(", "[").replace(",)", "]")
    finally:
        cola.delete("celery")


def test_the_beat_schedule_points_at_the_batch_task():
    from envios import tasks

    entrada = django_settings.CELERY_BEAT_SCHEDULE["envios-enviar-lote"]
    assert entrada["task"] == tasks.enviar_lote.name
    assert entrada["task"] in celery_app.tasks
    assert celery_app.conf.beat_schedule["envios-enviar-lote"] == entrada


def test_a_fresh_worker_process_registers_the_scheduled_task():
    """This test process imported envios.tasks itself; a worker only has what autodiscovery finds."""
    nombre = django_settings.CELERY_BEAT_SCHEDULE["envios-enviar-lote"]["task"]
    codigo = (
        "import django; django.setup()\n"
        "from config.celery import app\n"
        "app.loader.import_default_modules()\n"  # what `celery worker` and `celery beat` do at start
        "print('\\n'.join(app.tasks))\n"
    )
    salida = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "TESTING": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert nombre in salida.stdout.splitlines()
    assert "envios.tasks.enviar_envio" in salida.stdout.splitlines()
