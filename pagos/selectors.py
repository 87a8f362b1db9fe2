"""Reads of payments, payouts and the account statement, always scoped."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from facturacion.models import CERO, Factura
from nucleo.entrada import entero_o_none
from nucleo.formato import pesos
from nucleo.selectores import uno_o_404
from pagos.models import AplicacionPago, Egreso, EstadoEgreso, EstadoPago, MetodoPago, Pago
from terceros.models import Tercero
from terceros.selectors import tercero_coincide


def _con_facturas(qs: QuerySet[Pago]) -> QuerySet[Pago]:
    return qs.prefetch_related(
        Prefetch(
            "aplicaciones",
            queryset=AplicacionPago.objects.select_related("factura").only(
                "pago_id", "valor", "factura__numero", "factura__descripcion"
            ),
        )
    )


def pagos_de(*, tercero: Tercero, anio: int | None = None) -> QuerySet[Pago]:
    """A client's receipts, newest first, with the invoices each paid.

    Annulled receipts stay listed (marked): the client may hold the PDF and should read it was reversed.
    """
    qs = Pago.objects.filter(tercero=tercero)
    if anio:
        qs = qs.filter(fecha__year=anio)
    return _con_facturas(qs.order_by("-fecha", "-numero"))


def pago_del_cliente(*, tercero: Tercero, pk: int) -> Pago:
    return uno_o_404(Pago.objects.select_related("tercero"), pk=pk, tercero=tercero)


def anios_de_pagos(*, tercero: Tercero) -> list[int]:
    return list(
        Pago.objects.filter(tercero=tercero)
        .annotate(anio=ExtractYear("fecha"))
        .values_list("anio", flat=True)
        .distinct()
        .order_by("-anio")
    )


def _pagados_a(tercero: Tercero) -> QuerySet[Egreso]:
    """What a portal owner may see of payouts: their own once confirmed, and those later annulled
    (they had a voucher, so they read it was annulled); drafts never."""
    return Egreso.objects.filter(propietario=tercero, numero__isnull=False).exclude(
        estado=EstadoEgreso.BORRADOR
    )


def egresos_de(*, tercero: Tercero, anio: int | None = None) -> QuerySet[Egreso]:
    """An owner's confirmed payouts (the 'historial de ingresos'), newest first."""
    qs = _pagados_a(tercero).select_related("propiedad")
    if anio:
        qs = qs.filter(fecha_pago__year=anio)
    return qs.order_by("-fecha_pago", "-numero")


def egreso_del_cliente(*, tercero: Tercero, pk: int) -> Egreso:
    return uno_o_404(
        _pagados_a(tercero).select_related("propiedad", "contrato", "propietario", "factura_comision"), pk=pk
    )


def anios_de_egresos(*, tercero: Tercero) -> list[int]:
    return list(
        _pagados_a(tercero)
        .annotate(anio=ExtractYear("fecha_pago"))
        .values_list("anio", flat=True)
        .distinct()
        .order_by("-anio")
    )


def ingresos_por_mes(*, tercero: Tercero, anio: int) -> list[Decimal]:
    """Net paid to the owner in each month of the year (12 values), for the chart."""
    filas = (
        _pagados_a(tercero)
        .filter(estado=EstadoEgreso.CONFIRMADO, fecha_pago__year=anio)
        .annotate(mes=ExtractMonth("fecha_pago"))
        .values("mes")
        .annotate(neto=Sum("neto"))
    )
    meses = [CERO] * 12
    for fila in filas:
        meses[fila["mes"] - 1] = fila["neto"]
    return meses


def ultimos_pagos(*, tercero: Tercero, cantidad: int = 3) -> list[Pago]:
    return list(
        Pago.objects.filter(tercero=tercero, estado=EstadoPago.VIGENTE)
        .exclude(metodo=MetodoPago.CRUCE)
        .order_by("-fecha", "-numero")[:cantidad]
    )


def ultimos_egresos(*, tercero: Tercero, cantidad: int = 3) -> list[Egreso]:
    return list(egresos_de(tercero=tercero).filter(estado=EstadoEgreso.CONFIRMADO)[:cantidad])


@dataclass
class Movimiento:
    fecha: date
    documento: str
    descripcion: str
    cargo: Decimal
    abono: Decimal
    saldo: Decimal = CERO
    factura_id: int | None = None
    pago_id: int | None = None


