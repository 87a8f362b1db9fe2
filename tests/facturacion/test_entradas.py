"""Invoice screens: hostile months, VAT choices, amounts past the column, Colombian money."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from facturacion.models import Factura
from tests.factories import TerceroFactory
from tests.facturacion.datos import clave_del_formulario, resolucion

pytestmark = pytest.mark.django_db
NUEVA = reverse("facturacion:factura_nueva")


@pytest.fixture
def listo(entidad):
    hoy = timezone.localdate()
    resolucion(vigente_desde=hoy - timedelta(days=30), vigente_hasta=hoy + timedelta(days=300))
    return TerceroFactory(numero_documento="43555666")


def _factura(tercero, **items):
    hoy = timezone.localdate()
    return {
        "tercero": str(tercero.pk),
        "tipo": "otro",
        "descripcion": "Lo que escribí",
        "fecha_emision": hoy.isoformat(),
        "fecha_vencimiento": (hoy + timedelta(days=10)).isoformat(),
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-descripcion": "Avalúo",
        "items-0-cantidad": "1",
        "items-0-valor_unitario": "500000",
        "items-0-iva_porcentaje": "19",
        **{f"items-0-{k}": v for k, v in items.items()},
    }


@pytest.mark.parametrize("periodo", ["99999999999999999999-01", "0000-01", "2026-13", "2026-²", "٢٠٢٦-01"])
@pytest.mark.parametrize("pagina", ["facturacion:facturas", "pagos:egresos"])
def test_a_month_that_cannot_be_a_month_is_explained(staff_client, pagina, periodo):
    # A 20-digit year overflowed date() with OverflowError, which MesField did not catch.
    r = staff_client.get(reverse(pagina), {"periodo": periodo})
    assert r.status_code == 200
    assert "Escriba el mes como AAAA-MM" in r.content.decode()


def test_a_vat_that_is_not_a_choice_is_a_field_error(staff_client, listo):
    # Decimal('abc') raises InvalidOperation, which TypedChoiceField's coerce does not catch.
    r = staff_client.post(NUEVA, _factura(listo, iva_porcentaje="abc"))
    assert r.status_code == 200
    assert "Escoja una opción válida" in r.content.decode()
    assert "Lo que escribí" in r.content.decode()
    assert not Factura.objects.exists()


def test_a_line_past_the_column_size_is_refused_next_to_the_value(staff_client, listo):
    # 99,999,999.99 times 999,999,999,999.99 overflowed DECIMAL(14, 2): DataError, 500.
    r = staff_client.post(NUEVA, _factura(listo, cantidad="99999999.99", valor_unitario="999999999999.99"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "supera el máximo de una factura" in html
    assert 'value="99999999.99"' in html
    assert not Factura.objects.exists()


def test_lines_that_fit_but_add_up_past_the_column_are_refused(staff_client, listo):
    datos = _factura(listo, valor_unitario="600.000.000.000", iva_porcentaje="0")
    datos.update(
        {
            "items-TOTAL_FORMS": "2",
            "items-1-descripcion": "Otro",
            "items-1-cantidad": "1",
            "items-1-valor_unitario": "600.000.000.000",
            "items-1-iva_porcentaje": "0",
            "clave_idempotencia": clave_del_formulario(staff_client.get(NUEVA)),
        }
    )
    r = staff_client.post(NUEVA, datos)
    assert r.status_code == 200
    assert "divídala en varias facturas" in r.content.decode()
    assert not Factura.objects.exists()


def test_a_unit_value_typed_the_colombian_way_is_read(staff_client, listo):
    datos = _factura(listo, valor_unitario="$ 1.300.000,50", iva_porcentaje="0")
    datos["clave_idempotencia"] = clave_del_formulario(staff_client.get(NUEVA))
    r = staff_client.post(NUEVA, datos)
    assert r.status_code == 302
    item = Factura.objects.get().items.get()
    assert item.valor_unitario == Decimal("1300000.50")
    assert item.subtotal == Decimal("1300001")  # whole pesos


def test_a_huge_posted_item_count_builds_at_most_twenty_items(staff_client, listo):
    # Django caps a formset at max_num + 1,000 by default: TOTAL_FORMS = 10^30 built 1,020 forms.
    datos = _factura(listo)
    datos["items-TOTAL_FORMS"] = "1" + "0" * 30
    r = staff_client.post(NUEVA, datos)
    assert r.status_code == 200
    assert len(r.context["items"].forms) == 20
    assert "Lo que escribí" in r.content.decode()
    assert not Factura.objects.exists()
