"""Invoice numbers: from the active resolution, in sequence, refused past range or dates, gap-free."""

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from facturacion.models import Factura, ResolucionFacturacion
from facturacion.services import FacturacionError, resolucion_crear
from tests.factories import TerceroFactory
from tests.facturacion.datos import factura, resolucion

pytestmark = pytest.mark.django_db


def test_it_numbers_in_sequence_with_the_prefix():
    res = resolucion(desde=1000)
    t = TerceroFactory()
    numeros = [factura(t).numero for _ in range(3)]
    assert numeros == ["FV-1000", "FV-1001", "FV-1002"]
    res.refresh_from_db()
    assert res.consecutivo_actual == 1002


def test_it_refuses_past_the_range_with_a_clear_message():
    res = resolucion(desde=1, hasta=2)
    t = TerceroFactory()
    factura(t)
    factura(t)
    with pytest.raises(FacturacionError, match="Se agotó la numeración"):
        factura(t)
    res.refresh_from_db()
    assert res.consecutivo_actual == 2
    assert Factura.objects.count() == 2


@pytest.mark.parametrize("emision", [date(2025, 1, 9), date(2027, 1, 11)])
def test_it_refuses_outside_the_dates(emision):
    resolucion(vigente_desde=date(2025, 1, 10), vigente_hasta=date(2027, 1, 10))
    with pytest.raises(FacturacionError, match="no está vigente"):
        factura(TerceroFactory(), emision=emision, vence=emision)


def test_it_refuses_without_an_active_resolution():
    resolucion(activa=False)
    with pytest.raises(FacturacionError, match="No hay una resolución de facturación activa"):
        factura(TerceroFactory())


def test_a_failed_invoice_leaves_no_gap(monkeypatch):
    from facturacion.models import ItemFactura

    resolucion(desde=1)
    t = TerceroFactory()
    factura(t)

    # Fail after the number was allocated: the whole issue rolls back, the number with it.
    def falla(*args, **kwargs):
        raise RuntimeError("disco lleno")

    monkeypatch.setattr(ItemFactura.objects, "bulk_create", falla)
    with pytest.raises(RuntimeError):
        factura(t)
    monkeypatch.undo()
    assert factura(t).numero == "FV-2"


def test_it_refuses_an_overlapping_range_with_the_same_prefix():
    resolucion(desde=1, hasta=1000)
    with pytest.raises(FacturacionError, match="se cruza con la resolución"):
        resolucion_crear(
            numero="R2",
            fecha=date(2026, 6, 1),
            prefijo="fv",
            desde=500,
            hasta=2000,
            vigente_desde=date(2026, 6, 1),
            vigente_hasta=date(2028, 6, 1),
        )
    assert ResolucionFacturacion.objects.filter(activa=True).count() == 1


def test_a_new_resolution_replaces_the_active_one():
    vieja = resolucion(desde=1)
    nueva = resolucion_crear(
        numero="R2",
        fecha=date(2026, 6, 1),
        prefijo="fe",
        desde=5000,
        hasta=6000,
        vigente_desde=date(2026, 6, 1),
        vigente_hasta=date(2028, 6, 1),
    )
    vieja.refresh_from_db()
    assert not vieja.activa
    assert nueva.activa
    assert factura(TerceroFactory()).numero == "FE-5000"


def test_the_database_refuses_a_duplicate_consecutive():
    res = resolucion(desde=1)
    f = factura(TerceroFactory())
    copia = Factura.objects.get(pk=f.pk)
    copia.pk = None
    copia.numero = "FV-otro"
    copia.resolucion = res
    with pytest.raises(IntegrityError), transaction.atomic():
        copia.save()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_get_unique_gap_free_numbers():
    resolucion(desde=1, hasta=100_000)
    terceros = [TerceroFactory() for _ in range(8)]
    por_hilo = 15
    errores = []
    barrera = threading.Barrier(len(terceros))

    def emitir(tercero):
        try:
            barrera.wait()
            for _ in range(por_hilo):
                factura(tercero)
        except Exception as exc:  # surfaced by the assertion below
            errores.append(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=emitir, args=(t,)) for t in terceros]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert errores == []
    consecutivos = sorted(Factura.objects.values_list("consecutivo", flat=True))
    assert consecutivos == list(range(1, len(terceros) * por_hilo + 1))
    assert ResolucionFacturacion.objects.get().consecutivo_actual == len(terceros) * por_hilo
