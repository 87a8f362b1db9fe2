"""Two workers at once (separate threads, separate PostgreSQL connections) never send one row twice."""

import threading
from collections import Counter

import pytest
from django.db import transaction

from envios.models import EnvioContrasena, EstadoEnvio
from envios.services import envios_enviar_lote, envios_enviar_reclamados, envios_generar, envios_reclamar_lote
from tests.envios.ayudas import en_hilo
from tests.factories import TerceroFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_second_worker_skips_the_rows_the_first_holds_without_waiting(config_envios, staff):
    terceros = [TerceroFactory(es_inquilino=True) for _ in range(10)]
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    assert len(terceros) == EnvioContrasena.objects.count()
    tomado, soltar = threading.Event(), threading.Event()
    resultados = {}

    def primero():
        with transaction.atomic():  # holds its row locks until `soltar`
            ids = envios_reclamar_lote(limite=4)
            tomado.set()
            soltar.wait(10)
        return ids

    hilo_a = en_hilo(primero, resultados, "a")
    assert tomado.wait(10)
    hilo_b = en_hilo(lambda: envios_reclamar_lote(limite=4), resultados, "b")
    hilo_b.join(5)
    assert not hilo_b.is_alive(), "el segundo trabajador esperó los bloqueos del primero"
    soltar.set()
    hilo_a.join(10)

    ids_a, ids_b = resultados["a"], resultados["b"]
    assert len(ids_a) == 4
    assert len(ids_b) == 4
    assert not set(ids_a) & set(ids_b)
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIANDO).count() == 8


def test_two_workers_draining_the_queue_send_each_tercero_once(config_envios, staff, smtp_sink):
    config_envios.lote = 5
    config_envios.save()
    terceros = [TerceroFactory(es_inquilino=True) for _ in range(40)]
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    salida = threading.Barrier(2)
    resultados = {}

    def trabajador():
        salida.wait(10)
        enviados = 0
        while (r := envios_enviar_lote()).reclamados:
            enviados += r.enviados
        return enviados

    hilos = [en_hilo(trabajador, resultados, n) for n in (1, 2)]
    for hilo in hilos:
        hilo.join(60)

    assert not [r for r in resultados.values() if isinstance(r, Exception)], resultados
    assert resultados[1] + resultados[2] == 40
    por_destinatario = Counter(rcpt for m in smtp_sink.mensajes for rcpt in m["rcpt"])
    assert set(por_destinatario) == {t.email for t in terceros}
    assert set(por_destinatario.values()) == {1}
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == 40


def test_a_worker_whose_rows_were_reclaimed_sends_none_of_them_again(
    config_envios, staff, smtp_sink, settings
):
    """A batch that outlives ENVIOS_ENVIANDO_VENCE_SEGUNDOS: the rows another worker took back are
    not given a second password and email by the first worker once it gets to them."""
    from envios.models import ClaveTemporal
    from tests.factories import ClienteFactory

    settings.ENVIOS_ENVIANDO_VENCE_SEGUNDOS = 0  # every claim is stale at once
    clientes = [ClienteFactory(es_inquilino=True) for _ in range(3)]
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[], alcance="todos")
    tercero = EnvioContrasena.objects.order_by("pk")[2].tercero  # the last one of A's batch
    smtp_sink.pausar_en = 1  # worker A is stuck on its second email
    resultados = {}

    hilo_a = en_hilo(envios_enviar_lote, resultados, "a")
    assert smtp_sink.en_pausa.wait(10)
    ids_b = envios_reclamar_lote()  # worker B takes back the two rows A has not finished
    smtp_sink.continuar.set()
    hilo_a.join(20)
    assert not hilo_a.is_alive()
    assert not isinstance(resultados["a"], Exception), resultados["a"]
    assert len(ids_b) == 2
    assert len(smtp_sink.para(tercero.email)) == 0  # A left the third one to B

    resultado_b = envios_enviar_reclamados(ids=ids_b)

    assert resultados["a"].enviados == 1
    assert resultado_b.enviados == 2
    assert len(smtp_sink.para(tercero.email)) == 1
    # One password per email: the second row A was on when B took it back was emailed by both.
    assert [len(smtp_sink.para(c.email)) for c in clientes] == [1, 2, 1]
    assert ClaveTemporal.objects.count() == 4
    assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == 3
