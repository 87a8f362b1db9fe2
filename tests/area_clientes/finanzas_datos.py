"""A small world for the portal finance tests: a tenant, an owner, their invoices, payments and payouts."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from facturacion.models import Factura, ResolucionFacturacion, TipoFactura
from facturacion.services import factura_arriendo_emitir
from pagos.models import Egreso, MetodoPago, Pago
from pagos.services import egreso_confirmar, egreso_liquidar, pago_registrar
from terceros.models import Contrato, Tercero
from tests.factories import ClienteFactory, ContratoFactory, PropiedadFactory, StaffFactory
from tests.facturacion.datos import resolucion


@dataclass
class Mundo:
    inquilino: Tercero
    propietario: Tercero
    contrato: Contrato
    octubre: Factura
    noviembre: Factura
    pago: Pago
    egreso: Egreso
    comision: Factura


def crear_mundo() -> Mundo:
    if not ResolucionFacturacion.objects.filter(activa=True).exists():
        resolucion()
    staff = StaffFactory()
    inquilino = ClienteFactory(es_inquilino=True)
    propietario = ClienteFactory(es_inquilino=False, es_propietario=True)
    contrato = ContratoFactory(
        inquilino=inquilino,
        propiedad=PropiedadFactory(propietarios=[propietario]),
        canon=Decimal("1200000"),
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2027, 1, 1),
    )
    octubre, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 10, 1))
    noviembre, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 11, 1))
    pago = pago_registrar(
        tercero=inquilino,
        valor=Decimal("1200000"),
        metodo=MetodoPago.TRANSFERENCIA,
        facturas=[octubre],
        fecha=date(2026, 10, 4),
        referencia="BANCO-778",
        actor=staff,
    )
    (egreso,) = egreso_liquidar(
        contrato=contrato, periodo=date(2026, 10, 1), fecha=date(2026, 10, 8), actor=staff
    )
    egreso = egreso_confirmar(egreso=egreso, fecha_pago=date(2026, 10, 10), actor=staff)
    comision = Factura.objects.get(tipo=TipoFactura.COMISION, tercero=propietario)
    octubre.refresh_from_db()
    noviembre.refresh_from_db()
    return Mundo(inquilino, propietario, contrato, octubre, noviembre, pago, egreso, comision)
