"""Payments: Colombian money in the form, a receipt search that is not a number."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pagos.models import Pago
from tests.factories import TerceroFactory
from tests.facturacion.datos import clave_del_formulario, factura, resolucion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("buscar", ["RC-²", "²", "٣", "RC-" + "9" * 30, "a\x00b"])
def test_a_receipt_search_that_is_not_ascii_digits_answers(staff_client, buscar):
    # 'RC-²': '²'.isdigit() said yes and int() raised ValueError.
    assert staff_client.get(reverse("pagos:pagos"), {"buscar": buscar}).status_code == 200


def test_a_payment_typed_the_colombian_way_is_recorded(staff_client, entidad):
    hoy = timezone.localdate()
    resolucion(vigente_desde=hoy - timedelta(days=30), vigente_hasta=hoy + timedelta(days=300))
    t = TerceroFactory(numero_documento="43555666")
    f = factura(t, valor=Decimal("2000000"), emision=hoy - timedelta(days=5), vence=hoy)
    datos = {
        "tercero": str(t.pk),
        "facturas": [str(f.pk)],
        "valor": "$ 1.300.000,50",
        "metodo": "efectivo",
        "fecha": hoy.isoformat(),
        "clave_idempotencia": clave_del_formulario(
            staff_client.get(reverse("pagos:pago_nuevo"), {"tercero": t.pk})
        ),
    }
    r = staff_client.post(reverse("pagos:pago_nuevo"), datos)
    assert r.status_code == 302
    assert Pago.objects.get().valor == Decimal("1300000.50")


def test_a_payment_with_a_bad_amount_keeps_what_was_typed(staff_client, entidad):
    hoy = timezone.localdate()
    resolucion(vigente_desde=hoy - timedelta(days=30), vigente_hasta=hoy + timedelta(days=300))
    t = TerceroFactory(numero_documento="43555666")
    f = factura(t, emision=hoy - timedelta(days=5), vence=hoy)
    datos = {
        "tercero": str(t.pk),
        "facturas": [str(f.pk)],
        "valor": "1,300,000",
        "metodo": "efectivo",
        "fecha": hoy.isoformat(),
        "referencia": "Consignación 77",
    }
    r = staff_client.post(reverse("pagos:pago_nuevo"), datos)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Escriba el valor en pesos, por ejemplo 1.300.000" in html
    assert 'value="1,300,000"' in html
    assert 'value="Consignación 77"' in html
    assert not Pago.objects.exists()
