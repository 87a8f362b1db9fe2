"""Radicados stay gap-free and unique when many clients file at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from pqrs.models import Pqrs
from pqrs.services import pqrs_radicar
from tests.factories import ClienteFactory, EntidadFactory

HILOS = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_get_consecutive_unique_radicados():
    EntidadFactory()
    clientes = [ClienteFactory() for _ in range(HILOS)]
    barrera = threading.Barrier(HILOS)
    errores = []

    def radicar(tercero):
        try:
            barrera.wait(timeout=10)
            pqrs_radicar(
                tercero=tercero,
                clasificacion="peticion",
                asunto="pagos",
                descripcion="¿Cuándo llega la factura?",
                actor=tercero.usuario,
            )
        except Exception as exc:  # reported below with the thread's error
            errores.append(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=radicar, args=(c,)) for c in clientes]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=60)
    assert errores == []
    radicados = sorted(Pqrs.objects.values_list("radicado", flat=True))
    anio = radicados[0].split("-")[1]
    assert radicados == [f"PQRS-{anio}-{n:06d}" for n in range(1, HILOS + 1)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_failed_filing_does_not_burn_a_number():
    EntidadFactory()
    tercero = ClienteFactory()
    with pytest.raises(ValueError, match="no-existe"):  # after the number was reserved: rolled back
        pqrs_radicar(
            tercero=tercero, clasificacion="peticion", asunto="no-existe", descripcion="x", actor=None
        )
    pqrs = pqrs_radicar(
        tercero=tercero, clasificacion="peticion", asunto="pagos", descripcion="x", actor=None
    )
    assert pqrs.radicado.endswith("-000001")
