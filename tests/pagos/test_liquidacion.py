"""Monthly run and owner payouts: idempotent rent invoices, commission + IVA, net, confirmation."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from facturacion.models import EstadoFactura, Factura, TipoFactura
from pagos.models import Egreso, EstadoEgreso, MetodoPago, Pago
from pagos.services import PagosError, egreso_confirmar, egreso_liquidar, pago_registrar
from terceros.models import EstadoContrato
from tests.factories import ContratoFactory, PropiedadFactory, TerceroFactory
from tests.facturacion.datos import resolucion

pytestmark = pytest.mark.django_db


@pytest.fixture
def contrato():
    resolucion()
    dueno = TerceroFactory(es_propietario=True, es_inquilino=False)
    return ContratoFactory(
        propiedad=PropiedadFactory(propietarios=[dueno]),
        canon=Decimal("1800000"),
        comision_porcentaje=Decimal("10"),
        dia_vencimiento=5,
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2027, 1, 1),
    )


def _correr(periodo="2026-10"):
    salida = StringIO()
    call_command("facturar_arriendos", "--periodo", periodo, stdout=salida)
    return salida.getvalue()


def test_it_issues_rent_once_per_contract_and_period(contrato):
    ContratoFactory(estado=EstadoContrato.TERMINADO)
    salida = _correr()
    assert "1 emitidas, 0 ya existían" in salida
    assert "1 ya existían" in _correr()
    rentas = Factura.objects.filter(tipo=TipoFactura.ARRENDAMIENTO)
    assert rentas.count() == 1
    renta = rentas.get()
    assert (renta.tercero, renta.total, renta.periodo) == (
        contrato.inquilino,
        Decimal("1800000"),
        date(2026, 10, 1),
    )
    assert renta.fecha_vencimiento == date(2026, 10, 5)
    assert "octubre 2026" in renta.descripcion


def test_it_skips_contracts_outside_their_dates(contrato):
    assert "0 emitidas" in _correr("2027-02")


def test_a_bad_period_is_refused_clearly(contrato):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="AAAA-MM"):
        _correr("octubre")


def test_paid_rent_is_settled_with_commission_iva_and_net(contrato, staff):
    _correr()
    renta = Factura.objects.get(tipo=TipoFactura.ARRENDAMIENTO)
    assert "0 egresos" in _correr()  # unpaid: nothing to settle yet
    pago_registrar(
        tercero=renta.tercero, valor=renta.total, metodo=MetodoPago.EFECTIVO, facturas=[renta], actor=staff
    )
    assert "1 egresos en borrador, 1 facturas de comisión" in _correr()
    assert "0 egresos" in _correr()  # idempotent
    egreso = Egreso.objects.get()
    assert egreso.canon_recaudado == Decimal("1800000")
    assert egreso.comision == Decimal("180000")
    assert egreso.iva_comision == Decimal("34200")
    assert egreso.neto == Decimal("1585800")
    assert egreso.estado == EstadoEgreso.BORRADOR
    comision = egreso.factura_comision
    assert (comision.tipo, comision.tercero, comision.total) == (
        TipoFactura.COMISION,
        egreso.propietario,
        Decimal("214200"),
    )
    assert (comision.fecha_vencimiento - comision.fecha_emision).days == 10


def test_confirming_numbers_the_voucher_and_settles_the_commission(contrato, staff):
    _correr()
    renta = Factura.objects.get(tipo=TipoFactura.ARRENDAMIENTO)
    pago_registrar(
        tercero=renta.tercero, valor=renta.total, metodo=MetodoPago.EFECTIVO, facturas=[renta], actor=staff
    )
    (egreso,) = egreso_liquidar(
        contrato=contrato,
        periodo=date(2026, 10, 1),
        otros_descuentos=Decimal("85000"),
        descripcion_descuentos="Reparación grifo",
    )
    assert egreso.neto == Decimal("1800000") - Decimal("180000") - Decimal("34200") - Decimal("85000")
    egreso = egreso_confirmar(egreso=egreso, fecha_pago=date(2026, 10, 12), actor=staff)
    assert egreso.codigo == "CE-1"
    assert egreso.confirmado_por == staff
    comision = Factura.objects.get(pk=egreso.factura_comision_id)
    assert comision.estado == EstadoFactura.PAGADA
    cruce = Pago.objects.get(metodo=MetodoPago.CRUCE)
    assert (cruce.tercero, cruce.valor, cruce.referencia) == (egreso.propietario, Decimal("214200"), "CE-1")
    with pytest.raises(PagosError, match="ya fue confirmado"):
        egreso_confirmar(egreso=egreso, fecha_pago=date(2026, 10, 12), actor=staff)


def test_a_partial_collection_can_be_settled_by_hand(contrato, staff):
    _correr()
    renta = Factura.objects.get(tipo=TipoFactura.ARRENDAMIENTO)
    pago_registrar(
        tercero=renta.tercero,
        valor=Decimal("1000000"),
        metodo=MetodoPago.EFECTIVO,
        facturas=[renta],
        actor=staff,
    )
    (egreso,) = egreso_liquidar(contrato=contrato, periodo=date(2026, 10, 1), actor=staff)
    assert egreso.canon_recaudado == Decimal("1000000")
    with pytest.raises(PagosError, match="ya tiene liquidación"):
        egreso_liquidar(contrato=contrato, periodo=date(2026, 10, 1), actor=staff)


def test_nothing_collected_cannot_be_settled(contrato):
    with pytest.raises(PagosError, match="No hay canon recaudado"):
        egreso_liquidar(contrato=contrato, periodo=date(2026, 10, 1))


def test_shared_ownership_splits_the_payout(staff):
    resolucion()
    a, b = TerceroFactory(es_propietario=True), TerceroFactory(es_propietario=True)
    contrato = ContratoFactory(propiedad=PropiedadFactory(propietarios=[a, b]), canon=Decimal("1500001"))
    _correr()
    renta = Factura.objects.get(tipo=TipoFactura.ARRENDAMIENTO)
    pago_registrar(
        tercero=renta.tercero, valor=renta.total, metodo=MetodoPago.EFECTIVO, facturas=[renta], actor=staff
    )
    egresos = egreso_liquidar(contrato=contrato, periodo=date(2026, 10, 1))
    assert {e.propietario for e in egresos} == {a, b}
    assert sum(e.canon_recaudado for e in egresos) == Decimal("1500001")


def test_deductions_larger_than_collected_are_refused(contrato, staff):
    _correr()
    renta = Factura.objects.get(tipo=TipoFactura.ARRENDAMIENTO)
    pago_registrar(
        tercero=renta.tercero, valor=renta.total, metodo=MetodoPago.EFECTIVO, facturas=[renta], actor=staff
    )
    with pytest.raises(PagosError, match="negativo"):
        egreso_liquidar(contrato=contrato, periodo=date(2026, 10, 1), otros_descuentos=Decimal("2000000"))
    assert not Egreso.objects.exists()
    assert not Factura.objects.filter(tipo=TipoFactura.COMISION).exists()


def test_an_exhausted_range_is_reported_per_contract_and_the_run_goes_on(contrato):
    from django.core.management.base import CommandError

    from facturacion.models import ResolucionFacturacion

    ResolucionFacturacion.objects.update(desde=1000, hasta=1001)
    otros = [
        ContratoFactory(fecha_inicio=date(2026, 1, 1), fecha_fin=date(2027, 1, 1), numero=f"C-90{i}")
        for i in range(2)
    ]
    salida, errores = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 operaciones rechazadas") as fallo:
        call_command("facturar_arriendos", "--periodo", "2026-10", stdout=salida, stderr=errores)
    assert fallo.value.returncode == 1
    assert "2 emitidas, 0 ya existían, 1 rechazadas." in salida.getvalue()
    # The liquidation step still ran after the refusal.
    assert "Liquidaciones a propietarios: 0 egresos" in salida.getvalue()
    assert errores.getvalue().splitlines() == [
        f"Contrato {otros[1].numero} 2026-10: Se agotó la numeración de la resolución 18764000000001 "
        "(hasta FV-1001). Registre una nueva resolución."
    ]
    assert Factura.objects.filter(contrato__in=[contrato, otros[0]]).count() == 2
