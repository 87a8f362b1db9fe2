"""generar_datos: a consistent synthetic data set (numbering gap-free, balances add up), refused twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.utils import timezone

from facturacion.models import Factura, ResolucionFacturacion
from nucleo.models import Consecutivo
from pagos.models import AplicacionPago, Egreso, Pago
from terceros.models import Tercero

pytestmark = pytest.mark.django_db


def test_it_generates_consistent_data_and_refuses_twice():
    salida = StringIO()
    call_command("generar_datos", "--terceros", "40", "--facturas", "300", stdout=salida)
    assert "facturas: 300" in salida.getvalue()
    assert Tercero.objects.count() == 40
    assert Tercero.objects.filter(usuario__isnull=False).count() == 40
    resolucion = ResolucionFacturacion.objects.get(activa=True)
    consecutivos = sorted(Factura.objects.values_list("consecutivo", flat=True))
    assert consecutivos == list(range(resolucion.desde, resolucion.consecutivo_actual + 1))
    assert sorted(Pago.objects.values_list("numero", flat=True)) == list(
        range(1, Consecutivo.objects.get(nombre="recibo_caja").ultimo + 1)
    )
    assert Egreso.objects.exists()
    for f in Factura.objects.annotate(aplicado=Sum("aplicaciones__valor"))[:300]:
        assert f.saldo == f.total - (f.aplicado or 0)
    assert AplicacionPago.objects.count() == Pago.objects.count()
    with pytest.raises(CommandError, match="Ya hay datos generados"):
        call_command("generar_datos", "--terceros", "40", stdout=StringIO())


def test_pqrs_take_a_block_of_the_years_counter_so_a_filing_afterwards_gets_the_next_radicado():
    from pqrs.models import Pqrs
    from pqrs.selectors_gestion import hoy_colombia
    from pqrs.services import pqrs_radicar

    call_command("generar_datos", "--terceros", "20", "--facturas", "40", "--pqrs", "30", stdout=StringIO())
    anio = hoy_colombia().year
    radicados = sorted(Pqrs.objects.values_list("radicado", flat=True))
    assert radicados == [f"PQRS-{anio}-{n:06d}" for n in range(1, 31)]
    assert set(Pqrs.objects.values_list("tercero__codigo_cliente", flat=True)) <= {
        f"GD-{i}" for i in range(20)
    }
    assert Pqrs.objects.filter(fecha_limite__lt=hoy_colombia()).exists()
    assert Pqrs.objects.filter(fecha_limite__gte=hoy_colombia()).exists()
    tercero = Tercero.objects.get(codigo_cliente="GD-0")
    nueva = pqrs_radicar(
        tercero=tercero, clasificacion="peticion", asunto="pagos", descripcion="¿Y mi recibo?", actor=None
    )
    assert nueva.radicado == f"PQRS-{anio}-000031"
    assert not Pqrs.objects.filter(recibida_en__gt=timezone.now()).exists()
