"""Reads of invoices, always scoped (portal: to one tercero)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum, Window
from django.db.models.functions import ExtractYear

from facturacion.models import (
    CERO,
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
    *,
    tercero: Tercero,
    tipos: tuple[str, ...] | None = None,
    estado: str = "",
    anio: int | None = None,
    a_la_fecha: date | None = None,
) -> QuerySet[Factura]:
    """A client's invoices (annulled ones hidden), with the derived state, newest first."""
    qs = Factura.objects.vigentes().filter(tercero=tercero).con_estado_visible(a_la_fecha=a_la_fecha)
    if tipos:
        qs = qs.filter(tipo__in=tipos)
    if estado in EstadoVisible.values:
        qs = qs.por_estado_visible(estado, a_la_fecha=a_la_fecha)
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


@dataclass(frozen=True)
class ConteoFacturas:
    """A client's invoices counted by year of issue and visible state, from one GROUP BY.

    It gives the list both its year filter and its row count (the paginator's COUNT) in one
    query; a few rows (years by states) whatever the history.
    """

    por_anio_estado: dict[tuple[int, str], int]

    @property
    def anios(self) -> list[int]:
        return sorted({anio for anio, _estado in self.por_anio_estado}, reverse=True)

    def total(self, *, estado: str = "", anio: int | None = None) -> int:
        """Rows `facturas_de` returns for the same filters (an unknown estado filters nothing)."""
        return sum(
            n
            for (a, e), n in self.por_anio_estado.items()
            if (not anio or a == anio) and (estado not in EstadoVisible.values or e == estado)
        )


def facturas_conteo(
    *, tercero: Tercero, tipos: tuple[str, ...], a_la_fecha: date | None = None
) -> ConteoFacturas:
    filas = (
        Factura.objects.vigentes()
        .filter(tercero=tercero, tipo__in=tipos)
        .con_estado_visible(a_la_fecha=a_la_fecha)
        .annotate(anio=ExtractYear("fecha_emision"))
        .values("anio", "estado_calculado")
        .annotate(n=Count("id"))
        .order_by()
    )
    return ConteoFacturas({(f["anio"], f["estado_calculado"]): f["n"] for f in filas})


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
    """Pending balance, how much of it is overdue, and the pending invoice due first (`proxima`).

    One query: the first pending invoice carries both sums as window aggregates over all the
    pending ones (computed before the LIMIT). No pending invoice: no row, zero balances.
    """
    proxima = (
        Factura.objects.pendientes()
        .filter(tercero=tercero, tipo__in=tipos)
        .annotate(
            pendiente_total=Window(Sum("saldo")),
            vencido_total=Window(Sum("saldo", filter=Q(fecha_vencimiento__lt=hoy()))),
        )
        .order_by("fecha_vencimiento", "consecutivo")
        .first()
    )
    if proxima is None:
        return {"saldo": CERO, "vencido": CERO, "proxima": None}
    return {"saldo": proxima.pendiente_total, "vencido": proxima.vencido_total or CERO, "proxima": proxima}


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
