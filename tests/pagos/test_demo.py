"""cargar_demo: a year of consistent history for the demo logins on any day; running it twice changes nothing."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Sum

from facturacion.models import Factura, ResolucionFacturacion, TipoFactura
from pagos.models import AplicacionPago, Egreso, EstadoEgreso, Pago
from pagos.selectors import estado_cuenta
from terceros.demo import PORTAL_AMBOS, PORTAL_INQUILINO, PORTAL_PROPIETARIO
from terceros.models import Tercero

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")

# The days that broke it or could: a month's 1st and its due day (5th), a month's last day, New Year's
# Eve late in Bogotá (already 1 January in UTC), a leap day, and an ordinary mid-month day.
DIAS = [
    datetime(2026, 12, 1, 8, 0, tzinfo=BOGOTA),
    datetime(2027, 1, 5, 18, 0, tzinfo=BOGOTA),
    datetime(2027, 1, 31, 12, 0, tzinfo=BOGOTA),
    datetime(2026, 12, 31, 23, 30, tzinfo=BOGOTA),
    datetime(2028, 2, 29, 9, 0, tzinfo=BOGOTA),
    datetime(2027, 3, 15, 10, 0, tzinfo=BOGOTA),
]


@pytest.fixture(params=DIAS, ids=lambda d: d.strftime("%Y-%m-%d_%H%M"))
def dia(request):
    with time_machine.travel(request.param, tick=False):
        yield request.param.date()


def test_the_demo_has_a_year_of_history_and_is_idempotent(dia):
    call_command("cargar_demo", stdout=StringIO())
    conteos = (Factura.objects.count(), Pago.objects.count(), Egreso.objects.count())
    call_command("cargar_demo", stdout=StringIO())
    assert (Factura.objects.count(), Pago.objects.count(), Egreso.objects.count()) == conteos

    resolucion = ResolucionFacturacion.objects.get(activa=True)
    consecutivos = sorted(Factura.objects.values_list("consecutivo", flat=True))
    assert consecutivos == list(range(resolucion.desde, resolucion.consecutivo_actual + 1))  # gap-free

    inquilino = Tercero.objects.get(numero_documento=PORTAL_INQUILINO[0])
    rentas = Factura.objects.filter(tercero=inquilino, tipo=TipoFactura.ARRENDAMIENTO)
    assert rentas.values("periodo").distinct().count() == 12
    assert rentas.vencidas().exists()
    assert Pago.objects.filter(tercero=inquilino).count() >= 10

    ambos = Tercero.objects.get(numero_documento=PORTAL_AMBOS[0])
    assert Factura.objects.filter(tercero=ambos).vencidas().exists()
    assert Egreso.objects.filter(propietario=ambos, estado=EstadoEgreso.CONFIRMADO).exists()

    propietario = Tercero.objects.get(numero_documento=PORTAL_PROPIETARIO[0])
    assert Egreso.objects.filter(propietario=propietario, estado=EstadoEgreso.CONFIRMADO).count() >= 12
    assert Factura.objects.filter(tercero=propietario, tipo=TipoFactura.COMISION).count() >= 12

    # Every balance equals total minus what was applied, and the statement ends on the open balance.
    for f in Factura.objects.annotate(aplicado=Sum("aplicaciones__valor")):
        assert f.saldo == f.total - (f.aplicado or 0)
    assert (
        AplicacionPago.objects.aggregate(t=Sum("valor"))["t"] == Pago.objects.aggregate(t=Sum("valor"))["t"]
    )
    for tercero in (inquilino, ambos):
        cuenta = estado_cuenta(tercero=tercero, anio=dia.year)
        abierto = Factura.objects.filter(tercero=tercero).vigentes().aggregate(t=Sum("saldo"))["t"]
        assert cuenta.saldo_final == abierto


@pytest.mark.parametrize("momento", [DIAS[0], DIAS[5]], ids=["dia-1", "mitad-de-mes"])
def test_demo_numbers_follow_their_dates(momento):
    # Rent and commission invoices share one resolution: numbers must grow with the issue date,
    # as must receipt and payout numbers with theirs.
    with time_machine.travel(momento, tick=False):
        call_command("cargar_demo", stdout=StringIO())
    fechas = list(Factura.objects.order_by("consecutivo").values_list("fecha_emision", flat=True))
    assert fechas == sorted(fechas)
    assert Factura.objects.filter(tipo=TipoFactura.COMISION).exists()
    fechas = list(Pago.objects.order_by("numero").values_list("fecha", flat=True))
    assert fechas == sorted(fechas)
    fechas = list(
        Egreso.objects.filter(numero__isnull=False).order_by("numero").values_list("fecha_pago", flat=True)
    )
    assert len(fechas) > 100
    assert fechas == sorted(fechas)
