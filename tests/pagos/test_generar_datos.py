"""generar_datos: a consistent synthetic data set (numbering gap-free, balances add up), refused twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

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
