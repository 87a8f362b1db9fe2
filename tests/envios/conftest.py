"""Fixtures for the password-sending tests: agency settings, eager Celery, the SMTP sink."""

import pytest

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
def smtp_cortes(smtp_sink):
    """The shared SMTP sink; these tests turn its knobs to drop or hold the line (see BuzonSMTP)."""
    return smtp_sink
