"""Registering money received: applied oldest first, balances fall, Pagada at zero; bad input refused."""

from datetime import date
from decimal import Decimal

import pytest

from facturacion.models import EstadoFactura, Factura
from facturacion.services import FacturacionError, factura_anular
from nucleo.models import EventoAuditoria
from pagos.models import MetodoPago, Pago
from pagos.services import PagosError, pago_registrar
from tests.factories import TerceroFactory
from tests.facturacion.datos import factura, resolucion

pytestmark = pytest.mark.django_db


@pytest.fixture
def dos_facturas():
    resolucion()
    t = TerceroFactory()
    vieja = factura(t, emision=date(2026, 9, 1), vence=date(2026, 9, 5))
    nueva = factura(t, emision=date(2026, 10, 1), vence=date(2026, 10, 5))
    return t, vieja, nueva


def _pagar(t, facturas, valor, staff):
    return pago_registrar(
        tercero=t,
        valor=Decimal(valor),
        metodo=MetodoPago.TRANSFERENCIA,
        facturas=facturas,
        referencia="TRX-1",
        actor=staff,
    )


def test_a_partial_payment_reduces_the_balance(dos_facturas, staff):
    t, vieja, _nueva = dos_facturas
    pago = _pagar(t, [vieja], "500000", staff)
    vieja.refresh_from_db()
    assert vieja.saldo == Decimal("700000")
    assert vieja.estado == EstadoFactura.FACTURADA
    assert pago.numero == 1
    assert pago.registrado_por == staff
    assert EventoAuditoria.objects.filter(accion="pago.registrar", objeto_id=str(pago.pk)).exists()


def test_a_payment_is_applied_oldest_due_first_and_marks_paid(dos_facturas, staff):
    t, vieja, nueva = dos_facturas
    pago = _pagar(t, [nueva, vieja], "1500000", staff)
    vieja.refresh_from_db()
    nueva.refresh_from_db()
    assert (vieja.estado, vieja.saldo) == (EstadoFactura.PAGADA, Decimal("0"))
    assert (nueva.estado, nueva.saldo) == (EstadoFactura.FACTURADA, Decimal("900000"))
    assert sorted(pago.aplicaciones.values_list("valor", flat=True)) == [
        Decimal("300000"),
        Decimal("1200000"),
    ]


def test_receipts_are_numbered_in_sequence(dos_facturas, staff):
    t, vieja, nueva = dos_facturas
    assert _pagar(t, [vieja], "1000", staff).codigo == "RC-1"
    assert _pagar(t, [nueva], "1000", staff).codigo == "RC-2"


def test_it_refuses_more_than_the_balance(dos_facturas, staff):
    t, vieja, _ = dos_facturas
    with pytest.raises(PagosError, match="supera el saldo"):
        _pagar(t, [vieja], "1200001", staff)
    assert not Pago.objects.exists()


def test_it_refuses_someone_elses_invoice(dos_facturas, staff):
    _t, vieja, _ = dos_facturas
    with pytest.raises(PagosError, match="no es de este tercero"):
        _pagar(TerceroFactory(), [vieja], "1000", staff)


def test_it_refuses_a_paid_or_annulled_invoice(dos_facturas, staff):
    t, vieja, nueva = dos_facturas
    _pagar(t, [vieja], "1200000", staff)
    with pytest.raises(PagosError, match="no está pendiente"):
        _pagar(t, [vieja], "1", staff)
    factura_anular(factura=nueva, motivo="Duplicada por error", actor=staff)
    with pytest.raises(PagosError, match="no está pendiente"):
        _pagar(t, [nueva], "1", staff)


def test_an_invoice_with_payments_cannot_be_annulled(dos_facturas, staff):
    t, vieja, _ = dos_facturas
    _pagar(t, [vieja], "1000", staff)
    with pytest.raises(FacturacionError, match="tiene pagos aplicados"):
        factura_anular(factura=vieja, motivo="Intento", actor=staff)
    assert Factura.objects.get(pk=vieja.pk).estado == EstadoFactura.FACTURADA


def test_annulling_needs_a_reason(dos_facturas, staff):
    _t, vieja, _ = dos_facturas
    with pytest.raises(FacturacionError, match="motivo"):
        factura_anular(factura=vieja, motivo="  ", actor=staff)


def test_vencida_is_derived_from_the_due_date(dos_facturas, staff):
    t, vieja, nueva = dos_facturas
    hoy = date(2026, 10, 3)
    assert list(Factura.objects.vencidas(a_la_fecha=hoy)) == [vieja]
    anotadas = {f.pk: f.estado_visible for f in Factura.objects.con_estado_visible(a_la_fecha=hoy)}
    assert anotadas == {vieja.pk: "vencida", nueva.pk: "facturada"}
    assert list(Factura.objects.por_estado_visible("facturada", a_la_fecha=hoy)) == [nueva]
    _pagar(t, [vieja], "1200000", staff)
    assert not Factura.objects.vencidas(a_la_fecha=hoy).exists()
    assert Factura.objects.get(pk=vieja.pk).estado_visible == "pagada"