@dataclass
class EstadoCuenta:
    anio: int
    saldo_inicial: Decimal
    movimientos: list[Movimiento]
    total_cargos: Decimal
    total_abonos: Decimal
    saldo_final: Decimal


def estado_cuenta(*, tercero: Tercero, anio: int) -> EstadoCuenta:
    """Every charge (non-annulled invoice) and payment (non-annulled receipt) of one year, in date order,
    with the running balance.

    Four queries whatever the history: two sums for the opening balance, two lists for the year.
    """
    inicio = date(anio, 1, 1)
    facturas = Factura.objects.vigentes().filter(tercero=tercero)
    pagos = Pago.objects.filter(tercero=tercero, estado=EstadoPago.VIGENTE)
    cargos_previos = facturas.filter(fecha_emision__lt=inicio).aggregate(t=Sum("total", default=CERO))["t"]
    abonos_previos = pagos.filter(fecha__lt=inicio).aggregate(t=Sum("valor", default=CERO))["t"]
    movimientos = [
        Movimiento(
            fecha=f["fecha_emision"],
            documento=f["numero"],
            descripcion=f["descripcion"],
            cargo=f["total"],
            abono=CERO,
            factura_id=f["pk"],
        )
        for f in facturas.filter(fecha_emision__year=anio).values(
            "pk", "numero", "descripcion", "fecha_emision", "total", "consecutivo"
        )
    ]
    for p in pagos.filter(fecha__year=anio).values(
        "pk", "numero", "fecha", "valor", "metodo", "referencia", "saldo_a_favor"
    ):
        metodo = MetodoPago(p["metodo"]).label
        # An online payment no invoice could fully take: the client's credit shows in the statement.
        a_favor = (
            " — " + _("saldo a favor %(valor)s") % {"valor": pesos(p["saldo_a_favor"])}
            if p["saldo_a_favor"]
            else ""
        )
        movimientos.append(
            Movimiento(
                fecha=p["fecha"],
                documento=f"RC-{p['numero']}",
                descripcion=_("Pago — %(metodo)s") % {"metodo": metodo}
                + (f" ({p['referencia']})" if p["referencia"] else "")
                + a_favor,
                cargo=CERO,
                abono=p["valor"],
                pago_id=p["pk"],
            )
        )
    # Same day: the charge before the payment that settles it.
    movimientos.sort(key=lambda m: (m.fecha, m.pago_id is not None, m.documento))
    saldo = cargos_previos - abonos_previos
    saldo_inicial = saldo
    for m in movimientos:
        saldo += m.cargo - m.abono
        m.saldo = saldo
    return EstadoCuenta(
        anio=anio,
        saldo_inicial=saldo_inicial,
        movimientos=movimientos,
        total_cargos=sum((m.cargo for m in movimientos), CERO),
        total_abonos=sum((m.abono for m in movimientos), CERO),
        saldo_final=saldo,
    )


def anios_de_cuenta(*, tercero: Tercero) -> list[int]:
    """Years with a charge or a payment, newest first (one query)."""
    # `order_by()` drops the models' default ordering: SQLite refuses ORDER BY inside a UNION's parts.
    cargos = (
        Factura.objects.vigentes()
        .filter(tercero=tercero)
        .annotate(anio=ExtractYear("fecha_emision"))
        .order_by()
        .values_list("anio", flat=True)
    )
    abonos = (
        Pago.objects.filter(tercero=tercero, estado=EstadoPago.VIGENTE)
        .annotate(anio=ExtractYear("fecha"))
        .order_by()
        .values_list("anio", flat=True)
    )
    return sorted(cargos.union(abonos), reverse=True)


def pagos_gestion(*, buscar: str = "", metodo: str = "", saldo_a_favor: bool = False) -> QuerySet[Pago]:
    qs = _con_facturas(Pago.objects.select_related("tercero", "registrado_por"))
    if metodo in MetodoPago.values:
        qs = qs.filter(metodo=metodo)
    if saldo_a_favor:
        qs = qs.filter(saldo_a_favor__gt=0)
    buscar = buscar.strip()
    if buscar:
        numero = entero_o_none(buscar.upper().removeprefix("RC-"), maximo=2**31 - 1)
        qs = qs.filter(
            tercero_coincide(q=buscar)
            | Q(referencia__iexact=buscar)
            | (Q(numero=numero) if numero is not None else Q(pk__in=[]))
        )
    return qs.order_by("-fecha", "-numero")


