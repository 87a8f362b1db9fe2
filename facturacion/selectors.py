"""Reads of invoices, always scoped (portal: to one tercero)."""

from datetime import date

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from facturacion.models import (
    CERO,
    EstadoFactura,
    EstadoVisible,
    Factura,
    ResolucionFacturacion,
    TipoFactura,
    hoy,
)
from nucleo.selectores import uno_o_404
from terceros.models import Tercero
from terceros.selectors import tercero_coincide

TIPOS_INQUILINO = (TipoFactura.ARRENDAMIENTO, TipoFactura.OTRO)
TIPOS_PROPIETARIO = (TipoFactura.COMISION,)
CAMPOS_LISTA = (
    "tipo",
    "numero",
    "consecutivo",
    "tercero_id",
    "descripcion",
    "fecha_emision",
    "fecha_vencimiento",
    "total",
    "saldo",
    "estado",
)


def facturas_de(
    *, tercero: Tercero, tipos: tuple[str, ...] | None = None, estado: str = "", anio: int | None = None
) -> QuerySet[Factura]:
    """A client's invoices (annulled ones hidden), with the derived state, newest first."""
    qs = Factura.objects.vigentes().filter(tercero=tercero).con_estado_visible()
    if tipos:
        qs = qs.filter(tipo__in=tipos)
    if estado in EstadoVisible.values:
        qs = qs.por_estado_visible(estado)
    if anio:
        qs = qs.filter(fecha_emision__year=anio)
    return qs.only(*CAMPOS_LISTA).order_by("-fecha_emision", "-consecutivo")


def factura_del_cliente(*, tercero: Tercero, pk: int) -> Factura:
    """One of the client's own invoices, or 404 (someone else's id answers 404, never 403)."""
    return uno_o_404(
        Factura.objects.vigentes().select_related("resolucion", "tercero", "contrato__propiedad"),
        pk=pk,
        tercero=tercero,
    )


def anios_de_facturas(*, tercero: Tercero, tipos: tuple[str, ...]) -> list[int]:
    return list(
        Factura.objects.vigentes()
        .filter(tercero=tercero, tipo__in=tipos)
        .annotate(anio=ExtractYear("fecha_emision"))
        .values_list("anio", flat=True)
        .distinct()
        .order_by("-anio")
    )


def saldo_pendiente(*, tercero: Tercero, tipos: tuple[str, ...] = TIPOS_INQUILINO) -> dict:
    """Pending balance and how much of it is overdue."""
    totales = Factura.objects.filter(
        tercero=tercero, tipo__in=tipos, estado=EstadoFactura.FACTURADA
    ).aggregate(
        pendiente=Sum("saldo", default=CERO),
        vencido=Sum("saldo", filter=Q(fecha_vencimiento__lt=hoy()), default=CERO),
    )
    return {"saldo": totales["pendiente"], "vencido": totales["vencido"]}


def factura_proxima(*, tercero: Tercero, tipos: tuple[str, ...] = TIPOS_INQUILINO) -> Factura | None:
    """The client's pending invoice that falls due first, if any."""
    return (
        Factura.objects.pendientes()
        .filter(tercero=tercero, tipo__in=tipos)
        .order_by("fecha_vencimiento", "consecutivo")
        .first()
    )


def facturas_gestion(
    *, estado: str = "", tipo: str = "", buscar: str = "", periodo: date | None = None, vencidas: bool = False
) -> QuerySet[Factura]:
    """Back-office invoice list with its filters."""
    qs = Factura.objects.con_estado_visible().select_related("tercero")
    if estado in EstadoVisible.values:
        qs = qs.por_estado_visible(estado)
    if vencidas:
        qs = qs.vencidas()
    if tipo in TipoFactura.values:
        qs = qs.filter(tipo=tipo)
    if periodo:
        qs = qs.filter(periodo=periodo)
    buscar = buscar.strip()
    if buscar:
        qs = qs.filter(Q(numero__iexact=buscar) | tercero_coincide(q=buscar))
    return qs.order_by("-fecha_emision", "-consecutivo")


def factura_gestion(*, pk: int) -> Factura:
    return uno_o_404(
        Factura.objects.select_related("resolucion", "tercero", "contrato__propiedad", "creada_por"), pk=pk
    )


def resoluciones() -> QuerySet[ResolucionFacturacion]:
    return ResolucionFacturacion.objects.all()
