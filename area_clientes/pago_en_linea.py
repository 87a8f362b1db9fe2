"""Portal reads and helpers for online payment: whether it is on, the client's own transactions.

Every read is scoped to the logged-in Tercero; someone else's invoice or reference answers 404.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from facturacion.models import EstadoFactura, Factura
from facturacion.selectors import TIPOS_INQUILINO
from pagos.models import EstadoTransaccion, TransaccionPasarela
from pagos.pasarelas import pasarela_activa
from pagos.pasarelas.base import PasarelaBase
from pagos.selectors import (
    transaccion_del_tercero_o_404,
    transaccion_pendiente_por_factura,
    transacciones_del_tercero,
)
from terceros.models import Tercero

# The return page polls; the gateway is asked at most once per transaction in this window.
CONSULTA_CADA = timedelta(seconds=30)


def pasarela_habilitada() -> PasarelaBase | None:
    """The agency's active gateway when online payment is on (credentials complete), else None.

    The simulated gateway needs no credentials, so `make run` and the demo have online payment.
    """
    pasarela = pasarela_activa()
    return pasarela if pasarela.credenciales_completas() else None


def url_publica(nombre: str, *args) -> str:
    """An absolute URL on the site's public address (what the gateway calls or sends the browser to)."""
    return settings.SITE_URL.rstrip("/") + reverse(nombre, args=args)


def facturas_pagables(*, tercero: Tercero) -> QuerySet[Factura]:
    """The client's own pending rent/other invoices, oldest due first."""
    return (
        Factura.objects.filter(tercero=tercero, tipo__in=TIPOS_INQUILINO, estado=EstadoFactura.FACTURADA)
        .select_related("contrato__propiedad")
        .order_by("fecha_vencimiento", "consecutivo")
    )


def facturas_para_pagar(*, tercero: Tercero, ids: list[int]) -> list[Factura]:
    """The client's invoices with these ids (any state but annulled), or 404 if one is not theirs."""
    facturas = list(
        Factura.objects.vigentes()
        .filter(tercero=tercero, tipo__in=TIPOS_INQUILINO, pk__in=ids)
        .select_related("contrato__propiedad")
        .order_by("fecha_vencimiento", "consecutivo")
    )
    if not ids or len(facturas) != len(set(ids)):
        raise Http404
    return facturas


def pendientes_por_factura(facturas) -> dict[int, TransaccionPasarela]:
    """{invoice id: its PENDIENTE transaction} for the invoices shown (one query); each invoice also
    gets it as `transaccion_pendiente` for the templates."""
    facturas = list(facturas)
    pendientes = transaccion_pendiente_por_factura(facturas) if facturas else {}
    for factura in facturas:
        factura.transaccion_pendiente = pendientes.get(factura.pk)
    return pendientes


def transaccion_del_cliente(*, tercero: Tercero, referencia: str) -> TransaccionPasarela:
    return transaccion_del_tercero_o_404(tercero, referencia)


def transaccion_pendiente_del_cliente(*, tercero: Tercero) -> TransaccionPasarela | None:
    """The client's most recent payment still in verification (dashboard: amount and reference).

    Without the list's join and prefetch: the dashboard shows two fields, on every visit.
    """
    return (
        transacciones_del_tercero(tercero)
        .select_related(None)
        .prefetch_related(None)
        .filter(estado=EstadoTransaccion.PENDIENTE)
        .only("tercero_id", "referencia", "valor", "creada_en")
        .order_by("-creada_en", "-pk")
        .first()
    )
