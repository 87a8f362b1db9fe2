"""CANCELAR ENVIOS PENDIENTES: one UPDATE; in-flight sends finish; no cancelled password changes."""

import threading

import pytest
from django.db import connection

from envios.models import ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio
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
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
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
def test_cancel_between_claim_and_send_lets_the_claimed_batch_finish(config_envios, staff, smtp_sink):
    ConfiguracionAreaClientes.objects.filter(pk=1).update(lote=3)
    clientes = _clientes(staff, 10)
    antes = _hashes(clientes)

    ids = envios_reclamar_lote()
    assert envios_cancelar_pendientes(actor=staff) == 7
    resultado = envios_enviar_reclamados(ids=ids)

    assert resultado.enviados == 3
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == 3
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.CANCELADO).count() == 7
    despues = _hashes(clientes)
    cambiados = {pk for pk in antes if antes[pk] != despues[pk]}
    enviados = set(
        EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).values_list(
            "tercero__usuario_id", flat=True
        )
    )
    assert cambiados == enviados


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cancel_while_a_batch_is_sending(config_envios, staff, smtp_cortes):
    ConfiguracionAreaClientes.objects.filter(pk=1).update(lote=3)
    clientes = _clientes(staff, 10)
    antes = _hashes(clientes)
    smtp_cortes.pausar_en = 1  # the worker is stuck on its second email
    resultados = {}

    def trabajador():
        try:
            resultados["lote"] = envios_enviar_lote()
        finally:
            connection.close()

    hilo = threading.Thread(target=trabajador)
    hilo.start()
    assert smtp_cortes.en_pausa.wait(10)
    cancelados = envios_cancelar_pendientes(actor=staff)
    smtp_cortes.continuar.set()
    hilo.join(20)

    assert cancelados == 7
    assert resultados["lote"].enviados == 3
    assert len(smtp_cortes.mensajes) == 3
    estados = list(EnvioContrasena.objects.values_list("estado", flat=True))
    assert estados.count(EstadoEnvio.ENVIADO) == 3
    assert estados.count(EstadoEnvio.CANCELADO) == 7
    despues = _hashes(clientes)
    assert sum(antes[pk] != despues[pk] for pk in antes) == 3
    assert envios_enviar_lote().reclamados == 0
