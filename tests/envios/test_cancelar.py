"""CANCELAR ENVIOS PENDIENTES: one UPDATE; an email on the wire finishes; no password changes."""

import pytest

from envios.models import ClaveTemporal, ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio
from envios.services import (
    envios_cancelar_pendientes,
    envios_enviar_lote,
    envios_enviar_reclamados,
    envios_generar,
    envios_reclamar_lote,
)
from nucleo.models import EventoAuditoria
from terceros.models import Usuario
from tests.factories import ClienteFactory


def _clientes(staff, n):
    clientes = [ClienteFactory(es_inquilino=True) for _ in range(n)]
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[], alcance="todos")
    return clientes


def _hashes(clientes):
    return dict(Usuario.objects.filter(tercero__in=clientes).values_list("pk", "password"))


@pytest.mark.django_db
def test_it_cancels_every_pending_send_and_audits_who(config_envios, staff, smtp_sink):
    clientes = _clientes(staff, 6)
    antes = _hashes(clientes)

    assert envios_cancelar_pendientes(actor=staff) == 6

    assert set(EnvioContrasena.objects.values_list("estado", flat=True)) == {EstadoEnvio.CANCELADO}
    assert envios_enviar_lote().reclamados == 0
    assert smtp_sink.mensajes == []
    assert _hashes(clientes) == antes
    evento = EventoAuditoria.objects.get(accion="envios.cancelar")
    assert evento.actor == staff
    assert evento.datos["cancelados"] == 6
    assert evento.descripcion == "Canceló 6 envíos pendientes"


@pytest.mark.django_db
def test_cancel_between_claim_and_send_sends_nothing(config_envios, staff, smtp_sink):
    ConfiguracionAreaClientes.objects.filter(pk=1).update(lote=3)
    clientes = _clientes(staff, 10)
    antes = _hashes(clientes)

    ids = envios_reclamar_lote()
    # The claimed rows are cancelled too: the worker makes no password for them.
    assert envios_cancelar_pendientes(actor=staff) == 10
    resultado = envios_enviar_reclamados(ids=ids)

    assert resultado.enviados == 0
    assert smtp_sink.mensajes == []
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.CANCELADO).count() == 10
    assert not ClaveTemporal.objects.exists()
    assert _hashes(clientes) == antes
