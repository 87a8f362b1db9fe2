"""What tenants and owners read on their finance pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from facturacion.services import factura_anular
from pagos.models import MetodoPago, Pago
from tests.area_clientes.finanzas_datos import crear_mundo
from tests.factories import EntidadFactory
from tests.facturacion.datos import texto_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def mundo():
    EntidadFactory()
    return crear_mundo()


def test_the_tenant_reads_invoices_with_state_and_amounts(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    html = client.get(reverse("area_clientes:facturas")).content.decode()
    assert "Factura de Arrendamiento" in html
    assert mundo.octubre.numero in html
    assert mundo.noviembre.numero in html
    assert "$ 1.200.000" in html
    assert "Pagada" in html
    assert "Vencida" in html  # November's rent was due on the 5th; today is later
    # Online payment (the simulated gateway by default): offered on the pending invoice only;
    # tests/area_clientes/test_pago_en_linea.py has the rest.
    assert html.count("Realizar pago de la factura") == 1


def test_the_state_filter_narrows_the_list(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    html = client.get(reverse("area_clientes:facturas"), {"estado": "pagada"}).content.decode()
    assert mundo.octubre.numero in html
    assert mundo.noviembre.numero not in html
    html = client.get(reverse("area_clientes:facturas"), {"anio": "2025"}).content.decode()
    assert mundo.octubre.numero not in html
    assert "Aún no tienes facturas" in html


def test_annulled_invoices_are_hidden_from_the_client(client, mundo, staff):
    factura_anular(factura=mundo.noviembre, motivo="Emitida por error", actor=staff)
    client.force_login(mundo.inquilino.usuario)
    assert mundo.noviembre.numero not in client.get(reverse("area_clientes:facturas")).content.decode()
    assert client.get(reverse("area_clientes:factura_pdf", args=[mundo.noviembre.pk])).status_code == 404


def test_the_payment_history_links_receipts(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    html = client.get(reverse("area_clientes:pagos")).content.decode()
    assert mundo.pago.codigo in html
    assert reverse("area_clientes:recibo_pdf", args=[mundo.pago.pk]) in html
    texto = texto_pdf(client.get(reverse("area_clientes:recibo_pdf", args=[mundo.pago.pk])).content)
    assert mundo.pago.codigo in texto
    assert "UN MILLÓN DOSCIENTOS MIL PESOS M/CTE" in texto
    assert mundo.octubre.numero in texto


def test_the_owner_reads_commissions_and_payouts_with_a_chart(client, mundo):
    client.force_login(mundo.propietario.usuario)
    html = client.get(reverse("area_clientes:comisiones")).content.decode()
    assert mundo.comision.numero in html
    assert "$ 142.800" in html  # 10 % of 1.200.000 + 19 % IVA
    html = client.get(reverse("area_clientes:ingresos")).content.decode()
    assert mundo.egreso.codigo in html
    assert "$ 1.057.200" in html
    assert 'id="datos-ingresos"' in html
    assert "js/ingresos.js" in html
    assert "<script>" not in html  # CSP: no inline scripts
    texto = texto_pdf(client.get(reverse("area_clientes:egreso_pdf", args=[mundo.egreso.pk])).content)
    assert "COMPROBANTE DE EGRESO" in texto
    assert "$ 1.057.200" in texto
    assert "UN MILLÓN CINCUENTA Y SIETE MIL DOSCIENTOS PESOS M/CTE" in texto


def test_the_statement_adds_up(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    r = client.get(reverse("area_clientes:estado_cuenta"), {"anio": 2026})
    cuenta = r.context["cuenta"]
    assert [m.documento for m in cuenta.movimientos] == [
        mundo.octubre.numero,
        mundo.pago.codigo,
        mundo.noviembre.numero,
    ]
    assert [m.saldo for m in cuenta.movimientos] == [Decimal("1200000"), Decimal("0"), Decimal("1200000")]
    assert cuenta.saldo_final == sum(f.saldo for f in mundo.inquilino.facturas.exclude(estado="anulada"))
    texto = texto_pdf(client.get(reverse("area_clientes:estado_cuenta_pdf"), {"anio": 2026}).content)
    assert "ESTADO DE CUENTA" in texto
    assert mundo.pago.codigo in texto
    assert "$ 1.200.000" in texto


def test_the_statement_carries_the_previous_years_balance(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    cuenta = client.get(reverse("area_clientes:estado_cuenta"), {"anio": 2027}).context["cuenta"]
    assert cuenta.saldo_inicial == Decimal("1200000")
    assert cuenta.movimientos == []
    assert cuenta.saldo_final == Decimal("1200000")
    assert date.today().year in client.get(reverse("area_clientes:estado_cuenta")).context["anios"]


def test_the_statement_offers_a_year_with_only_payments(client, mundo):
    # An advance paid in December 2025 for the 2026 rent: 2025 has a payment and no invoice.
    Pago.objects.create(
        numero=9001,
        tercero=mundo.inquilino,
        fecha=date(2025, 12, 20),
        valor=Decimal("300000"),
        metodo=MetodoPago.EFECTIVO,
    )
    client.force_login(mundo.inquilino.usuario)
    r = client.get(reverse("area_clientes:estado_cuenta"), {"anio": 2026})
    assert 2025 in r.context["anios"]
    assert '<option value="2025"' in r.content.decode()
