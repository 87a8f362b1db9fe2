"""Invariant 8: finance pages run the same number of queries for 10 or 1,000 records, and paginate."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facturacion.models import EstadoFactura, Factura, TipoFactura
from pagos.models import AplicacionPago, Egreso, EstadoEgreso, MetodoPago, Pago
from tests.factories import ClienteFactory, ContratoFactory, EntidadFactory, PropiedadFactory
from tests.facturacion.datos import resolucion

pytestmark = pytest.mark.django_db

PAGINAS = [
    "area_clientes:inicio",
    "area_clientes:facturas",
    "area_clientes:pagos",
    "area_clientes:comisiones",
    "area_clientes:ingresos",
    "area_clientes:estado_cuenta",
]


def _historial(tercero, contrato, n, res, *, desde=0):
    """n invoices (every other one paid with its own receipt) and n payouts, in bulk."""
    facturas, pagos, egresos = [], [], []
    for i in range(desde, desde + n):
        dia = date(2026, 1, 1) + timedelta(days=i % 300)
        pagada = i % 2 == 0
        facturas.append(
            Factura(
                tipo=TipoFactura.ARRENDAMIENTO if i % 3 else TipoFactura.COMISION,
                numero=f"FV-{res.desde + i}",
                resolucion=res,
                consecutivo=res.desde + i,
                tercero=tercero,
                contrato=contrato,
                periodo=date(2000 + i // 12, i % 12 + 1, 1),
                descripcion=f"Canon {i}",
                fecha_emision=dia,
                fecha_vencimiento=dia + timedelta(days=5),
                subtotal=Decimal("1000000"),
                iva=Decimal("0"),
                total=Decimal("1000000"),
                saldo=Decimal("0") if pagada else Decimal("1000000"),
                estado=EstadoFactura.PAGADA if pagada else EstadoFactura.FACTURADA,
            )
        )
        pagos.append(
            Pago(
                numero=100000 + i,
                tercero=tercero,
                fecha=dia,
                valor=Decimal("1000000"),
                metodo=MetodoPago.EFECTIVO,
            )
        )
        egresos.append(
            Egreso(
                numero=100000 + i,
                propietario=tercero,
                contrato=contrato,
                propiedad=contrato.propiedad,
                periodo=date(2000 + i // 12, i % 12 + 1, 1),
                canon_recaudado=Decimal("1000000"),
                comision_porcentaje=10,
                comision=Decimal("100000"),
                iva_comision=Decimal("19000"),
                neto=Decimal("881000"),
                estado=EstadoEgreso.CONFIRMADO,
                fecha_pago=dia,
            )
        )
    Factura.objects.bulk_create(facturas)
    Pago.objects.bulk_create(pagos)
    AplicacionPago.objects.bulk_create(
        AplicacionPago(pago=p, factura=f, valor=Decimal("1000000"))
        for p, f in zip(pagos, facturas, strict=True)
        if f.estado == EstadoFactura.PAGADA
    )
    Egreso.objects.bulk_create(egresos)


def _consultas(client, nombre):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(reverse(nombre))
    assert r.status_code == 200, nombre
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_history(client):
    EntidadFactory()
    res = resolucion(desde=1, hasta=10_000_000)
    cliente = ClienteFactory(es_inquilino=True, es_propietario=True)
    contrato = ContratoFactory(inquilino=cliente, propiedad=PropiedadFactory(propietarios=[cliente]))
    client.force_login(cliente.usuario)
    _historial(cliente, contrato, 10, res)
    con_10 = {n: _consultas(client, n) for n in PAGINAS}
    _historial(cliente, contrato, 990, res, desde=10)
    assert Factura.objects.filter(tercero=cliente).count() == 1000
    con_1000 = {n: _consultas(client, n) for n in PAGINAS}
    assert con_10 == con_1000
    assert max(con_1000.values()) <= 16


def test_lists_are_paginated(client):
    EntidadFactory()
    res = resolucion(desde=1, hasta=10_000_000)
    cliente = ClienteFactory(es_inquilino=True, es_propietario=True)
    contrato = ContratoFactory(inquilino=cliente, propiedad=PropiedadFactory(propietarios=[cliente]))
    _historial(cliente, contrato, 45, res)
    client.force_login(cliente.usuario)
    r = client.get(reverse("area_clientes:facturas"))
    assert len(r.context["pagina"].object_list) == 20
    assert "Página 1 de 2" in r.content.decode()  # 30 rent invoices (15 are commissions)
    r = client.get(reverse("area_clientes:pagos"), {"pagina": 3})
    assert len(r.context["pagina"].object_list) == 5