def pago_gestion(*, pk: int) -> Pago:
    return uno_o_404(_con_facturas(Pago.objects.select_related("tercero", "registrado_por")), pk=pk)


def egresos_gestion(*, estado: str = "", buscar: str = "", periodo: date | None = None) -> QuerySet[Egreso]:
    qs = Egreso.objects.select_related("propietario", "propiedad", "contrato")
    if estado in EstadoEgreso.values:
        qs = qs.filter(estado=estado)
    if periodo:
        qs = qs.filter(periodo=periodo)
    buscar = buscar.strip()
    if buscar:
        qs = qs.filter(tercero_coincide(q=buscar, via="propietario") | Q(contrato__numero__iexact=buscar))
    return qs.order_by("estado", "-periodo", "-pk")


def egreso_gestion(*, pk: int) -> Egreso:
    return uno_o_404(
        Egreso.objects.select_related(
            "propietario", "propiedad", "contrato", "factura_comision", "confirmado_por", "creado_por"
        ),
        pk=pk,
    )


def aplicaciones_de_factura(*, factura: Factura) -> QuerySet[AplicacionPago]:
    """The payments applied to one invoice (reversed ones included), oldest first."""
    return factura.aplicaciones.select_related("pago").order_by("pago__fecha")


def factura_en_liquidacion(*, factura: Factura) -> bool:
    """Whether a live owner payout carries this commission invoice."""
    return factura.egresos_comision.exclude(estado=EstadoEgreso.ANULADO).exists()


# --- online payments ----------------------------------------------------------


def transacciones_del_tercero(tercero):
    """The tercero's online attempts, newest first (portal)."""
    from pagos.models import TransaccionPasarela

    return (
        TransaccionPasarela.objects.filter(tercero=tercero)
        .select_related("pago")
        .prefetch_related("items__factura")
        .order_by("-creada_en", "-pk")
    )


def transaccion_del_tercero_o_404(tercero, referencia: str):
    from nucleo.selectores import uno_o_404

    return uno_o_404(transacciones_del_tercero(tercero), referencia=referencia)


def transaccion_pendiente_por_factura(facturas) -> dict:
    """{factura_id: the PENDIENTE attempt paying it} for the given invoices (one query)."""
    from pagos.models import EstadoTransaccion, TransaccionFactura

    items = TransaccionFactura.objects.filter(
        factura__in=list(facturas), transaccion__estado=EstadoTransaccion.PENDIENTE
    ).select_related("transaccion")
    return {item.factura_id: item.transaccion for item in items}


def transacciones_lista(filtros: dict | None = None):
    """Staff list: every attempt with its tercero; filters estado, pasarela, texto (reference,
    document, name, gateway id), desde/hasta (dates)."""
    from django.db.models import Q

    from pagos.models import TransaccionPasarela

    filtros = filtros or {}
    qs = TransaccionPasarela.objects.select_related("tercero", "pago").prefetch_related("items__factura")
    if filtros.get("estado"):
        qs = qs.filter(estado=filtros["estado"])
    if filtros.get("pasarela"):
        qs = qs.filter(pasarela=filtros["pasarela"])
    if filtros.get("tercero"):
        qs = qs.filter(tercero=filtros["tercero"])
    if filtros.get("desde"):
        qs = qs.filter(creada_en__date__gte=filtros["desde"])
    if filtros.get("hasta"):
        qs = qs.filter(creada_en__date__lte=filtros["hasta"])
    texto = (filtros.get("texto") or "").strip()
    if texto:
        qs = qs.filter(
            Q(referencia__icontains=texto)
            | Q(id_externo__icontains=texto)
            | Q(tercero__numero_documento__icontains=texto)
            | Q(tercero__nombres__icontains=texto)
            | Q(tercero__razon_social__icontains=texto)
        )
    return qs.order_by("-creada_en", "-pk")


def eventos_de_transaccion(transaccion):
    from pagos.models import EventoPasarela

    return EventoPasarela.objects.filter(transaccion=transaccion).order_by("-recibido_en", "-pk")
