"""Fixtures for the password-sending tests: agency settings, eager Celery, the SMTP sink."""

import pytest

from config.celery import app as celery_app
from envios.models import ConfiguracionAreaClientes, ModoEntrega


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


@pytest.fixture
def smtp_cortes(smtp_sink):
    """The shared SMTP sink; these tests turn its knobs to drop or hold the line (see BuzonSMTP)."""
    return smtp_sink
